/**
 * Reads over the storage: plan with indexes, filter exactly with mingo, sort, skip and limit; and
 * the same over a transaction's buffered writes (read-your-writes). Memory stays bounded by the
 * candidate rows an index selects: rows stream from SQLite, and when the sort cannot run in SQL only
 * the best `skip + limit` are kept.
 */
import { type Doc, decodeDoc } from './ejson';
import { encodeKey, sortKey } from './keys';
import { Query } from './operators';
import { type Plan, plan, type SortSpec } from './planner';
import type { CollectionState, Storage } from './storage';

export interface FindSpec {
  filter: Doc;
  sort: SortSpec;
  skip: number;
  /** undefined: no limit (count, update, remove, aggregate sources). */
  limit?: number;
}

export interface Match {
  /** Row id; transaction-buffered inserts have none yet and sort last among ties. */
  rid: number;
  /** Version of the committed row (0 for buffered documents). */
  ver: number;
  doc: Doc;
  idHex: string;
  sortKeys?: Buffer[];
}

/** A transaction's buffered documents of one collection: encoded text, or null once removed. */
export type OverlayDocs = Map<string, { id: unknown; text: string | null }>;

/**
 * A transaction's view over the committed rows: rows committed after its snapshot are hidden, and
 * `docs` gives what it sees in their place (snapshot versions and its own writes).
 */
export interface Overlay {
  readonly snapshot: number | undefined;
  docs(collection: string): OverlayDocs | undefined;
}

export type PlanListener = (collection: string, filter: Doc, sort: SortSpec, plan: Plan) => void;

/** The compiled form of a filter: `test(doc)` says whether the document matches. */
export interface Filter {
  test(doc: Doc): boolean;
}

type Primitive = string | number | boolean | null;
const isPrimitive = (v: unknown): v is Primitive =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && !Number.isNaN(v));

/** `$in` lists longer than this are checked with a Set: mingo compares each value in turn. */
const SET_IN_MIN = 16;

/**
 * `{ field: { $in: [1000 ids] } }` (how functions read and update by ids) costs mingo a comparison per
 * listed value per document: 1000 × 1000 for a page of ids. A top-level field whose only condition is a
 * long `$in` of plain values is checked here with a Set, with MongoDB's meaning: the value, or any
 * element of an array value, is in the list; a missing field matches when null is listed.
 */
export function compileFilter(filter: Doc): Filter {
  const sets: Array<[string, Set<Primitive>]> = [];
  let rest: Doc | null = null;
  for (const [field, cond] of Object.entries(filter)) {
    if (field.startsWith('$') || field.includes('.') || cond === null || typeof cond !== 'object') continue;
    const keys = Object.keys(cond);
    const list = (cond as Doc).$in;
    if (keys.length !== 1 || !Array.isArray(list) || list.length < SET_IN_MIN || !list.every(isPrimitive))
      continue;
    sets.push([field, new Set(list)]);
    rest ??= { ...filter };
    delete rest[field];
  }
  const query = new Query(rest ?? filter);
  if (sets.length === 0) return query;
  return {
    test(doc: Doc): boolean {
      for (const [field, set] of sets) {
        const v = doc[field];
        if (v === undefined) {
          if (!set.has(null)) return false;
        } else if (Array.isArray(v)) {
          if (!v.some((e) => isPrimitive(e) && set.has(e))) return false;
        } else if (!isPrimitive(v) || !set.has(v)) return false;
      }
      return query.test(doc);
    },
  };
}

/** A committed row a transaction sees as stored: neither changed by it nor committed after its snapshot. */
function visible(m: Match, buffered: OverlayDocs | undefined, snap: number | undefined): boolean {
  return !buffered?.has(m.idHex) && (snap === undefined || m.ver <= snap);
}

export function idHex(id: unknown): string {
  return encodeKey(id).toString('hex');
}

function comparator(sort: SortSpec): (a: Match, b: Match) => number {
  const lastDir = sort.length > 0 ? sort[sort.length - 1]![1] : 1;
  const keysOf = (m: Match) => {
    m.sortKeys ??= sort.map(([field, dir]) => sortKey(m.doc, field, dir));
    return m.sortKeys;
  };
  return (a, b) => {
    const ka = keysOf(a);
    const kb = keysOf(b);
    for (let i = 0; i < sort.length; i++) {
      const c = Buffer.compare(ka[i]!, kb[i]!);
      if (c !== 0) return c * sort[i]![1];
    }
    const ra = a.rid > 0 ? a.rid : Number.MAX_SAFE_INTEGER;
    const rb = b.rid > 0 ? b.rid : Number.MAX_SAFE_INTEGER;
    return (ra - rb) * lastDir;
  };
}

