/** 补贴发放：财政发放批次、导出与银行回盘、原平台台账；群众的明白账。 */
import { createFunction } from '../_shared/router';
import { createBatch } from './batch';
import { batches } from './batches';
import { cancelBatch } from './cancel';
import { exportBatch } from './export';
import { importLedger } from './ledger';
import { mine, statement, summary } from './resident';
import { importResults } from './results';

export const main = createFunction('payment', {
  mine,
  summary,
  statement,
  createBatch,
  cancelBatch,
  exportBatch,
  importResults,
  importLedger,
  batches,
});
