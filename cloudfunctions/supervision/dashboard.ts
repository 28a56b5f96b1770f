/**
 * 数据看板: the platform's figures for the caller's region and, one level down, for each county or
 * township, counted by the database (count and group), never by loading rows into the function.
 */
import { z } from 'zod';
import { formatYuan } from '../../miniprogram/shared/money';
import { regionLevel } from '../../miniprogram/shared/region';
import type { DashboardFigures, DashboardResponse } from '../../typings/api';
import { USERS } from '../_shared/caller';
import { PROJECTS, type ProjectDoc } from '../_shared/catalogue';
import { tempFileURLs, uploadFile } from '../_shared/cloud';
import type { Database } from '../_shared/db';
import { REGIONS, type RegionDoc } from '../_shared/people';
import type { ActionDef } from '../_shared/router';
import { regionCode } from '../_shared/schemas';
import { toXlsx } from '../_shared/table-files';
import { TIPOFFS } from '../_shared/tipoffs';
import { DECLARATIONS, OPEN_STATUSES } from '../declaration/model';
import { PAYMENTS } from '../payment/model';
import { ALERTS } from './risk';
import { inRegion, regionFor } from './scope';

/** The year's bounds in Asia/Shanghai. */
function yearRange(year: number): { from: Date; to: Date } {
  return {
    from: new Date(Date.UTC(year, 0, 1) - 8 * 3600_000),
    to: new Date(Date.UTC(year + 1, 0, 1) - 8 * 3600_000),
  };
}

export async function figures(
  db: Database,
  region: string,
  year: number,
  now: Date,
  callerId: string,
  projectNames: Map<string, string>,
): Promise<DashboardFigures> {
  const _ = db.command;
  const $ = db.command.aggregate;
  const village = inRegion(db, region);
  const { from, to } = yearRange(year);
  const submitted = _.and(_.gte(from), _.lt(to));
  const decl = (extra: Record<string, unknown>) =>
    db
      .collection(DECLARATIONS)
      .where({ villageCode: village, submittedAt: submitted, ...extra })
      .count();
  // Tip-offs about the caller are not theirs to count.
  const tip = (extra: Record<string, unknown>) =>
    db
      .collection(TIPOFFS)
      .where({ scopeCodes: region, accusedUserIds: _.nin([callerId]), createdAt: submitted, ...extra })
      .count();
  const [users, received, valid, completed, pending, paid, tipoffs, handled, overdue, alerts] =
    await Promise.all([
      db.collection(USERS).where({ villageCode: village, registered: true }).count(),
      decl({}),
      decl({ valid: true }),
      decl({ status: _.in(['approved', 'rejected']) }),
      decl({ status: _.in([...OPEN_STATUSES]) }),
      db
        .collection(PAYMENTS)
        .aggregate()
        .match({ year, villageCode: village })
        .group({ _id: '$projectCode', count: $.sum(1), amountFen: $.sum('$amountFen') })
        .end(),
      tip({}),
      tip({ status: _.in(['closed', 'replied']) }),
      tip({ dueAt: _.lt(now) }),
      db.collection(ALERTS).where({ scopeCodes: region, status: 'open' }).count(),
    ]);
  const payments = (paid.list as unknown as Array<{ _id: string; count: number; amountFen: number }>)
    .map((g) => ({
      projectCode: g._id,
      projectName: projectNames.get(g._id) ?? g._id,
      count: g.count,
      amountFen: g.amountFen,
    }))
    .sort((a, b) => b.amountFen - a.amountFen);
  return {
    registeredUsers: users.total,
    declarationsReceived: received.total,
    declarationsValid: valid.total,
    approvalsCompleted: completed.total,
    approvalsPending: pending.total,
    payments,
    paymentsCount: payments.reduce((n, p) => n + p.count, 0),
    paymentsFen: payments.reduce((n, p) => n + p.amountFen, 0),
    tipoffsReceived: tipoffs.total,
    tipoffsHandled: handled.total,
    tipoffsOverdue: overdue.total,
    alertsOpen: alerts.total,
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
    regionCode: regionCode('地区').optional(),
    year: z.number().int().min(2000).max(2100).optional().describe('年份'),
    export: z.boolean().optional().describe('导出'),
  }),
  async handler(ctx, input): Promise<DashboardResponse> {
    const region = regionFor(ctx.caller, input.regionCode);
    const year = input.year ?? new Date(ctx.now.getTime() + 8 * 3600_000).getUTCFullYear();
    const me = ctx.caller.user?._id ?? '';
    const [{ data: here }, { data: children }, { data: projects }] = await Promise.all([
      ctx.db.collection<RegionDoc>(REGIONS).where({ _id: region }).limit(1).get(),
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
    const [mine, ...below] = await Promise.all([
      figures(ctx.db, region, year, ctx.now, me, names),
      ...children.map((c) => figures(ctx.db, c.code, year, ctx.now, me, names)),
    ]);
    const regionName = here[0]?.name ?? region;
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
        row(regionName, mine as DashboardFigures),
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
      figures: mine as DashboardFigures,
      breakdown,
      asOf: ctx.now.toISOString(),
      file,
    };
  },
};
