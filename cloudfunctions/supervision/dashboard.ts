/**
 * 数据看板: the platform's figures for the caller's region and, one level down, for each county or
 * township. Users, declarations and payments are summed from the rollup (`stats.ts`) and say when
 * they were counted; tip-offs and alerts are counted live by the database.
 */

import * as z from 'zod/mini';
import { formatYuan } from '../../miniprogram/shared/money';
import { regionLevel, regionWithin } from '../../miniprogram/shared/region';
import { shanghaiYear } from '../../miniprogram/shared/time';
import type { DashboardFigures, DashboardResponse } from '../../typings/api';
import type { Database } from '../_shared/db/database';
import { PROJECTS, type ProjectDoc } from '../_shared/domain/catalogue';
import { REGIONS, type RegionDoc } from '../_shared/domain/households';
import { regionById } from '../_shared/domain/regions';
import { regionFor } from '../_shared/domain/scope';
import { TIPOFFS } from '../_shared/domain/tipoffs';
import {
  REFRESH_BUDGET_MS,
  type RegionStatsDoc,
  recountRegion,
  statsFor,
  yearRange,
} from '../_shared/jobs/region-stats';
import { ALERTS } from '../_shared/jobs/risk-scan';
import { toXlsx } from '../_shared/ports/table-files';
import { tempFileURLs, uploadFile } from '../_shared/runtime/cloud';
import type { ActionDef } from '../_shared/runtime/router';
import { labelled, regionCode } from '../_shared/runtime/schemas';

/** Tip-offs and alerts, counted live: small collections, and a supervisor must never see them late. */
async function liveFigures(db: Database, region: string, year: number, now: Date, callerId: string) {
  const _ = db.command;
  const { from, to } = yearRange(year);
  // Tip-offs about the caller are not theirs to count.
  const tip = (extra: Record<string, unknown>) =>
    db
      .collection(TIPOFFS)
      .where({
        scopeCodes: region,
        accusedUserIds: _.nin([callerId]),
        createdAt: _.and(_.gte(from), _.lt(to)),
        ...extra,
      })
      .count();
  const [tipoffs, handled, overdue, alerts] = await Promise.all([
    tip({}),
    tip({ status: _.in(['closed', 'replied']) }),
    tip({ dueAt: _.lt(now) }),
    db.collection(ALERTS).where({ scopeCodes: region, status: 'open' }).count(),
  ]);
  return {
    tipoffsReceived: tipoffs.total,
    tipoffsHandled: handled.total,
    tipoffsOverdue: overdue.total,
    alertsOpen: alerts.total,
  };
}

/** The precomputed counts of every village inside `region`, summed. */
export function summed(
  stats: RegionStatsDoc[],
  region: string,
  projectNames: Map<string, string>,
): Omit<DashboardFigures, 'tipoffsReceived' | 'tipoffsHandled' | 'tipoffsOverdue' | 'alertsOpen'> {
  let registeredUsers = 0;
  let declarationsReceived = 0;
  let declarationsValid = 0;
  let approvalsCompleted = 0;
  let approvalsPending = 0;
  const byProject = new Map<string, { count: number; amountFen: number }>();
  for (const doc of stats) {
    for (const v of doc.villages) {
      if (!regionWithin(region, v.code)) continue;
      registeredUsers += v.users;
      declarationsReceived += v.received;
      declarationsValid += v.valid;
      approvalsCompleted += v.completed;
      approvalsPending += v.pending;
      for (const p of v.paid) {
        const g = byProject.get(p.projectCode) ?? { count: 0, amountFen: 0 };
        g.count += p.count;
        g.amountFen += p.amountFen;
        byProject.set(p.projectCode, g);
      }
    }
  }
  const payments = [...byProject.entries()]
    .map(([projectCode, g]) => ({
      projectCode,
      projectName: projectNames.get(projectCode) ?? projectCode,
      ...g,
    }))
    .sort((a, b) => b.amountFen - a.amountFen || a.projectCode.localeCompare(b.projectCode));
  return {
    registeredUsers,
    declarationsReceived,
    declarationsValid,
    approvalsCompleted,
    approvalsPending,
    payments,
    paymentsCount: payments.reduce((n, p) => n + p.count, 0),
    paymentsFen: payments.reduce((n, p) => n + p.amountFen, 0),
  };
}

