/**
 * Transactions as CloudBase runs them (MongoDB snapshot isolation underneath), over storage that
 * cannot hold a SQLite transaction open across HTTP requests:
 *
 * - **Snapshot reads.** A transaction's snapshot is the committed state at its first operation. When a
 *   committed write replaces or removes a document while a transaction holds an older snapshot, the
 *   old version is kept in memory (`History`) until no open snapshot needs it; reads inside the
 *   transaction see that version, plus the transaction's own buffered writes.
 * - **Write–write conflicts only, at the write.** A write refuses with `DATABASE_TRANSACTION_CONFLICT`
 *   when another open transaction has an uncommitted write on the same document, or when the document
 *   was committed after this transaction's snapshot; the transaction is then aborted (MongoDB aborts a
 *   transaction on a write conflict). What a transaction only read is never checked, so write skew
 *   commits.
 * - **Commit** applies every buffered write in one SQLite transaction, after re-checking that no write
 *   outside any transaction changed a written document since the snapshot (such a write does not wait
 *   for the transaction here, as it would in MongoDB: it goes through and the commit conflicts).
 * - A committed, aborted or expired transaction answers `DATABASE_TRANSACTION_FAIL`.
 */
import { randomBytes } from 'node:crypto';
import { type Doc, decodeDoc, encodeDoc } from './ejson';
import type { Overlay, OverlayDocs } from './engine';
import { idHex } from './engine';
import { transactionConflict, transactionNotExist } from './errors';
import type { Storage } from './storage';

/** A committed version of a document that a newer write superseded: valid for snapshots in [ver, until). */
interface OldVersion {
  ver: number;
  text: string;
  until: number;
}

interface DocHistory {
  id: unknown;
  versions: OldVersion[];
  /** Version of the last change (a removal leaves no row behind to tell it). */
  lastChange: number;
}

/** Superseded versions per collection and `_id`, kept while an open transaction's snapshot may need them. */
class History {
  private readonly byCollection = new Map<string, Map<string, DocHistory>>();

  record(collection: string, id: unknown, hex: string, old: OldVersion): void {
    let docs = this.byCollection.get(collection);
    if (!docs) {
      docs = new Map();
      this.byCollection.set(collection, docs);
    }
    const entry = docs.get(hex);
    if (entry) {
      entry.versions.push(old);
      entry.lastChange = old.until;
    } else docs.set(hex, { id, versions: [old], lastChange: old.until });
  }

  /** Note a change that superseded nothing visible (an insert) so that `changedAfter` sees it. */
  touch(collection: string, id: unknown, hex: string, ver: number): void {
    let docs = this.byCollection.get(collection);
    if (!docs) {
      docs = new Map();
      this.byCollection.set(collection, docs);
    }
    const entry = docs.get(hex);
    if (entry) entry.lastChange = ver;
    else docs.set(hex, { id, versions: [], lastChange: ver });
  }

  entries(collection: string): Map<string, DocHistory> | undefined {
    return this.byCollection.get(collection);
  }

  get(collection: string, hex: string): DocHistory | undefined {
    return this.byCollection.get(collection)?.get(hex);
  }

  /** Forget what no snapshot at or after `oldest` can need (everything when no snapshot is open). */
  prune(oldest: number | undefined): void {
    if (oldest === undefined) {
      this.byCollection.clear();
      return;
    }
    for (const [collection, docs] of this.byCollection) {
      for (const [hex, entry] of docs) {
        entry.versions = entry.versions.filter((v) => v.until > oldest);
        if (entry.versions.length === 0 && entry.lastChange <= oldest) docs.delete(hex);
      }
      if (docs.size === 0) this.byCollection.delete(collection);
    }
  }
}

/** The version of a document that a snapshot sees: its text, or null when it did not exist then. */
function versionAt(entry: DocHistory, snapshot: number): string | null {
  for (const v of entry.versions) if (v.ver <= snapshot && snapshot < v.until) return v.text;
  return null;
}

export class Transaction implements Overlay {
  /** Buffered final state per collection, in first-write order. */
  readonly writes = new Map<string, OverlayDocs>();
  /** Committed version the transaction reads at; set by its first operation. */
  private snap: number | undefined;

  constructor(
    readonly id: string,
    readonly startedAt: number,
    private readonly manager: TransactionManager,
  ) {}

  get snapshot(): number | undefined {
    return this.snap;
  }

  /** Fix the snapshot at the first operation, as MongoDB does. */
  begin(storage: Storage): number {
    this.snap ??= storage.committedVersion;
    return this.snap;
  }

  /**
   * What a query inside the transaction sees instead of the stored rows: the snapshot version of every
   * document committed after the snapshot (null: absent then), then the transaction's own writes.
   */
  docs(collection: string): OverlayDocs | undefined {
    const own = this.writes.get(collection);
    const changed = this.snap === undefined ? undefined : this.manager.history.entries(collection);
    if (!changed || changed.size === 0) return own;
    const snap = this.snap as number;
    const merged: OverlayDocs = new Map();
    for (const [hex, entry] of changed) {
      if (entry.lastChange <= snap || own?.has(hex)) continue;
      merged.set(hex, { id: entry.id, text: versionAt(entry, snap) });
    }
    if (own) for (const [hex, v] of own) merged.set(hex, v);
    return merged;
  }

