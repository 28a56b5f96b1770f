/**
 * The append-only audit log (审计日志). Every entry holds the hash of the one before it, so a changed,
 * inserted or removed entry breaks the chain and `verifyChain` names the first place it breaks.
 *
 * The log is 16 chains (lanes); an entry goes to the lane of its target (`laneOf`), so everything
 * about one declaration, batch or tip-off is in one chain, in order, while changes to different
 * targets do not all wait on one head. Each lane's head lives in `meta` (`audit_head` for lane 0,
 * `audit_head_<n>` for the others); an entry and its head move together in one transaction, which may
 * also carry the state change being audited. Lane 0 keeps the single chain's original form (ids
 * `a<seq>`, no `lane` field), so a log written before the lanes still verifies.
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
  /** The chain the entry is in; absent for lane 0. */
  lane?: number;
  /** Position in its lane, from 1. */
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
  const { lane, seq, at, prevHash, action, actorId, actorRole, targetType, targetId, detail, requestId } =
    entry;
  const body = canonicalJson({
    // Lane 0 hashes as the single chain did.
    ...(lane ? { lane } : {}),
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

export const LANES = 16;

/** The chain an entry about this target goes to. */
export function laneOf(targetType: string, targetId: string): number {
  return (createHash('sha256').update(`${targetType}:${targetId}`).digest()[0] ?? 0) % LANES;
}

export function auditId(seq: number, lane = 0): string {
  const n = String(seq).padStart(12, '0');
  return lane === 0 ? `a${n}` : `l${String(lane).padStart(2, '0')}-${n}`;
}

/** Every id of a lane's entries lies in [from, to), in seq order. */
function laneIds(lane: number): { from: string; to: string } {
  if (lane === 0) return { from: 'a', to: 'b' };
  const prefix = `l${String(lane).padStart(2, '0')}`;
  return { from: `${prefix}-`, to: `${prefix}.` };
}

function headId(lane: number): string {
  return lane === 0 ? HEAD_ID : `${HEAD_ID}_${lane}`;
}

/** Appends one entry inside the caller's transaction (so the audited change and its entry commit together). */
export async function appendInTransaction(tx: Transaction, input: AuditInput, at: Date): Promise<AuditEntry> {
  const lane = laneOf(input.targetType, input.targetId);
  const headRef = tx.collection<AuditHead>(META_COLLECTION).doc(headId(lane));
  const head = await readHead(headRef);
  const seq = head.seq + 1;
  const unhashed = { ...input, ...(lane ? { lane } : {}), seq, at, prevHash: head.hash };
  const entry: AuditEntry = { ...unhashed, _id: auditId(seq, lane), hash: entryHash(unhashed) };
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
  | { kind: 'missing'; seq: number; lane?: number }
  | { kind: 'altered'; seq: number; lane?: number }
  | { kind: 'relinked'; seq: number; lane?: number }
  | { kind: 'head'; seq: number; lane?: number };

/**
 * Checks entries of one lane given in ascending `seq` order, continuing from `prev` (seq and hash of
 * the entry before the first one). Returns the first break, or null when every entry is intact.
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

/** Walks one lane page by page (by id, which is seq order) and compares its end with its head. */
async function verifyLane(
  db: Database,
  lane: number,
  pageSize: number,
): Promise<{ entries: number; break: ChainBreak | null }> {
  const _ = db.command;
  const { from, to } = laneIds(lane);
  let prev = { seq: 0, hash: GENESIS_HASH };
  let after = from;
  for (;;) {
    const { data } = await db
      .collection<AuditEntry>(AUDIT_COLLECTION)
      .where({ _id: _.and(_.gt(after), _.lt(to)) })
      .orderBy('_id', 'asc')
      .limit(pageSize)
      .get();
    const result = verifyChain(data, prev);
    if (result.break) return { entries: result.last.seq, break: { ...result.break, lane } };
    prev = result.last;
    if (data.length < pageSize) break;
    after = data[data.length - 1]?._id ?? after;
  }
  const head = await readHead(db.collection<AuditHead>(META_COLLECTION).doc(headId(lane)));
  if (head.seq !== prev.seq || head.hash !== prev.hash) {
    return { entries: prev.seq, break: { kind: 'head', seq: prev.seq + 1, lane } };
  }
  return { entries: prev.seq, break: null };
}

/** Walks every lane; the first break found (lowest lane) is reported. */
export async function verifyAuditLog(
  db: Database,
  pageSize = 1000,
): Promise<{ ok: boolean; entries: number; break: ChainBreak | null }> {
  const lanes = await Promise.all(Array.from({ length: LANES }, (_, lane) => verifyLane(db, lane, pageSize)));
  const entries = lanes.reduce((n, l) => n + l.entries, 0);
  const broken = lanes.find((l) => l.break)?.break ?? null;
  return { ok: broken === null, entries, break: broken };
}
