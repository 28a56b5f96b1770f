/** 发放批次: finance's batches of its region, newest first, and one batch with its lines. */
import * as z from 'zod/mini';
import type { BatchesResponse } from '../../typings/api';
import { byIds } from '../_shared/db/bulk';
import { pageOf } from '../_shared/db/paging';
import {
  BATCHES,
  type BatchDoc,
  batchSummary,
  LINES,
  type LineDoc,
  lineView,
  PAYMENTS,
  type PaymentDoc,
} from '../_shared/domain/payments';
import { financeGrantFor, financeGrants } from '../_shared/domain/scope';
import { paymentIdOf } from '../_shared/domain/settlement';
import { forbidden, notFound } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { docId, labelled, page, pageSize } from '../_shared/runtime/schemas';

const LINE_STATES = ['pending', 'paid', 'failed', 'resent', 'conflict'] as const;

export const batches: ActionDef<'payment', 'batches'> = {
  access: ['finance'],
  input: z.object({
    batchId: z.optional(docId('发放批次')),
    lineState: labelled(z.optional(z.enum(LINE_STATES)), '明细状态'),
    page: page(),
    pageSize: pageSize(100),
  }),
  async handler(ctx, input): Promise<BatchesResponse> {
    if (!input.batchId) {
      const grants = financeGrants(ctx.caller);
      if (grants.length === 0) throw forbidden();
      const where = { scopeCodes: ctx.db.command.in(grants.map((g) => g.regionCode)) };
      const { data, ...paging } = await pageOf<BatchDoc>(
        ctx.db,
        BATCHES,
        where,
        [['createdAt', 'desc']],
        input,
      );
      return { items: data.map(batchSummary), ...paging, batch: null, lines: [], linesTotal: 0 };
    }
    const { data } = await ctx.db.collection<BatchDoc>(BATCHES).where({ _id: input.batchId }).limit(1).get();
    const batch = data[0];
    if (!batch) throw notFound('没有找到这个发放批次');
    financeGrantFor(ctx.caller, batch.regionCode);
    const where: Record<string, unknown> = { batchId: batch._id };
    if (input.lineState) where.state = input.lineState;
    const {
      data: lines,
      total,
      page: p,
      pageSize: size,
    } = await pageOf<LineDoc>(ctx.db, LINES, where, [['seq', 'asc']], input);
    // The bank's serial and date live on the payment a paid line made.
    const payments = new Map(
      (
        await byIds<PaymentDoc>(ctx.db, PAYMENTS, lines.filter((l) => l.state === 'paid').map(paymentIdOf))
      ).map((x) => [x.lineId, x]),
    );
    return {
      items: [],
      total: 0,
      page: p,
      pageSize: size,
      batch: batchSummary(batch),
      lines: lines.map((l) => {
        const paid = payments.get(l._id);
        return {
          ...lineView(l),
          bankSerial: paid?.bankSerial ?? null,
          paidAt: paid ? new Date(paid.paidAt).toISOString() : null,
        };
      }),
      linesTotal: total,
    };
  },
};
