/**
 * Imports of large files in chunks. An import is keyed by the file's content hash: the same file again
 * finds its record and changes nothing. One call holds the import's lease and works through chunks of
 * rows until its time budget is spent, saving the cursor after each; the client calls again until the
 * import is done. Every chunk is idempotent (fixed ids, state-guarded updates), so a call that dies
 * after writing a chunk and before saving the cursor repeats it harmlessly.
 */
import { createHash } from 'node:crypto';
import type { ImportProgress } from '../../typings/api';
import { isDuplicateKey } from '../_shared/db/database-errors';
import {
  afterChunk,
  type ChunkOutcome,
  heldByAnother,
  importIdOf,
  rowsProblem,
} from '../_shared/domain/import-run';
import { IMPORTS, type ImportDoc } from '../_shared/domain/payments';
import { checkOwnFile } from '../_shared/ports/import-files';
import { columns, parseTable, type Table } from '../_shared/ports/table-files';
import { downloadFile } from '../_shared/runtime/cloud';
import { conflict, invalid } from '../_shared/runtime/errors';
import type { ActionContext } from '../_shared/runtime/router';

/** Rows per chunk and time per call: well inside the function's 60 s limit. */
export const CHUNK_ROWS = Number(process.env.YKT_IMPORT_CHUNK_ROWS) || 2000;
export const CALL_BUDGET_MS = Number(process.env.YKT_IMPORT_BUDGET_MS) || 20_000;
/** How long a call holds an import; a call that died leaves its lease to lapse (tests shorten it). */
const LEASE_MS = Number(process.env.YKT_IMPORT_LEASE_MS) || 55_000;

export interface ImportSpec<K extends string> {
  kind: ImportDoc['kind'];
  batchId: string | null;
  fileID: string;
  fileName: string;
  /** The columns the header must name (by any of their names), and what the file is called if it does not. */
  columns: Record<K, { names: string[]; required: boolean }>;
  fileLabel: string;
  /** Handles data rows [from, to) of the table (data row i is the file's row i + 2); `at` locates each column. */
  chunk(
    rows: Table,
    from: number,
    to: number,
    importId: string,
    at: Record<K, number>,
  ): Promise<ChunkOutcome>;
  /** After the last chunk (e.g. the batch's counts). */
  finish?(importId: string): Promise<void>;
}

function progress(doc: ImportDoc, alreadyImported: boolean): Omit<ImportProgress, 'batch'> {
  return {
    importId: doc._id,
    fileName: doc.fileName,
    state: doc.state,
    alreadyImported,
    totalRows: doc.totalRows,
    processedRows: doc.cursor,
    paid: doc.paid,
    failed: doc.failed,
    unchanged: doc.unchanged,
    errors: doc.errors,
    errorCount: doc.errorCount,
  };
}

async function load(ctx: ActionContext, id: string): Promise<ImportDoc | null> {
  const { data } = await ctx.db.collection<ImportDoc>(IMPORTS).where({ _id: id }).limit(1).get();
  return data[0] ?? null;
}

/** Takes the lease, or CONFLICT while another call holds it. */
async function lease(ctx: ActionContext, id: string): Promise<ImportDoc> {
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<ImportDoc>(IMPORTS).doc(id);
    const { data } = await ref.get();
    if (data.state === 'done') return data;
    if (heldByAnother(data.lease, ctx.now, ctx.requestId)) {
      throw conflict('这个文件正在导入中，请稍后再查看进度');
    }
    const held = { requestId: ctx.requestId, until: new Date(ctx.now.getTime() + LEASE_MS) };
    await ref.update({ data: { lease: held } });
    return { ...data, lease: held };
  });
}

