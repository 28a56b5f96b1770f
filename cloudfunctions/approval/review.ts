import * as z from 'zod/mini';
import { transition } from '../../miniprogram/shared/declaration-machine';
import type { BatchReviewResponse, ReviewOutcome, ReviewResponse } from '../../typings/api';
import { moved as movedDoc, noticeFacts, saveMove } from '../_shared/domain/declaration-moves';
import { DECLARATIONS, type DeclarationDoc, statusText } from '../_shared/domain/declarations';
import { loadCalendar } from '../_shared/domain/holiday-calendar';
import { grantFor, inScope } from '../_shared/domain/scope';
import { requireRegistered } from '../_shared/runtime/caller';
import { conflict, DomainError, forbidden, invalid, notFound, precondition } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { docId, labelled } from '../_shared/runtime/schemas';
import { queueItem } from './queue';

const EVENT = { approve: 'approved', return: 'returned', reject: 'rejected' } as const;

const opinion = labelled(
  z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(500))),
  '审核意见',
);
const outcome = labelled(z.enum(['approve', 'return', 'reject']), '审核结果');

/**
 * One decision, applied with optimistic concurrency: the cadre sends the version they saw; if the
 * item moved meanwhile (another cadre decided first) the answer is CONFLICT with its current state.
 */
export async function decide(
  ctx: ActionContext,
  declarationId: string,
  version: number,
  result: ReviewOutcome,
  text: string | undefined,
): Promise<DeclarationDoc> {
  const cadre = requireRegistered(ctx.caller);
  if (result !== 'approve' && !text)
    throw invalid(result === 'return' ? '打回时请填写审核意见' : '不通过时请填写审核意见');
  // The next stage's deadline may count working days: the calendar comes with the item, not after it.
  const [{ data }, calendar] = await Promise.all([
    ctx.db.collection<DeclarationDoc>(DECLARATIONS).where({ _id: declarationId }).limit(1).get(),
    loadCalendar(ctx.db, ctx.now),
  ]);
  const seen = data[0];
  if (!seen) throw notFound('没有找到这份申报');
  if (!inScope(ctx.caller, seen)) throw forbidden('这份申报不在您的管辖范围内');
  if (seen.version !== version) throw conflict(`这份申报已被他人处理，当前状态：${statusText(seen)}`);
  const grant = grantFor(ctx.caller, seen);
  if (!grant) {
    if (seen.status !== 'in_review') throw precondition(`这份申报${statusText(seen)}，不能审核`);
    throw forbidden('这份申报当前环节不由您办理');
  }
  // An approval that opens the public notice publishes the village's name and the standard with it.
  const preview = transition(seen, { type: 'review', outcome: result, level: grant.level });
  const facts = preview.ok && preview.status === 'publicity' ? await noticeFacts(ctx.db, seen) : undefined;
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<DeclarationDoc>(DECLARATIONS).doc(declarationId);
    const { data: current } = await ref.get();
    if (current.version !== version) throw conflict(`这份申报已被他人处理，当前状态：${statusText(current)}`);
    const next = transition(current, { type: 'review', outcome: result, level: grant.level });
    if (!next.ok) throw precondition(next.reason);
    const stage = current.chain[current.stageIndex ?? -1];
    const changed = movedDoc(
      current,
      next,
      ctx.now,
      {
        stage: stage?.key ?? null,
        event: EVENT[result],
        unit: grant.unit ?? '',
        actorId: cadre._id,
        actorMaskedName: cadre.nameMasked ?? '',
        at: ctx.now,
        opinion: text ?? null,
      },
      calendar,
      facts,
    );
    await saveMove(tx, current, changed, ctx.now, `${stage?.label ?? '审核'}：${text ?? '通过'}`);
    await ctx.auditIn(tx, {
      action: 'approval.review',
      actorId: cadre._id,
      actorRole: `cadre:${grant.level}`,
      targetType: 'declaration',
      targetId: declarationId,
      detail: { stage: stage?.key ?? null, outcome: result, opinion: text ?? null, to: next.status },
    });
    return changed;
  });
}

export const review: ActionDef<'approval', 'review'> = {
  access: ['cadre'],
  input: z.object({
    declarationId: docId('申报'),
    version: labelled(z.int().check(z.gte(1)), '版本'),
    outcome,
    opinion,
  }),
  async handler(ctx, input): Promise<ReviewResponse> {
    const d = await decide(ctx, input.declarationId, input.version, input.outcome, input.opinion);
    return { item: await queueItem(ctx.db, d, ctx.now) };
  },
};

/** 批量审核: each item succeeds or fails on its own; the answer lists which. */
export const batchReview: ActionDef<'approval', 'batchReview'> = {
  access: ['cadre'],
  input: z.object({
    items: labelled(
      z
        .array(z.object({ declarationId: docId('申报'), version: labelled(z.int().check(z.gte(1)), '版本') }))
        .check(z.minLength(1), z.maxLength(50)),
      '批量审核的申报',
    ),
    outcome,
    opinion,
  }),
  async handler(ctx, input): Promise<BatchReviewResponse> {
    const results: BatchReviewResponse['results'] = [];
    for (const item of input.items) {
      try {
        await decide(ctx, item.declarationId, item.version, input.outcome, input.opinion);
        results.push({ declarationId: item.declarationId, ok: true });
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        results.push({ declarationId: item.declarationId, ok: false, code: err.code, message: err.message });
      }
    }
    return { results };
  },
};
