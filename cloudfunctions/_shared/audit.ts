/**
 * The append-only audit log (审计日志). Every entry holds the hash of the one before it, so a changed,
 * inserted or removed entry breaks the chain and `verifyChain` names the first place it breaks.
 * The chain head lives in `meta/audit_head`; an entry and the head move together in one transaction,
 * which may also carry the state change being audited.
 */
import { createHash } from 'node:crypto';
import type { Database, Doc, Transaction } from './db';

export const AUDIT_COLLECTION = 'audit_log';
const META_COLLECTION = 'meta';
const HEAD_ID = 'audit_head';
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  /** `function.action`, e.g. `user.register`. */
  action: string;
  /** Who did it: a user id, `system:<job>` or `anonymous`. Never a plain ID or phone number. */
  actorId: string;
  actorRole: string;
  targetType: string;
  targetId: string;
  /** What changed, without plain personal data (masked or hashed values only). */
  detail: Record<string, unknown>;
  requestId: string;
}

export interface AuditEntry extends AuditInput, Doc {
  _id: string;
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

interface AuditHead extends Doc {
  seq: number;
  hash: string;
}

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(entry: Omit<AuditEntry, 'hash' | '_id'>): string {
  const { seq, at, prevHash, action, actorId, actorRole, targetType, targetId, detail, requestId } = entry;
  const body = canonicalJson({
    seq,
    at,
    prevHash,
    action,
    actorId,
    actorRole,
    targetType,
    targetId,
    detail,
    requestId,
  });
  return createHash('sha256').update(body).digest('hex');
}

export function auditId(seq: number): string {
  return `a${String(seq).padStart(12, '0')}`;
}

/** Appends one entry inside the caller's transaction (so the audited change and its entry commit together). */
export async function appendInTransaction(tx: Transaction, input: AuditInput, at: Date): Promise<AuditEntry> {
  const headRef = tx.collection<AuditHead>(META_COLLECTION).doc(HEAD_ID);
  const head = await readHead(headRef);
  const seq = head.seq + 1;
  const unhashed = { ...input, seq, at, prevHash: head.hash };
  const entry: AuditEntry = { ...unhashed, _id: auditId(seq), hash: entryHash(unhashed) };
  await tx.collection<AuditEntry>(AUDIT_COLLECTION).add({ data: entry });
  await headRef.set({ data: { seq, hash: entry.hash } });
  return entry;
}

async function readHead(ref: { get(): Promise<{ data: AuditHead }> }): Promise<AuditHead> {
  try {
    const { data } = await ref.get();
    if (data && typeof data.seq === 'number' && typeof data.hash === 'string') return data;
  } catch (err) {
    if (!isMissingDocument(err)) throw err;
  }
  return { seq: 0, hash: GENESIS_HASH };
}

/** The SDK reports a missing document on `doc().get()` as an error; the first entry has no head yet. */
function isMissingDocument(err: unknown): boolean {
  const text = err instanceof Error ? err.message : String(err);
  return /not exist|not found|does not exist|DOCUMENT_NOT_EXIST|cannot find document/i.test(text);
}

/** Appends one entry in a transaction of its own, retrying when another writer moved the head. */
export async function appendAudit(db: Database, input: AuditInput, at = new Date()): Promise<AuditEntry> {
  return db.runTransaction((tx) => appendInTransaction(tx, input, at), 10);
}

export type ChainBreak =
  | { kind: 'missing'; seq: number }
  | { kind: 'altered'; seq: number }
  | { kind: 'relinked'; seq: number }
  | { kind: 'head'; seq: number };

/**
 * Checks entries given in ascending `seq` order, continuing from `prev` (seq and hash of the entry
 * before the first one). Returns the first break, or null when every entry is intact.
 */
export function verifyChain(
  entries: readonly AuditEntry[],
  prev: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): { break: ChainBreak | null; last: { seq: number; hash: string } } {
  let last = prev;
  for (const entry of entries) {
    if (entry.seq !== last.seq + 1) return { break: { kind: 'missing', seq: last.seq + 1 }, last };
    if (entry.prevHash !== last.hash) return { break: { kind: 'relinked', seq: entry.seq }, last };
    const { hash, _id, ...unhashed } = entry;
    if (entryHash(unhashed) !== hash) return { break: { kind: 'altered', seq: entry.seq }, last };
    last = { seq: entry.seq, hash };
  }
  return { break: null, last };
}

/** Walks the whole log page by page and compares its end with the recorded head. */
export async function verifyAuditLog(
  db: Database,
  pageSize = 1000,
): Promise<{ ok: boolean; entries: number; break: ChainBreak | null }> {
  let prev = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const { data } = await db
      .collection<AuditEntry>(AUDIT_COLLECTION)
      .where({ seq: db.command.gt(prev.seq) })
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .get();
    const result = verifyChain(data, prev);
    if (result.break) return { ok: false, entries: result.last.seq, break: result.break };
    prev = result.last;
    if (data.length < pageSize) break;
  }
  const head = await readHead(db.collection<AuditHead>(META_COLLECTION).doc(HEAD_ID));
  if (head.seq !== prev.seq || head.hash !== prev.hash) {
    return { ok: false, entries: prev.seq, break: { kind: 'head', seq: prev.seq + 1 } };
  }
  return { ok: true, entries: prev.seq, break: null };
}
