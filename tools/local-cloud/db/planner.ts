/**
 * Query planner: turns the indexable part of a MongoDB filter (equality, `$in`, ranges, on fields at
 * the top level or under `$and`, or per branch of a top-level `$or`) and an `orderBy` into SQL over the
 * key tables, so SQLite searches an index instead of the whole collection. SQL only narrows the
 * candidates (always a superset of the matches); mingo then decides exactly.
 */
import type { Doc } from './ejson';
import { encodeKey, isPlainObject, scalarTag, typeLowerBound, typeUpperBound } from './keys';
import type { CollectionState, IndexState } from './storage';

export type SortSpec = Array<[field: string, direction: 1 | -1]>;

interface Bound {
  key: Buffer;
  inclusive: boolean;
}

/** What one condition says about a field, as key ranges. */
interface Constraint {
  eq?: Buffer[];
  lower?: Bound;
  upper?: Bound;
}

type Constraints = Map<string, Constraint[]>;

export interface Plan {
  /** SELECT rid, ver, doc ... */
  sql: string;
  params: Buffer[];
  /** SQL returns rows already in the requested order. */
  sorted: boolean;
  /** A declared index (or `_id`) serves this query: false is what strict mode reports. */
  served: boolean;
  /** Which index, for logs and tests. */
  index: string;
}

function addConstraint(out: Constraints, field: string, c: Constraint): void {
  const list = out.get(field);
  if (list) list.push(c);
  else out.set(field, [c]);
}

function rangeConstraint(op: string, value: unknown): Constraint | undefined {
  const tag = scalarTag(value);
  if (tag === undefined || value === null) return undefined;
  const key = encodeKey(value);
  const bracketLow = { key: typeLowerBound(tag), inclusive: true };
  const bracketHigh = { key: typeUpperBound(tag), inclusive: false };
  switch (op) {
    case '$gt':
      return { lower: { key, inclusive: false }, upper: bracketHigh };
    case '$gte':
      return { lower: { key, inclusive: true }, upper: bracketHigh };
    case '$lt':
      return { lower: bracketLow, upper: { key, inclusive: false } };
    case '$lte':
      return { lower: bracketLow, upper: { key, inclusive: true } };
    default:
      return undefined;
  }
}

/** Constraints of one field's condition (`5`, `{$in: [...]}`, `{$gte: a, $lt: b}`). */
function fieldConstraints(value: unknown): Constraint[] {
  if (value instanceof RegExp) return [];
  if (isPlainObject(value)) {
    const ops = Object.keys(value);
    if (ops.length === 0 || !ops.every((k) => k.startsWith('$'))) return []; // a literal sub-document
    const out: Constraint[] = [];
    for (const op of ops) {
      const arg = value[op];
      if (op === '$eq' && scalarTag(arg) !== undefined) out.push({ eq: [encodeKey(arg)] });
      else if (
        op === '$in' &&
        Array.isArray(arg) &&
        arg.length > 0 &&
        arg.every((v) => scalarTag(v) !== undefined)
      ) {
        out.push({ eq: arg.map(encodeKey) });
      } else {
        const range = rangeConstraint(op, arg);
        if (range) out.push(range);
      }
    }
    return out;
  }
  return scalarTag(value) === undefined ? [] : [{ eq: [encodeKey(value)] }];
}

/** Field constraints of a filter's top level and of its `$and` branches. */
export function extractConstraints(filter: Doc, out: Constraints = new Map()): Constraints {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const branch of value) if (isPlainObject(branch)) extractConstraints(branch, out);
    } else if (!key.startsWith('$')) {
      for (const c of fieldConstraints(value)) addConstraint(out, key, c);
    }
  }
  return out;
}

function tighterLower(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = Buffer.compare(a.key, b.key);
  if (c !== 0) return c > 0 ? a : b;
  return { key: a.key, inclusive: a.inclusive && b.inclusive };
}

function tighterUpper(a: Bound | undefined, b: Bound | undefined): Bound | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = Buffer.compare(a.key, b.key);
  if (c !== 0) return c < 0 ? a : b;
  return { key: a.key, inclusive: a.inclusive && b.inclusive };
}

/**
 * The single constraint SQL may apply to a field. Intersecting ranges is only sound on a field that
 * never held an array: on a multikey field different elements may satisfy different bounds.
 */
