/**
 * The append-only audit log (审计日志). Every sealed entry holds the hash of the one before it, so a
 * changed, inserted or removed entry breaks the chain and `verifyChain` names the first place it breaks.
 *
 * Writing and sealing are apart. A state change writes its entry, unsealed, in the same transaction as
 * the change (one database operation: nothing to read first, and no shared document that every
 * audited write would wait on); an entry is never missing for a change that committed, nor present for
 * one that did not. A change that is a single document write needs no transaction at all: its entry
 * rides in that document (`riding`, in the collections of `RIDING`), so the one write carries both.
 * `sealAudit` (run by the scheduler and before every `auditVerify`) moves riding entries into the log
 * and then the unsealed entries into the chains: numbered, linked to the entry before and hashed.
 *
 * The log is 16 chains (lanes); an entry goes to the lane of its target (`laneOf`), so everything
 * about one declaration, batch or tip-off is in one chain, in order. Each lane's head lives in `meta`
 * (`audit_head` for lane 0, `audit_head_<n>` for the others) and moves with the sealed entries in one
 * transaction. Lane 0 keeps the single chain's original form (ids `a<seq>`, no `lane` field), so a log
 * written before the lanes still verifies. Unsealed entries have ids `u<lane>-<time>-<random>`, which
 * sort by lane and then by time, so the sealer reads them in order by id alone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Doc, Transaction } from '../db/database';
import { isDuplicateKey, isTransactionConflict } from '../db/database-errors';

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
  return lane === 0 ? { from: 'a', to: 'b' } : idsAfter(`l${String(lane).padStart(2, '0')}`);
}

/** Every id `<prefix>-…` lies in [from, to). */
function idsAfter(prefix: string): { from: string; to: string } {
  return { from: `${prefix}-`, to: `${prefix}.` };
}

function headId(lane: number): string {
  return lane === 0 ? HEAD_ID : `${HEAD_ID}_${lane}`;
}

/** An entry written with its change and not yet in a chain. */
export interface UnsealedEntry extends AuditInput, Doc {
  _id: string;
  lane: number;
  at: Date;
}

const UNSEALED = 'u';

function unsealedId(lane: number, at: Date): string {
  return `${UNSEALED}${String(lane).padStart(2, '0')}-${at.toISOString()}-${randomBytes(6).toString('hex')}`;
}

/** Every unsealed entry of a lane has an id in [from, to), in time order. */
function unsealedIds(lane: number): { from: string; to: string } {
  return idsAfter(`${UNSEALED}${String(lane).padStart(2, '0')}`);
}

/** A lane's unsealed entries, oldest first. */
async function unsealedOf(db: Database, lane: number, limit: number): Promise<UnsealedEntry[]> {
  const _ = db.command;
  const { from, to } = unsealedIds(lane);
  const { data } = await db
    .collection<UnsealedEntry>(AUDIT_COLLECTION)
    .where({ _id: _.and(_.gte(from), _.lt(to)) })
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return data;
}

/** An entry not yet in its chain: written by a transaction, or put in the one document a change writes (`riding`). */
export function unsealedEntry(input: AuditInput, at: Date): UnsealedEntry {
  const lane = laneOf(input.targetType, input.targetId);
  return { ...input, _id: unsealedId(lane, at), lane, at };
}

/** Writes one entry inside the caller's transaction (so the audited change and its entry commit together). */
export async function appendInTransaction(
  tx: Transaction,
  input: AuditInput,
  at: Date,
): Promise<UnsealedEntry> {
  const entry = unsealedEntry(input, at);
  await tx.collection<UnsealedEntry>(AUDIT_COLLECTION).add({ data: entry });
  return entry;
}

/** Writes one entry on its own: for a change that is a single write already made, or none. */
export async function appendAudit(db: Database, input: AuditInput, at = new Date()): Promise<UnsealedEntry> {
  const entry = unsealedEntry(input, at);
  await db.collection<UnsealedEntry>(AUDIT_COLLECTION).add({ data: entry });
  return entry;
}

