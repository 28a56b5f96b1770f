/**
 * SQLite storage: one table per collection plus one key table per declared index.
 *
 * Collection table `"c:<name>"`: `rid INTEGER PRIMARY KEY, id BLOB UNIQUE, ver, doc TEXT` where `id` is
 * the order-preserving key of `_id` (see keys.ts), `doc` the document as relaxed EJSON and `ver` a
 * store-wide increasing version used to validate transactions.
 *
 * Index table `"x:<collection>:<index>"`: one row per index key of a document (`k0..kn`, `rid`), so an
 * array field is indexed per element exactly like a MongoDB multikey index; its primary key is the
 * SQLite index that queries search. A unique index puts only the keys in the primary key, so SQLite
 * itself rejects a duplicate inside the same write transaction that stores the document.
 */

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CollectionSpec, IndexField } from '../../../database/manifest';
import { type Doc, decodeDoc, encodeDoc } from './ejson';
import { duplicateKey, invalidParam, requestFailed } from './errors';
import { encodeKey, pathKeys, pathValues } from './keys';

export interface Row {
  rid: number;
  ver: number;
  doc: string;
}

export interface IndexState {
  name: string;
  table: string;
  fields: IndexField[];
  unique: boolean;
  /** Per field: has any document ever held an array on this path (never cleared, as in MongoDB). */
  multikey: boolean[];
}

export interface CollectionState {
  name: string;
  table: string;
  indexes: IndexState[];
}

export const DB_FILE = 'database.sqlite';

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

const COLLECTION_NAME = /^[A-Za-z0-9_-]{1,128}$/;

export function checkCollectionName(name: unknown): string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw invalidParam(`invalid collection name: ${String(name)}`);
  }
  return name;
}

interface StoredIndexDef {
  fields: IndexField[];
  unique: boolean;
  multikey: boolean[];
}

/** Duck-typed: a native addon's error class may come from another realm (jest), so no instanceof. */
function isConstraintError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

export class Storage {
  readonly db: Database.Database;
  private readonly collections = new Map<string, CollectionState>();
  private readonly statements = new Map<string, Database.Statement>();
  private version = 0;
  private createdInWrite: string[] = [];
  private persistedVersion = 0;
  /**
   * Told before a stored document changes (`before` null for an insert), with the version the change
   * gets: the transactions keep superseded versions for their snapshots.
   */
  onChange?: (
    collection: string,
    id: unknown,
    before: { ver: number; text: () => string } | null,
    ver: number,
  ) => void;

