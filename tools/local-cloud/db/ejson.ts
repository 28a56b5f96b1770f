/**
 * EJSON in and out. The SDK sends canonical EJSON strings (`{"$numberInt":"1"}`, `{"$date":...}`),
 * plus two markers of its own: `{"$tcb_server_date":{"offset":ms}}` for `db.serverDate()` and
 * `{"$regularExpression":{pattern,options}}` for `db.RegExp` and native regular expressions.
 */
import { BSONRegExp, EJSON } from 'bson';
import { isPlainObject } from './keys';

export type Doc = Record<string, unknown>;

const SERVER_DATE = '$tcb_server_date';

/** JavaScript RegExp flags that a MongoDB regex option maps to (`x` has no equivalent and is dropped). */
function toRegExp(re: BSONRegExp): RegExp {
  const flags = [...new Set(re.options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
  return new RegExp(re.pattern, flags);
}

/** Replace SDK markers with real values: serverDate becomes a Date of `now + offset`. */
export function resolveMarkers(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveMarkers(v, now));
  if (value instanceof BSONRegExp) return toRegExp(value);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === SERVER_DATE) {
    const marker = value[SERVER_DATE];
    const offset = isPlainObject(marker) && typeof marker.offset === 'number' ? marker.offset : 0;
    return new Date(now + offset);
  }
  const out: Doc = {};
  for (const k of keys) out[k] = resolveMarkers(value[k], now);
  return out;
}

/** Decode one EJSON string from a request. */
export function decode(text: unknown, now: number): unknown {
  if (typeof text !== 'string') return text === undefined ? undefined : resolveMarkers(text, now);
  if (text === '') return undefined;
  return resolveMarkers(EJSON.parse(text, { relaxed: true }), now);
}

/** Convert values that EJSON cannot write back (JS RegExp) to their bson form. */
function toBson(value: unknown): unknown {
  if (value instanceof RegExp) return new BSONRegExp(value.source, value.flags);
  if (Array.isArray(value)) return value.map(toBson);
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toBson(v);
  return out;
}

/** Storage and wire form of a document: relaxed EJSON keeps numbers as JSON numbers, dates as `$date`. */
export function encodeDoc(doc: Doc): string {
  return EJSON.stringify(toBson(doc) as Doc, { relaxed: true });
}

export function decodeDoc(text: string): Doc {
  const raw: unknown = EJSON.parse(text, { relaxed: true });
  // Stored documents hold no SDK markers; only a stored regex needs converting (rare: skip the walk).
  const parsed = text.includes('"$regularExpression"') ? resolveMarkers(raw, 0) : raw;
  if (!isPlainObject(parsed)) throw new Error('stored document is not an object');
  return parsed;
}

export function asDoc(value: unknown): Doc | undefined {
  return isPlainObject(value) ? value : undefined;
}