/** Keeps the first `keep` matches in sort order without holding every candidate. */
class TopK {
  private items: Match[] = [];
  constructor(
    private readonly cmp: (a: Match, b: Match) => number,
    private readonly keep: number,
  ) {}
  push(m: Match): void {
    this.items.push(m);
    if (Number.isFinite(this.keep) && this.items.length >= Math.max(2 * this.keep, 1000)) this.trim();
  }
  private trim(): void {
    this.items.sort(this.cmp);
    if (Number.isFinite(this.keep)) this.items.length = Math.min(this.items.length, this.keep);
  }
  result(): Match[] {
    this.trim();
    return this.items;
  }
}

export class Engine {
  constructor(
    readonly storage: Storage,
    private readonly onPlan: PlanListener,
  ) {}

  planFor(state: CollectionState, filter: Doc, sort: SortSpec): Plan {
    const p = plan(state, filter, sort);
    this.onPlan(state.name, filter, sort, p);
    return p;
  }

  /** Report a whole-collection read that no index can serve (a `$lookup` with a sub-pipeline). */
  reportScan(collection: string, why: string): void {
    const state = this.storage.collection(collection);
    if (!state) return;
    this.onPlan(collection, { $comment: why }, [], {
      sql: '',
      params: [],
      sorted: false,
      served: false,
      index: 'COLLSCAN',
    });
  }

  /** Committed documents matching `filter`, in the plan's order. Do not write while iterating. */
  *scan(filter: Doc, p: Plan): Generator<Match> {
    const query = compileFilter(filter);
    const rows = this.storage.prepare(p.sql).iterate(...p.params) as IterableIterator<{
      rid: number;
      ver: number;
      doc: string;
    }>;
    for (const row of rows) {
      const doc = decodeDoc(row.doc);
      if (query.test(doc)) yield { rid: row.rid, ver: row.ver, doc, idHex: idHex(doc._id) };
    }
  }

  find(collection: string, spec: FindSpec, overlay?: Overlay): Match[] {
    const state = this.storage.collection(collection);
    const buffered = overlay?.docs(collection);
    const end = spec.limit === undefined ? Number.POSITIVE_INFINITY : spec.skip + spec.limit;
    const cmp = comparator(spec.sort);
    if (spec.limit === 0) return [];
    if (!state) return this.bufferedOnly(spec, buffered, cmp);
    const p = this.planFor(state, spec.filter, spec.sort);
    const snap = overlay?.snapshot;

    if ((!buffered || buffered.size === 0) && snap === undefined) {
      if (p.sorted) {
        const out: Match[] = [];
        let seen = 0;
        for (const m of this.scan(spec.filter, p)) {
          if (seen++ < spec.skip) continue;
          out.push(m);
          if (out.length + spec.skip >= end) break;
        }
        return out;
      }
      const top = new TopK(cmp, end);
      for (const m of this.scan(spec.filter, p)) top.push(m);
      return top.result().slice(spec.skip, end);
    }

    // Inside a transaction: committed matches of its snapshot, with what it sees in place of the rest.
    const top = new TopK(cmp, end);
    for (const m of this.scan(spec.filter, p)) if (visible(m, buffered, snap)) top.push(m);
    if (buffered) for (const m of this.bufferedMatches(spec.filter, buffered)) top.push(m);
    return top.result().slice(spec.skip, end);
  }

  private bufferedOnly(
    spec: FindSpec,
    buffered: OverlayDocs | undefined,
    cmp: (a: Match, b: Match) => number,
  ) {
    if (!buffered) return [];
    const all = [...this.bufferedMatches(spec.filter, buffered)].sort(cmp);
    return all.slice(spec.skip, spec.limit === undefined ? undefined : spec.skip + spec.limit);
  }

  private *bufferedMatches(filter: Doc, buffered: OverlayDocs): Generator<Match> {
    const query = compileFilter(filter);
    for (const [hex, entry] of buffered) {
      if (entry.text === null) continue;
      const doc = decodeDoc(entry.text);
      if (query.test(doc)) yield { rid: 0, ver: 0, doc, idHex: hex };
    }
  }

  /** Count without holding the matches. */
  count(collection: string, filter: Doc, overlay?: Overlay): number {
    const state = this.storage.collection(collection);
    const buffered = overlay?.docs(collection);
    const snap = overlay?.snapshot;
    let total = 0;
    if (buffered) for (const _ of this.bufferedMatches(filter, buffered)) total++;
    if (!state) return total;
    if (Object.keys(filter).length === 0 && (!buffered || buffered.size === 0) && snap === undefined) {
      this.planFor(state, filter, []);
      return this.storage.count(state);
    }
    const p = this.planFor(state, filter, []);
    for (const m of this.scan(filter, p)) if (visible(m, buffered, snap)) total++;
    return total;
  }
}
