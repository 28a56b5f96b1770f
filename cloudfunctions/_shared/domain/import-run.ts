/**
 * 分段导入: the decisions of an import worked through in chunks — its id, whether a file can be taken,
 * who holds it, and where it stands after a chunk. Pure; the import downloads, leases and writes.
 */
import type { ImportError } from '../../../typings/api';
import type { Table } from '../ports/table-files';
import type { ImportDoc } from './payments';

/** The most data rows one file may hold. */
export const MAX_ROWS = 200_000;
/** Row errors kept on the import to show; the count goes on. */
const KEPT_ERRORS = 1000;

/** What one chunk did. */
export interface ChunkOutcome {
  paid: number;
  failed: number;
  unchanged: number;
  errors: ImportError[];
}

/** An import is its kind, its batch and its content: the same file again is the same import. */
export function importIdOf(kind: ImportDoc['kind'], batchId: string | null, fileHash: string): string {
  return `${kind}-${batchId ?? 'ledger'}-${fileHash.slice(0, 32)}`;
}

/** Why the data rows of a file cannot be imported, or null. */
export function rowsProblem(rows: Table): string | null {
  if (rows.length === 0) return '文件中没有数据行';
  if (rows.length > MAX_ROWS) return `一个文件最多${MAX_ROWS}行，请拆分后分别导入`;
  return null;
}

/** Whether another call holds the import: its lease is still running and is not this request's. */
export function heldByAnother(lease: ImportDoc['lease'], now: Date, requestId: string): boolean {
  return Boolean(lease && new Date(lease.until) > now && lease.requestId !== requestId);
}

/** The import's counts once a chunk ending before row `to` is done. */
export function afterChunk(
  doc: Pick<ImportDoc, 'paid' | 'failed' | 'unchanged' | 'errors' | 'errorCount'>,
  out: ChunkOutcome,
  to: number,
): Pick<ImportDoc, 'cursor' | 'paid' | 'failed' | 'unchanged' | 'errors' | 'errorCount'> {
  return {
    cursor: to,
    paid: doc.paid + out.paid,
    failed: doc.failed + out.failed,
    unchanged: doc.unchanged + out.unchanged,
    errors: [...doc.errors, ...out.errors].slice(0, KEPT_ERRORS),
    errorCount: doc.errorCount + out.errors.length,
  };
}

/** Reads data rows [from, to) of a table: what each row says, or what is wrong with it; blank rows drop. */
export function readChunk<R>(
  rows: Table,
  from: number,
  to: number,
  read: (cells: string[], index: number) => R | ImportError | null,
): { parsed: R[]; errors: ImportError[] } {
  const parsed: R[] = [];
  const errors: ImportError[] = [];
  for (let i = from; i < to; i++) {
    const r = read(rows[i] ?? [], i);
    if (r === null) continue;
    if (typeof r === 'object' && 'message' in r) errors.push(r as ImportError);
    else parsed.push(r);
  }
  return { parsed, errors };
}

/** A chunk's outcome with the rows that could not be read, in the file's order. */
export function withRowErrors(out: ChunkOutcome, errors: ImportError[]): ChunkOutcome {
  return { ...out, errors: [...errors, ...out.errors].sort((a, b) => a.row - b.row) };
}
