/**
 * 导入银行回盘: each line of a batch becomes paid or failed with the bank's reason. A paid line creates
 * the household's payment (its id is the household's slot for the project and period, so no file can
 * pay it twice) and the payment notice; a failed one stays visible for a re-send batch.
 */
import * as z from 'zod/mini';
import { parseYuan } from '../../miniprogram/shared/money';
import type { ImportError, ImportProgress } from '../../typings/api';
import { byIds, insertNew } from '../_shared/bulk';
import { notFound, precondition } from '../_shared/errors';
import { NOTIFICATIONS, type NotificationDoc, noticeDoc } from '../_shared/notify';
import type { ActionContext, ActionDef } from '../_shared/router';
import { docId, labelled } from '../_shared/schemas';
import { columns, type Table } from '../_shared/table-files';
import { refreshBatch } from './batch';
import { type ChunkOutcome, parseDay, runImport } from './imports';
import {
  BATCHES,
  type BatchDoc,
  batchSummary,
  LINE_STATE_TEXT,
  LINES,
  type LineDoc,
  noticeText,
  PAYMENTS,
  type PaymentDoc,
  SLOTS,
  shanghaiYearMonth,
  slotId,
} from './model';
import { financeGrantFor } from './scope';

const RESULT_COLUMNS = {
  lineId: { names: ['明细号', '明细编号', '行号'], required: true },
  amount: { names: ['金额', '金额元', '发放金额'], required: true },
  result: { names: ['结果', '处理结果', '发放结果', '状态'], required: true },
  serial: { names: ['银行流水号', '流水号', '交易流水号'], required: false },
  reason: { names: ['失败原因', '原因', '备注'], required: false },
  date: { names: ['入账日期', '到账日期', '交易日期', '日期'], required: false },
};

const PAID = new Set(['成功', '已入账', '入账成功', 'S', 'SUCCESS', '00']);
const FAILED = new Set(['失败', '入账失败', '退回', 'F', 'FAIL', 'FAILED']);
const SERIAL = /^[\w-]{4,64}$/;

interface Row {
  row: number;
  lineId: string;
  paid: boolean;
  amountFen: number;
  serial: string;
  reason: string;
  paidAt: Date;
}

export function paymentIdOf(line: Pick<LineDoc, 'householdId' | 'projectCode' | 'period'>): string {
  return `B:${slotId(line.householdId, line.projectCode, line.period)}`;
}

function readRow(
  cells: string[],
  index: Record<keyof typeof RESULT_COLUMNS, number>,
  row: number,
  now: Date,
): Row | ImportError | null {
  const at = (k: keyof typeof RESULT_COLUMNS) => (index[k] >= 0 ? (cells[index[k]] ?? '').trim() : '');
  if (cells.every((c) => c.trim() === '')) return null;
  const lineId = at('lineId');
  if (!/^B\d{8}\w+:[\w-]+$/.test(lineId)) return { row, message: '明细号格式不对' };
  const result = at('result').toUpperCase();
  const paid = PAID.has(result);
  if (!paid && !FAILED.has(result))
    return { row, message: `结果应为“成功”或“失败”，文件中是“${at('result')}”` };
  const amountFen = parseYuan(at('amount').replace(/,/g, ''));
  if (amountFen === null) return { row, message: '金额格式不对' };
  const serial = at('serial');
  if (paid && !SERIAL.test(serial)) return { row, message: '成功的明细须有银行流水号（4–64位字母数字）' };
  const date = at('date');
  const paidAt = date ? parseDay(date) : now;
  if (!paidAt) return { row, message: '入账日期格式不对，应如2026-03-05' };
  return { row, lineId, paid, amountFen, serial, reason: at('reason') || '银行未说明原因', paidAt };
}

