/**
 * Conformance: queries as CloudBase answers them (from the official @cloudbase/node-sdk database tests
 * and the CloudBase database guide), through @cloudbase/node-sdk against the local cloud.
 */
import type { SdkDatabase, TestCloud } from '../../../helpers/local-cloud';
import { type Doc, failure, idsOf, rowsOf, startConformanceCloud } from './setup';

let cloud: TestCloud;
let db: SdkDatabase;

const SUITE = 'query';
const docs: Doc[] = [
  {
    _id: 'q1',
    suite: SUITE,
    n: 1,
    name: 'Alpha',
    tags: ['a', 'b'],
    nested: { level: 1, label: 'x' },
    scores: [{ k: 'm', v: 90 }],
  },
  {
    _id: 'q2',
    suite: SUITE,
    n: 2,
    name: 'beta',
    tags: ['b'],
    nested: { level: 2, label: 'y' },
    scores: [
      { k: 'm', v: 60 },
      { k: 'e', v: 95 },
    ],
  },
  { _id: 'q3', suite: SUITE, n: 3, name: 'Gamma', tags: [], nested: { level: 2, label: 'z' }, opt: null },
  { _id: 'q4', suite: SUITE, n: 4, name: 'delta', tags: ['c', 'a'], values: [5, 6] },
  { _id: 'q5', suite: SUITE, n: 5, name: 'alphabet', values: [{ value: 5 }] },
];

beforeAll(async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => {});
  cloud = await startConformanceCloud();
  db = cloud.database();
  await db.collection('conf_docs').add(docs);
});

afterAll(async () => {
  await cloud?.close();
  jest.restoreAllMocks();
});

const where = async (filter: Doc) =>
  idsOf(
    await rowsOf(
      db
        .collection('conf_docs')
        .where({ suite: SUITE, ...filter })
        .orderBy('n', 'asc'),
    ),
  );

describe('comparison operators', () => {
  test('eq, neq, gt, gte, lt, lte', async () => {
    const _ = db.command;
    expect(await where({ n: _.eq(2) })).toEqual(['q2']);
    expect(await where({ n: _.neq(2) })).toEqual(['q1', 'q3', 'q4', 'q5']);
    expect(await where({ n: _.gt(3) })).toEqual(['q4', 'q5']);
    expect(await where({ n: _.gte(3) })).toEqual(['q3', 'q4', 'q5']);
    expect(await where({ n: _.lt(2) })).toEqual(['q1']);
    expect(await where({ n: _.lte(2) })).toEqual(['q1', 'q2']);
  });

  test('in and nin; nin also matches a document without the field', async () => {
    const _ = db.command;
    expect(await where({ n: _.in([1, 3, 9]) })).toEqual(['q1', 'q3']);
    expect(await where({ 'nested.level': _.nin([1]) })).toEqual(['q2', 'q3', 'q4', 'q5']);
  });

  test('a chained range: gt(1).and(lt(4))', async () => {
    const _ = db.command;
    expect(await where({ n: _.gt(1).and(_.lt(4)) })).toEqual(['q2', 'q3']);
  });
});

describe('logical operators', () => {
  test('and, or across fields, nor, not', async () => {
    const _ = db.command;
    expect(await where({ n: _.and(_.gt(1), _.lt(3)) })).toEqual(['q2']);
    const either = await rowsOf(
      db
        .collection('conf_docs')
        .where(_.and([{ suite: SUITE }, _.or([{ n: 1 }, { name: 'delta' }])]))
        .orderBy('n', 'asc'),
    );
    expect(idsOf(either)).toEqual(['q1', 'q4']);
    expect(await where({ n: _.not(_.gt(2)) })).toEqual(['q1', 'q2']);
    const neither = await rowsOf(
      db
        .collection('conf_docs')
        .where(_.and([{ suite: SUITE }, _.nor([{ n: 1 }, { n: 2 }])]))
        .orderBy('n', 'asc'),
    );
    expect(idsOf(neither)).toEqual(['q3', 'q4', 'q5']);
  });
});