  /** The document as this transaction sees it (fresh copy): its own write, else the snapshot's version. */
  read(storage: Storage, collection: string, id: unknown): Doc | undefined {
    const hex = idHex(id);
    const buffered = this.writes.get(collection)?.get(hex);
    if (buffered) return buffered.text === null ? undefined : decodeDoc(buffered.text);
    const snap = this.begin(storage);
    const state = storage.collection(collection);
    const row = state ? storage.getById(state, id) : undefined;
    if (row && row.ver <= snap) return decodeDoc(row.doc);
    const entry = this.manager.history.get(collection, hex);
    const text = entry ? versionAt(entry, snap) : null;
    return text === null ? undefined : decodeDoc(text);
  }

  /**
   * Buffer the new state of a document (null: removed). Refused, and the transaction aborted, when
   * another open transaction wrote the document or a commit changed it after the snapshot.
   */
  write(storage: Storage, collection: string, id: unknown, doc: Doc | null): void {
    const hex = idHex(id);
    this.begin(storage);
    this.manager.claim(this, collection, id, hex);
    let docs = this.writes.get(collection);
    if (!docs) {
      docs = new Map();
      this.writes.set(collection, docs);
    }
    docs.set(hex, { id, text: doc === null ? null : encodeDoc(doc) });
  }
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  /** Uncommitted writes: `collection\0idHex` → the transaction that wrote it. */
  private readonly locks = new Map<string, Transaction>();
  readonly history = new History();

  constructor(
    private readonly storage: Storage,
    private readonly timeoutMs: number,
  ) {
    storage.onChange = (collection, id, before, ver) => this.remember(collection, id, before, ver);
  }

  start(): Transaction {
    const tx = new Transaction(randomBytes(16).toString('hex'), Date.now(), this);
    this.open.set(tx.id, tx);
    return tx;
  }

  get(id: unknown): Transaction {
    this.sweep();
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) throw transactionNotExist();
    return tx;
  }

  /** Abort (rollback). A transaction that is already gone, also one a conflict aborted, is an error. */
  abort(id: unknown): void {
    this.end(this.get(id));
  }

  private end(tx: Transaction): void {
    this.open.delete(tx.id);
    for (const [collection, docs] of tx.writes) {
      for (const hex of docs.keys()) {
        const key = `${collection}\u0000${hex}`;
        if (this.locks.get(key) === tx) this.locks.delete(key);
      }
    }
    this.history.prune(this.oldestSnapshot());
  }

  private oldestSnapshot(): number | undefined {
    let oldest: number | undefined;
    for (const tx of this.open.values()) {
      const s = tx.snapshot;
      if (s !== undefined && (oldest === undefined || s < oldest)) oldest = s;
    }
    return oldest;
  }

  /** Keep a superseded committed version while some open snapshot may still read it. */
  private remember(
    collection: string,
    id: unknown,
    before: { ver: number; text: () => string } | null,
    ver: number,
  ) {
    const oldest = this.oldestSnapshot();
    if (oldest === undefined) return;
    const hex = idHex(id);
    if (before)
      this.history.record(collection, id, hex, { ver: before.ver, text: before.text(), until: ver });
    else this.history.touch(collection, id, hex, ver);
  }

  /** Whether a commit changed the document after `snapshot`. */
  private changedAfter(collection: string, id: unknown, hex: string, snapshot: number): boolean {
    const state = this.storage.collection(collection);
    const row = state ? this.storage.getById(state, id) : undefined;
    if ((row?.ver ?? 0) > snapshot) return true;
    const entry = this.history.get(collection, hex);
    return entry !== undefined && entry.lastChange > snapshot;
  }

  /** Take the write lock of a document for `tx`, or abort `tx` with a conflict. */
  claim(tx: Transaction, collection: string, id: unknown, hex: string): void {
    const key = `${collection}\u0000${hex}`;
    const owner = this.locks.get(key);
    if (owner === tx) return;
    if ((owner && this.open.has(owner.id)) || this.changedAfter(collection, id, hex, tx.snapshot ?? 0)) {
      this.end(tx);
      throw transactionConflict();
    }
    this.locks.set(key, tx);
  }

  /** Validate and apply atomically; the transaction is gone afterwards whatever happens. */
  commit(id: unknown): void {
    const tx = this.get(id);
    const storage = this.storage;
    try {
      storage.write(() => {
        const snap = tx.snapshot ?? storage.committedVersion;
        for (const [collection, docs] of tx.writes) {
          for (const [hex, { id: docId }] of docs) {
            if (this.changedAfter(collection, docId, hex, snap)) throw transactionConflict();
          }
        }
        for (const [collection, docs] of tx.writes) {
          const state = storage.collection(collection);
          if (!state) continue; // writes to a missing collection were refused when made
          for (const { id: docId, text } of docs.values()) {
            const row = storage.getById(state, docId);
            if (text === null) {
              if (row) storage.remove(state, row);
              continue;
            }
            const doc = decodeDoc(text);
            if (row) storage.replace(state, row, doc);
            else storage.insert(state, doc);
          }
        }
      });
    } finally {
      this.end(tx);
    }
  }

  /** Abort transactions open longer than the timeout. */
  sweep(now = Date.now()): void {
    for (const tx of [...this.open.values()]) if (now - tx.startedAt > this.timeoutMs) this.end(tx);
  }

  openCount(): number {
    return this.open.size;
  }
}
