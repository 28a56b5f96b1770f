/**
 * Generators of hostile input for the bad-input suite: values of the wrong type, operator objects
 * where an id is expected, prototype-pollution keys, lone surrogates, huge strings and arrays, deep
 * nesting. `eventFor(schema)` walks an action's zod/mini input schema (through `_zod.def`, as
 * cloudfunctions/_shared/runtime/validate.ts does) so that the real fields get the wrong values, not only
 * random keys.
 */
import fc from 'fast-check';
import * as z from 'zod/mini';

type Schema = z.core.$ZodType;
type Def = z.core.$ZodTypes['_zod']['def'];

const defOf = (schema: Schema): Def => (schema as z.core.$ZodTypes)._zod.def;

/** A key no real code reads: if it ever shows up on Object.prototype, something was polluted. */
export const POLLUTION_MARK = 'yktPolluted';

/** What a polluted prototype would hand every object: a marker, and fields the access rules read. */
const POLLUTION_PAYLOAD = {
  [POLLUTION_MARK]: 'yes',
  roles: [{ role: 'admin' }],
  isStaff: true,
  verification: 'verified',
  householdId: 'h-polluted',
};

/** A plain object whose own keys may be `__proto__` and friends (no setter runs). */
export function ownObject(entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Operator injection: what a query builder would take for a condition instead of a value. */
export const operatorObject: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(
  { $ne: null },
  { $gt: '' },
  { $gte: 0 },
  { $regex: '.*' },
  { $where: 'function () { return true; }' },
  { $in: [] },
  { $nin: ['x'] },
  { $exists: true },
  { $or: [{}, { _id: { $ne: null } }] },
  { $expr: { $eq: [1, 1] } },
  { $set: { roles: [{ role: 'admin' }] } },
  { _id: { $ne: null } },
);

/** Prototype-pollution attempts as JSON would carry them: own `__proto__`, `constructor.prototype`. */
export const pollutionObject: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(
  ownObject([['__proto__', POLLUTION_PAYLOAD]]),
  ownObject([['constructor', { prototype: POLLUTION_PAYLOAD }]]),
  ownObject([['prototype', POLLUTION_PAYLOAD]]),
  ownObject([
    ['__proto__', POLLUTION_PAYLOAD],
    ['constructor', { prototype: POLLUTION_PAYLOAD }],
  ]),
  ownObject([['a', ownObject([['__proto__', POLLUTION_PAYLOAD]])]]),
);

/** Keys a hostile client adds: operators, pollution keys, dotted paths, empty, huge. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '$where',
    '$ne',
    '$set',
    '_id',
    'a.b',
    '$',
    '',
    ' ',
    '\ud800',
    'toString',
    'hasOwnProperty',
    'openid',
    'userInfo',
  ),
  fc.string({ maxLength: 12 }).map((s) => `$${s}`),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 65, max: 400 }).map((n) => 'k'.repeat(n)),
);

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Strings containing at least one lone (unpaired) surrogate. */
export const surrogateString: fc.Arbitrary<string> = fc
  .tuple(fc.string({ maxLength: 8 }), loneSurrogate, fc.string({ maxLength: 8 }))
  .map(([a, s, b]) => `${a}${s}${b}`);

/** Long strings: some under the body limit, a few over it once encoded (CJK is 3 bytes in UTF-8). */
export const hugeString: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 300, max: 40_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 300, max: 20_000 }).map((n) => '罗'.repeat(n)),
  fc.integer({ min: 30_000, max: 60_000 }).map((n) => '字'.repeat(n)),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '   ',
    '$ne',
    '$where',
    '{"$gt":""}',
    '__proto__',
    'constructor',
    'prototype',
    '../../etc/passwd',
    'cloud://ykt-local.local/../users/x.jpg',
    "'; DROP TABLE users; --",
    '\u0000',
    '\u202e罗勇',
    '𠮷𠮷',
    'null',
    'undefined',
    'NaN',
    '-1',
    '1e309',
    '511702001001\n',
    'DIBAO ',
  ),
  surrogateString,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  hugeString,
);

/** Numbers JSON can carry that tend to break integer fields (NaN and ±Infinity arrive as null). */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    0.5,
    1.5,
    2 ** 31,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    1e21,
    1e308,
    -1e308,
    5e-324,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Nesting a few levels to a few thousand deep: arrays, objects, or both. */
export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 20, max: 3_000 }), fc.constantFrom('array', 'object', 'mixed'))
  .map(([depth, kind]) => {
    let v: unknown = 'bottom';
    for (let i = 0; i < depth; i++) {
      const asArray = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
      v = asArray ? [v] : { a: v };
    }
    return v;
  });

