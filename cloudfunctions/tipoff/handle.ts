/**
 * Supervisors handle tip-offs within their region: list, read, accept, close, reply, transfer. A
 * tip-off is visible to a supervisor whose region is in its scope and whom it does not name; to anyone
 * else it does not exist (NOT_FOUND). Every step is versioned: two supervisors acting at once, one wins.
 */

import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { transition } from '../../miniprogram/shared/declaration-machine';
import { normalizeRegionCode, regionAncestry } from '../../miniprogram/shared/region';
import type { TipoffDetail, TipoffListResponse } from '../../typings/api';
import { byIds } from '../_shared/db/bulk';
import type { Database, Transaction } from '../_shared/db/database';
import { pageOf } from '../_shared/db/paging';
import { PROJECTS, type ProjectDoc } from '../_shared/domain/catalogue';
import { type Calendar, NO_CALENDAR, storedDue } from '../_shared/domain/deadlines';
import { moved, saveMove } from '../_shared/domain/declaration-moves';
import { DECLARATIONS, type DeclarationDoc } from '../_shared/domain/declarations';
import { loadCalendar } from '../_shared/domain/holiday-calendar';
import { regionById, regionNames } from '../_shared/domain/regions';
import { canSee, supervisorGrants, visibleTo } from '../_shared/domain/scope';
import { TIPOFF_DAYS, TIPOFFS, type TipoffDoc, type TipoffEventRecord } from '../_shared/domain/tipoffs';
import { queueNotice } from '../_shared/ports/notify';
import { type Caller, USERS, type UserRecord } from '../_shared/runtime/caller';
import { tempFileURLs } from '../_shared/runtime/cloud';
import { conflict, invalid, notFound, precondition } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { docId, labelled, page, pageSize, regionCode } from '../_shared/runtime/schemas';
import { detailView, summaryView } from './views';

function unitOf(caller: Caller, t: TipoffDoc): string {
  const grant = supervisorGrants(caller).find((g) => t.scopeCodes.includes(g.regionCode));
  return grant?.unit ?? '纪检监察机关';
}

async function names(db: Database, t: TipoffDoc[]) {
  const region = await regionNames(
    db,
    t.map((x) => x.regionCode),
  );
  const codes = [...new Set(t.map((x) => x.projectCode).filter((c): c is string => Boolean(c)))];
  const { data: projects } = codes.length
    ? await db
        .collection<ProjectDoc>(PROJECTS)
        .where({ code: db.command.in(codes) })
        .limit(100)
        .get()
    : { data: [] as ProjectDoc[] };
  return {
    region,
    project: new Map(projects.map((p) => [p.code, p.name])),
  };
}

export const list: ActionDef<'tipoff', 'list'> = {
  access: ['supervisor'],
  input: z.object({
    status: labelled(z.optional(z.enum(['submitted', 'accepted', 'closed', 'replied'])), '办理状态'),
    kind: labelled(z.optional(z.enum(['publicity', 'payment', 'conduct', 'other'])), '举报类别'),
    overdueOnly: labelled(z.optional(z.boolean()), '只看超期'),
    page: page(),
    pageSize: pageSize(),
  }),
  async handler(ctx, input): Promise<TipoffListResponse> {
    const where = visibleTo(ctx.db, ctx.caller);
    if (input.status) where.status = input.status;
    if (input.kind) where.kind = input.kind;
    if (input.overdueOnly) where.dueAt = ctx.db.command.lt(ctx.now);
    const { data, ...paging } = await pageOf<TipoffDoc>(
      ctx.db,
      TIPOFFS,
      where,
      [['createdAt', 'desc']],
      input,
    );
    const n = await names(ctx.db, data);
    return {
      items: data.map((t) =>
        summaryView(
          t,
          n.region.get(t.regionCode) ?? t.regionCode,
          t.projectCode ? (n.project.get(t.projectCode) ?? null) : null,
          ctx.now,
        ),
      ),
      ...paging,
    };
  },
};

async function visible(ctx: ActionContext, id: string): Promise<TipoffDoc> {
  const { data } = await ctx.db.collection<TipoffDoc>(TIPOFFS).where({ _id: id }).limit(1).get();
  const t = data[0];
  // Another county's tip-off, or one naming the caller, does not exist for them.
  if (!t || !canSee(ctx.caller, t)) throw notFound('没有找到这件举报');
  return t;
}

