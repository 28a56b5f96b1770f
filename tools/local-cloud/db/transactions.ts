/**
 * Transactions span several HTTP requests, so they cannot hold a SQLite transaction open. Instead
 * (optimistic concurrency): a transaction buffers its writes and reads its own writes; it remembers
 * the version of every document it read or wrote; commit re-checks those versions and applies all
 * writes in one SQLite transaction, or fails with DATABASE_TRANSACTION_CONFLICT (which the SDK's
 * `runTransaction` retries) when another writer got there first. A transaction left open is aborted
 * after a timeout.
 */
import { randomBytes } from 'node:crypto';
import { type Doc, decodeDoc, encodeDoc } from './ejson';
import type { Overlay, OverlayDocs } from './engine';
import { idHex } from './engine';
import { requestFailed, transactionConflict } from './errors';
import type { Storage } from './storage';

interface Tracked {
  collection: string;
  id: unknown;
  /** Version seen when first read (0: did not exist). */
  ver: number;
}

export class Transaction implements Overlay {
  readonly reads = new Map<string, Tracked>();
  /** Buffered final state per collection, in first-write order. */
  readonly writes = new Map<string, OverlayDocs>();

  constructor(
    readonly id: string,
    readonly startedAt: number,
  ) {}

  docs(collection: string): OverlayDocs | undefined {
    return this.writes.get(collection);
  }

  private trackKey(collection: string, hex: string): string {
    return `${collection}\u0000${hex}`;
  }

  /** The document as this transaction sees it (fresh copy), recording the version it depends on. */
  read(storage: Storage, collection: string, id: unknown): Doc | undefined {
    const hex = idHex(id);
    const buffered = this.writes.get(collection)?.get(hex);
    if (buffered) return buffered.text === null ? undefined : decodeDoc(buffered.text);
    const state = storage.collection(collection);
    const row = state ? storage.getById(state, id) : undefined;
    const key = this.trackKey(collection, hex);
    if (!this.reads.has(key)) this.reads.set(key, { collection, id, ver: row?.ver ?? 0 });
    return row ? decodeDoc(row.doc) : undefined;
  }

  /** Remember a committed version this transaction's result depends on (query reads). */
  observe(collection: string, id: unknown, ver: number): void {
    const key = this.trackKey(collection, idHex(id));
    if (!this.reads.has(key)) this.reads.set(key, { collection, id, ver });
  }

  /** Whether a document this transaction read has changed since: it can only end in a conflict. */
  stale(storage: Storage): boolean {
    for (const t of this.reads.values()) {
      const state = storage.collection(t.collection);
      const row = state ? storage.getById(state, t.id) : undefined;
      if ((row?.ver ?? 0) !== t.ver) return true;
    }
    return false;
  }

  /** Buffer the new state of a document (null: removed). Call `read` first. */
  write(collection: string, id: unknown, doc: Doc | null): void {
    let docs = this.writes.get(collection);
    if (!docs) {
      docs = new Map();
      this.writes.set(collection, docs);
    }
    docs.set(idHex(id), { id, text: doc === null ? null : encodeDoc(doc) });
  }
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();

  constructor(
    private readonly storage: Storage,
    private readonly timeoutMs: number,
  ) {}

  start(): Transaction {
    const tx = new Transaction(randomBytes(16).toString('hex'), Date.now());
    this.open.set(tx.id, tx);
    return tx;
  }

  get(id: unknown): Transaction {
    this.sweep();
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) {
      throw requestFailed(
        `[ResourceNotFound.Transaction] transaction ${String(id)} does not exist: committed, aborted, or expired after ${this.timeoutMs} ms`,
      );
    }
    return tx;
  }

  abort(id: unknown): void {
    if (typeof id === 'string') this.open.delete(id);
  }

  /** Validate and apply atomically; the transaction is gone afterwards whatever happens. */
  commit(id: unknown): void {
    const tx = this.get(id);
    this.open.delete(tx.id);
    const storage = this.storage;
    storage.write(() => {
      for (const t of tx.reads.values()) {
        const state = storage.collection(t.collection);
        const row = state ? storage.getById(state, t.id) : undefined;
        if ((row?.ver ?? 0) !== t.ver) throw transactionConflict();
      }
      for (const [collection, docs] of tx.writes) {
        for (const { id: docId, text } of docs.values()) {
          const existing = storage.collection(collection);
          const row = existing ? storage.getById(existing, docId) : undefined;
          if (text === null) {
            if (existing && row) storage.remove(existing, row);
            continue;
          }
          const state = existing ?? storage.ensureCollection(collection);
          const doc = decodeDoc(text);
          if (row) storage.replace(state, row, doc);
          else storage.insert(state, doc);
        }
      }
    });
  }

  /** Abort transactions open longer than the timeout. */
  sweep(now = Date.now()): void {
    for (const [id, tx] of this.open) if (now - tx.startedAt > this.timeoutMs) this.open.delete(id);
  }

  openCount(): number {
    return this.open.size;
  }
}
