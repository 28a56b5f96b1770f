/**
 * Order-preserving index keys.
 *
 * Every indexed value (and `_id`) is stored as a BLOB whose byte order (SQLite compares BLOBs with
 * memcmp) follows MongoDB's cross-type sort order: null < numbers < strings < objects < arrays <
 * ObjectId < booleans < dates. So equality, `$in`, type-bracketed ranges and `orderBy` can all run
 * in SQL over plain indexes, and the JavaScript side can sort with the same bytes.
 */
import { EJSON } from 'bson';

const TAG_NULL = 0x0a;
const TAG_NUMBER = 0x10;
const TAG_STRING = 0x20;
const TAG_OBJECT = 0x30;
const TAG_ARRAY = 0x40;
const TAG_OBJECT_ID = 0x60;
const TAG_BOOL = 0x70;
const TAG_DATE = 0x80;
const TAG_REGEX = 0xa0;

export type KeyTag = number;

/** A value read from a document: plain JSON-ish data plus Date, RegExp and a few bson classes. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function bsonTypeOf(value: object): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === 'string' ? tag : undefined;
}

/** Numbers from bson wrappers (Long, Int32, Double, Decimal128) as a JavaScript number. */
function bsonNumber(value: object): number | undefined {
  const type = bsonTypeOf(value);
  if (type === 'Long' || type === 'Int32' || type === 'Double' || type === 'Decimal128') {
    return Number(String(value));
  }
  return undefined;
}

function encodeNumber(n: number): Buffer {
  const out = Buffer.alloc(9);
  out[0] = TAG_NUMBER;
  if (Number.isNaN(n)) return out; // NaN sorts below every other number, as in MongoDB
  out.writeDoubleBE(n === 0 ? 0 : n, 1); // -0 equals 0
  if ((out[1]! & 0x80) === 0) {
    out[1] = out[1]! | 0x80;
  } else {
    for (let i = 1; i < 9; i++) out[i] = ~out[i]! & 0xff;
  }
  return out;
}

function encodeDate(ms: number): Buffer {
  const out = Buffer.alloc(9);
  out[0] = TAG_DATE;
  out.writeBigUInt64BE(BigInt.asUintN(64, BigInt(Math.trunc(ms)) + (1n << 63n)), 1);
  return out;
}

function tagged(tag: number, body: string): Buffer {
  return Buffer.concat([Buffer.from([tag]), Buffer.from(body, 'utf8')]);
}

/** The sortable key of one value (arrays as a whole: index keys expand them first). */
export function encodeKey(value: unknown): Buffer {
  if (value === null || value === undefined) return Buffer.from([TAG_NULL]);
  switch (typeof value) {
    case 'number':
      return encodeNumber(value);
    case 'bigint':
      return encodeNumber(Number(value));
    case 'string':
      return tagged(TAG_STRING, value);
    case 'boolean':
      return Buffer.from([TAG_BOOL, value ? 1 : 0]);
    case 'object':
      break;
    default:
      return tagged(TAG_STRING, String(value));
  }
  if (value instanceof Date) return encodeDate(value.getTime());
  if (value instanceof RegExp) return tagged(TAG_REGEX, `${value.source}/${value.flags}`);
  if (Array.isArray(value)) return tagged(TAG_ARRAY, EJSON.stringify(value, { relaxed: false }));
  const n = bsonNumber(value);
  if (n !== undefined) return encodeNumber(n);
  if (bsonTypeOf(value) === 'ObjectId') {
    return Buffer.concat([Buffer.from([TAG_OBJECT_ID]), Buffer.from(String(value), 'hex')]);
  }
  return tagged(TAG_OBJECT, EJSON.stringify(value as Record<string, unknown>, { relaxed: false }));
}

/** The type tag of a scalar that SQL may compare, or undefined when the value is not indexable. */
export function scalarTag(value: unknown): KeyTag | undefined {
  if (value === null) return TAG_NULL;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return TAG_NUMBER;
    case 'string':
      return TAG_STRING;
    case 'boolean':
      return TAG_BOOL;
    case 'object':
      if (value instanceof Date) return TAG_DATE;
      if (bsonNumber(value) !== undefined) return TAG_NUMBER;
      if (bsonTypeOf(value) === 'ObjectId') return TAG_OBJECT_ID;
      return undefined;
    default:
      return undefined;
  }
}

/** Lowest key of a type (inclusive bound). */
export function typeLowerBound(tag: KeyTag): Buffer {
  return Buffer.from([tag]);
}

/** First key past a type (exclusive bound): MongoDB ranges never cross types. */
export function typeUpperBound(tag: KeyTag): Buffer {
  return Buffer.from([tag + 1]);
}

export const NULL_KEY = Buffer.from([TAG_NULL]);

/** Result of walking a dotted path the way MongoDB's multikey indexes do. */
export interface PathValues {
  values: unknown[];
  /** An array was met on the path: the index becomes multikey. */
  multikey: boolean;
}

const EMPTY_ARRAY = Symbol('emptyArray');

function walk(value: unknown, parts: string[], i: number, out: PathValues): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      out.multikey = true;
      if (value.length === 0) out.values.push(EMPTY_ARRAY);
      else for (const element of value) out.values.push(element);
    } else {
      out.values.push(value);
    }
    return;
  }
  const part = parts[i]!;
  if (Array.isArray(value)) {
    out.multikey = true;
    const before = out.values.length;
    if (/^\d+$/.test(part)) walk(value[Number(part)], parts, i + 1, out);
    else for (const element of value) if (isPlainObject(element)) walk(element[part], parts, i + 1, out);
    if (out.values.length === before) out.values.push(undefined);
    return;
  }
  if (isPlainObject(value)) {
    walk(value[part], parts, i + 1, out);
    return;
  }
  out.values.push(undefined);
}

/** All values a document holds at a dotted path (array elements expanded). */
export function pathValues(doc: unknown, path: string): PathValues {
  const out: PathValues = { values: [], multikey: false };
  walk(doc, path.split('.'), 0, out);
  return out;
}

/** Distinct encoded keys of a document at a path. */
export function pathKeys(doc: unknown, path: string): { keys: Buffer[]; multikey: boolean } {
  const { values, multikey } = pathValues(doc, path);
  const seen = new Map<string, Buffer>();
  for (const v of values) {
    const key = v === EMPTY_ARRAY ? encodeKey([]) : encodeKey(v);
    seen.set(key.toString('hex'), key);
  }
  return { keys: [...seen.values()], multikey };
}

/** The key a document sorts by on one field: MongoDB uses the smallest element ascending, the largest descending. */
export function sortKey(doc: unknown, path: string, direction: 1 | -1): Buffer {
  const { keys } = pathKeys(doc, path);
  let best = keys[0] ?? NULL_KEY;
  for (const key of keys) {
    const c = Buffer.compare(key, best);
    if ((direction === 1 && c < 0) || (direction === -1 && c > 0)) best = key;
  }
  return best;
}
