/**
 * 撤销批次: a batch not yet exported (so no bank has it) is withdrawn. Its households' places are freed
 * — for a re-send batch, the failed lines it took are failed again in their own batch — and its lines
 * are removed; the batch stays, marked 已撤销, with the audit entry saying why.
 */
import * as z from 'zod/mini';
import type { BatchSummary } from '../../typings/api';
import {
  BATCHES,
  type BatchDoc,
  batchSummary,
  LINES,
  type LineDoc,
  SLOTS,
  type SlotDoc,
} from '../_shared/domain/payments';
import { financeGrantFor } from '../_shared/domain/scope';
import { conflict, notFound, precondition } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { docId, labelled } from '../_shared/runtime/schemas';

export const cancelBatch: ActionDef<'payment', 'cancelBatch'> = {
  access: ['finance'],
  input: z.object({
    batchId: docId('发放批次'),
    reason: labelled(z.string().check(z.trim(), z.minLength(2), z.maxLength(200)), '撤销原因'),
  }),
  async handler(ctx, input): Promise<BatchSummary> {
    const { data } = await ctx.db.collection<BatchDoc>(BATCHES).where({ _id: input.batchId }).limit(1).get();
    const batch = data[0];
    if (!batch) throw notFound('没有找到这个发放批次');
    financeGrantFor(ctx.caller, batch.regionCode);
    if (batch.state !== 'created') {
      throw precondition('只有尚未导出的批次可以撤销；已导出的批次请导入银行回盘，失败的明细可以重发');
    }
    // The state moves first, against the version seen, so an export racing this one finds it cancelled.
    const { stats } = await ctx.db
      .collection<BatchDoc>(BATCHES)
      .where({ _id: batch._id, version: batch.version, state: 'created' })
      .update({ data: { state: 'cancelled', version: batch.version + 1 } });
    if (stats.updated !== 1) throw conflict('这个批次刚被他人处理，请刷新后查看');
    if (batch.resendOf) {
      await ctx.db
        .collection<SlotDoc>(SLOTS)
        .where({ batchId: batch._id, state: 'in_batch' })
        .update({ data: { state: 'failed', batchId: batch.resendOf, at: ctx.now } });
      await ctx.db
        .collection<LineDoc>(LINES)
        .where({ batchId: batch.resendOf, state: 'resent', resentIn: batch._id })
        .update({ data: { state: 'failed', resentIn: null } });
    } else {
      await ctx.db.collection<SlotDoc>(SLOTS).where({ batchId: batch._id, state: 'in_batch' }).remove();
    }
    await ctx.db.collection<LineDoc>(LINES).where({ batchId: batch._id }).remove();
    await ctx.audit({
      action: 'payment.cancelBatch',
      targetType: 'payment_batch',
      targetId: batch._id,
      detail: {
        reason: input.reason,
        lines: batch.lineCount,
        totalFen: batch.totalFen,
        resendOf: batch.resendOf,
      },
    });
    return batchSummary({ ...batch, state: 'cancelled', version: batch.version + 1 });
  },
};
