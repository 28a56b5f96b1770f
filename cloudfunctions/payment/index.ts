/** 补贴发放：财政发放批次、导出与银行回盘、原平台台账；群众的明白账。 */
import { type ActionTable, createFunction } from '../_shared/runtime/router';
import { createBatch } from './batch';
import { batches } from './batches';
import { cancelBatch } from './cancel';
import { exportBatch } from './export';
import { mine, statement, summary } from './household-account';
import { importLedger } from './ledger';
import { importResults } from './results';

/** The action table, exported so that tests can hold it against the contract. */
export const actions = {
  mine,
  summary,
  statement,
  createBatch,
  cancelBatch,
  exportBatch,
  importResults,
  importLedger,
  batches,
} satisfies ActionTable<'payment'>;

export const main = createFunction('payment', actions);
