/**
 * 超期督办: overdue approval stages and tip-offs in the supervisor's region, grouped by the unit that
 * owes them (a village committee, a township government, a county department, a 纪委监委), and the
 * 约谈 held with those units' heads, with their follow-up.
 */

import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { maskName } from '../../miniprogram/shared/mask';
import { parentRegionCode, regionAncestry, regionLevel, regionWithin } from '../../miniprogram/shared/region';
import type {
  InterviewsResponse,
  InterviewView,
  OverdueItem,
  OverdueResponse,
  OverdueUnit,
} from '../../typings/api';
import type { Doc } from '../_shared/db/database';
import { pageOf } from '../_shared/db/paging';
import { PROJECTS, type ProjectDoc } from '../_shared/domain/catalogue';
import { DECLARATIONS, type DeclarationDoc } from '../_shared/domain/declarations';
import { regionNames } from '../_shared/domain/regions';
import { inRegion, regionFor, supervisorGrants, visibleTo } from '../_shared/domain/scope';
import { TIPOFFS, type TipoffDoc } from '../_shared/domain/tipoffs';
import { seal } from '../_shared/runtime/crypto';
import { conflict, invalid, notFound } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { docId, labelled, page, pageSize, regionCode } from '../_shared/runtime/schemas';

const DAY = 86_400_000;
const MAX_ITEMS = 5000;

const days = (due: Date, now: Date) =>
  Math.max(1, Math.floor((now.getTime() - new Date(due).getTime()) / DAY));

function countyOf(code: string): string {
  let c: string | null = code;
  while (c && regionLevel(c) !== 'county' && regionLevel(c) !== 'city') c = parentRegionCode(c);
  return c ?? code;
}

export const overdue: ActionDef<'supervision', 'overdue'> = {
  access: ['supervisor'],
  input: z.object({ regionCode: z.optional(regionCode('地区')) }),
  async handler(ctx, input): Promise<OverdueResponse> {
    const region = regionFor(ctx.caller, input.regionCode);
    const _ = ctx.db.command;
    const [{ data: late }, { data: lateTipoffs }] = await Promise.all([
      ctx.db
        .collection<DeclarationDoc>(DECLARATIONS)
        .where({ status: 'in_review', dueAt: _.lt(ctx.now), villageCode: inRegion(ctx.db, region) })
        .orderBy('dueAt', 'asc')
        .limit(1000)
        .get(),
      ctx.db
        .collection<TipoffDoc>(TIPOFFS)
        .where({ ...visibleTo(ctx.db, ctx.caller), dueAt: _.lt(ctx.now) })
        .orderBy('createdAt', 'desc')
        .limit(1000)
        .get(),
    ]);
    const mine = lateTipoffs.filter((t) => regionWithin(region, t.regionCode));
    const unitCodes = new Set<string>();
    for (const d of late) {
      unitCodes.add(d.villageCode);
      unitCodes.add(`${d.villageCode.slice(0, 9)}000`);
      unitCodes.add(countyOf(d.villageCode));
    }
    for (const t of mine) unitCodes.add(countyOf(t.regionCode));
    const regions = await regionNames(ctx.db, unitCodes);
    const { data: projects } = await ctx.db.collection<ProjectDoc>(PROJECTS).where({}).limit(1000).get();
    const department = new Map(projects.map((p) => [p.code, p.department]));
    const units = new Map<string, OverdueUnit>();
    const add = (key: string, unit: string, code: string, item: OverdueItem) => {
      const u = units.get(key) ?? {
        unitKey: key,
        unit,
        regionCode: code,
        count: 0,
        longestDays: 0,
        items: [],
      };
      u.count += 1;
      u.longestDays = Math.max(u.longestDays, item.overdueDays);
      if (u.items.length < 50) u.items.push(item);
      units.set(key, u);
    };
    for (const d of late.slice(0, MAX_ITEMS)) {
      if (!d.dueAt) continue;
      const level = d.stageLevel;
      const code =
        level === 'village'
          ? d.villageCode
          : level === 'township'
            ? `${d.villageCode.slice(0, 9)}000`
            : countyOf(d.villageCode);
      const name = regions.get(code) ?? code;
      const unit =
        level === 'village'
          ? `${name}${name.endsWith('社区') ? '居民委员会' : '村民委员会'}`
          : level === 'township'
            ? `${name}人民政府`
            : `${name}${department.get(d.projectCode) ?? '主管部门'}`;
      const key = level === 'county' ? `county:${code}:${d.projectCode}` : `${level}:${code}`;
      add(key, unit, code, {
        kind: 'approval',
        id: d._id,
        title: `${d.projectName} · ${d.applicant.nameMasked}`,
        overdueDays: days(d.dueAt, ctx.now),
        dueAt: new Date(d.dueAt).toISOString(),
        dueProvisional: Boolean(d.dueProvisional),
      });
    }
    for (const t of mine) {
      if (!t.dueAt) continue;
      const code = countyOf(t.regionCode);
      add(`tipoff:${code}`, `${regions.get(code) ?? code}纪委监委`, code, {
        kind: 'tipoff',
        id: t._id,
        title: `${t.status === 'submitted' ? '待受理' : '待答复'}举报 ${t.code}`,
        overdueDays: days(t.dueAt, ctx.now),
        dueAt: new Date(t.dueAt).toISOString(),
        dueProvisional: Boolean(t.dueProvisional),
      });
    }
    const sorted = [...units.values()].sort((a, b) => b.longestDays - a.longestDays || b.count - a.count);
    return { units: sorted, total: late.length + mine.length, asOf: ctx.now.toISOString() };
  },
};

