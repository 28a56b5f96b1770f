/** The reporter's side: follow a tip-off by code (and secret), list one's named tip-offs, rate the answer. */
import * as z from 'zod/mini';
import type { TipoffMineResponse, TipoffTrackView } from '../../typings/api';
import { pageOf } from '../_shared/db/paging';
import { secretHash, TIPOFFS, type TipoffDoc } from '../_shared/domain/tipoffs';
import { requireRegistered } from '../_shared/runtime/caller';
import { conflict, notFound, precondition } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { labelled, page, pageSize } from '../_shared/runtime/schemas';
import { ESCALATION_HINT, trackView } from './views';

const code = () =>
  labelled(
    z.pipe(
      z.pipe(
        z.string().check(z.trim()),
        z.transform((s) => s.toUpperCase()),
      ),
      z.string().check(z.regex(/^JB[2-9A-HJKMNP-Z]{10}$/, '查询码应为JB开头的12位字母数字')),
    ),
    '查询码',
  );
const secret = () =>
  labelled(z.optional(z.string().check(z.trim(), z.minLength(8), z.maxLength(40))), '查询密钥');

/** The same answer for a wrong code and a wrong secret: nothing tells which tip-offs exist. */
const NOT_YOURS = '查询码或查询密钥不正确';

async function own(ctx: ActionContext, trackingCode: string, secretText?: string): Promise<TipoffDoc> {
  const { data } = await ctx.db.collection<TipoffDoc>(TIPOFFS).where({ _id: trackingCode }).limit(1).get();
  const t = data[0];
  if (!t) throw notFound(NOT_YOURS);
  if (t.anonymous) {
    if (!secretText || !t.secretHash || secretHash(t.code, secretText) !== t.secretHash)
      throw notFound(NOT_YOURS);
    return t;
  }
  if (!ctx.caller.user || ctx.caller.user._id !== t.reporterUserId) throw notFound(NOT_YOURS);
  return t;
}

export const track: ActionDef<'tipoff', 'track'> = {
  access: 'anyone',
  input: z.object({ trackingCode: code(), secret: secret() }),
  async handler(ctx, input): Promise<TipoffTrackView> {
    return trackView(await own(ctx, input.trackingCode, input.secret));
  },
};

export const mine: ActionDef<'tipoff', 'mine'> = {
  access: 'registered',
  input: z.object({ page: page(), pageSize: pageSize() }),
  async handler(ctx, input): Promise<TipoffMineResponse> {
    const user = requireRegistered(ctx.caller);
    const { data, ...paging } = await pageOf<TipoffDoc>(
      ctx.db,
      TIPOFFS,
      { reporterUserId: user._id },
      [['createdAt', 'desc']],
      input,
    );
    return { items: data.map(trackView), ...paging };
  },
};

/** 评价: satisfied closes the matter; the first dissatisfaction reopens it, the second points elsewhere. */
export const rate: ActionDef<'tipoff', 'rate'> = {
  access: 'anyone',
  input: z.object({
    trackingCode: code(),
    secret: secret(),
    satisfied: labelled(z.boolean(), '是否满意'),
    comment: labelled(z.optional(z.string().check(z.trim(), z.maxLength(500))), '评价意见'),
  }),
  async handler(ctx, input): Promise<TipoffTrackView> {
    const t = await own(ctx, input.trackingCode, input.secret);
    if (t.status !== 'replied' || t.rating !== null) {
      throw precondition(
        t.rating === 'dissatisfied' && t.reopenCount > 0
          ? `已评价过两次。${ESCALATION_HINT}`
          : '答复后才能评价，且每次答复只能评价一次',
      );
    }
    const reopen = !input.satisfied && t.reopenCount === 0;
    const event = {
      event: reopen ? ('reopened' as const) : ('rated' as const),
      at: ctx.now,
      unit: '举报人',
      actorId: t.anonymous ? 'anonymous' : (t.reporterUserId ?? ''),
      text: input.comment ?? (input.satisfied ? '满意' : '不满意'),
    };
    const changes: Partial<TipoffDoc> = reopen
      ? {
          status: 'accepted',
          rating: null,
          reopenCount: 1,
          dueAt: null,
          dueProvisional: null,
          events: [...t.events, event],
        }
      : { rating: input.satisfied ? 'satisfied' : 'dissatisfied', events: [...t.events, event] };
    const entry = ctx.auditEntry({
      action: 'tipoff.rate',
      actorId: t.anonymous ? 'anonymous' : (t.reporterUserId ?? ''),
      actorRole: t.anonymous ? 'anonymous' : 'resident',
      targetType: 'tipoff',
      targetId: t._id,
      detail: { satisfied: input.satisfied, reopened: reopen },
    });
    // One write, only over the version just read, carrying its own audit entry.
    const { stats } = await ctx.db
      .collection<TipoffDoc>(TIPOFFS)
      .where({ _id: t._id, version: t.version })
      .update({
        data: {
          ...changes,
          version: t.version + 1,
          updatedAt: ctx.now,
          auditRiding: true,
          auditPending: ctx.db.command.push([entry]),
        },
      });
    if (stats.updated !== 1) throw conflict('这件举报刚刚有了新的办理进展，请刷新后再评价');
    const next: TipoffDoc = { ...t, ...changes, version: t.version + 1, updatedAt: ctx.now };
    return trackView(next);
  },
};
