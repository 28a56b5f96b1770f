/**
 * DocumentStore: the server side of the CloudBase database protocol that `wx-server-sdk` (through
 * @cloudbase/node-sdk and @cloudbase/database) speaks. One request body in, one JSON body out, always
 * HTTP 200: errors travel as `{code, message}`, which the SDK turns into its own exceptions.
 *
 * Requests are handled synchronously (better-sqlite3 is synchronous), so each request is atomic with
 * respect to every other: two concurrent `where({_id, version}).update(...)` are serialised and only
 * the first finds its version.
 */
import { randomBytes } from 'node:crypto';
import type { CollectionSpec } from '../../../database/manifest';
import { runAggregate, toSortSpec } from './aggregate';
import { type Doc, decode, decodeDoc, encodeAnswer } from './ejson';
import { Engine } from './engine';
import { collectionNotExist, DbError, duplicateKey, invalidParam, requestFailed } from './errors';
import { isPlainObject } from './keys';
import { projectOne } from './operators';
import type { Plan, SortSpec } from './planner';
import { plan as planQuery } from './planner';
import { type CollectionState, checkCollectionName, Storage } from './storage';
import { type Transaction, TransactionManager } from './transactions';
import { applyUpdate, newId, upsertSeed } from './update';

export interface DocumentStoreOptions {
  /** Folder for the SQLite file. */
  dir: string;
  /** From database/manifest.ts: collections created at open, indexes built and kept in step. */
  collections: CollectionSpec[];
  /** Record (and warn about) queries that no declared index serves. */
  strict: boolean;
  /** Open transactions older than this are aborted. Default 30 s. */
  transactionTimeoutMs?: number;
  /** Told of every inserted document (collection, stored text). */
  onInsert?: (collection: string, text: string) => void;
  /** The cloud's clock, for `serverDate()` (default the machine's). */
  now?: () => number;
}

export interface StrictViolation {
  collection: string;
  filter: unknown;
  sort: unknown;
}

/** What `explain` tells about a query: the chosen index and SQLite's own plan. */
export interface Explanation {
  index: string;
  served: boolean;
  sortedBySql: boolean;
  sql: string;
  queryPlan: string[];
}

type Body = Record<string, unknown>;
type Result = Record<string, unknown>;

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const MAX_VIOLATIONS = 10_000;

/** Filter with its values replaced by their types: one console warning per query shape. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [shapeOf(value[0])] : [];
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  if (value instanceof Date) return 'date';
  return value === null ? 'null' : typeof value;
}

function str(body: Body, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
}

function num(body: Body, key: string): number | undefined {
  const v = body[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function parseOrder(value: unknown): SortSpec {
  if (Array.isArray(value)) {
    return value
      .filter(isPlainObject)
      .map((o) => [String(o.field), o.direction === 'desc' || Number(o.direction) < 0 ? -1 : 1]);
  }
  return toSortSpec(value);
}

function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  const out = projectOne(doc, projection);
  return isPlainObject(out) ? out : {};
}

/** The `_id` of a filter that is exactly `{_id: value}` (what every `doc(id)` call sends). */
function exactId(filter: Doc): { id: unknown } | undefined {
  const keys = Object.keys(filter);
  if (keys.length !== 1 || keys[0] !== '_id') return undefined;
  const id = filter._id;
  if (typeof id === 'string' || typeof id === 'number') return { id };
  return undefined;
}

export class DocumentStore {
  private readonly storage: Storage;
  private readonly engine: Engine;
  private readonly transactions: TransactionManager;
  private readonly roundTrips = new Map<string, number>();
  private readonly violations: StrictViolation[] = [];
  private readonly warnedShapes = new Set<string>();
  private readonly sweeper: NodeJS.Timeout;
  private env = 'local';
  private now = 0;

  private constructor(private readonly options: DocumentStoreOptions) {
    this.storage = new Storage(options.dir, options.collections, () => this.env, options.onInsert);
    this.engine = new Engine(this.storage, (c, f, s, p) => this.notePlan(c, f, s, p));
    const timeout = options.transactionTimeoutMs ?? 30_000;
    this.transactions = new TransactionManager(this.storage, timeout);
    this.sweeper = setInterval(() => this.transactions.sweep(), Math.min(timeout, 5_000));
    this.sweeper.unref();
  }

