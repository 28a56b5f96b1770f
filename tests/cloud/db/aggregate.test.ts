/** `collection.aggregate()` through the real SDK: the stages the project uses. */
import { testCollections } from './collections';
import { type Database, type Doc, type Harness, startHarness } from './fixture';

let h: Harness;
let db: Database;

beforeAll(async () => {
  h = await startHarness('aggregate', testCollections);
  db = h.db;
  await db.collection('people').add({
    data: [
      {
        _id: 'p1',
        email: 'p1@x',
        city: 'dazhou',
        age: 30,
        tags: ['a', 'b'],
        createdAt: new Date('2026-01-01'),
      },
      { _id: 'p2', email: 'p2@x', city: 'dazhou', age: 50, tags: ['b'], createdAt: new Date('2026-02-01') },
      { _id: 'p3', email: 'p3@x', city: 'wanyuan', age: 70, tags: [], createdAt: new Date('2026-03-01') },
    ],
  });
  await db.collection('orders').add({
    data: [
      { _id: 'o1', personId: 'p1', amount: 100 },
      { _id: 'o2', personId: 'p1', amount: 250 },
      { _id: 'o3', personId: 'p2', amount: 5 },
      { _id: 'o4', personId: 'nobody', amount: 1 },
    ],
  });
});

afterAll(async () => {
  await h.close();
});

async function run(agg: { end(): unknown }): Promise<Doc[]> {
  return ((await agg.end()) as { list: Doc[] }).list;
}

test('match group sort', async () => {
  const $ = db.command.aggregate;
  const list = await run(
    db
      .collection('people')
      .aggregate()
      .match({ city: db.command.in(['dazhou', 'wanyuan']) })
      .group({ _id: '$city', n: $.sum(1), avgAge: $.avg('$age'), oldest: $.max('$createdAt') })
      .sort({ n: -1 }),
  );
  expect(list).toEqual([
    { _id: 'dazhou', n: 2, avgAge: 40, oldest: new Date('2026-02-01') },
    { _id: 'wanyuan', n: 1, avgAge: 70, oldest: new Date('2026-03-01') },
  ]);
  expect(h.store.strictViolations()).toEqual([]);
});

test('project skip limit count', async () => {
  const $ = db.command.aggregate;
  const page = await run(
    db
      .collection('people')
      .aggregate()
      .match({ age: db.command.gte(0), city: 'dazhou' })
      .sort({ age: -1 })
      .skip(1)
      .limit(5)
      .project({ _id: 0, email: 1, decade: $.floor($.divide(['$age', 10])) }),
  );
  expect(page).toEqual([{ email: 'p1@x', decade: 3 }]);
  const counted = await run(db.collection('people').aggregate().match({ city: 'dazhou' }).count('total'));
  expect(counted).toEqual([{ total: 2 }]);
});

test('unwind', async () => {
  const $ = db.command.aggregate;
  const list = await run(
    db
      .collection('people')
      .aggregate()
      .match({ city: 'dazhou' })
      .unwind('$tags')
      .group({ _id: '$tags', people: $.push('$_id') })
      .sort({ _id: 1 }),
  );
  expect(list).toEqual([
    { _id: 'a', people: ['p1'] },
    { _id: 'b', people: ['p1', 'p2'] },
  ]);
});

test('lookup by localField/foreignField uses the foreign index', async () => {
  const $ = db.command.aggregate;
  h.store.clearStrictViolations();
  const list = await run(
    db
      .collection('people')
      .aggregate()
      .match({ city: db.command.in(['dazhou', 'wanyuan']) })
      .lookup({ from: 'orders', localField: '_id', foreignField: 'personId', as: 'orders' })
      .project({ _id: 1, spent: $.sum('$orders.amount'), n: $.size('$orders') })
      .sort({ _id: 1 }),
  );
  expect(list).toEqual([
    { _id: 'p1', spent: 350, n: 2 },
    { _id: 'p2', spent: 5, n: 1 },
    { _id: 'p3', spent: 0, n: 0 },
  ]);
  expect(h.store.strictViolations()).toEqual([]);
});

test('lookup with a sub-pipeline also works (and is reported: it reads the whole foreign collection)', async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => {});
  h.store.clearStrictViolations();
  const list = await run(
    db
      .collection('people')
      .aggregate()
      .match({ _id: 'p1' })
      .lookup({
        from: 'orders',
        let: { pid: '$_id' },
        pipeline: [{ $match: { $expr: { $eq: ['$personId', '$$pid'] } } }, { $sort: { amount: -1 } }],
        as: 'orders',
      })
      .project({ first: { $arrayElemAt: ['$orders.amount', 0] } }),
  );
  expect(list).toEqual([{ _id: 'p1', first: 250 }]);
  expect(h.store.strictViolations()).toEqual([
    { collection: 'orders', filter: { $comment: expect.stringContaining('sub-pipeline') }, sort: {} },
  ]);
  jest.restoreAllMocks();
});

test('an aggregate whose leading $match no index serves is reported in strict mode', async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => {});
  h.store.clearStrictViolations();
  await run(
    db
      .collection('people')
      .aggregate()
      .match({ age: db.command.gt(40) })
      .count('n'),
  );
  expect(h.store.strictViolations()).toEqual([
    { collection: 'people', filter: { age: { $gt: 40 } }, sort: {} },
  ]);
  jest.restoreAllMocks();
});