export const INTERVIEWS = 'interviews';

interface InterviewDoc extends Doc {
  _id: string;
  unitKey: string;
  unit: string;
  regionCode: string;
  scopeCodes: string[];
  headNameSealed: string;
  headMaskedName: string;
  reason: string;
  heldAt: Date;
  followUp: string | null;
  followUpAt: Date | null;
  recordedBy: string;
  recordedByUnit: string;
  createdAt: Date;
  version: number;
}

function view(i: InterviewDoc): InterviewView {
  return {
    interviewId: i._id,
    unitKey: i.unitKey,
    unit: i.unit,
    regionCode: i.regionCode,
    headMaskedName: i.headMaskedName,
    reason: i.reason,
    heldAt: new Date(i.heldAt).toISOString(),
    followUp: i.followUp,
    followUpAt: i.followUpAt ? new Date(i.followUpAt).toISOString() : null,
    recordedByUnit: i.recordedByUnit,
  };
}

const interviewInput = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('list'),
    regionCode: z.optional(regionCode('地区')),
    page: page(),
    pageSize: pageSize(),
  }),
  z.object({
    op: z.literal('record'),
    unitKey: labelled(z.string().check(z.trim(), z.minLength(3), z.maxLength(80)), '被约谈单位'),
    unit: labelled(z.string().check(z.trim(), z.minLength(2), z.maxLength(80)), '被约谈单位名称'),
    regionCode: regionCode('被约谈单位所在地'),
    headName: labelled(z.string().check(z.trim(), z.minLength(2), z.maxLength(20)), '被约谈负责人'),
    reason: labelled(z.string().check(z.trim(), z.minLength(5), z.maxLength(1000)), '约谈事由'),
    heldAt: labelled(z.iso.datetime({ offset: true }), '约谈时间'),
  }),
  z.object({
    op: z.literal('followUp'),
    interviewId: docId('约谈记录'),
    followUp: labelled(z.string().check(z.trim(), z.minLength(2), z.maxLength(1000)), '整改跟进情况'),
  }),
]);

async function listInterviews(
  ctx: ActionContext,
  region: string,
  p: number,
  size: number,
): Promise<InterviewsResponse> {
  const { data, total } = await pageOf<InterviewDoc>(
    ctx.db,
    INTERVIEWS,
    { scopeCodes: region },
    [['heldAt', 'desc']],
    { page: p, pageSize: size },
  );
  return { items: data.map(view), total };
}

/** 约谈: list, record one, or add its follow-up. */
export const interviews: ActionDef<'supervision', 'interviews'> = {
  access: ['supervisor'],
  input: interviewInput,
  async handler(ctx, input): Promise<InterviewsResponse> {
    if (input.op === 'list') {
      return listInterviews(
        ctx,
        regionFor(ctx.caller, input.regionCode),
        input.page ?? 1,
        input.pageSize ?? 20,
      );
    }
    if (input.op === 'record') {
      const region = regionFor(ctx.caller, input.regionCode);
      const held = new Date(input.heldAt);
      if (held > ctx.now) throw invalid('约谈时间不能晚于现在');
      const grant = supervisorGrants(ctx.caller).find((g) => regionWithin(g.regionCode, region));
      const doc: InterviewDoc = {
        _id: `iv${randomUUID().replace(/-/g, '')}`,
        unitKey: input.unitKey,
        unit: input.unit,
        regionCode: region,
        scopeCodes: regionAncestry(region),
        headNameSealed: seal(input.headName),
        headMaskedName: maskName(input.headName),
        reason: input.reason,
        heldAt: held,
        followUp: null,
        followUpAt: null,
        recordedBy: ctx.caller.user?._id ?? '',
        recordedByUnit: grant?.unit ?? '纪检监察机关',
        createdAt: ctx.now,
        version: 1,
      };
      await ctx.db.collection<InterviewDoc>(INTERVIEWS).add({ data: doc });
      await ctx.audit({
        action: 'supervision.interviews.record',
        targetType: 'interview',
        targetId: doc._id,
        detail: { unitKey: doc.unitKey, region, heldAt: doc.heldAt },
      });
      return { items: [view(doc)], total: 1 };
    }
    const { data } = await ctx.db
      .collection<InterviewDoc>(INTERVIEWS)
      .where({ _id: input.interviewId })
      .limit(1)
      .get();
    const found = data[0];
    const grants = supervisorGrants(ctx.caller);
    if (!found || !grants.some((g) => found.scopeCodes.includes(g.regionCode)))
      throw notFound('没有找到这条约谈记录');
    const { stats } = await ctx.db
      .collection<InterviewDoc>(INTERVIEWS)
      .where({ _id: found._id, version: found.version })
      .update({ data: { followUp: input.followUp, followUpAt: ctx.now, version: found.version + 1 } });
    if (stats.updated !== 1) throw conflict('这条约谈记录刚被他人更新，请刷新后再试');
    await ctx.audit({
      action: 'supervision.interviews.followUp',
      targetType: 'interview',
      targetId: found._id,
      detail: {},
    });
    return {
      items: [view({ ...found, followUp: input.followUp, followUpAt: ctx.now, version: found.version + 1 })],
      total: 1,
    };
  },
};