function chooseConstraint(list: Constraint[] | undefined, multikey: boolean): Constraint | undefined {
  if (!list || list.length === 0) return undefined;
  const eqs = list.filter((c) => c.eq);
  if (eqs.length > 0) return eqs.reduce((a, b) => (b.eq!.length < a.eq!.length ? b : a));
  if (multikey) return list[0];
  return list.reduce((a, b) => ({
    lower: tighterLower(a.lower, b.lower),
    upper: tighterUpper(a.upper, b.upper),
  }));
}

interface Candidate {
  index: IndexState | 'primary';
  fields: string[];
  multikey: boolean[];
  /** Constraint used per leading field (eq prefix, then at most one range). */
  used: Constraint[];
  eqCount: number;
}

const PRIMARY_FIELDS = ['_id'];

function candidates(state: CollectionState, cons: Constraints): Candidate[] {
  const all: Candidate[] = [];
  const consider = (index: IndexState | 'primary', fields: string[], multikey: boolean[]) => {
    const used: Constraint[] = [];
    let eqCount = 0;
    for (let i = 0; i < fields.length; i++) {
      const c = chooseConstraint(cons.get(fields[i]!), multikey[i]!);
      if (!c) break;
      used.push(c);
      if (!c.eq) break;
      eqCount++;
    }
    all.push({ index, fields, multikey, used, eqCount });
  };
  consider('primary', PRIMARY_FIELDS, [false]);
  for (const index of state.indexes) {
    consider(
      index,
      index.fields.map((f) => f.field),
      index.multikey,
    );
  }
  return all;
}

function columnOf(c: Candidate, i: number, alias: string): string {
  return c.index === 'primary' ? `${alias}.id` : `${alias}.k${i}`;
}

function conditionSql(c: Candidate, alias: string, params: Buffer[]): string[] {
  const out: string[] = [];
  c.used.forEach((con, i) => {
    const col = columnOf(c, i, alias);
    if (con.eq) {
      if (con.eq.length === 1) out.push(`${col} = ?`);
      else out.push(`${col} IN (${con.eq.map(() => '?').join(', ')})`);
      params.push(...con.eq);
      return;
    }
    if (con.lower) {
      out.push(`${col} ${con.lower.inclusive ? '>=' : '>'} ?`);
      params.push(con.lower.key);
    }
    if (con.upper) {
      out.push(`${col} ${con.upper.inclusive ? '<=' : '<'} ?`);
      params.push(con.upper.key);
    }
  });
  return out;
}

/** Could one document appear twice when joining through this index? */
function mayDuplicate(c: Candidate): boolean {
  if (c.index === 'primary') return false;
  return c.multikey.some((mk, i) => mk && !(i < c.eqCount && c.used[i]!.eq!.length === 1));
}

/** ORDER BY columns if SQL can sort by this index; undefined if the sort needs JavaScript. */
function orderSql(c: Candidate, sort: SortSpec, alias: string, table: string): string[] | undefined {
  if (sort.length === 0) return [];
  const terms: string[] = [];
  for (const [field, dir] of sort) {
    const i = c.fields.indexOf(field);
    if (i < 0 || c.multikey[i]) return undefined;
    terms.push(`${columnOf(c, i, alias)} ${dir === 1 ? 'ASC' : 'DESC'}`);
  }
  // Stable pagination: ties break on insertion order, in the direction of the last sort key.
  const last = sort[sort.length - 1]![1] === 1 ? 'ASC' : 'DESC';
  terms.push(`${c.index === 'primary' ? `${alias}.rid` : `${table}.rid`} ${last}`);
  return terms;
}

function score(c: Candidate, sortable: boolean): number {
  let s = c.eqCount * 10 + (c.used.length > c.eqCount ? 5 : 0) + (sortable ? 3 : 0);
  const allEqSingle = c.eqCount === c.fields.length && c.used.every((u) => u.eq?.length === 1);
  if (c.index === 'primary' && c.eqCount > 0) s += 1000;
  else if (c.index !== 'primary' && c.index.unique && allEqSingle) s += 500;
  return s;
}

function ridSubquery(state: CollectionState, c: Candidate, params: Buffer[]): string {
  if (c.index === 'primary') {
    return `SELECT p.rid FROM ${state.table} p WHERE ${conditionSql(c, 'p', params).join(' AND ')}`;
  }
  return `SELECT x.rid FROM ${c.index.table} x WHERE ${conditionSql(c, 'x', params).join(' AND ')}`;
}

