/** Finance's side of the payment tests: batches, the bank's files, imports run to the end. */
import { parseCsv, type Table, toCsv, toXlsx } from '../../cloudfunctions/_shared/ports/table-files';
import type {
  CreateBatchRequest,
  CreateBatchResponse,
  ExportBatchResponse,
  ImportLedgerRequest,
  ImportProgress,
  ImportResultsRequest,
} from '../../typings/api';
import type { World } from './world';

export const FINANCE = 'demo-finance';
export const FINANCE_USER = 'u-demo-finance';

let uploads = 0;
/** A file in the caller's own import folder, as the mini program uploads it. */
export function uploadImport(world: World, bytes: Buffer, name: string, userId = FINANCE_USER): string {
  uploads += 1;
  return world.cloud.storage.put(`imports/${userId}/${process.pid}-${uploads}-${name}`, bytes);
}

export async function exported(
  world: World,
  batchId: string,
): Promise<{ answer: ExportBatchResponse; table: Table }> {
  const answer = await world.ok('payment', 'exportBatch', { batchId, format: 'csv' }, FINANCE);
  const res = await fetch(answer.url);
  if (!res.ok) throw new Error(`export download failed: ${res.status}`);
  return { answer, table: parseCsv(Buffer.from(await res.arrayBuffer())) };
}

/** The bank's answer: each exported line marked by `outcome(lineId, index)`. */
export function bankFile(
  table: Table,
  outcome: (
    lineId: string,
    i: number,
  ) => { paid: true; serial: string; date?: string } | { paid: false; reason: string },
): Table {
  const [header = [], ...rows] = table;
  const at = (name: string) => header.indexOf(name);
  return [
    header,
    ...rows.map((r, i) => {
      const copy = [...r];
      const o = outcome(r[at('明细号')] ?? '', i);
      copy[at('结果')] = o.paid ? '成功' : '失败';
      copy[at('银行流水号')] = o.paid ? o.serial : '';
      copy[at('失败原因')] = o.paid ? '' : o.reason;
      copy[at('入账日期')] = o.paid ? (o.date ?? '2026-11-20') : '';
      return copy;
    }),
  ];
}

export function csvFile(
  world: World,
  table: Table,
  name = 'result.csv',
): { fileID: string; fileName: string } {
  return { fileID: uploadImport(world, toCsv(table), name), fileName: name };
}

export async function xlsxFile(world: World, table: Table, name = 'result.xlsx') {
  return { fileID: uploadImport(world, await toXlsx('回盘', table), name), fileName: name };
}

/** Calls importResults with the same file until it is done, as the finance page does. */
export async function importAll(
  world: World,
  request: ImportResultsRequest | ImportLedgerRequest,
  action: 'importResults' | 'importLedger' = 'importResults',
): Promise<{ last: ImportProgress; calls: number }> {
  for (let calls = 1; calls < 500; calls++) {
    const last = await world.ok('payment', action, request, FINANCE);
    if (last.state === 'done') return { last, calls };
  }
  throw new Error('import never finished');
}

export async function createBatch(world: World, request: CreateBatchRequest): Promise<CreateBatchResponse> {
  return world.ok('payment', 'createBatch', request, FINANCE);
}
