/**
 * 阳光发放 and 明白账: payment batches for finance, the bank's results, the old platform's ledger, and
 * every payment a household received, with what it was for. Amounts are integer fen.
 */
import type { CardKind } from './user';

/** 2026-03 (monthly), 2026-Q1 (quarterly), 2026 (yearly or once). */
export type PaymentPeriod = string;

/** `building` only while a batch is being written (or after a call died midway: creating it again completes it). */
export type BatchState = 'building' | 'created' | 'exported' | 'partly_done' | 'done' | 'cancelled';
export type LineState = 'pending' | 'paid' | 'failed' | 'resent' | 'conflict';

export interface BatchSummary {
  batchId: string;
  projectCode: string;
  projectName: string;
  regionCode: string;
  regionName: string;
  period: PaymentPeriod;
  /** 2026年3月 */
  periodText: string;
  state: BatchState;
  stateText: string;
  /** The failed lines of this batch it sends again, or null. */
  resendOf: string | null;
  lineCount: number;
  totalFen: number;
  paidCount: number;
  paidFen: number;
  failedCount: number;
  failedFen: number;
  pendingCount: number;
  createdAt: string;
  createdByUnit: string;
  exportedAt: string | null;
}

export interface BatchLineView {
  lineId: string;
  seq: number;
  villageName: string;
  /** 张*三 */
  holderMaskedName: string;
  /** **** 1234 */
  maskedCardNumber: string;
  bank: string;
  amountFen: number;
  state: LineState;
  stateText: string;
  /** The bank's reason for a failed line. */
  failReason: string | null;
  bankSerial: string | null;
  paidAt: string | null;
  /** For a failed line sent again: the batch it went into. */
  resentIn: string | null;
}

/** An approved household left out of a batch, and why (no card bound, amount not computable...). */
export interface SkippedHousehold {
  declarationId: string;
  applicantMaskedName: string;
  villageName: string;
  reason: string;
}

export interface CreateBatchRequest {
  projectCode: string;
  /** A county, township or village inside the caller's finance region. */
  regionCode: string;
  period: PaymentPeriod;
  /** Send the failed lines of this batch again (project, region and period are taken from it). */
  resendOf?: string;
}

export interface CreateBatchResponse extends BatchSummary {
  /** Households already paid or already in a batch for this project and period. */
  excludedAlreadyPaid: number;
  skipped: SkippedHousehold[];
}

/** 撤销: a batch not yet exported is withdrawn; its households are free for a new batch. */
export interface CancelBatchRequest {
  batchId: string;
  reason: string;
}

export interface ExportBatchRequest {
  batchId: string;
  format: 'csv' | 'xlsx';
}

export interface ExportBatchResponse {
  fileID: string;
  /** A short-lived download link (10 minutes). */
  url: string;
  fileName: string;
  lineCount: number;
  totalFen: number;
}

export interface ImportError {
  /** 1-based row of the file (the header is row 1). */
  row: number;
  message: string;
}

export interface ImportProgress {
  importId: string;
  fileName: string;
  state: 'running' | 'done';
  /** The same file was imported before: nothing changed this time. */
  alreadyImported: boolean;
  totalRows: number;
  processedRows: number;
  /** Lines that became paid / failed in this import. */
  paid: number;
  failed: number;
  /** Lines the file repeats that were already settled, left as they were. */
  unchanged: number;
  /** Rows that could not be used, by row number (the first 1000). */
  errors: ImportError[];
  errorCount: number;
  /** The batch after the import, for a results import. */
  batch: BatchSummary | null;
}

export interface ImportResultsRequest {
  batchId: string;
  /** The bank's result file uploaded to cloud storage (CSV or xlsx). */
  fileID: string;
  fileName: string;
}

export interface ImportLedgerRequest {
  /** CSV from the existing disbursement platform: head's ID number, project code, period, amount, date, serial. */
  fileID: string;
  fileName: string;
}

export interface BatchesRequest {
  /** With a batch id: that batch with its lines; without: the caller's batches, newest first. */
  batchId?: string;
  lineState?: LineState;
  page?: number;
  pageSize?: number;
}

export interface BatchesResponse {
  items: BatchSummary[];
  total: number;
  page: number;
  pageSize: number;
  /** Only with a batch id. */
  batch: BatchSummary | null;
  lines: BatchLineView[];
  linesTotal: number;
}

export interface PaymentView {
  paymentId: string;
  projectCode: string;
  projectName: string;
  period: PaymentPeriod;
  periodText: string;
  amountFen: number;
  /** When it arrived on the card (ISO, UTC). */
  paidAt: string;
  cardKind: CardKind;
  cardTail: string;
  /** The payment notice in words: 您家2026年3月…已发放至尾号1234的社保卡 */
  notice: string;
  /** 一卡通平台 or 原发放平台 */
  sourceText: string;
}

export interface PaymentMineRequest {
  year: number;
  projectCode?: string;
  page?: number;
  pageSize?: number;
}

export interface PaymentMineResponse {
  year: number;
  items: PaymentView[];
  total: number;
  page: number;
  pageSize: number;
  /** Years with payments, newest first, for the year switch. */
  years: number[];
}

export interface PaymentSummaryResponse {
  year: number;
  paidThisYear: { count: number; totalFen: number };
  arrivedThisMonth: { count: number; totalFen: number };
  /** Declarations still being handled (审核, 公示, 打回待改, 异议核查). */
  inApproval: number;
  /** Projects the household received money from this year. */
  projectsReceived: number;
  lastPayment: PaymentView | null;
}

export interface PaymentStatementRequest {
  year: number;
}

export interface StatementProject {
  projectCode: string;
  projectName: string;
  /** Twelve months, January first, in fen. */
  months: number[];
  totalFen: number;
  count: number;
}

export interface PaymentStatementResponse {
  year: number;
  projects: StatementProject[];
  /** Per month over all projects: the figures behind the chart. */
  monthTotals: number[];
  totalFen: number;
  count: number;
}