async function toDetail(ctx: ActionContext, t: TipoffDoc): Promise<TipoffDetail> {
  const n = await names(ctx.db, [t]);
  const summary = summaryView(
    t,
    n.region.get(t.regionCode) ?? t.regionCode,
    t.projectCode ? (n.project.get(t.projectCode) ?? null) : null,
    ctx.now,
  );
  let reporter: TipoffDetail['reporter'] = null;
  const ids = [
    ...new Set([...(t.reporterUserId ? [t.reporterUserId] : []), ...t.events.map((e) => e.actorId)]),
  ];
  const people = await byIds<UserRecord>(
    ctx.db,
    USERS,
    ids.filter((id) => id.startsWith('u')),
  );
  const byId = new Map(people.map((u) => [u._id, u]));
  if (!t.anonymous && t.reporterUserId) {
    const u = byId.get(t.reporterUserId);
    reporter = { maskedName: u?.nameMasked ?? '', mobile: u?.mobileMasked ?? '' };
  }
  const urls = await tempFileURLs(t.attachments.map((a) => a.fileID));
  const actorNames = new Map(
    people.filter((u) => u._id !== t.reporterUserId).map((u) => [u._id, u.nameMasked ?? '']),
  );
  return detailView(t, summary, reporter, urls, actorNames);
}

export const detail: ActionDef<'tipoff', 'detail'> = {
  access: ['supervisor'],
  input: z.object({ tipoffId: docId('举报') }),
  async handler(ctx, input): Promise<TipoffDetail> {
    return toDetail(ctx, await visible(ctx, input.tipoffId));
  },
};

interface Step {
  action: 'accept' | 'reply' | 'close' | 'transfer';
  from: TipoffDoc['status'][];
  /** The step sets a working-day deadline: the calendar is read beside the tip-off. */
  counts?: boolean;
  apply(t: TipoffDoc, unit: string, tx: Transaction, calendar: Calendar): Promise<Partial<TipoffDoc>>;
  notice?: (t: TipoffDoc) => { title: string; body: string } | null;
  detail: Record<string, unknown>;
}

const act = { tipoffId: docId('举报'), version: labelled(z.int().check(z.gte(1)), '版本') };

async function step(ctx: ActionContext, id: string, version: number, s: Step): Promise<TipoffDetail> {
  const [seen, calendar] = await Promise.all([
    visible(ctx, id),
    s.counts ? loadCalendar(ctx.db, ctx.now) : NO_CALENDAR,
  ]);
  const unit = unitOf(ctx.caller, seen);
  const next = await ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<TipoffDoc>(TIPOFFS).doc(id);
    const { data: t } = await ref.get();
    if (t.version !== version) throw conflict('这件举报已被他人处理，请刷新后查看');
    if (!s.from.includes(t.status)) throw precondition('这件举报当前不能进行此操作');
    const changes = await s.apply(t, unit, tx, calendar);
    const updated: TipoffDoc = { ...t, ...changes, version: t.version + 1, updatedAt: ctx.now };
    const { _id, ...rest } = updated;
    await ref.set({ data: rest });
    const notice = s.notice?.(updated);
    const reporterHousehold =
      notice && !t.anonymous && t.reporterUserId ? await householdOf(tx, t.reporterUserId) : null;
    if (notice && reporterHousehold) {
      await queueNotice(
        tx,
        `n${randomUUID().replace(/-/g, '')}`,
        {
          householdId: reporterHousehold,
          kind: 'tipoff',
          ...notice,
          page: `/pages/tipoff/track?code=${t.code}`,
        },
        ctx.now,
      );
    }
    await ctx.auditIn(tx, {
      action: `tipoff.${s.action}`,
      actorId: ctx.caller.user?._id ?? '',
      actorRole: 'supervisor',
      targetType: 'tipoff',
      targetId: t._id,
      detail: { from: t.status, to: updated.status, ...s.detail },
    });
    return updated;
  });
  return toDetail(ctx, next);
}

async function householdOf(tx: Transaction, userId: string): Promise<string | null> {
  const { data } = await tx.collection<UserRecord>(USERS).doc(userId).get();
  return data?.householdId ?? null;
}

function event(
  ctx: ActionContext,
  e: TipoffEventRecord['event'],
  unit: string,
  text: string | null,
): TipoffEventRecord {
  return { event: e, at: ctx.now, unit, actorId: ctx.caller.user?._id ?? '', text };
}