  static open(opts: DocumentStoreOptions): DocumentStore {
    return new DocumentStore(opts);
  }

  /** Handle one SDK request body; the answer is sent with HTTP 200 whether it is a result or an error. */
  async handle(body: Record<string, unknown>, instanceId?: string): Promise<unknown> {
    if (instanceId !== undefined) this.roundTrips.set(instanceId, (this.roundTrips.get(instanceId) ?? 0) + 1);
    const requestId = randomBytes(8).toString('hex');
    try {
      this.env = str(body, 'envName') || 'local';
      this.now = this.options.now?.() ?? Date.now();
      return { requestId, ...this.dispatch(body) };
    } catch (e) {
      if (e instanceof DbError) return { requestId, code: e.code, message: e.message };
      const message = e instanceof Error ? e.message : String(e);
      // A query or pipeline MongoDB would refuse (an unknown operator, a bad argument): the caller's error.
      if (e instanceof Error && e.constructor.name === 'MingoError') {
        return { requestId, code: 'DATABASE_REQUEST_FAILED', message: `[FailedOperation] ${message}` };
      }
      console.error(`[local-cloud db] ${String(body.action)} failed:`, e);
      return { requestId, code: 'DATABASE_REQUEST_FAILED', message: `[InternalError] ${message}` };
    }
  }

  /** Database round trips counted for one function instance since the last call. */
  takeRoundTrips(instanceId: string): number {
    const n = this.roundTrips.get(instanceId) ?? 0;
    this.roundTrips.delete(instanceId);
    return n;
  }

  /**
   * A number that changes whenever any write commits (each inserted, replaced or removed document
   * moves it). Equal before and after a call means the call wrote nothing.
   */
  writeVersion(): number {
    return this.storage.committedVersion;
  }

  strictViolations(): StrictViolation[] {
    return [...this.violations];
  }

  clearStrictViolations(): void {
    this.violations.length = 0;
  }

  /** How a query would run: chosen index, whether SQL sorts, and SQLite's EXPLAIN QUERY PLAN. */
  explain(collection: string, filter: Doc, sort: Record<string, 1 | -1> = {}): Explanation {
    const state = this.storage.collection(collection);
    if (!state) throw invalidParam(`collection ${collection} does not exist`);
    const p = planQuery(state, filter, toSortSpec(sort));
    const rows = this.storage.db.prepare(`EXPLAIN QUERY PLAN ${p.sql}`).all(...p.params) as Array<{
      detail: string;
    }>;
    return {
      index: p.index,
      served: p.served,
      sortedBySql: p.sorted,
      sql: p.sql,
      queryPlan: rows.map((r) => r.detail),
    };
  }

  close(): void {
    clearInterval(this.sweeper);
    this.storage.close();
  }

  private notePlan(collection: string, filter: Doc, sort: SortSpec, p: Plan): void {
    if (!this.options.strict || p.served) return;
    const sortObj = Object.fromEntries(sort);
    if (this.violations.length < MAX_VIOLATIONS) this.violations.push({ collection, filter, sort: sortObj });
    const shape = JSON.stringify([collection, shapeOf(filter), sortObj]);
    if (!this.warnedShapes.has(shape)) {
      this.warnedShapes.add(shape);
      console.warn(
        `[local-cloud db] strict: no declared index serves this query on "${collection}": filter ${JSON.stringify(
          shapeOf(filter),
        )} sort ${JSON.stringify(sortObj)} — add an index to database/manifest.ts`,
      );
    }
  }

  private dispatch(body: Body): Result {
    const action = str(body, 'action') ?? '';
    switch (action) {
      case 'database.insertDocument':
        return this.insert(body);
      case 'database.getDocument':
        return this.get(body);
      case 'database.calculateDocument':
        return this.count(body);
      case 'database.modifyDocument':
        return this.modify(body);
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(body);
      case 'database.removeDocument':
        return this.remove(body);
      case 'database.aggregateDocuments':
        return this.aggregate(body);
      case 'database.addCollection':
        return this.addCollection(body);
      case 'database.startTransaction':
        return { transactionId: this.transactions.start().id };
      case 'database.commitTransaction':
        this.transactions.commit(body.transactionId);
        return {};
      case 'database.abortTransaction':
        this.transactions.abort(body.transactionId);
        return {};
      case 'database.getInTransaction':
        return this.legacyGet(body);
      case 'database.updateDocInTransaction':
        return this.legacyUpdate(body);
      case 'database.deleteDocInTransaction':
        return this.legacyDelete(body);
      default:
        throw invalidParam(`unsupported action: ${action || '(none)'}`);
    }
  }