describe('fields, nulls and arrays', () => {
  test('a dotted path and a nested object both reach embedded fields', async () => {
    expect(await where({ 'nested.level': 2 })).toEqual(['q2', 'q3']);
    expect(await where({ nested: { level: 2, label: 'z' } })).toEqual(['q3']);
  });

  test('exists; null matches a null and a missing field alike', async () => {
    const _ = db.command;
    expect(await where({ opt: _.exists(true) })).toEqual(['q3']);
    expect(await where({ opt: null })).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
    expect(await where({ nested: _.exists(false) })).toEqual(['q4', 'q5']);
  });

  test('a value matches an array holding it; all, size', async () => {
    const _ = db.command;
    expect(await where({ tags: 'a' })).toEqual(['q1', 'q4']);
    expect(await where({ tags: _.all(['a', 'b']) })).toEqual(['q1']);
    expect(await where({ tags: _.size(0) })).toEqual(['q3']);
  });

  test('elemMatch on embedded documents applies all conditions to one element', async () => {
    const _ = db.command;
    expect(await where({ scores: _.elemMatch({ k: 'm', v: _.gte(80) }) })).toEqual(['q1']);
    expect(await where({ scores: _.elemMatch({ k: 'e', v: _.gte(80) }) })).toEqual(['q2']);
  });

  test('elemMatch with a field condition does not match an array of plain values (mingo does)', async () => {
    const _ = db.command;
    expect(await where({ values: _.elemMatch({ value: 5 }) })).toEqual(['q5']);
    expect(await where({ values: _.elemMatch(_.gt(5)) })).toEqual(['q4']);
  });

  test('mod', async () => {
    const _ = db.command;
    // node-sdk types mod() without its argument; the query builder takes [divisor, remainder].
    const mod = _.mod as unknown as (divisorRemainder: [number, number]) => unknown;
    expect(await where({ n: mod([2, 1]) })).toEqual(['q1', 'q3', 'q5']);
  });
});

describe('regular expressions', () => {
  test('db.RegExp with options and a native RegExp', async () => {
    expect(await where({ name: db.RegExp({ regexp: '^alpha', options: 'i' }) })).toEqual(['q1', 'q5']);
    expect(await where({ name: /^alpha/ })).toEqual(['q5']);
    expect(await where({ name: /ta$/ })).toEqual(['q2', 'q4']);
  });
});

describe('projection, order, skip and limits', () => {
  test('field(): inclusion keeps _id; exclusion drops only the named fields', async () => {
    const [included] = await rowsOf(db.collection('conf_docs').doc('q1').field({ name: true }));
    expect(included).toEqual({ _id: 'q1', name: 'Alpha' });
    const [excluded] = await rowsOf(
      db.collection('conf_docs').where({ _id: 'q4' }).field({ tags: false, values: false }),
    );
    expect(excluded).toEqual({ _id: 'q4', suite: SUITE, n: 4, name: 'delta' });
  });

  test('orderBy several fields, then skip and limit', async () => {
    const sorted = await rowsOf(
      db
        .collection('conf_docs')
        .where({ suite: SUITE })
        .orderBy('nested.level', 'desc')
        .orderBy('n', 'asc')
        .skip(1)
        .limit(3),
    );
    // level 2 (q2, q3), level 1 (q1), then the documents without the field (q4, q5) last in desc
    expect(idsOf(sorted)).toEqual(['q3', 'q1', 'q4']);
  });

  test('ascending order puts a missing field before any value', async () => {
    const sorted = await rowsOf(
      db.collection('conf_docs').where({ suite: SUITE }).orderBy('nested.level', 'asc').orderBy('n', 'asc'),
    );
    expect(idsOf(sorted)).toEqual(['q4', 'q5', 'q1', 'q2', 'q3']);
  });

  test('doc().get() of a missing document answers an empty list', async () => {
    expect(await rowsOf(db.collection('conf_docs').doc('nope'))).toEqual([]);
  });
});

