/**
 * 阳光发放 as stored. A batch has lines (payment_lines), one per household; `paid_slots` holds each
 * household's place for a project and period (in a batch, paid, failed), so nothing is paid twice by the
 * platform; `payments` are the money that reached a card, what the household reads in 明白账. A batch
 * payment's id is its slot (`B:<household>:<project>:<period>`): at most one, whatever files say. A
 * ledger payment's id is the bank serial: the old platform's money is recorded as it happened, and a
 * second payment for one slot is kept for the risk scan to find.
 */

import { periodText } from '../../../miniprogram/shared/entitlement';
import { CARD_KIND_LABELS } from '../../../miniprogram/shared/household';
import { formatYuan } from '../../../miniprogram/shared/money';
import type {
  BatchLineView,
  BatchState,
  BatchSummary,
  CardKind,
  LineState,
  PaymentView,
  SkippedHousehold,
} from '../../../typings/api';
import type { Doc } from '../db/database';

export const BATCHES = 'payment_batches';
export const LINES = 'payment_lines';
export const SLOTS = 'paid_slots';
export const PAYMENTS = 'payments';
export const IMPORTS = 'payment_imports';

export const slotId = (householdId: string, projectCode: string, period: string) =>
  `${householdId}:${projectCode}:${period}`;

export interface BatchDoc extends Doc {
  _id: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  regionName: string;
  /** The region and those above it: a finance office sees batches of its region and below. */
  scopeCodes: string[];
  period: string;
  state: BatchState;
  resendOf: string | null;
  lineCount: number;
  totalFen: number;
  paidCount: number;
  paidFen: number;
  failedCount: number;
  failedFen: number;
  createdBy: string;
  createdByUnit: string;
  createdAt: Date;
  exportedAt: Date | null;
  version: number;
  /** While `building`: the last declaration read, the next line number and what was left out so far. */
  build?: {
    after: string;
    nextSeq: number;
    excludedAlreadyPaid: number;
    skippedCount: number;
    skipped: SkippedHousehold[];
  } | null;
}

export interface LineDoc extends Doc {
  _id: string;
  batchId: string;
  seq: number;
  householdId: string;
  villageCode: string;
  villageName: string;
  projectCode: string;
  period: string;
  declarationId: string | null;
  amountFen: number;
  card: {
    kind: CardKind;
    bank: string;
    numberSealed: string;
    maskedNumber: string;
    tail: string;
    holderNameSealed: string;
    holderNameMasked: string;
  };
  state: LineState;
  failReason: string | null;
  resentIn: string | null;
  importId: string | null;
}

/** A household's place for a project and period; its line, if any, is `<batchId>:<householdId>`. */
export interface SlotDoc extends Doc {
  _id: string;
  householdId: string;
  projectCode: string;
  period: string;
  state: 'in_batch' | 'paid' | 'failed';
  /** The batch holding it; null when the old platform's ledger paid it. */
  batchId: string | null;
  /** The payment that settled it, once paid. */
  paymentId: string | null;
  at: Date;
}

export const lineIdOf = (batchId: string, householdId: string) => `${batchId}:${householdId}`;

export interface PaymentDoc extends Doc {
  _id: string;
  householdId: string;
  villageCode: string;
  projectCode: string;
  projectName: string;
  period: string;
  year: number;
  /** 1–12: the month it arrived (Asia/Shanghai), for the statement. */
  month: number;
  amountFen: number;
  paidAt: Date;
  source: 'batch' | 'ledger';
  lineId: string | null;
  batchId: string | null;
  bankSerial: string;
  cardKind: CardKind;
  cardTail: string;
  /** Another payment for the same household, project and period (ledger only): kept for the risk scan. */
  duplicateOf: string | null;
  importId: string;
  createdAt: Date;
}

export interface ImportDoc extends Doc {
  _id: string;
  kind: 'results' | 'ledger';
  batchId: string | null;
  fileID: string;
  fileName: string;
  fileHash: string;
  totalRows: number;
  /** The next data row to process (0-based, header excluded). */
  cursor: number;
  paid: number;
  failed: number;
  unchanged: number;
  errors: Array<{ row: number; message: string }>;
  errorCount: number;
  state: 'running' | 'done';
  /** Held by the call processing it; another call waits for it to end. */
  lease: { requestId: string; until: Date } | null;
  startedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  version: number;
}

const BATCH_STATE_TEXT: Record<BatchState, string> = {
  building: '生成中',
  created: '待导出',
  exported: '已导出，待银行回盘',
  partly_done: '部分回盘',
  done: '已完成',
  cancelled: '已撤销',
};

export const LINE_STATE_TEXT: Record<LineState, string> = {
  pending: '待发放',
  paid: '已到账',
  failed: '发放失败',
  resent: '已重发',
  conflict: '重复回盘，未入账',
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function batchSummary(b: BatchDoc): BatchSummary {
  return {
    batchId: b._id,
    projectCode: b.projectCode,
    projectName: b.projectName,
    regionCode: b.regionCode,
    regionName: b.regionName,
    period: b.period,
    periodText: periodText(b.period),
    state: b.state,
    stateText: BATCH_STATE_TEXT[b.state],
    resendOf: b.resendOf,
    lineCount: b.lineCount,
    totalFen: b.totalFen,
    paidCount: b.paidCount,
    paidFen: b.paidFen,
    failedCount: b.failedCount,
    failedFen: b.failedFen,
    pendingCount: b.lineCount - b.paidCount - b.failedCount,
    createdAt: new Date(b.createdAt).toISOString(),
    createdByUnit: b.createdByUnit,
    exportedAt: iso(b.exportedAt),
  };
}

export function lineView(l: LineDoc): BatchLineView {
  return {
    lineId: l._id,
    seq: l.seq,
    villageName: l.villageName,
    holderMaskedName: l.card.holderNameMasked,
    maskedCardNumber: l.card.maskedNumber,
    bank: l.card.bank,
    amountFen: l.amountFen,
    state: l.state,
    stateText: LINE_STATE_TEXT[l.state],
    failReason: l.failReason,
    // The bank's serial and date are on the payment a paid line made (see batches).
    bankSerial: null,
    paidAt: null,
    resentIn: l.resentIn,
  };
}

/** 您家2026年3月大中型水库移民后期扶持资金50.00元已发放至尾号1234的社保卡 */
export function noticeText(
  p: Pick<PaymentDoc, 'period' | 'projectName' | 'amountFen' | 'cardTail' | 'cardKind'>,
) {
  return `您家${periodText(p.period)}${p.projectName}${formatYuan(p.amountFen)}已发放至尾号${p.cardTail}的${CARD_KIND_LABELS[p.cardKind]}`;
}

export function paymentView(p: PaymentDoc): PaymentView {
  return {
    paymentId: p._id,
    projectCode: p.projectCode,
    projectName: p.projectName,
    period: p.period,
    periodText: periodText(p.period),
    amountFen: p.amountFen,
    paidAt: new Date(p.paidAt).toISOString(),
    cardKind: p.cardKind,
    cardTail: p.cardTail,
    notice: noticeText(p),
    sourceText: p.source === 'batch' ? '一卡通平台' : '原发放平台',
  };
}