  // ---- request decoding -------------------------------------------------------------------

  private collectionName(body: Body): string {
    return checkCollectionName(body.collectionName);
  }

  /** The collection a request names, which must exist: only the deploy (manifest) creates collections. */
  private existing(body: Body): { collection: string; state: CollectionState } {
    const collection = this.collectionName(body);
    const state = this.storage.collection(collection);
    if (!state) throw collectionNotExist();
    return { collection, state };
  }

  private filterOf(body: Body): Doc {
    const q = decode(body.query, this.now);
    if (q === undefined || q === null) return {};
    if (!isPlainObject(q)) throw invalidParam('query must be an object');
    return q;
  }

  private docOf(value: unknown, what: string): Doc {
    const d = decode(value, this.now);
    if (!isPlainObject(d)) throw invalidParam(`${what} must be an object`);
    return d;
  }

  private txOf(body: Body): Transaction | undefined {
    const id = body.transactionId;
    return id === undefined || id === null || id === '' ? undefined : this.transactions.get(id);
  }

  private withId(doc: Doc): Doc {
    return doc._id === undefined ? { _id: newId(), ...doc } : doc;
  }

  /** MongoDB (as the cloud runs it) stores no field whose name starts with `$`, at any depth. */
  private checkStorable(doc: Doc): Doc {
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const v of value) visit(v);
        return;
      }
      if (!isPlainObject(value)) return;
      for (const [k, v] of Object.entries(value)) {
        if (k.startsWith('$'))
          throw requestFailed(`[FailedOperation] Document can't have $ prefixed field names: ${k}`);
        visit(v);
      }
    };
    visit(doc);
    return doc;
  }

  // ---- actions ----------------------------------------------------------------------------

  private insert(body: Body): Result {
    const tx = this.txOf(body);
    const { collection, state } = this.existing(body);
    const raw = Array.isArray(body.data) ? body.data : [body.data];
    if (raw.length === 0) throw invalidParam('data must not be empty');
    const docs = raw.map((d) => this.checkStorable(this.withId(this.docOf(d, 'document'))));
    if (tx) {
      for (const doc of docs) {
        // In the snapshot: a duplicate. Inserted since by a commit or another open transaction: a
        // write conflict (refused by `write`).
        if (tx.read(this.storage, collection, doc._id)) {
          throw duplicateKey(this.env, collection, '_id_', { _id: doc._id });
        }
        tx.write(this.storage, collection, doc._id, doc);
      }
    } else {
      this.storage.write(() => {
        for (const doc of docs) this.storage.insert(state, doc);
      });
    }
    return { data: { insertedIds: docs.map((d) => d._id) } };
  }

  private get(body: Body): Result {
    const tx = this.txOf(body);
    const { collection } = this.existing(body);
    const filter = this.filterOf(body);
    const sort = parseOrder(decode(body.order, this.now));
    const skip = Math.max(0, Math.trunc(num(body, 'offset') ?? 0));
    const asked = Math.trunc(num(body, 'limit') ?? 0);
    const limit = asked > 0 ? Math.min(asked, MAX_LIMIT) : DEFAULT_LIMIT;
    const projection = body.projection === undefined ? undefined : this.docOf(body.projection, 'projection');
    let docs: Doc[];
    const single = exactId(filter);
    if (tx && single) {
      const doc = tx.read(this.storage, collection, single.id);
      docs = doc && skip === 0 ? [doc] : [];
    } else {
      tx?.begin(this.storage);
      docs = this.engine.find(collection, { filter, sort, skip, limit }, tx).map((m) => m.doc);
    }
    return { data: { list: docs.map((d) => encodeAnswer(project(d, projection))), offset: skip, limit } };
  }

  private count(body: Body): Result {
    const tx = this.txOf(body);
    const { collection } = this.existing(body);
    tx?.begin(this.storage);
    return { data: { total: this.engine.count(collection, this.filterOf(body), tx) } };
  }

  /** Matching documents, decoded once and collected before writing (SQLite cannot write under an open cursor). */
  private matchingDocs(
    state: CollectionState | undefined,
    filter: Doc,
    multi: boolean,
  ): Array<{ rid: number; ver: number; doc: Doc }> {
    if (!state) return [];
    const single = exactId(filter);
    if (single) {
      const row = this.storage.getById(state, single.id);
      if (!row) return [];
      return [{ rid: row.rid, ver: row.ver, doc: decodeDoc(row.doc) }];
    }
    const out: Array<{ rid: number; ver: number; doc: Doc }> = [];
    for (const m of this.engine.scan(filter, this.engine.planFor(state, filter, []))) {
      out.push({ rid: m.rid, ver: m.ver, doc: m.doc });
      if (!multi) break;
    }
    return out;
  }

  /** Rows matching a filter, collected before writing (SQLite cannot write under an open cursor). */
  private matchingRows(state: CollectionState | undefined, filter: Doc, multi: boolean): number[] {
    if (!state) return [];
    const single = exactId(filter);
    if (single) {
      const row = this.storage.getById(state, single.id);
      return row ? [row.rid] : [];
    }
    const rids: number[] = [];
    for (const m of this.engine.scan(filter, this.engine.planFor(state, filter, []))) {
      rids.push(m.rid);
      if (!multi) break;
    }
    return rids;
  }

  private upsertDoc(filter: Doc, data: Doc, merge: boolean): Doc {
    const seed = this.withId(merge ? upsertSeed(filter) : { _id: upsertSeed(filter)._id });
    return this.checkStorable(applyUpdate(seed, data, merge).doc);
  }

  /**
   * `updated` counts every matched document, also one the update leaves as it was: CloudBase answers
   * `updated: 1` for a `set()` or `update()` that writes the values the document already holds (the
   * official SDK's tests expect it). An unchanged document is not rewritten.
   */
  private modify(body: Body): Result {
    const tx = this.txOf(body);
    const { collection, state } = this.existing(body);
    const filter = this.filterOf(body);
    const data = this.docOf(body.data, 'data');
    const multi = body.multi === true;
    const merge = body.merge !== false;
    const upsert = body.upsert === true;
    if (!merge) this.checkStorable(data);
    if (tx) return this.modifyInTx(tx, collection, filter, data, { multi, merge, upsert });
    return this.storage.write(() => {
      const matches = this.matchingDocs(state, filter, multi);
      for (const m of matches) {
        // The old version's index keys before the update changes the decoded document in place.
        const oldKeys = this.storage.keysOf(state, m.doc);
        const outcome = applyUpdate(m.doc, data, merge);
        if (!outcome.modified) continue;
        this.storage.replace(state, { rid: m.rid, ver: m.ver, doc: '' }, outcome.doc, oldKeys);
      }
      let upsertId: unknown;
      if (matches.length === 0 && upsert) {
        const doc = this.upsertDoc(filter, data, merge);
        this.storage.insert(state, doc);
        upsertId = doc._id;
      }
      return { data: { updated: matches.length, matched: matches.length, upsert_id: upsertId } };
    });
  }

  private txTargets(tx: Transaction, collection: string, filter: Doc, multi: boolean): unknown[] {
    const single = exactId(filter);
    if (single) return [single.id];
    tx.begin(this.storage);
    const matches = this.engine.find(
      collection,
      { filter, sort: [], skip: 0, limit: multi ? undefined : 1 },
      tx,
    );
    return matches.map((m) => m.doc._id);
  }

  private modifyInTx(
    tx: Transaction,
    collection: string,
    filter: Doc,
    data: Doc,
    opts: { multi: boolean; merge: boolean; upsert: boolean },
  ): Result {
    let matched = 0;
    for (const id of this.txTargets(tx, collection, filter, opts.multi)) {
      const current = tx.read(this.storage, collection, id);
      if (!current) continue;
      matched++;
      const outcome = applyUpdate(current, data, opts.merge);
      if (outcome.modified) tx.write(this.storage, collection, id, outcome.doc);
    }
    let upsertId: unknown;
    if (matched === 0 && opts.upsert) {
      const doc = this.upsertDoc(filter, data, opts.merge);
      if (tx.read(this.storage, collection, doc._id))
        throw duplicateKey(this.env, collection, '_id_', { _id: doc._id });
      tx.write(this.storage, collection, doc._id, doc);
      upsertId = doc._id;
    }
    return { data: { updated: matched, matched, upsert_id: upsertId } };
  }

  private modifyAndReturn(body: Body): Result {
    const tx = this.txOf(body);
    const { collection, state } = this.existing(body);
    const filter = this.filterOf(body);
    const data = this.docOf(body.data, 'data');
    if (tx) {
      const [id] = this.txTargets(tx, collection, filter, false);
      const current = id === undefined ? undefined : tx.read(this.storage, collection, id);
      if (!current) return { data: { updated: 0, doc: null } };
      const outcome = applyUpdate(current, data, true);
      if (outcome.modified) tx.write(this.storage, collection, id, outcome.doc);
      return { data: { updated: 1, doc: encodeAnswer(outcome.doc) } };
    }
    return this.storage.write(() => {
      const [rid] = this.matchingRows(state, filter, false);
      if (rid === undefined) return { data: { updated: 0, doc: null } };
      const row = this.storage.getByRid(state, rid)!;
      const outcome = applyUpdate(decodeDoc(row.doc), data, true);
      if (outcome.modified) this.storage.replace(state, row, outcome.doc);
      return { data: { updated: 1, doc: encodeAnswer(outcome.doc) } };
    });
  }

  private remove(body: Body): Result {
    const tx = this.txOf(body);
    const { collection, state } = this.existing(body);
    const filter = this.filterOf(body);
    const multi = body.multi === true;
    if (tx) {
      let deleted = 0;
      for (const id of this.txTargets(tx, collection, filter, multi)) {
        if (!tx.read(this.storage, collection, id)) continue;
        tx.write(this.storage, collection, id, null);
        deleted++;
      }
      return { data: { deleted } };
    }
    return this.storage.write(() => {
      const rids = this.matchingRows(state, filter, multi);
      for (const rid of rids) this.storage.remove(state, this.storage.getByRid(state, rid)!);
      return { data: { deleted: rids.length } };
    });
  }

  private aggregate(body: Body): Result {
    const { collection } = this.existing(body);
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array');
    const pipeline = body.stages.map((stage): Doc => {
      if (!isPlainObject(stage) || typeof stage.stageKey !== 'string') throw invalidParam('invalid stage');
      return { [stage.stageKey]: decode(stage.stageValue, this.now) };
    });
    const docs = runAggregate(this.engine, collection, pipeline);
    return { data: { list: docs.map(encodeAnswer) } };
  }

  private addCollection(body: Body): Result {
    const collection = this.collectionName(body);
    if (this.storage.collection(collection)) {
      throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${collection} already exists`);
    }
    this.storage.write(() => this.storage.ensureCollection(collection));
    return {};
  }

  // ---- the older per-document transaction actions (@cloudbase/database's transaction.ts) ----

  private legacyGet(body: Body): Result {
    const tx = this.transactions.get(body.transactionId);
    const doc = tx.read(this.storage, this.existing(body).collection, body._id);
    return { data: doc ? encodeAnswer(doc) : 'null' };
  }

  private legacyUpdate(body: Body): Result {
    const tx = this.transactions.get(body.transactionId);
    const { collection } = this.existing(body);
    const data = this.docOf(body.data, 'data');
    const upsert = body.upsert === true;
    const current = tx.read(this.storage, collection, body._id);
    if (!current) {
      if (!upsert) return { updated: '0' };
      tx.write(this.storage, collection, body._id, this.checkStorable({ ...data, _id: body._id }));
      return { updated: '0', upserted: JSON.stringify([{ _id: body._id }]) };
    }
    const outcome = applyUpdate(current, data, !upsert);
    if (outcome.modified) tx.write(this.storage, collection, body._id, outcome.doc);
    return { updated: '1' };
  }

  private legacyDelete(body: Body): Result {
    const tx = this.transactions.get(body.transactionId);
    const { collection } = this.existing(body);
    if (!tx.read(this.storage, collection, body._id)) return { deleted: '0' };
    tx.write(this.storage, collection, body._id, null);
    return { deleted: '1' };
  }
}
