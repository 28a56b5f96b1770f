/**
 * 导入银行回盘: each line of a batch becomes paid or failed with the bank's reason. A paid line creates
 * the household's payment (its id is the household's slot for the project and period, so no file can
 * pay it twice) and the payment notice; a failed one stays visible for a re-send batch.
 */
import * as z from 'zod/mini';
import type { ImportProgress } from '../../typings/api';
import { byIds, insertNew } from '../_shared/db/bulk';
import { type ChunkOutcome, readChunk, withRowErrors } from '../_shared/domain/import-run';
import {
  BATCHES,
  type BatchDoc,
  batchSummary,
  LINES,
  type LineDoc,
  noticeText,
  PAYMENTS,
  type PaymentDoc,
  SLOTS,
  slotId,
} from '../_shared/domain/payments';
import { financeGrantFor } from '../_shared/domain/scope';
import {
  batchPayment,
  firstRows,
  PAID_BY_ANOTHER_LINE,
  paidByLine,
  paymentIdOf,
  RESULT_COLUMNS,
  type ResultRow,
  readResultRow,
  repeatedRow,
  settleLine,
} from '../_shared/domain/settlement';
import { NOTIFICATIONS, type NotificationDoc, noticeDoc } from '../_shared/ports/notify';
import type { Table } from '../_shared/ports/table-files';
import { notFound, precondition } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { docId, labelled } from '../_shared/runtime/schemas';
import { refreshBatch } from './batch';
import { runImport } from './imports';

/** Tests name a batch payment by its id. */
export { paymentIdOf } from '../_shared/domain/settlement';

async function settleChunk(
  ctx: ActionContext,
  batch: BatchDoc,
  rows: ResultRow[],
  importId: string,
): Promise<ChunkOutcome> {
  const _ = ctx.db.command;
  const out: ChunkOutcome = { paid: 0, failed: 0, unchanged: 0, errors: [] };
  const lines = new Map(
    (
      await byIds<LineDoc>(
        ctx.db,
        LINES,
        rows.map((r) => r.lineId),
      )
    ).map((l) => [l._id, l]),
  );
  const existing = new Map(
    (await byIds<PaymentDoc>(ctx.db, PAYMENTS, [...lines.values()].map(paymentIdOf))).map((p) => [p._id, p]),
  );
  const toPay: Array<{ row: ResultRow; line: LineDoc }> = [];
  const toFail: Array<{ row: ResultRow; line: LineDoc }> = [];
  const conflicts: LineDoc[] = [];
  for (const r of rows) {
    const line = lines.get(r.lineId);
    const payment = line && existing.get(paymentIdOf(line));
    const settled = settleLine({ row: r, line, payment, batchId: batch._id, importId });
    if (settled.kind === 'error') out.errors.push({ row: r.row, message: settled.message });
    else if (settled.kind === 'unchanged') out.unchanged++;
    else if (settled.kind === 'conflict') {
      conflicts.push(settled.line);
      out.errors.push({ row: r.row, message: settled.message });
    } else (settled.kind === 'pay' ? toPay : toFail).push({ row: r, line: settled.line });
  }

  // Payments first: they are what makes a line paid, and their ids admit one per slot.
  const payments = toPay.map(({ row, line }) => batchPayment(row, line, batch, importId, ctx.now));
  const inserted = await insertNew(ctx.db, PAYMENTS, payments);
  // A payment another line of the same slot wrote meanwhile wins; this line is a conflict. Only the
  // slots this call did not write need reading back.
  const now = new Map(payments.filter((p) => inserted.has(p._id)).map((p) => [p._id, p]));
  const others = payments.filter((p) => !inserted.has(p._id)).map((p) => p._id);
  for (const p of await byIds<PaymentDoc>(ctx.db, PAYMENTS, others)) now.set(p._id, p);
  const paid = toPay.filter(({ line }) => paidByLine(line, now.get(paymentIdOf(line))));
  for (const { row, line } of toPay) {
    if (!paidByLine(line, now.get(paymentIdOf(line)))) {
      conflicts.push(line);
      out.errors.push({ row: row.row, message: PAID_BY_ANOTHER_LINE });
    }
  }
  const notices: NotificationDoc[] = paid.map(({ line }) => {
    const p = now.get(paymentIdOf(line)) as PaymentDoc;
    const text = noticeText(p);
    return noticeDoc(
      `N:${p._id}`,
      {
        householdId: line.householdId,
        kind: 'payment',
        title: `补贴到账：${batch.projectName}`,
        body: text,
        page: '/pages/payments/index',
        paymentId: p._id,
        smsText: `【达州一卡通】${text}`,
      },
      ctx.now,
    );
  });
  await insertNew(ctx.db, NOTIFICATIONS, notices);

  const ids = (xs: Array<{ line: LineDoc }>) => xs.map((x) => x.line._id);
  if (paid.length) {
    await ctx.db
      .collection<LineDoc>(LINES)
      .where({ _id: _.in(ids(paid)), state: _.in(['pending', 'paid']) })
      .update({ data: { state: 'paid', importId, failReason: null } });
    await ctx.db
      .collection(SLOTS)
      .where({ _id: _.in(paid.map(({ line }) => paymentIdOf(line).slice(2))), batchId: batch._id })
      .update({ data: { state: 'paid', at: ctx.now } });
  }
  const byReason = new Map<string, LineDoc[]>();
  for (const { row, line } of toFail) byReason.set(row.reason, [...(byReason.get(row.reason) ?? []), line]);
  for (const [reason, group] of byReason) {
    await ctx.db
      .collection<LineDoc>(LINES)
      .where({ _id: _.in(group.map((l) => l._id)), state: _.in(['pending', 'failed']) })
      .update({ data: { state: 'failed', importId, failReason: reason.slice(0, 100) } });
    await ctx.db
      .collection(SLOTS)
      .where({
        _id: _.in(group.map((l) => slotId(l.householdId, l.projectCode, l.period))),
        batchId: batch._id,
        state: 'in_batch',
      })
      .update({ data: { state: 'failed', at: ctx.now } });
  }
  if (conflicts.length) {
    await ctx.db
      .collection<LineDoc>(LINES)
      .where({ _id: _.in(conflicts.map((l) => l._id)), state: 'pending' })
      .update({ data: { state: 'conflict', importId, failReason: '该户本期已由其他明细入账' } });
  }
  out.paid += paid.length;
  out.failed += toFail.length;
  return out;
}