const HEADER = [
  '地区',
  '注册用户',
  '申报受理',
  '有效申报',
  '审批完成',
  '审批中',
  '发放笔数',
  '发放金额（元）',
  '举报受理',
  '举报办结',
  '举报超期',
  '待核查风险',
];
const row = (name: string, f: DashboardFigures) => [
  name,
  String(f.registeredUsers),
  String(f.declarationsReceived),
  String(f.declarationsValid),
  String(f.approvalsCompleted),
  String(f.approvalsPending),
  String(f.paymentsCount),
  formatYuan(f.paymentsFen).replace('元', ''),
  String(f.tipoffsReceived),
  String(f.tipoffsHandled),
  String(f.tipoffsOverdue),
  String(f.alertsOpen),
];

export const dashboard: ActionDef<'supervision', 'dashboard'> = {
  access: ['supervisor'],
  input: z.object({
    regionCode: z.optional(regionCode('地区')),
    year: labelled(z.optional(z.int().check(z.gte(2000), z.lte(2100))), '年份'),
    export: labelled(z.optional(z.boolean()), '导出'),
    refresh: labelled(z.optional(z.boolean()), '重新统计'),
  }),
  async handler(ctx, input): Promise<DashboardResponse> {
    const region = regionFor(ctx.caller, input.regionCode);
    const year = input.year ?? shanghaiYear(ctx.now);
    const me = ctx.caller.user?._id ?? '';
    const [place, { data: children }, { data: projects }] = await Promise.all([
      regionById(ctx.db, region),
      regionLevel(region) === 'village'
        ? Promise.resolve({ data: [] as RegionDoc[] })
        : ctx.db
            .collection<RegionDoc>(REGIONS)
            .where({ parentCode: region })
            .orderBy('code', 'asc')
            .limit(200)
            .get(),
      ctx.db.collection<ProjectDoc>(PROJECTS).where({}).limit(1000).get(),
    ]);
    const names = new Map(projects.map((p) => [p.code, p.name]));
    if (input.refresh) {
      const recount = await recountRegion(ctx.db, region, ctx.now, REFRESH_BUDGET_MS);
      await ctx.audit({
        action: 'supervision.dashboard.refresh',
        targetType: 'region',
        targetId: region,
        detail: recount,
      });
    }
    let stats = await statsFor(ctx.db, region, year);
    if (stats.length === 0 && regionLevel(region) !== 'county' && regionLevel(region) !== 'city') {
      // One township not counted yet (new, or before the first rollup): cheap enough to count now.
      await recountRegion(ctx.db, region, ctx.now);
      stats = await statsFor(ctx.db, region, year);
    }
    const [live, ...liveBelow] = await Promise.all([
      liveFigures(ctx.db, region, year, ctx.now, me),
      ...children.map((c) => liveFigures(ctx.db, c.code, year, ctx.now, me)),
    ]);
    const mine: DashboardFigures = { ...summed(stats, region, names), ...live };
    const below = children.map((c, i) => ({ ...summed(stats, c.code, names), ...liveBelow[i]! }));
    const countedAt = stats.length
      ? new Date(Math.min(...stats.map((d) => new Date(d.computedAt).getTime()))).toISOString()
      : null;
    const regionName = place?.name ?? region;
    const breakdown = children.map((c, i) => ({
      regionCode: c.code,
      regionName: c.name,
      figures: below[i] as DashboardFigures,
    }));
    let file: DashboardResponse['file'] = null;
    if (input.export) {
      const fileName = `数据看板-${regionName}-${year}.xlsx`;
      const content = await toXlsx('数据看板', [
        HEADER,
        row(regionName, mine),
        ...breakdown.map((b) => row(b.regionName, b.figures)),
      ]);
      const fileID = await uploadFile(`exports/dashboard/${ctx.requestId}/${fileName}`, content);
      file = { fileID, url: (await tempFileURLs([fileID])).get(fileID) ?? '', fileName };
      await ctx.audit({
        action: 'supervision.dashboard.export',
        targetType: 'region',
        targetId: region,
        detail: { year, fileID },
      });
    }
    return {
      regionCode: region,
      regionName,
      year,
      figures: mine,
      breakdown,
      asOf: ctx.now.toISOString(),
      countedAt,
      file,
    };
  },
};