export const hugeArray: fc.Arbitrary<unknown[]> = fc
  .tuple(fc.integer({ min: 101, max: 20_000 }), fc.constantFrom<unknown>(0, 'a', null, {}, []))
  .map(([n, item]) => new Array<unknown>(n).fill(item));

/** Anything a hostile client sends in place of a value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: operatorObject },
  { weight: 2, arbitrary: pollutionObject },
  { weight: 2, arbitrary: hostileString },
  { weight: 1, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], ['$ne']) },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: hugeArray },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Values that fit real fields of the demo world, so that some inputs get past validation. */
const HINTS: Record<string, readonly string[]> = {
  code: ['DIBAO', 'GAOLING', 'TEKUN', 'JBDEMQ222223'],
  projectCode: ['DIBAO', 'GAOLING', 'CANJI'],
  regionCode: ['511702001001', '511702001000', '511702000000'],
  villageCode: ['511702001001', '511702001002'],
  parentCode: ['511702000000', '511700000000'],
  period: ['2026', '2026-11'],
  idNumber: ['11010519491231002X', '511702197001010012'],
};

/** A value the schema might accept, bent toward edge cases. */
function plausible(schema: Schema, key: string | undefined, depth: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const hinted = key !== undefined && HINTS[key] ? HINTS[key] : undefined;
  switch (def.type) {
    case 'string':
      return hinted
        ? fc.oneof(fc.constantFrom(...hinted), hostileString)
        : fc.oneof(hostileString, fc.string({ maxLength: 20 }));
    case 'number':
      return hostileNumber;
    case 'boolean':
      return fc.boolean();
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...(Object.values(def.entries) as unknown[]));
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.oneof(
            { weight: 4, arbitrary: fc.array(field(def.element, key, depth + 1), { maxLength: 4 }) },
            { weight: 1, arbitrary: hugeArray },
          );
    case 'object':
      return depth > 3 ? fc.constant({}) : objectFor(def.shape, depth + 1);
    case 'record':
      return depth > 3
        ? fc.constant({})
        : fc
            .array(fc.tuple(hostileKey, field(def.valueType, undefined, depth + 1)), { maxLength: 5 })
            .map(ownObject);
    case 'union':
      return fc.oneof(...def.options.map((o) => plausible(o, key, depth)));
    case 'optional':
      return fc.oneof(fc.constant(undefined), plausible(def.innerType, key, depth));
    case 'nullable':
      return fc.oneof(fc.constant(null), plausible(def.innerType, key, depth));
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return plausible(def.innerType, key, depth);
    case 'pipe':
      return plausible(def.in, key, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A field's value: usually near what the schema wants, often something hostile instead. */
function field(schema: Schema, key: string | undefined, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: plausible(schema, key, depth) },
    { weight: 2, arbitrary: hostileValue },
  );
}

/** The declared fields (each maybe absent), plus a few hostile extra keys. */
function objectFor(shape: Record<string, Schema>, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(shape);
  const declared = keys.map((k) =>
    fc.option(field(shape[k]!, k, depth), { nil: undefined, freq: 5 }).map((v) => [k, v] as const),
  );
  const extra = fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: depth === 0 ? 3 : 1 });
  return fc
    .tuple(fc.tuple(...declared), extra)
    .map(([fields, more]) =>
      ownObject([...fields.filter(([, v]) => v !== undefined), ...more.filter(([k]) => k !== 'action')]),
    );
}

/** The parameters of one call of an action with input schema `schema` (the action name goes beside). */
export function paramsFor(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const def = defOf(schema);
  if (def.type === 'object') return objectFor(def.shape, 0);
  if (def.type === 'union') {
    return fc.oneof(...def.options.map((o) => paramsFor(o)));
  }
  if (def.type === 'pipe') return paramsFor(def.in);
  return fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 4 }).map(ownObject);
}

/** The field names the schema declares at its top level (union options merged). */
export function fieldsOf(schema: Schema): string[] {
  const def = defOf(schema);
  if (def.type === 'object') return Object.keys(def.shape);
  if (def.type === 'union') return [...new Set(def.options.flatMap((o) => fieldsOf(o)))];
  if (def.type === 'pipe') return fieldsOf(def.in);
  return [];
}

