/**
 * Imports of large files in chunks. An import is keyed by the file's content hash: the same file again
 * finds its record and changes nothing. One call holds the import's lease and works through chunks of
 * rows until its time budget is spent, saving the cursor after each; the client calls again until the
 * import is done. Every chunk is idempotent (fixed ids, state-guarded updates), so a call that dies
 * after writing a chunk and before saving the cursor repeats it harmlessly.
 */
import { createHash } from 'node:crypto';
import type { ImportError, ImportProgress } from '../../typings/api';
import { downloadFile } from '../_shared/cloud';
import { isDuplicateKey } from '../_shared/db-errors';
import { conflict, forbidden, invalid } from '../_shared/errors';
import type { ActionContext } from '../_shared/router';
import { parseTable, type Table } from '../_shared/table-files';
import { IMPORTS, type ImportDoc } from './model';

/** Rows per chunk and time per call: well inside the function's 60 s limit. */
export const CHUNK_ROWS = Number(process.env.YKT_IMPORT_CHUNK_ROWS) || 2000;
export const CALL_BUDGET_MS = Number(process.env.YKT_IMPORT_BUDGET_MS) || 20_000;
/** How long a call holds an import; a call that died leaves its lease to lapse (tests shorten it). */
const LEASE_MS = Number(process.env.YKT_IMPORT_LEASE_MS) || 55_000;
const KEPT_ERRORS = 1000;
export const MAX_ROWS = 200_000;

export interface ChunkOutcome {
  paid: number;
  failed: number;
  unchanged: number;
  errors: ImportError[];
}

export interface ImportSpec {
  kind: ImportDoc['kind'];
  batchId: string | null;
  fileID: string;
  fileName: string;
  /** Checks the header once; answers a plain reason when the file is not what was expected. */
  header(header: string[]): string | null;
  /** Handles data rows [from, to) of the table; `rowNumber(i)` is the file's 1-based row. */
  chunk(rows: Table, from: number, to: number, importId: string): Promise<ChunkOutcome>;
  /** After the last chunk (e.g. the batch's counts). */
  finish?(importId: string): Promise<void>;
}

/** An upload must sit in the caller's own import folder. */
export function checkOwnFile(ctx: ActionContext, fileID: string): void {
  const userId = ctx.caller.user?._id ?? '';
  if (!userId || !fileID.includes(`/imports/${userId}/`)) throw forbidden('只能导入您本人上传的文件');
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
    if (data.lease && new Date(data.lease.until) > ctx.now && data.lease.requestId !== ctx.requestId) {
      throw conflict('这个文件正在导入中，请稍后再查看进度');
    }
    const held = { requestId: ctx.requestId, until: new Date(ctx.now.getTime() + LEASE_MS) };
    await ref.update({ data: { lease: held } });
    return { ...data, lease: held };
  });
}

export async function runImport(
  ctx: ActionContext,
  spec: ImportSpec,
): Promise<Omit<ImportProgress, 'batch'>> {
  const started = Date.now();
  checkOwnFile(ctx, spec.fileID);
  const bytes = await downloadFile(spec.fileID);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const id = `${spec.kind}-${spec.batchId ?? 'ledger'}-${hash.slice(0, 32)}`;
  const known = await load(ctx, id);
  if (known?.state === 'done') return progress(known, true);

  let table: Table;
  try {
    table = await parseTable(spec.fileName, bytes);
  } catch {
    throw invalid('文件无法读取：请上传CSV或Excel（.xlsx）文件');
  }
  const [header = [], ...rows] = table;
  const headerProblem = spec.header(header);
  if (headerProblem) throw invalid(headerProblem);
  if (rows.length === 0) throw invalid('文件中没有数据行');
  if (rows.length > MAX_ROWS) throw invalid(`一个文件最多${MAX_ROWS}行，请拆分后分别导入`);

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
    const out = await spec.chunk(rows, doc.cursor, to, id);
    const errors = [...doc.errors, ...out.errors].slice(0, KEPT_ERRORS);
    const next: Partial<ImportDoc> = {
      cursor: to,
      paid: doc.paid + out.paid,
      failed: doc.failed + out.failed,
      unchanged: doc.unchanged + out.unchanged,
      errors,
      errorCount: doc.errorCount + out.errors.length,
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

/** 2026-03-05, 2026/3/5, 20260305 (optionally with a time) → midnight of that day in Asia/Shanghai. */
export function parseDay(text: string): Date | null {
  const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[ T].*)?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d) - 8 * 3600 * 1000);
  const check = new Date(at.getTime() + 8 * 3600 * 1000);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return at;
}
