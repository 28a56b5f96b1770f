/**
 * Indexes: SQLite really searches them (EXPLAIN QUERY PLAN), strict mode reports what no index serves,
 * multikey and typed keys give the same answers as evaluating every document with mingo, and the
 * data and indexes survive a close and reopen (including a manifest that changed in between).
 */
import fs from 'node:fs';
import { find } from 'mingo';
import type { CollectionSpec } from '../../../database/manifest';
import { DocumentStore } from '../../../tools/local-cloud/db';
import { encodeKey } from '../../../tools/local-cloud/db/keys';
import { testCollections } from './collections';
import {
  type Database,
  type Doc,
  type Harness,
  one,
  pointSdkAt,
  type Running,
  rows,
  serve,
  startHarness,
  tempDir,
} from './fixture';

let h: Harness;
let db: Database;
let warn: jest.SpyInstance;

beforeAll(async () => {
  h = await startHarness('indexes', testCollections);
  db = h.db;
  warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  const cities = ['dazhou', 'wanyuan', 'quxian', 'kaijiang'];
  const people = Array.from({ length: 400 }, (_, i) => ({
    _id: `p${String(i).padStart(3, '0')}`,
    email: `p${i}@x.cn`,
    city: cities[i % 4],
    age: (i * 7) % 90,
    tags: i % 5 === 0 ? [] : [`t${i % 3}`, `t${i % 7}`],
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
    address: i % 6 === 0 ? undefined : { zip: `6350${i % 10}` },
    score: i % 11 === 0 ? null : i % 13 === 0 ? 'n/a' : (i * 37) % 100,
  }));
  await db.collection('people').add({ data: people });
});

afterAll(async () => {
  await h.close();
  warn.mockRestore();
});

beforeEach(() => h.store.clearStrictViolations());

const plan = (filter: Doc, sort?: Record<string, 1 | -1>) => h.store.explain('people', filter, sort);
const planText = (filter: Doc, sort?: Record<string, 1 | -1>) => plan(filter, sort).queryPlan.join(' | ');

describe('EXPLAIN QUERY PLAN shows the index in use', () => {
  test('equality', () => {
    expect(plan({ email: 'p1@x.cn' }).index).toBe('email_unique');
    expect(planText({ email: 'p1@x.cn' })).toContain('SEARCH x USING PRIMARY KEY (k0=?)');
    expect(planText({ city: 'dazhou' })).toMatch(/SEARCH x USING .*\(k0=\?\)/);
    expect(planText({ _id: 'p001' })).toMatch(/SEARCH c USING INDEX sqlite_autoindex_c:people_1 \(id=\?\)/);
    expect(planText({ 'address.zip': '63501' })).toMatch(/SEARCH x USING .*\(k0=\?\)/);
  });

  test('$in and ranges, alone and after an equality prefix', () => {
    expect(planText({ city: { $in: ['dazhou', 'quxian'] } })).toMatch(/SEARCH x USING .*\(k0=\?\)/);
    expect(planText({ city: 'dazhou', age: { $gte: 20, $lt: 40 } })).toMatch(/\(k0=\? AND k1>\? AND k1<\?\)/);
    expect(planText({ createdAt: { $gt: new Date('2026-01-05') } })).toMatch(
      /SEARCH x USING .*\(k0>\? AND k0<\?\)/,
    );
    expect(plan({ createdAt: { $gt: new Date('2026-01-05') } }).index).toBe('created');
  });

  test('orderBy over the index needs no sort step', () => {
    const sorted = plan({ city: 'dazhou' }, { age: -1 });
    expect(sorted.index).toBe('city_age');
    expect(sorted.sortedBySql).toBe(true);
    expect(sorted.queryPlan.join(' | ')).not.toContain('TEMP B-TREE');
    const byDate = plan({}, { createdAt: -1 });
    expect(byDate.index).toBe('created');
    expect(byDate.served).toBe(true);
    expect(byDate.queryPlan.join(' | ')).not.toContain('TEMP B-TREE');
    // a multikey field with one value is still a plain index walk, sorted
    const tagged = plan({ tags: 't1' }, { createdAt: -1 });
    expect(tagged.index).toBe('tags_created');
    expect(tagged.sortedBySql).toBe(true);
  });

  test('a top-level $or of indexed branches searches both indexes', () => {
    const p = plan({ $or: [{ email: 'p1@x.cn' }, { city: 'quxian', age: 5 }] });
    expect(p.served).toBe(true);
    expect(p.queryPlan.filter((d) => d.includes('SEARCH x')).length).toBe(2);
  });

  test('a filter no index serves scans', () => {
    const p = plan({ score: 5 });
    expect(p.served).toBe(false);
    expect(p.queryPlan.join(' | ')).toContain('SCAN c');
  });
});