/** A document read by id, or null when there is none. */
async function readOrNull<T>(ref: { get(): Promise<{ data: T }> }): Promise<T | null> {
  try {
    return (await ref.get()).data ?? null;
  } catch (err) {
    if (isMissingDocument(err)) return null;
    throw err;
  }
}

async function readHead(ref: { get(): Promise<{ data: AuditHead }> }): Promise<AuditHead> {
  const data = await readOrNull(ref);
  if (data && typeof data.seq === 'number' && typeof data.hash === 'string') return data;
  return { seq: 0, hash: GENESIS_HASH };
}

/** The SDK reports a missing document on `doc().get()` as an error; the first entry has no head yet. */
function isMissingDocument(err: unknown): boolean {
  const text = err instanceof Error ? err.message : String(err);
  return /not exist|not found|does not exist|DOCUMENT_NOT_EXIST|cannot find document/i.test(text);
}

class StaleBatch extends Error {}

/**
 * Collections whose documents may carry their own entries: `auditRiding: true` marks (and indexes)
 * such a document, `auditPending` holds the entries until the sealer moves them into the log.
 */
export const RIDING = ['tipoffs', 'users'] as const;

export interface Riding {
  auditRiding?: true;
  auditPending?: UnsealedEntry[];
}

/** The fields that make a new document carry its entry. */
export function riding(entry: UnsealedEntry): Required<Riding> {
  return { auditRiding: true, auditPending: [entry] };
}

/**
 * Moves the entries riding in one collection's documents into the log, unsealed, a document per
 * transaction (its entries added, its own copies removed; a change to the document meanwhile conflicts
 * and the move is tried again).
 */
async function moveRiding(db: Database, collection: string, deadline: number): Promise<number> {
  const _ = db.command;
  const moveOne = (id: string) =>
    db
      .runTransaction(async (tx) => {
        const ref = tx.collection<Doc & Riding>(collection).doc(id);
        const fresh = await readOrNull(ref);
        if (!fresh?.auditRiding) return 0;
        const entries = fresh.auditPending ?? [];
        for (const e of entries) {
          await tx.collection<UnsealedEntry>(AUDIT_COLLECTION).add({ data: { ...e, at: new Date(e.at) } });
        }
        await ref.update({ data: { auditRiding: _.remove(), auditPending: _.remove() } });
        return entries.length;
      })
      .catch((err: unknown) => {
        // The document changed meanwhile (another entry pushed), or another sealer is moving the same
        // entries (their ids are taken): nothing of this one was written, and the next round sees.
        if (isTransactionConflict(err) || isDuplicateKey(err)) return 0;
        throw err;
      });
  let moved = 0;
  while (Date.now() < deadline) {
    const { data } = await db
      .collection<Doc & Riding>(collection)
      .where({ auditRiding: true })
      .limit(100)
      .get();
    if (data.length === 0) break;
    // Different documents never conflict: a few at a time.
    for (let i = 0; i < data.length && Date.now() < deadline; i += MOVE_AT_ONCE) {
      const counts = await Promise.all(data.slice(i, i + MOVE_AT_ONCE).map((d) => moveOne(String(d._id))));
      moved += counts.reduce((a, b) => a + b, 0);
    }
  }
  return moved;
}

const MOVE_AT_ONCE = 8;

/** Entries one sealing transaction moves into a lane. */
const SEAL_BATCH = 100;

/**
 * Moves the unsealed entries of one lane into its chain, oldest first, until `deadline`. Each batch is one
 * transaction: the head is read, the entries are written in their numbered place and their unsealed
 * copies removed, and the head moves. Two sealers at once conflict on the head; the loser reads the
 * lane again, so no entry is sealed twice or lost.
 */