export const importResults: ActionDef<'payment', 'importResults'> = {
  access: ['finance'],
  input: z.object({
    batchId: docId('发放批次'),
    fileID: labelled(z.string().check(z.minLength(1), z.maxLength(500)), '回盘文件'),
    fileName: labelled(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)), '文件名'),
  }),
  async handler(ctx, input): Promise<ImportProgress> {
    const { data } = await ctx.db.collection<BatchDoc>(BATCHES).where({ _id: input.batchId }).limit(1).get();
    const batch = data[0];
    if (!batch) throw notFound('没有找到这个发放批次');
    financeGrantFor(ctx.caller, batch.regionCode);
    if (batch.state === 'cancelled') throw precondition('这个批次已撤销，不能导入回盘');
    if (batch.state === 'building' || batch.state === 'created') {
      throw precondition('请先导出批次文件交银行发放，再导入银行回盘结果');
    }
    let refreshed: BatchDoc | null | undefined;
    // A line id's first row in the file; a later row naming it again is reported, never applied.
    let firstRow: Map<string, number> | null = null;
    const progress = await runImport(ctx, {
      kind: 'results',
      batchId: batch._id,
      fileID: input.fileID,
      fileName: input.fileName,
      columns: RESULT_COLUMNS,
      fileLabel: '回盘文件',
      async chunk(rows: Table, from, to, importId, columnsAt) {
        const first = firstRow ?? firstRows(rows, columnsAt.lineId);
        firstRow = first;
        const { parsed, errors } = readChunk(rows, from, to, (cells, i) => {
          const r = readResultRow(cells, columnsAt, i + 2, ctx.now);
          return r && !('message' in r) ? (repeatedRow(r, i, first) ?? r) : r;
        });
        return withRowErrors(await settleChunk(ctx, batch, parsed, importId), errors);
      },
      // The batch's counts before the import is marked done: once it is, a retry changes nothing, so
      // counts left stale by a crash after it would stay stale.
      async finish() {
        refreshed = await refreshBatch(ctx.db, batch._id);
      },
    });
    // A file seen before changed nothing, not even the batch's version.
    const after = progress.alreadyImported
      ? batch
      : refreshed !== undefined
        ? refreshed
        : await refreshBatch(ctx.db, batch._id);
    return { ...progress, batch: after ? batchSummary(after) : null };
  },
};