export async function runImport<K extends string>(
  ctx: ActionContext,
  spec: ImportSpec<K>,
): Promise<Omit<ImportProgress, 'batch'>> {
  const started = Date.now();
  checkOwnFile(ctx, spec.fileID);
  const bytes = await downloadFile(spec.fileID);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const id = importIdOf(spec.kind, spec.batchId, hash);
  const known = await load(ctx, id);
  if (known?.state === 'done') return progress(known, true);

  let table: Table;
  try {
    table = await parseTable(spec.fileName, bytes);
  } catch {
    throw invalid('文件无法读取：请上传CSV或Excel（.xlsx）文件');
  }
  const [header = [], ...rows] = table;
  const found = columns(header, spec.columns);
  if (!found.ok) throw invalid(`${spec.fileLabel}缺少列：${found.missing.join('、')}（第1行应为表头）`);
  const rowsProblemText = rowsProblem(rows);
  if (rowsProblemText) throw invalid(rowsProblemText);

  if (!known) {
    const doc: ImportDoc = {
      _id: id,
      kind: spec.kind,
      batchId: spec.batchId,
      fileID: spec.fileID,
      fileName: spec.fileName,
      fileHash: hash,
      totalRows: rows.length,
      cursor: 0,
      paid: 0,
      failed: 0,
      unchanged: 0,
      errors: [],
      errorCount: 0,
      state: 'running',
      lease: null,
      startedBy: ctx.caller.user?._id ?? '',
      startedAt: ctx.now,
      finishedAt: null,
      version: 1,
    };
    // The record and its audit entry commit together: a crash between them would leave an import
    // that was never recorded as started (a retry finds the record and does not add it again).
    try {
      await ctx.db.runTransaction(async (tx) => {
        await tx.collection<ImportDoc>(IMPORTS).add({ data: doc });
        await ctx.auditIn(tx, {
          action: `payment.${spec.kind === 'results' ? 'importResults' : 'importLedger'}.start`,
          targetType: 'payment_import',
          targetId: id,
          detail: { batch: spec.batchId, fileName: spec.fileName, rows: rows.length, fileHash: hash },
        });
      }, 10);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  let doc = await lease(ctx, id);
  if (doc.state === 'done') return progress(doc, true);

  // At least one chunk per call, however slow the download was, so every call makes progress.
  for (
    let first = true;
    doc.cursor < rows.length && (first || Date.now() - started < CALL_BUDGET_MS);
    first = false
  ) {
    const to = Math.min(rows.length, doc.cursor + CHUNK_ROWS);
    const out = await spec.chunk(rows, doc.cursor, to, id, found.index);
    const next: Partial<ImportDoc> = {
      ...afterChunk(doc, out, to),
      version: doc.version + 1,
      lease: { requestId: ctx.requestId, until: new Date(Date.now() + LEASE_MS) },
    };
    // Only the lease holder moves the cursor.
    const { stats } = await ctx.db
      .collection<ImportDoc>(IMPORTS)
      .where({ _id: id, version: doc.version })
      .update({ data: next });
    if (stats.updated !== 1) throw conflict('这个文件正在导入中，请稍后再查看进度');
    doc = { ...doc, ...next } as ImportDoc;
  }
  if (doc.cursor >= rows.length) {
    await spec.finish?.(id);
    const finished = {
      state: 'done' as const,
      finishedAt: new Date(),
      lease: null,
      version: doc.version + 1,
    };
    // Done and its audit entry commit together: a retry of a done import changes nothing, so an entry
    // lost to a crash after the first would never be written.
    await ctx.db.runTransaction(async (tx) => {
      await tx.collection<ImportDoc>(IMPORTS).doc(id).update({ data: finished });
      await ctx.auditIn(tx, {
        action: spec.kind === 'results' ? 'payment.importResults' : 'payment.importLedger',
        targetType: 'payment_import',
        targetId: id,
        detail: {
          batch: spec.batchId,
          rows: doc.totalRows,
          paid: doc.paid,
          failed: doc.failed,
          unchanged: doc.unchanged,
          errors: doc.errorCount,
        },
      });
    }, 10);
    doc = { ...doc, ...finished };
  } else {
    await ctx.db
      .collection<ImportDoc>(IMPORTS)
      .doc(id)
      .update({ data: { lease: null } });
  }
  return progress(doc, false);
}