describe('row limits of the server SDK', () => {
  const BULK = 'query-limits';
  beforeAll(async () => {
    const many = Array.from({ length: 1001 }, (_, n) => ({ suite: BULK, n }));
    const res = (await db.collection('conf_docs').add(many)) as { ids: string[] };
    expect(res.ids).toHaveLength(1001);
  });

  test('100 by default, the limit asked up to 1000, never more than 1000', async () => {
    const q = () => db.collection('conf_docs').where({ suite: BULK });
    expect(await rowsOf(q())).toHaveLength(100);
    expect(await rowsOf(q().limit(101))).toHaveLength(101);
    expect(await rowsOf(q().limit(1000))).toHaveLength(1000);
    expect(await rowsOf(q().limit(1001))).toHaveLength(1000);
  });

  test('count() counts every match, not a page', async () => {
    const res = (await db.collection('conf_docs').where({ suite: BULK }).count()) as { total: number };
    expect(res.total).toBe(1001);
  });
});

describe('dates and serverDate', () => {
  const SUITE_D = 'query-dates';
  test('a Date is stored and compared as a date; serverDate() is the cloud clock plus its offset', async () => {
    const _ = db.command;
    const at = new Date('2026-03-01T08:00:00.000Z');
    const from = cloud.now().getTime();
    await db.collection('conf_docs').add([
      { _id: 'd1', suite: SUITE_D, at },
      { _id: 'd2', suite: SUITE_D, at: new Date('2026-04-01T08:00:00.000Z') },
      { _id: 'd3', suite: SUITE_D, at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) },
    ]);
    const [d1 = {}] = await rowsOf(db.collection('conf_docs').doc('d1'));
    expect(d1.at).toBeInstanceOf(Date);
    expect((d1.at as Date).getTime()).toBe(at.getTime());
    const before = await rowsOf(
      db.collection('conf_docs').where({ suite: SUITE_D, at: _.lt(new Date('2026-03-15T00:00:00Z')) }),
    );
    expect(idsOf(before)).toEqual(['d1']);
    const [d3 = {}] = await rowsOf(db.collection('conf_docs').doc('d3'));
    const serverAt = d3.at as Date;
    expect(serverAt).toBeInstanceOf(Date);
    expect(serverAt.getTime()).toBeGreaterThanOrEqual(from);
    expect(serverAt.getTime()).toBeLessThanOrEqual(cloud.now().getTime());
    expect((d3.later as Date).getTime() - serverAt.getTime()).toBe(60_000);
  });
});

describe('values', () => {
  test('an ObjectId outside _id is matched as an ObjectId and answered as its hex string', async () => {
    const hex = '5f1b2c3d4e5f60718293a4b5';
    await db.collection('conf_docs').add({ _id: 'oid1', suite: 'query-oid', ref: db.ObjectId({ id: hex }) });
    const found = await rowsOf(db.collection('conf_docs').where({ ref: db.ObjectId({ id: hex }) }));
    expect(found).toEqual([{ _id: 'oid1', suite: 'query-oid', ref: hex }]);
  });

  test('an ObjectId _id comes back as the hex string', async () => {
    const hex = '5f1b2c3d4e5f60718293a4b6';
    const res = (await db
      .collection('conf_docs')
      .add({ _id: db.ObjectId({ id: hex }), suite: 'query-oid' })) as {
      id: string;
    };
    expect(res.id).toBe(hex);
  });

  test('an unknown query operator is refused, not ignored', async () => {
    const e = await failure(
      db
        .collection('conf_docs')
        .options({ raw: true })
        .where({ n: { $nope: 1 } })
        .get(),
    );
    expect(e).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('$nope') });
  });
});

describe('not implemented by the local cloud, used by no function', () => {
  test.todo('geoNear / geoWithin / geoIntersects queries (db.Geo.Point, 2dsphere indexes)');
  test.todo('$jsonSchema and $expr with aggregation expressions in where()');
  test.todo('$text search');
});
