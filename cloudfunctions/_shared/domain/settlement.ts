/**
 * 银行回盘 settled: what one line of the bank's result file does to its batch line. Pure over the line
 * and the payment already recorded for the household's slot; the import reads them and writes.
 */
import { parseYuan } from '../../../miniprogram/shared/money';
import { shanghaiYearMonth } from '../../../miniprogram/shared/time';
import type { ImportError } from '../../../typings/api';
import { parseDay } from '../ports/import-files';
import type { Table } from '../ports/table-files';
import { type BatchDoc, LINE_STATE_TEXT, type LineDoc, type PaymentDoc, slotId } from './payments';

/** The columns of a bank result file, by the names banks give them. */
export const RESULT_COLUMNS = {
  lineId: { names: ['明细号', '明细编号', '行号'], required: true },
  amount: { names: ['金额', '金额元', '发放金额'], required: true },
  result: { names: ['结果', '处理结果', '发放结果', '状态'], required: true },
  serial: { names: ['银行流水号', '流水号', '交易流水号'], required: false },
  reason: { names: ['失败原因', '原因', '备注'], required: false },
  date: { names: ['入账日期', '到账日期', '交易日期', '日期'], required: false },
};
export type ResultColumns = Record<keyof typeof RESULT_COLUMNS, number>;

const PAID = new Set(['成功', '已入账', '入账成功', 'S', 'SUCCESS', '00']);
const FAILED = new Set(['失败', '入账失败', '退回', 'F', 'FAIL', 'FAILED']);
const SERIAL = /^[\w-]{4,64}$/;

/** A bank result line as read from the file. */
export interface ResultRow {
  row: number;
  lineId: string;
  paid: boolean;
  amountFen: number;
  serial: string;
  reason: string;
  paidAt: Date;
}

/** One row of the file (`row` its 1-based number): a result, what is wrong with it, or null when blank. */
export function readResultRow(
  cells: string[],
  index: ResultColumns,
  row: number,
  now: Date,
): ResultRow | ImportError | null {
  const at = (k: keyof ResultColumns) => (index[k] >= 0 ? (cells[index[k]] ?? '').trim() : '');
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

/** Each line id's first data row (0-based) in the file. */
export function firstRows(rows: Table, lineIdColumn: number): Map<string, number> {
  const first = new Map<string, number>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const id = (rows[i]?.[lineIdColumn] ?? '').trim();
    if (id) first.set(id, i);
  }
  return first;
}

/** A row naming a line an earlier row of the file named already: reported, never applied. */
export function repeatedRow(
  r: ResultRow,
  at: number,
  first: ReadonlyMap<string, number>,
): ImportError | null {
  const earlier = first.get(r.lineId) ?? at;
  return earlier < at ? { row: r.row, message: `明细号与第${earlier + 2}行重复，本行未处理` } : null;
}

/** A batch payment's id is its household's slot: at most one, whatever files say. */
export function paymentIdOf(line: Pick<LineDoc, 'householdId' | 'projectCode' | 'period'>): string {
  return `B:${slotId(line.householdId, line.projectCode, line.period)}`;
}

export const PAID_BY_ANOTHER_LINE = '该户本期已由其他明细入账，本行未重复入账';

type SettledLine = Pick<LineDoc, '_id' | 'batchId' | 'amountFen' | 'state' | 'importId'>;

/** What a result line does: pay or fail its batch line, nothing, or a reported problem. */
export type Settlement<L extends SettledLine> =
  | { kind: 'pay'; line: L }
  | { kind: 'fail'; line: L }
  | { kind: 'unchanged' }
  /** The slot was paid by another line: this line becomes a conflict, and the row says so. */
  | { kind: 'conflict'; line: L; message: string }
  | { kind: 'error'; message: string };

export interface SettleFacts<L extends SettledLine> {
  row: Pick<ResultRow, 'paid' | 'amountFen'>;
  /** The batch line the row names, if there is one. */
  line: L | undefined;
  /** The payment already recorded for the line's slot, if any. */
  payment: Pick<PaymentDoc, 'lineId'> | undefined;
  batchId: string;
  importId: string;
}

/**
 * A pending line takes the bank's result; so does one this import settled before (a chunk done again
 * after a crash). A settled line is left as it is: the same result again is unchanged, another is
 * reported. A slot paid through another line is never paid twice.
 */
export function settleLine<L extends SettledLine>({
  row,
  line,
  payment,
  batchId,
  importId,
}: SettleFacts<L>): Settlement<L> {
  if (!line || line.batchId !== batchId) return { kind: 'error', message: '明细号不在本批次中' };
  if (row.amountFen !== line.amountFen) return { kind: 'error', message: '金额与批次明细不符，未处理' };
  const ours = line.importId === importId;
  if (line.state === 'pending' || (ours && (line.state === 'paid' || line.state === 'failed'))) {
    if (row.paid && payment && payment.lineId !== line._id)
      return { kind: 'conflict', line, message: PAID_BY_ANOTHER_LINE };
    if (row.paid) return { kind: 'pay', line };
    if (payment?.lineId === line._id) return { kind: 'error', message: '该明细已入账，不能改为失败' };
    return { kind: 'fail', line };
  }
  const same = (line.state === 'paid' && row.paid) || (line.state === 'failed' && !row.paid);
  if (same) return { kind: 'unchanged' };
  return { kind: 'error', message: `该明细已是“${LINE_STATE_TEXT[line.state]}”，与本次结果不一致，未改动` };
}

/** The household's payment a paid line makes, dated by the bank. */
export function batchPayment(
  row: Pick<ResultRow, 'paidAt' | 'serial'>,
  line: LineDoc,
  batch: Pick<BatchDoc, '_id' | 'projectName'>,
  importId: string,
  now: Date,
): PaymentDoc {
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
    createdAt: now,
  };
}

/** Whether the line's payment is the one recorded for its slot (another line's may have won meanwhile). */
export const paidByLine = (line: Pick<LineDoc, '_id'>, recorded: Pick<PaymentDoc, 'lineId'> | undefined) =>
  recorded?.lineId === line._id;