function indexName(c: Candidate): string {
  return c.index === 'primary' ? '_id_' : c.index.name;
}

const SELECT_COLS = 'c.rid AS rid, c.ver AS ver, c.doc AS doc';

function planCandidate(state: CollectionState, c: Candidate, sort: SortSpec, served: boolean): Plan {
  const params: Buffer[] = [];
  if (c.index === 'primary') {
    const where = conditionSql(c, 'c', params);
    const order = orderSql(c, sort, 'c', 'c');
    const sql = `SELECT ${SELECT_COLS} FROM ${state.table} c${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${
      order?.length ? ` ORDER BY ${order.join(', ')}` : ''
    }`;
    return { sql, params, sorted: order !== undefined, served, index: '_id_' };
  }
  if (mayDuplicate(c)) {
    const sql = `SELECT ${SELECT_COLS} FROM ${state.table} c WHERE c.rid IN (${ridSubquery(state, c, params)}) ORDER BY c.rid`;
    return { sql, params, sorted: sort.length === 0, served, index: c.index.name };
  }
  const where = conditionSql(c, 'x', params);
  const order = orderSql(c, sort, 'x', 'x');
  const sql = `SELECT ${SELECT_COLS} FROM ${c.index.table} x JOIN ${state.table} c ON c.rid = x.rid${
    where.length ? ` WHERE ${where.join(' AND ')}` : ''
  }${order?.length ? ` ORDER BY ${order.join(', ')}` : ''}`;
  return { sql, params, sorted: order !== undefined, served, index: c.index.name };
}

function best(state: CollectionState, cons: Constraints, sort: SortSpec): Candidate | undefined {
  let chosen: Candidate | undefined;
  let chosenScore = -1;
  for (const c of candidates(state, cons)) {
    if (c.used.length === 0) continue;
    const s = score(c, !mayDuplicate(c) && orderSql(c, sort, 'x', 'x') !== undefined);
    if (s > chosenScore) {
      chosen = c;
      chosenScore = s;
    }
  }
  return chosen;
}

function isEmptyFilter(filter: Doc): boolean {
  return Object.keys(filter).length === 0;
}

/** Plan a find/count/update/remove over one collection. */
export function plan(state: CollectionState, filter: Doc, sort: SortSpec): Plan {
  const cons = extractConstraints(filter);
  const chosen = best(state, cons, sort);
  if (chosen) return planCandidate(state, chosen, sort, true);

  // A top-level $or whose every branch an index serves: union of the branches' candidates.
  const or = filter.$or;
  if (Array.isArray(or) && or.length > 0 && or.every(isPlainObject)) {
    const rest: Doc = { ...filter };
    delete rest.$or;
    const branches: Candidate[] = [];
    for (const branch of or) {
      const branchCons = extractConstraints(branch as Doc, extractConstraints(rest));
      const c = best(state, branchCons, []);
      if (!c) break;
      branches.push(c);
    }
    if (branches.length === or.length) {
      const params: Buffer[] = [];
      const union = branches.map((c) => ridSubquery(state, c, params)).join(' UNION ');
      return {
        sql: `SELECT ${SELECT_COLS} FROM ${state.table} c WHERE c.rid IN (${union}) ORDER BY c.rid`,
        params,
        sorted: sort.length === 0,
        served: true,
        index: branches.map(indexName).join('|'),
      };
    }
  }

  // No filter an index serves: walk an index in sort order if one fits, else the table.
  const empty: Constraints = new Map();
  if (sort.length > 0) {
    for (const c of candidates(state, empty)) {
      if (c.fields[0] !== sort[0]![0] || mayDuplicate(c)) continue;
      const order = orderSql(c, sort, c.index === 'primary' ? 'c' : 'x', 'x');
      if (order !== undefined) return planCandidate(state, c, sort, isEmptyFilter(filter));
    }
  }
  // Reading a collection without filter or sort costs only the rows returned: not a violation.
  return {
    sql: `SELECT ${SELECT_COLS} FROM ${state.table} c ORDER BY c.rid`,
    params: [],
    sorted: sort.length === 0,
    served: isEmptyFilter(filter) && sort.length === 0,
    index: 'COLLSCAN',
  };
}