async function settleChunk(
  ctx: ActionContext,
  batch: BatchDoc,
  rows: Row[],
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
  const toPay: Array<{ row: Row; line: LineDoc }> = [];
  const toFail: Array<{ row: Row; line: LineDoc }> = [];
  const conflicts: LineDoc[] = [];
  for (const r of rows) {
    const line = lines.get(r.lineId);
    if (!line || line.batchId !== batch._id) {
      out.errors.push({ row: r.row, message: '明细号不在本批次中' });
      continue;
    }
    if (r.amountFen !== line.amountFen) {
      out.errors.push({ row: r.row, message: '金额与批次明细不符，未处理' });
      continue;
    }
    const payment = existing.get(paymentIdOf(line));
    const ours = line.importId === importId;
    if (line.state === 'pending' || (ours && (line.state === 'paid' || line.state === 'failed'))) {
      if (r.paid && payment && payment.lineId !== line._id) {
        conflicts.push(line);
        out.errors.push({ row: r.row, message: '该户本期已由其他明细入账，本行未重复入账' });
      } else if (r.paid) toPay.push({ row: r, line });
      else if (payment?.lineId === line._id) {
        out.errors.push({ row: r.row, message: '该明细已入账，不能改为失败' });
      } else toFail.push({ row: r, line });
      continue;
    }
    const same = (line.state === 'paid' && r.paid) || (line.state === 'failed' && !r.paid);
    if (same) out.unchanged++;
    else
      out.errors.push({
        row: r.row,
        message: `该明细已是“${LINE_STATE_TEXT[line.state]}”，与本次结果不一致，未改动`,
      });
  }

  // Payments first: they are what makes a line paid, and their ids admit one per slot.
  const payments: PaymentDoc[] = toPay.map(({ row, line }) => {
    const { year, month } = shanghaiYearMonth(row.paidAt);
    return {
      _id: paymentIdOf(line),
      householdId: line.householdId,
      villageCode: line.villageCode,
      projectCode: line.projectCode,
      projectName: batch.projectName,
      period: line.period,
      year,
      month,
      amountFen: line.amountFen,
      paidAt: row.paidAt,
      source: 'batch',
      lineId: line._id,
      batchId: batch._id,
      bankSerial: row.serial,
      cardKind: line.card.kind,
      cardTail: line.card.tail,
      duplicateOf: null,
      importId,
      createdAt: ctx.now,
    };
  });
  const inserted = await insertNew(ctx.db, PAYMENTS, payments);
  // A payment another line of the same slot wrote meanwhile wins; this line is a conflict. Only the
  // slots this call did not write need reading back.
  const now = new Map(payments.filter((p) => inserted.has(p._id)).map((p) => [p._id, p]));
  const others = payments.filter((p) => !inserted.has(p._id)).map((p) => p._id);
  for (const p of await byIds<PaymentDoc>(ctx.db, PAYMENTS, others)) now.set(p._id, p);
  const paid = toPay.filter(({ line }) => now.get(paymentIdOf(line))?.lineId === line._id);
  for (const { row, line } of toPay) {
    if (now.get(paymentIdOf(line))?.lineId !== line._id) {
      conflicts.push(line);
      out.errors.push({ row: row.row, message: '该户本期已由其他明细入账，本行未重复入账' });
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
    let index: Record<keyof typeof RESULT_COLUMNS, number> | null = null;
    let refreshed: BatchDoc | null | undefined;
    // A line id's first row in the file; a later row naming it again is reported, never applied.
    let firstRow: Map<string, number> | null = null;
    const progress = await runImport(ctx, {
      kind: 'results',
      batchId: batch._id,
      fileID: input.fileID,
      fileName: input.fileName,
      header(header) {
        const found = columns(header, RESULT_COLUMNS);
        if (!found.ok) return `回盘文件缺少列：${found.missing.join('、')}（第1行应为表头）`;
        index = found.index;
        return null;
      },
      async chunk(rows: Table, from, to, importId) {
        const columnsAt = index as NonNullable<typeof index>;
        if (!firstRow) {
          firstRow = new Map();
          for (let i = rows.length - 1; i >= 0; i--) {
            const id = (rows[i]?.[columnsAt.lineId] ?? '').trim();
            if (id) firstRow.set(id, i);
          }
        }
        const parsed: Row[] = [];
        const errors: ImportError[] = [];
        for (let i = from; i < to; i++) {
          const r = readRow(rows[i] ?? [], columnsAt, i + 2, ctx.now);
          if (r === null) continue;
          if ('message' in r) errors.push(r);
          else if ((firstRow.get(r.lineId) ?? i) < i) {
            errors.push({
              row: r.row,
              message: `明细号与第${(firstRow.get(r.lineId) ?? 0) + 2}行重复，本行未处理`,
            });
          } else parsed.push(r);
        }
        const out = await settleChunk(ctx, batch, parsed, importId);
        return { ...out, errors: [...errors, ...out.errors].sort((a, b) => a.row - b.row) };
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