describe('strict mode', () => {
  test('reports an unindexed where().get/count/update/remove, once warned per shape', async () => {
    const _ = db.command;
    warn.mockClear();
    await rows(db.collection('people').where({ score: 5 }));
    await rows(db.collection('people').where({ score: 6 }));
    await db
      .collection('people')
      .where({ score: _.gt(1000) })
      .count();
    await db
      .collection('people')
      .where({ score: 'none' })
      .update({ data: { x: 1 } });
    await db.collection('people').where({ score: 'none' }).remove();
    expect(h.store.strictViolations()).toEqual([
      { collection: 'people', filter: { score: 5 }, sort: {} },
      { collection: 'people', filter: { score: 6 }, sort: {} },
      { collection: 'people', filter: { score: { $gt: 1000 } }, sort: {} },
      { collection: 'people', filter: { score: 'none' }, sort: {} },
      { collection: 'people', filter: { score: 'none' }, sort: {} },
    ]);
    const warnings = warn.mock.calls.map((c) => String(c[0]));
    expect(warnings.filter((w) => w.includes('{"score":"number"}'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('{"score":"string"}'))).toHaveLength(1);
  });

  test('an unindexed sort over an indexed filter is fine; a sort no index serves without filter is not', async () => {
    await rows(db.collection('people').where({ city: 'dazhou' }).orderBy('score', 'desc'));
    expect(h.store.strictViolations()).toEqual([]);
    await rows(db.collection('people').orderBy('score', 'desc'));
    expect(h.store.strictViolations()).toEqual([{ collection: 'people', filter: {}, sort: { score: -1 } }]);
  });

  test('does not flag indexed queries, _id lookups, doc() calls or an index prefix', async () => {
    const _ = db.command;
    await rows(db.collection('people').where({ city: 'dazhou', score: 5 }));
    await rows(db.collection('people').where({ email: _.in(['p1@x.cn', 'p2@x.cn']) }));
    await rows(db.collection('people').where({ _id: _.in(['p001']), score: 1 }));
    await rows(
      db
        .collection('people')
        .where({ createdAt: _.lt(new Date('2026-01-02')) })
        .orderBy('createdAt', 'asc'),
    );
    await rows(db.collection('people').where({ tags: 't2', age: _.gt(3) }));
    await one(db.collection('people').doc('p001'));
    await db
      .collection('people')
      .doc('p002')
      .update({ data: { seen: true } });
    await rows(db.collection('people').limit(5));
    await db.collection('people').count();
    expect(h.store.strictViolations()).toEqual([]);
  });
});

describe('results equal a full evaluation with mingo', () => {
  let all: Doc[];
  beforeAll(async () => {
    all = [];
    for (let skip = 0; ; skip += 1000) {
      const page = await rows(db.collection('people').orderBy('_id', 'asc').skip(skip).limit(1000));
      all.push(...page);
      if (page.length < 1000) break;
    }
  });

  const d = (day: number) => new Date(Date.UTC(2026, 0, day));
  const cases: Array<[Doc, Record<string, 1 | -1>]> = [
    [{ city: 'dazhou' }, {}],
    [{ city: 'dazhou', age: { $gte: 20, $lt: 60 } }, { age: -1 }],
    [
      { city: { $in: ['wanyuan', 'quxian'] }, age: { $lte: 30 } },
      { age: 1, createdAt: -1 },
    ],
    [{ tags: 't1' }, { createdAt: -1 }],
    [{ tags: { $in: ['t1', 't5'] } }, { createdAt: 1 }],
    [{ tags: { $gt: 't4', $lt: 't2' } }, {}],
    [{ tags: { $size: 0 } }, {}],
    [{ createdAt: { $gte: d(3), $lt: d(5) } }, { createdAt: -1 }],
    [{ 'address.zip': '63503' }, { age: 1 }],
    [{ 'address.zip': null }, {}],
    [{ 'address.zip': { $exists: false } }, {}],
    [{ age: 14, city: { $ne: 'dazhou' } }, {}],
    [{ $or: [{ email: 'p7@x.cn' }, { city: 'kaijiang', age: { $gt: 80 } }] }, { age: -1 }],
    [{ $and: [{ city: 'quxian' }, { age: { $gt: 10 } }, { age: { $lt: 50 } }] }, { age: 1 }],
    [{ score: { $gt: 50 } }, { score: -1 }],
    [{ score: null }, {}],
    [{ city: 'dazhou' }, { score: 1 }],
    [{}, { createdAt: -1 }],
  ];

  test.each(cases.map((c, i) => [i, ...c]))('case %i', async (_i, filter, sort) => {
    const spec = sort as Record<string, 1 | -1>;
    const fullSort = { ...spec, _id: 1 as const };
    let query = db.collection('people').where(filter as Doc);
    for (const [field, dir] of Object.entries(fullSort))
      query = query.orderBy(field, dir === 1 ? 'asc' : 'desc');
    const got = await rows(query.skip(3).limit(40));
    const expected = find(all, filter as Doc)
      .sort(fullSort)
      .skip(3)
      .limit(40)
      .all() as Doc[];
    expect(got.map((x) => x._id)).toEqual(expected.map((x) => x._id));
    const counted = (await db
      .collection('people')
      .where(filter as Doc)
      .count()) as { total: number };
    expect(counted.total).toBe(find(all, filter as Doc).all().length);
  });
});

test('index keys sort across types the way MongoDB does', () => {
  const ordered: unknown[] = [
    null,
    Number.NEGATIVE_INFINITY,
    -1e9,
    -1.5,
    0,
    1,
    2.5,
    1e12,
    Number.POSITIVE_INFINITY,
    '',
    'A',
    'a',
    'ab',
    'b',
    '中',
    { a: 1 },
    [1],
    false,
    true,
    new Date(-1),
    new Date(0),
    new Date('2026-01-01'),
  ];
  const keys = ordered.map(encodeKey);
  for (let i = 1; i < keys.length; i++) expect(Buffer.compare(keys[i - 1]!, keys[i]!)).toBe(-1);
  expect(encodeKey(-0).equals(encodeKey(0))).toBe(true);
});

describe('persistence', () => {
  const dir = tempDir('reopen');
  let open: Array<{ store: DocumentStore; running?: Running }> = [];

  /** Open the folder (optionally served, with the SDK pointed at it); closed after each test. */
  async function reopen(collections: CollectionSpec[], served = true): Promise<DocumentStore> {
    const store = DocumentStore.open({ dir, collections, strict: true });
    const entry: { store: DocumentStore; running?: Running } = { store };
    open.push(entry);
    if (served) {
      entry.running = await serve(store);
      pointSdkAt(entry.running.port);
    }
    return store;
  }

  async function closeAll(): Promise<void> {
    for (const { store, running } of open) {
      await running?.close();
      store.close();
    }
    open = [];
  }

  afterEach(async () => {
    await closeAll();
    pointSdkAt(h.running.port);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const withPeopleIndexes = (indexes: CollectionSpec['indexes']) =>
    testCollections.map((c) => (c.name === 'people' ? { ...c, indexes } : c));
  const people = testCollections.find((c) => c.name === 'people')!;
  const changed = withPeopleIndexes([
    ...people.indexes.filter((i) => i.name !== 'city_age'),
    { name: 'n', fields: [{ field: 'n', direction: 1 }] },
  ]);
  const at = new Date('2026-05-04T03:02:01.000Z');

  test('documents, types and unique indexes survive close and reopen', async () => {
    await reopen(testCollections);
    await db
      .collection('people')
      .add({ data: { _id: 'keep', email: 'k@x.cn', at, n: 1.25, city: 'dazhou', age: 3 } });
    await db.createCollection('adhoc2'); // created on request, not by the manifest: kept as well
    await db.collection('adhoc2').add({ data: { _id: 'z', v: [1, { w: 2 }] } });
    await closeAll();

    await reopen(testCollections);
    expect(await one(db.collection('people').doc('keep'))).toEqual({
      _id: 'keep',
      email: 'k@x.cn',
      at,
      n: 1.25,
      city: 'dazhou',
      age: 3,
    });
    expect(await one(db.collection('adhoc2').doc('z'))).toEqual({ _id: 'z', v: [1, { w: 2 }] });
    await expect(db.collection('people').add({ data: { email: 'k@x.cn' } })).rejects.toThrow('E11000');
  });

  test('a changed manifest: new indexes are built over existing data, removed ones dropped', async () => {
    const store = await reopen(changed);
    expect(store.explain('people', { n: 1.25 }).index).toBe('n');
    expect(ids(await rows(db.collection('people').where({ n: 1.25 })))).toEqual(['keep']);
    expect(store.explain('people', { city: 'dazhou' }).served).toBe(false);
  });

  test('a unique index that the stored data breaks cannot be built: opening fails and changes nothing', async () => {
    await reopen(changed);
    await db.collection('people').add({ data: { _id: 'twin', email: 't@x.cn', age: 3 } });
    await closeAll();
    const impossible = withPeopleIndexes([
      { name: 'age_unique', fields: [{ field: 'age', direction: 1 }], unique: true },
    ]);
    expect(() => DocumentStore.open({ dir, collections: impossible, strict: true })).toThrow('E11000');
    const store = await reopen(changed, false);
    expect(store.explain('people', { n: 1.25 }).index).toBe('n');
  });
});

function ids(docs: Doc[]): unknown[] {
  return docs.map((x) => x._id);
}