/** Text that fits many real fields yet is hostile in content: operators, pollution words, scripts. */
const CONFORMING_STRINGS: readonly string[] = [
  '罗勇',
  '张秀英',
  '王',
  '$ne',
  '$where',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  'a.b',
  'x',
  'abc',
  'u-demo-resident-luoyong',
  'u-demo-admin',
  'h-luoyong',
  // Shaped like personal data but never a whole number: a full one echoed back from free text
  // would be the run's personal-data scan finding the fuzzer's own input (full ones go only into
  // idNumber fields, through HINTS).
  '138****0000',
  '1341234567',
  '511702001001',
  '511702001000',
  '511702000000',
  'DIBAO',
  'GAOLING',
  'TEKUN',
  'JBDEMQ222223',
  'risk_rule:0a1b2c',
  '2026',
  '2026-11',
  '2025',
  '2026-11-01T00:00:00.000Z',
  'cloud://ykt-local.local/declarations/u-demo-resident-luoyong/x/1.jpg',
  'cloud://ykt-local.local/../../etc/passwd',
  'cloud://ykt-local.local/imports/名单.xlsx',
  '名单.xlsx',
  '回盘.csv',
  '情况属实，请核查'.repeat(3),
  '说明'.repeat(99),
  'a\ud800b',
  '\udc00罗勇',
  '罗\ud83d',
  '𠮷𠮷',
  '\u202e罗勇',
  'x'.repeat(64),
  '110105********002X',
  '51170219700101001',
  '<script>alert(1)</script>',
  "'; DROP TABLE users; --",
  '$' + '{7*7}{{7*7}}',
  'social_security',
  'bank',
  '6217********1234',
  'abcdefgh12345678',
];

/**
 * A value the schema accepts (each piece checked with the field's own schema), with hostile content
 * wherever the schema leaves room: operator-like keys in records, pollution words as ids, lone
 * surrogates in free text. Cross-field rules may still refuse it; that is the handler's to answer.
 */
export function conforming(
  schema: Schema,
  key: string | undefined,
  extra: readonly string[],
  depth = 0,
): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const fits = (v: unknown) => schemaAccepts(schema, v);
  switch (def.type) {
    case 'string': {
      const hinted = key !== undefined ? (HINTS[key] ?? []) : [];
      const candidates = [...new Set([...hinted, ...extra, ...CONFORMING_STRINGS])].filter(fits);
      return candidates.length > 0 ? fc.constantFrom(...candidates) : plausible(schema, key, depth);
    }
    case 'number': {
      const candidates = [0, 1, 2, 5, 10, 20, 50, 100, 2025, 2026, 10_000, 1_000_000, 0.5, -1].filter(fits);
      return candidates.length > 0 ? fc.constantFrom(...candidates) : hostileNumber;
    }
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(conforming(def.element, key, extra, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const keys = Object.keys(def.shape);
      const fields = keys.map((k) =>
        conforming(def.shape[k]!, k, extra, depth + 1).map((v) => [k, v] as const),
      );
      const junk = fc.array(fc.tuple(hostileKey, hostileValue), { maxLength: 2 });
      return fc
        .tuple(fc.tuple(...fields), junk)
        .map(([fs, more]) =>
          ownObject([...fs.filter(([, v]) => v !== undefined), ...more.filter(([k]) => k !== 'action')]),
        );
    }
    case 'record': {
      const keyOk = (k: string) => schemaAccepts(def.keyType, k);
      const keys = [...CONFORMING_STRINGS, '$gt', '$set', '$where', '_id', 'a.b.c', ''].filter(keyOk);
      const entry = fc.tuple(
        keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('x'),
        conforming(def.valueType, undefined, extra, depth + 1),
      );
      return fc.array(entry, { maxLength: 4 }).map(ownObject);
    }
    case 'union':
      return fc.oneof(...def.options.map((o) => conforming(o, key, extra, depth)));
    case 'optional':
      return fc.oneof(fc.constant(undefined), conforming(def.innerType, key, extra, depth));
    case 'nullable':
      return fc.oneof(fc.constant(null), conforming(def.innerType, key, extra, depth));
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return conforming(def.innerType, key, extra, depth);
    case 'pipe':
      return conforming(def.in, key, extra, depth);
    default:
      return plausible(schema, key, depth);
  }
}

function schemaAccepts(schema: Schema, value: unknown): boolean {
  return z.safeParse(schema, value).success;
}

/** Parameters that mostly pass validation, for reaching the handlers with hostile content. */
export function conformingParams(
  schema: Schema,
  extra: readonly string[],
): fc.Arbitrary<Record<string, unknown>> {
  return conforming(schema, undefined, extra).map((v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {},
  );
}