  constructor(
    dir: string,
    manifest: CollectionSpec[],
    readonly env: () => string,
    /** Told of every inserted document (collection, stored text): the test run's trace. */
    private readonly onInsert?: (collection: string, text: string) => void,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.db = new Database(path.join(dir, DB_FILE));
    // Durability: an acknowledged write is in the fsynced WAL before the answer leaves.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec('CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const stored = this.prepare('SELECT value FROM _meta WHERE key = ?').pluck().get('version');
    this.version = this.persistedVersion = typeof stored === 'string' ? Number(stored) : 0;
    try {
      this.loadCollections(new Set(manifest.map((c) => c.name)));
      this.write(() => {
        for (const spec of manifest) this.syncManifest(spec);
      });
    } catch (e) {
      this.db.close(); // e.g. a new unique index that the stored data breaks
      throw e;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** Run `fn` as one SQLite write transaction (all or nothing, durable on return). */
  write<T>(fn: () => T): T {
    const run = this.db.transaction(() => {
      const result = fn();
      if (this.version !== this.persistedVersion) {
        this.prepare('INSERT OR REPLACE INTO _meta (key, value) VALUES (?, ?)').run(
          'version',
          String(this.version),
        );
      }
      return result;
    });
    this.createdInWrite = [];
    try {
      const result = run.immediate();
      this.persistedVersion = this.version;
      return result;
    } catch (e) {
      // The rollback also dropped tables created inside: forget them.
      for (const name of this.createdInWrite) this.collections.delete(name);
      throw e;
    } finally {
      this.createdInWrite = [];
    }
  }

  /** The version of the last committed write: it moves on every document inserted, replaced or removed. */
  get committedVersion(): number {
    return this.persistedVersion;
  }

  nextVersion(): number {
    this.version += 1;
    return this.version;
  }

  collection(name: string): CollectionState | undefined {
    return this.collections.get(name);
  }

  collectionNames(): string[] {
    return [...this.collections.keys()];
  }

  /**
   * The collection, created (table only, no indexes) when it does not exist yet: what the deploy does
   * for the manifest and `createCollection` does on request. Nothing else creates a collection (a write
   * to a missing one is DATABASE_COLLECTION_NOT_EXIST, as in CloudBase). A created collection is
   * recorded, so that it is there again after a restart even when the manifest does not list it.
   */
  ensureCollection(name: string): CollectionState {
    const existing = this.collections.get(checkCollectionName(name));
    if (existing) return existing;
    const state: CollectionState = { name, table: quote(`c:${name}`), indexes: [] };
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${state.table} (rid INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, ver INTEGER NOT NULL, doc TEXT NOT NULL)`,
    );
    this.prepare('INSERT OR REPLACE INTO _meta (key, value) VALUES (?, ?)').run(`collection:${name}`, '1');
    this.collections.set(name, state);
    this.createdInWrite.push(name);
    return state;
  }

  /**
   * The collections of this database: those of the manifest and those created on request. Tables of
   * collections created implicitly by older versions of the local cloud (an insert used to create its
   * collection) stay in the file but are not served.
   */
  private loadCollections(manifest: Set<string>): void {
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c:%'")
      .pluck()
      .all();
    const created = new Set(
      (this.db.prepare("SELECT key FROM _meta WHERE key LIKE 'collection:%'").pluck().all() as string[]).map(
        (k) => k.slice('collection:'.length),
      ),
    );
    for (const table of tables) {
      if (typeof table !== 'string') continue;
      const name = table.slice(2);
      if (!manifest.has(name) && !created.has(name)) continue;
      const state: CollectionState = { name, table: quote(table), indexes: [] };
      const defs = this.db
        .prepare('SELECT key, value FROM _meta WHERE key LIKE ?')
        .all(`index:${name}:%`) as Array<{ key: string; value: string }>;
      for (const def of defs) {
        const indexName = def.key.slice(`index:${name}:`.length);
        const parsed = JSON.parse(def.value) as StoredIndexDef;
        state.indexes.push({
          name: indexName,
          table: quote(`x:${name}:${indexName}`),
          fields: parsed.fields,
          unique: parsed.unique,
          multikey: parsed.multikey,
        });
      }
      this.collections.set(name, state);
    }
  }

  /** Make the stored indexes of a collection match the manifest, rebuilding those that changed. */
  private syncManifest(spec: CollectionSpec): void {
    const state = this.ensureCollection(spec.name);
    const wanted = new Map(spec.indexes.map((i) => [i.name, i]));
    for (const index of [...state.indexes]) {
      const want = wanted.get(index.name);
      const same =
        want &&
        Boolean(want.unique) === index.unique &&
        JSON.stringify(want.fields) === JSON.stringify(index.fields);
      if (!same) this.dropIndex(state, index);
    }
    for (const spec of wanted.values()) {
      if (state.indexes.some((i) => i.name === spec.name)) continue;
      const index: IndexState = {
        name: spec.name,
        table: quote(`x:${state.name}:${spec.name}`),
        fields: spec.fields.map((f) => ({ field: f.field, direction: f.direction })),
        unique: Boolean(spec.unique),
        multikey: spec.fields.map(() => false),
      };
      this.createIndex(state, index);
    }
  }

  private dropIndex(state: CollectionState, index: IndexState): void {
    this.db.exec(`DROP TABLE IF EXISTS ${index.table}`);
    this.prepare('DELETE FROM _meta WHERE key = ?').run(`index:${state.name}:${index.name}`);
    state.indexes = state.indexes.filter((i) => i !== index);
  }

  private createIndex(state: CollectionState, index: IndexState): void {
    const cols = index.fields.map((_, i) => `k${i}`);
    const pk = index.unique ? cols : [...cols, 'rid'];
    this.db.exec(
      `CREATE TABLE ${index.table} (${cols.map((c) => `${c} BLOB NOT NULL`).join(', ')}, rid INTEGER NOT NULL, PRIMARY KEY (${pk.join(', ')})) WITHOUT ROWID`,
    );
    state.indexes.push(index);
    // Backfill in batches: better-sqlite3 cannot write while a read cursor is open.
    let after = 0;
    for (;;) {
      const rows = this.prepare(
        `SELECT rid, ver, doc FROM ${state.table} WHERE rid > ? ORDER BY rid LIMIT 500`,
      ).all(after) as Row[];
      if (rows.length === 0) break;
      for (const row of rows) this.insertIndexKeys(state, index, row.rid, decodeDoc(row.doc));
      after = rows[rows.length - 1]!.rid;
    }
    this.saveIndexDef(state, index);
  }

  private saveIndexDef(state: CollectionState, index: IndexState): void {
    const def: StoredIndexDef = { fields: index.fields, unique: index.unique, multikey: index.multikey };
    this.prepare('INSERT OR REPLACE INTO _meta (key, value) VALUES (?, ?)').run(
      `index:${state.name}:${index.name}`,
      JSON.stringify(def),
    );
  }

  /** Every key tuple of a document for one index (cartesian over fields, like MongoDB). */
  indexKeys(state: CollectionState, index: IndexState, doc: Doc): Buffer[][] {
    const perField = index.fields.map((f) => pathKeys(doc, f.field));
    const arrays = perField.filter((p) => p.keys.length > 1 || p.multikey);
    if (arrays.filter((p) => p.keys.length > 1).length > 1) {
      const names = index.fields.filter((_, i) => perField[i]!.keys.length > 1).map((f) => `[${f.field}]`);
      throw requestFailed(
        `cannot index parallel arrays ${names.join(' ')} (index ${index.name} of ${state.name})`,
      );
    }
    let changed = false;
    perField.forEach((p, i) => {
      if (p.multikey && !index.multikey[i]) {
        index.multikey[i] = true;
        changed = true;
      }
    });
    if (changed) this.saveIndexDef(state, index);
    let tuples: Buffer[][] = [[]];
    for (const p of perField) tuples = tuples.flatMap((t) => p.keys.map((k) => [...t, k]));
    return tuples;
  }

  private insertIndexKeys(
    state: CollectionState,
    index: IndexState,
    rid: number,
    doc: Doc,
    tuples = this.indexKeys(state, index, doc),
  ): void {
    const cols = index.fields.map((_, i) => `k${i}`);
    const stmt = this.prepare(
      `INSERT INTO ${index.table} (${cols.join(', ')}, rid) VALUES (${cols.map(() => '?').join(', ')}, ?)`,
    );
    for (const tuple of tuples) {
      try {
        stmt.run(...tuple, rid);
      } catch (e) {
        if (isConstraintError(e)) {
          const key: Record<string, unknown> = {};
          for (const f of index.fields) key[f.field] = pathValues(doc, f.field).values[0] ?? null;
          throw duplicateKey(this.env(), state.name, index.name, key);
        }
        throw e;
      }
    }
  }

  private deleteIndexKeys(index: IndexState, rid: number, tuples: Buffer[][]): void {
    const where = index.fields.map((_, i) => `k${i} = ?`).join(' AND ');
    const stmt = this.prepare(`DELETE FROM ${index.table} WHERE ${where} AND rid = ?`);
    for (const tuple of tuples) stmt.run(...tuple, rid);
  }

  getById(state: CollectionState, id: unknown): Row | undefined {
    return this.prepare(`SELECT rid, ver, doc FROM ${state.table} WHERE id = ?`).get(encodeKey(id)) as
      | Row
      | undefined;
  }

  getByRid(state: CollectionState, rid: number): Row | undefined {
    return this.prepare(`SELECT rid, ver, doc FROM ${state.table} WHERE rid = ?`).get(rid) as Row | undefined;
  }

  /** Insert a document that has an `_id`; throws the duplicate-key error on `_id` or a unique index. */
  insert(state: CollectionState, doc: Doc): Row {
    const text = encodeDoc(doc);
    const ver = this.nextVersion();
    let rid: number;
    try {
      rid = Number(
        this.prepare(`INSERT INTO ${state.table} (id, ver, doc) VALUES (?, ?, ?)`).run(
          encodeKey(doc._id),
          ver,
          text,
        ).lastInsertRowid,
      );
    } catch (e) {
      if (isConstraintError(e)) {
        throw duplicateKey(this.env(), state.name, '_id_', { _id: doc._id });
      }
      throw e;
    }
    this.onChange?.(state.name, doc._id, null, ver);
    for (const index of state.indexes) this.insertIndexKeys(state, index, rid, doc);
    this.onInsert?.(state.name, text);
    return { rid, ver, doc: text };
  }

  /** The index keys of a document, per index: what `replace` needs to know of the old version. */
  keysOf(state: CollectionState, doc: Doc): Buffer[][][] {
    return state.indexes.map((index) => this.indexKeys(state, index, doc));
  }

  /**
   * Replace a stored document (same `_id`), keeping its index keys in step. `oldKeys` (from `keysOf`
   * on the stored version) spares decoding the stored text again.
   */
  replace(state: CollectionState, row: Row, doc: Doc, oldKeys?: Buffer[][][]): Row {
    const text = encodeDoc(doc);
    const ver = this.nextVersion();
    this.onChange?.(
      state.name,
      doc._id,
      { ver: row.ver, text: () => row.doc || (this.getByRid(state, row.rid) as Row).doc },
      ver,
    );
    const old = oldKeys ? undefined : decodeDoc(row.doc);
    for (const [i, index] of state.indexes.entries()) {
      const before = oldKeys ? (oldKeys[i] as Buffer[][]) : this.indexKeys(state, index, old as Doc);
      const after = this.indexKeys(state, index, doc);
      const same =
        before.length === after.length && before.every((t, i) => t.every((k, j) => k.equals(after[i]![j]!)));
      if (same) continue;
      this.deleteIndexKeys(index, row.rid, before);
      this.insertIndexKeys(state, index, row.rid, doc, after);
    }
    this.prepare(`UPDATE ${state.table} SET ver = ?, doc = ? WHERE rid = ?`).run(ver, text, row.rid);
    return { rid: row.rid, ver, doc: text };
  }

  remove(state: CollectionState, row: Row): void {
    const old = decodeDoc(row.doc);
    this.onChange?.(state.name, old._id, { ver: row.ver, text: () => row.doc }, this.nextVersion());
    for (const index of state.indexes)
      this.deleteIndexKeys(index, row.rid, this.indexKeys(state, index, old));
    this.prepare(`DELETE FROM ${state.table} WHERE rid = ?`).run(row.rid);
  }

  count(state: CollectionState): number {
    return Number(this.prepare(`SELECT count(*) FROM ${state.table}`).pluck().get());
  }
}
