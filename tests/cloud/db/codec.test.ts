/**
 * The engine's fast paths must mean exactly what the slow ones meant: the JSON codec against bson's
 * relaxed EJSON, the Set check of a long `$in` against mingo, a plain `$set` against mingo's updater.
 */
import { inspect } from 'node:util';
import { BSONRegExp, EJSON, Long } from 'bson';
import fc from 'fast-check';
import { update as mingoUpdate, Query } from 'mingo';
import { decode, decodeDoc, encodeDoc } from '../../../tools/local-cloud/db/ejson';
import { compileFilter } from '../../../tools/local-cloud/db/engine';
import { applyUpdate } from '../../../tools/local-cloud/db/update';

const date = fc.oneof(
  fc.date({
    min: new Date(Date.UTC(1970, 0, 1)),
    max: new Date(Date.UTC(9999, 11, 31)),
    noInvalidDate: true,
  }),
  fc.integer({ min: 0, max: 2_000_000_000 }).map((s) => new Date(s * 1000)),
  fc.constant(new Date(-5000)),
  fc.constant(new Date(Date.UTC(10_000, 0, 1))),
);
const leaf = fc.oneof(
  fc.string(),
  fc.constantFrom('$in', '"$date"', '{"$numberInt":"1"}'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  date,
);
/** `FC_RUNS=200000` searches harder than the default runs of `npm test`. */
const runs = (n: number): number => Number(process.env.FC_RUNS ?? n);

const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 4 }), tie('o')),
  o: fc.dictionary(
    fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('$date', '$in', '_id', 'a.b')),
    tie('v'),
    { maxKeys: 4 },
  ),
}));
/** What the store wrote before the fast path: undefined fields dropped at every level, then bson. */
function dropUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropUndefined);
  if (v === null || typeof v !== 'object' || v instanceof Date) return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => [k, dropUndefined(x)]),
  );
}

const doc = fc.dictionary(fc.string({ maxLength: 8 }), value.v, { maxKeys: 6 });

test('encodeDoc writes what bson’s relaxed EJSON writes, and decodeDoc reads it back the same', () => {
  fc.assert(
    fc.property(doc, (d) => {
      const text = encodeDoc(d);
      const reference = EJSON.stringify(dropUndefined(d) as object, { relaxed: true });
      expect(text).toBe(reference);
      // Keys like `$date` in a document are EJSON's own: what bson refuses, the fast path refuses too.
      const outcome = (read: () => unknown) => {
        try {
          // inspect: an Invalid Date equals an Invalid Date here, as it does not for toEqual.
          return { ok: inspect(read(), { depth: null }) };
        } catch (err) {
          return { error: (err as Error).message };
        }
      };
      expect(outcome(() => decodeDoc(text))).toEqual(outcome(() => EJSON.parse(text, { relaxed: true })));
    }),
    { numRuns: runs(500) },
  );
});

test('types the fast path does not know go through bson: regex, long, -0, Infinity', () => {
  const d = { re: /^a.b$/i, long: Long.fromNumber(2 ** 40), neg: -0, inf: Number.POSITIVE_INFINITY };
  const text = encodeDoc(d);
  expect(text).toBe(EJSON.stringify({ ...d, re: new BSONRegExp('^a.b$', 'i') }, { relaxed: true }));
  const back = decodeDoc(text);
  expect(back.re).toEqual(/^a.b$/i);
  const bson = EJSON.parse(text, { relaxed: true }) as Record<string, unknown>;
  expect(back.neg).toEqual(bson.neg);
  expect(back.long).toEqual(bson.long);
  expect(back.inf).toBe(Number.POSITIVE_INFINITY);
});

test('canonical EJSON from the SDK decodes as bson decodes it', () => {
  const sent = EJSON.stringify(
    { n: 5, x: 2.5, at: new Date(Date.UTC(2026, 2, 5, 1, 2, 3, 4)), q: { $in: [1, 2], $gt: new Date(0) } },
    { relaxed: false },
  );
  expect(decode(sent, 0)).toEqual(EJSON.parse(sent, { relaxed: true }));
});

const scalar = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'd'),
  fc.integer({ min: 0, max: 3 }),
  fc.constant(null),
);
const field = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.constant(undefined),
  fc.constant(new Date(0)),
  fc.constant({ a: 1 }),
);

test('a long $in is matched by a Set exactly as mingo matches it', () => {
  fc.assert(
    fc.property(
      fc.array(scalar, { minLength: 16, maxLength: 40 }),
      fc.array(fc.record({ f: field, g: scalar }, { requiredKeys: [] }), { maxLength: 20 }),
      fc.option(scalar, { nil: undefined }),
      (list, docs, g) => {
        const filter = g === undefined ? { f: { $in: list } } : { f: { $in: list }, g };
        const fast = compileFilter(filter);
        const slow = new Query(filter, { scriptEnabled: false });
        for (const d of docs) expect(fast.test(d)).toBe(slow.test(d));
      },
    ),
    { numRuns: runs(300) },
  );
});

/**
 * Objects as a function receives them: decoded from JSON, so never with a null prototype
 * (mingo tells `{}` and `Object.create(null)` apart; a stored document cannot).
 */
const plain = { maxKeys: 3, noNullPrototype: true };
const small = fc.oneof(
  fc.constantFrom('a', 'b', 'paid'),
  fc.integer({ min: -2, max: 2 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(new Date(0)),
);
const tree = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, small, fc.array(tie('v'), { maxLength: 2 }), tie('o')),
  o: fc.dictionary(fc.constantFrom('x', 'y', 'z'), tie('v'), plain),
}));
const path = fc
  .array(fc.constantFrom('x', 'y', 'z', '0'), { minLength: 1, maxLength: 3 })
  .map((p) => p.join('.'));

/** A deep copy made in this realm (structuredClone's arrays come from Node's, which mingo tells apart). */
function clone<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) as T;
  return v;
}

test('a plain $set changes a document exactly as mingo’s updater does, and says so alike', () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.constantFrom('x', 'y', 'z'), tree.v, plain),
      fc.dictionary(path, tree.v, { ...plain, minKeys: 1 }),
      (fields, set) => {
        const doc = { _id: 'd', ...fields };
        const outcome = (run: () => { doc: Record<string, unknown>; modified: boolean }) => {
          try {
            const r = run();
            return { doc: inspect(r.doc, { depth: null }), modified: r.modified };
          } catch (err) {
            return { error: (err as Error).message };
          }
        };
        const ours = outcome(() => applyUpdate(clone(doc), { $set: set }, true));
        const theirs = outcome(() => {
          const copy = clone(doc);
          const changed = mingoUpdate(copy, { $set: set }, undefined, undefined, {
            cloneMode: 'deep',
            queryOptions: { scriptEnabled: false },
          });
          return { doc: copy, modified: changed.length > 0 };
        });
        expect(ours).toEqual(theirs);
      },
    ),
    { numRuns: runs(1000) },
  );
});
