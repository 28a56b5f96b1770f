/** The `payment` cloud function: 明白账 for residents; 阳光发放 batches, exports and bank imports for finance. */
import type {
  BatchesRequest,
  BatchesResponse,
  BatchSummary,
  CancelBatchRequest,
  CreateBatchRequest,
  CreateBatchResponse,
  ExportBatchResponse,
  ImportLedgerRequest,
  ImportProgress,
  ImportResultsRequest,
  PaymentMineRequest,
  PaymentMineResponse,
  PaymentStatementResponse,
  PaymentSummaryResponse,
} from '../../typings/api';
import { ApiError } from './api-error';
import { callFunction } from './call';

/** 明白账: the household's payments of one year, newest first, with the years that have payments. */
export function mine(request: PaymentMineRequest): Promise<PaymentMineResponse> {
  return callFunction('payment', 'mine', request);
}

/** The home page's card: this year, this month, what is still in approval, the last payment. */
export function summary(): Promise<PaymentSummaryResponse> {
  return callFunction('payment', 'summary', {});
}

/** One year per project and per month, the figures behind the chart. */
export function statement(year: number): Promise<PaymentStatementResponse> {
  return callFunction('payment', 'statement', { year });
}

/** 生成发放批次 from approved declarations; with `resendOf`, the failed lines of that batch again. */
export async function createBatch(request: CreateBatchRequest): Promise<CreateBatchResponse> {
  // A large region's batch is written over several calls: the same request continues it.
  for (let call = 1; ; call++) {
    const batch = await callFunction('payment', 'createBatch', request);
    if (batch.state !== 'building' || call >= 20) return batch;
  }
}

/** 撤销: withdraws a batch that was not exported; its households are free for a new batch. */
export function cancelBatch(request: CancelBatchRequest): Promise<BatchSummary> {
  return callFunction('payment', 'cancelBatch', request);
}

/** The bank's file of a batch, with a download link valid for ten minutes. */
export function exportBatch(batchId: string, format: 'csv' | 'xlsx'): Promise<ExportBatchResponse> {
  return callFunction('payment', 'exportBatch', { batchId, format });
}

/** One step of a bank result import; call again until `state` is `done` (importAll does). */
export function importResults(request: ImportResultsRequest): Promise<ImportProgress> {
  return callFunction('payment', 'importResults', request);
}

/** One step of an import of the old platform's ledger; call again until `state` is `done`. */
export function importLedger(request: ImportLedgerRequest): Promise<ImportProgress> {
  return callFunction('payment', 'importLedger', request);
}

/** Finance's batches, newest first; with `batchId`, that batch and its lines. */
export function batches(request: BatchesRequest = {}): Promise<BatchesResponse> {
  return callFunction('payment', 'batches', request);
}

export type ImportKind = 'results' | 'ledger';

export type ImportRequestOf<K extends ImportKind> = K extends 'results'
  ? ImportResultsRequest
  : ImportLedgerRequest;

/** Calls that may answer without moving on before the import is given up (a stuck lease, a dead file). */
const STALLED_CALLS = 3;

export const STALLED_MESSAGE = '导入暂时没有进展，请稍后重新导入同一文件：已导入的行不会重复';

/**
 * Imports a whole file: the same request again until the server says `done`, each answer reported to
 * `onProgress`. A failed call ends the import with its error; the rows imported so far stay imported,
 * and importing the same file again carries on where it stopped.
 */
export async function importAll<K extends ImportKind>(
  kind: K,
  request: ImportRequestOf<K>,
  onProgress: (progress: ImportProgress) => void = () => undefined,
): Promise<ImportProgress> {
  let processed = -1;
  let stalled = 0;
  for (;;) {
    const progress =
      kind === 'results'
        ? await importResults(request as ImportResultsRequest)
        : await importLedger(request as ImportLedgerRequest);
    onProgress(progress);
    if (progress.state === 'done') return progress;
    stalled = progress.processedRows > processed ? 0 : stalled + 1;
    processed = progress.processedRows;
    if (stalled >= STALLED_CALLS) throw new ApiError('INTERNAL', STALLED_MESSAGE, undefined, progress);
  }
}