async function sealLane(db: Database, lane: number, deadline: number): Promise<number> {
  let sealed = 0;
  let conflicts = 0;
  while (Date.now() < deadline) {
    const data = await unsealedOf(db, lane, SEAL_BATCH);
    if (data.length === 0) break;
    try {
      await db.runTransaction(async (tx) => {
        const headRef = tx.collection<AuditHead>(META_COLLECTION).doc(headId(lane));
        let head = await readHead(headRef);
        for (const listed of data) {
          // Read again inside the transaction: an entry another sealer has just moved is gone, and then
          // this batch starts over from the lane as it is now.
          const ref = tx.collection<UnsealedEntry>(AUDIT_COLLECTION).doc(listed._id);
          const fresh = await readOrNull(ref);
          if (typeof fresh?.action !== 'string') throw new StaleBatch();
          const { _id, lane: _lane, ...input } = fresh;
          const seq = head.seq + 1;
          const body = {
            ...input,
            at: new Date(input.at),
            ...(lane ? { lane } : {}),
            seq,
            prevHash: head.hash,
          };
          const entry: AuditEntry = { ...body, _id: auditId(seq, lane), hash: entryHash(body) };
          await tx.collection<AuditEntry>(AUDIT_COLLECTION).add({ data: entry });
          await ref.remove();
          head = { seq, hash: entry.hash };
        }
        await headRef.set({ data: head });
      }, 1);
      sealed += data.length;
    } catch (err) {
      // Another sealer moved this lane meanwhile: read what is left and go on.
      if (!(err instanceof StaleBatch || isTransactionConflict(err)) || ++conflicts > 20) throw err;
    }
  }
  return sealed;
}

/**
 * Moves riding entries into the log, then seals what is unsealed in every lane; returns how many were
 * sealed. With `budgetMs` it stops starting new work once that is spent (a scheduler run has a time
 * limit) and the next run goes on; what it has begun always completes or is rolled back whole.
 */
export async function sealAudit(db: Database, budgetMs = Number.POSITIVE_INFINITY): Promise<number> {
  const deadline = Date.now() + budgetMs;
  for (const collection of RIDING) await moveRiding(db, collection, deadline);
  const counts = await Promise.all(Array.from({ length: LANES }, (_, lane) => sealLane(db, lane, deadline)));
  return counts.reduce((a, b) => a + b, 0);
}

/** An unsealed entry older than this means sealing has stopped: verification reports it. */
export const SEAL_GRACE_MS = 30 * 60 * 1000;

export type ChainBreak =
  | { kind: 'missing'; seq: number; lane?: number }
  | { kind: 'altered'; seq: number; lane?: number }
  | { kind: 'relinked'; seq: number; lane?: number }
  | { kind: 'head'; seq: number; lane?: number }
  | { kind: 'unsealed'; seq: number; lane?: number };

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
  now: Date,
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
  const [first] = await unsealedOf(db, lane, 1);
  if (first && now.getTime() - new Date(first.at).getTime() > SEAL_GRACE_MS) {
    return { entries: prev.seq, break: { kind: 'unsealed', seq: prev.seq + 1, lane } };
  }
  return { entries: prev.seq, break: null };
}

/** An entry still riding in its document past the grace period: sealing has stopped. */
async function staleRiding(db: Database, now: Date): Promise<ChainBreak | null> {
  for (const collection of RIDING) {
    const { data } = await db
      .collection<Doc & Riding>(collection)
      .where({ auditRiding: true })
      .limit(1000)
      .get();
    for (const d of data) {
      const old = (d.auditPending ?? []).find(
        (e) => now.getTime() - new Date(e.at).getTime() > SEAL_GRACE_MS,
      );
      if (old) return { kind: 'unsealed', seq: 0, lane: old.lane };
    }
  }
  return null;
}

/**
 * Walks every lane; the first break found (lowest lane) is reported. Entries not sealed yet are not
 * counted; one left unsealed longer than `SEAL_GRACE_MS` is a break (sealing has stopped).
 */
export async function verifyAuditLog(
  db: Database,
  pageSize = 1000,
  now = new Date(),
): Promise<{ ok: boolean; entries: number; break: ChainBreak | null }> {
  const lanes = await Promise.all(
    Array.from({ length: LANES }, (_, lane) => verifyLane(db, lane, pageSize, now)),
  );
  const entries = lanes.reduce((n, l) => n + l.entries, 0);
  const broken = lanes.find((l) => l.break)?.break ?? (await staleRiding(db, now));
  return { ok: broken === null, entries, break: broken };
}