export const accept: ActionDef<'tipoff', 'accept'> = {
  access: ['supervisor'],
  input: z.object(act),
  handler: (ctx, input) =>
    step(ctx, input.tipoffId, input.version, {
      action: 'accept',
      from: ['submitted'],
      detail: {},
      apply: async (t, unit) => ({
        status: 'accepted',
        dueAt: null,
        dueProvisional: null,
        events: [...t.events, event(ctx, 'accepted', unit, null)],
      }),
      notice: (t) => ({ title: '举报已受理', body: `查询码${t.code}，已受理，正在核查` }),
    }),
};

export const close: ActionDef<'tipoff', 'close'> = {
  access: ['supervisor'],
  input: z.object({
    ...act,
    conclusion: labelled(z.string().check(z.trim(), z.minLength(5), z.maxLength(2000)), '办结情况'),
    objectionUpheld: labelled(z.optional(z.boolean()), '异议是否属实'),
  }),
  handler: (ctx, input) =>
    step(ctx, input.tipoffId, input.version, {
      action: 'close',
      from: ['accepted'],
      detail: { objectionUpheld: input.objectionUpheld ?? null },
      counts: true,
      async apply(t, unit, tx, calendar) {
        if (t.declarationId) await clearObjection(ctx, tx, t, input.objectionUpheld, unit, calendar);
        return {
          status: 'closed',
          conclusion: input.conclusion,
          // The reply is due 15 working days after closing.
          ...storedDue(calendar, ctx.now, TIPOFF_DAYS, true),
          events: [...t.events, event(ctx, 'closed', unit, input.conclusion)],
        };
      },
    }),
};

/** An objection to a public list is settled with the tip-off: founded → rejected, unfounded → notice resumes. */
async function clearObjection(
  ctx: ActionContext,
  tx: Transaction,
  t: TipoffDoc,
  upheld: boolean | undefined,
  unit: string,
  calendar: Calendar,
): Promise<void> {
  const ref = tx.collection<DeclarationDoc>(DECLARATIONS).doc(t.declarationId ?? '');
  const { data: current } = await ref.get();
  if (current.status !== 'objection_hold') return;
  if (upheld === undefined) throw invalid('请说明公示异议是否属实');
  const to = transition(current, { type: 'objection_cleared', upheld });
  if (!to.ok) throw precondition(to.reason);
  const opinion = upheld ? '公示异议经核查属实，不予通过' : '公示异议经核查不属实，恢复公示';
  const next = moved(
    current,
    to,
    ctx.now,
    {
      stage: 'publicity',
      event: upheld ? 'rejected' : 'objection',
      unit,
      actorId: ctx.caller.user?._id ?? '',
      actorMaskedName: '',
      at: ctx.now,
      opinion,
    },
    calendar,
  );
  await saveMove(tx, current, next, ctx.now, opinion);
}

export const reply: ActionDef<'tipoff', 'reply'> = {
  access: ['supervisor'],
  input: z.object({
    ...act,
    reply: labelled(z.string().check(z.trim(), z.minLength(5), z.maxLength(2000)), '答复内容'),
  }),
  handler: (ctx, input) =>
    step(ctx, input.tipoffId, input.version, {
      action: 'reply',
      from: ['closed'],
      detail: {},
      apply: async (t, unit) => ({
        status: 'replied',
        reply: input.reply,
        rating: null,
        dueAt: null,
        dueProvisional: null,
        events: [...t.events, event(ctx, 'replied', unit, input.reply)],
      }),
      notice: (t) => ({ title: '举报已答复', body: `查询码${t.code}，已答复，请查看并评价` }),
    }),
};

export const transfer: ActionDef<'tipoff', 'transfer'> = {
  access: ['supervisor'],
  input: z.object({
    ...act,
    regionCode: regionCode('转办至'),
    reason: labelled(z.string().check(z.trim(), z.minLength(2), z.maxLength(200)), '转办理由'),
  }),
  async handler(ctx, input): Promise<TipoffDetail> {
    const target = normalizeRegionCode(input.regionCode) ?? '';
    if (!(await regionById(ctx.db, target))) throw notFound('没有找到转办的地区');
    return step(ctx, input.tipoffId, input.version, {
      action: 'transfer',
      from: ['submitted', 'accepted'],
      detail: { to: target, reason: input.reason },
      async apply(t, unit) {
        // A tip-off about a supervisor stays with the level above them.
        if (t.escalated) throw precondition('涉及纪检监察人员的举报由上级纪检监察机关直接办理，不能转办');
        return {
          regionCode: target,
          scopeCodes: regionAncestry(target),
          events: [...t.events, event(ctx, 'transferred', unit, input.reason)],
        };
      },
    });
  },
};
