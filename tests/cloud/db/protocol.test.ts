/**
 * The CloudBase database protocol through the real wx-server-sdk: CRUD, query and update commands,
 * pagination and row limits, projection, serverDate, errors and round-trip counting.
 */
import { testCollections } from './collections';
import { type Database, type Doc, type Harness, one, pointSdkAt, rows, startHarness } from './fixture';

let h: Harness;
let db: Database;

beforeAll(async () => {
  h = await startHarness('protocol', testCollections);
  db = h.db;
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});

afterAll(async () => {
  await h.close();
  jest.restoreAllMocks();
});

interface SdkError {
  errCode?: number;
  errMsg?: string;
  message: string;
}

/** The SDK's typings say `Promise | void | string`; every call here returns a promise. */
async function failure(p: unknown): Promise<SdkError> {
  try {
    await p;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected a failure');
}

const ids = (docs: Doc[]) => docs.map((d) => d._id);

/** `db.serverDate({offset})` exists in the SDK but is typed without the argument. */
const serverDateWithOffset = (offset: number) =>
  (db.serverDate as (o: { offset: number }) => unknown)({ offset });

describe('add and doc()', () => {
  test('add one returns a 32-hex _id and keeps types (Date, numbers, nested, arrays)', async () => {
    const at = new Date('2026-03-01T08:00:00.000Z');
    const res = (await db.collection('people').add({
      data: {
        email: 'zs@x.cn',
        name: '张三',
        age: 41,
        ratio: 0.5,
        at,
        address: { zip: '635000', lines: ['a', 'b'] },
        ok: true,
        nil: null,
      },
    })) as { _id: string };
    expect(res._id).toMatch(/^[0-9a-f]{32}$/);
    const doc = await one(db.collection('people').doc(res._id));
    expect(doc).toEqual({
      _id: res._id,
      email: 'zs@x.cn',
      name: '张三',
      age: 41,
      ratio: 0.5,
      at,
      address: { zip: '635000', lines: ['a', 'b'] },
      ok: true,
      nil: null,
    });
    expect(doc.at).toBeInstanceOf(Date);
  });

  test('add many returns every _id; a given _id is kept', async () => {
    const res = (await db
      .collection('accounts')
      .add({ data: [{ _id: 'p-given', name: 'a' }, { name: 'b' }] })) as unknown as {
      _ids: string[];
    };
    expect(res._ids).toHaveLength(2);
    expect(res._ids[0]).toBe('p-given');
    expect(res._ids[1]).toMatch(/^[0-9a-f]{32}$/);
    expect((await one(db.collection('accounts').doc('p-given'))).name).toBe('a');
  });

  test('a duplicate _id is rejected with the duplicate-key error and a batch is all or nothing', async () => {
    await db.collection('accounts').add({ data: { _id: 'dup', v: 1 } });
    const e = await failure(db.collection('accounts').add({ data: { _id: 'dup', v: 2 } }));
    expect(e.errCode).toBe(-502001);
    expect(e.message).toContain('E11000 duplicate key error');
    expect(e.message).toContain('index: _id_');
    const batch = await failure(
      db.collection('accounts').add({
        data: [
          { _id: 'fresh', v: 1 },
          { _id: 'dup', v: 3 },
        ],
      }),
    );
    expect(batch.message).toContain('E11000');
    expect(await db.collection('accounts').where({ _id: 'fresh' }).count()).toMatchObject({ total: 0 });
    expect((await one(db.collection('accounts').doc('dup'))).v).toBe(1);
  });

  test('a unique index rejects a second document with the same key', async () => {
    await db.collection('people').add({ data: { email: 'u@x.cn' } });
    const e = await failure(db.collection('people').add({ data: { email: 'u@x.cn' } }));
    expect(e.errCode).toBe(-502001);
    expect(e.message).toContain('index: email_unique dup key: { email: "u@x.cn" }');
    // ... also when an update would create the duplicate.
    await db.collection('people').add({ data: { _id: 'u2', email: 'u2@x.cn' } });
    const u = await failure(
      db
        .collection('people')
        .doc('u2')
        .update({ data: { email: 'u@x.cn' } }),
    );
    expect(u.message).toContain('E11000');
    expect((await one(db.collection('people').doc('u2'))).email).toBe('u2@x.cn');
  });

  test('a unique index counts a missing field as null, as MongoDB (and so the cloud) does', async () => {
    await db.collection('people').add({ data: { name: 'no email' } });
    const e = await failure(db.collection('people').add({ data: { name: 'no email either' } }));
    expect(e.message).toContain('index: email_unique dup key: { email: null }');
  });

  test('doc().get of a missing document fails as the SDK does', async () => {
    const e = await failure(db.collection('people').doc('nobody').get() as Promise<unknown>);
    expect(e.message).toContain('does not exist');
  });

  test('doc().set creates, then replaces the whole document', async () => {
    const created = (await db
      .collection('accounts')
      .doc('s1')
      .set({ data: { a: 1, b: { c: 2 } } })) as {
      stats: { updated: number; created: number };
    };
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    const replaced = (await db
      .collection('accounts')
      .doc('s1')
      .set({ data: { z: 9 } })) as {
      stats: { updated: number; created: number };
    };
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect(await one(db.collection('accounts').doc('s1'))).toEqual({ _id: 's1', z: 9 });
  });

  test('doc().update reports updated 1, also when nothing changed (as CloudBase does), 0 for a missing document', async () => {
    await db.collection('accounts').add({ data: { _id: 'u1', n: 1 } });
    const upd = (r: unknown) => (r as { stats: { updated: number } }).stats.updated;
    expect(
      upd(
        await db
          .collection('accounts')
          .doc('u1')
          .update({ data: { n: 2 } }),
      ),
    ).toBe(1);
    expect(
      upd(
        await db
          .collection('accounts')
          .doc('u1')
          .update({ data: { n: 2 } }),
      ),
    ).toBe(1);
    expect(
      upd(
        await db
          .collection('accounts')
          .doc('missing')
          .update({ data: { n: 2 } }),
      ),
    ).toBe(0);
    expect(await db.collection('accounts').where({ _id: 'missing' }).count()).toMatchObject({ total: 0 });
  });

  test('doc().remove removes once', async () => {
    await db.collection('accounts').add({ data: { _id: 'r1' } });
    const removed = (r: unknown) => (r as { stats: { removed: number } }).stats.removed;
    expect(removed(await db.collection('accounts').doc('r1').remove())).toBe(1);
    expect(removed(await db.collection('accounts').doc('r1').remove())).toBe(0);
  });

  test('doc().field projects', async () => {
    await db.collection('accounts').add({ data: { _id: 'f1', a: 1, b: 2, c: { d: 3, e: 4 } } });
    expect(await one(db.collection('accounts').doc('f1').field({ a: true, 'c.d': true }))).toEqual({
      _id: 'f1',
      a: 1,
      c: { d: 3 },
    });
  });

  test('a collection not in the manifest does not exist (-502005) until createCollection, which works once', async () => {
    const missing = await failure(db.collection('adhoc').add({ data: { _id: 'x', v: 1 } }));
    expect(missing).toMatchObject({ errCode: -502005 });
    expect(missing.message).toContain('Db or Table not exist');
    await expect(db.createCollection('made')).resolves.toMatchObject({
      errMsg: expect.stringContaining('ok'),
    });
    await db.collection('made').add({ data: { _id: 'x', v: 1 } });
    expect(await rows(db.collection('made').where({ _id: 'x' }))).toEqual([{ _id: 'x', v: 1 }]);
    const e = await failure(db.createCollection('made'));
    expect(e.message).toContain('already exists');
    await expect(db.collection('never-written').where({ _id: 'x' }).get()).rejects.toMatchObject({
      errCode: -502005,
    });
  });
});

describe('query commands', () => {
  beforeAll(async () => {
    const data = Array.from({ length: 10 }, (_, n) => ({
      _id: `q${n}`,
      n,
      group: n % 2 === 0 ? 'even' : 'odd',
      tags: n % 3 === 0 ? ['three', `t${n}`] : [`t${n}`],
      meta: { level: n % 4, name: `item-${n}` },
      ...(n < 5 ? { opt: n } : {}),
      pairs: [
        { k: 'a', v: n },
        { k: 'b', v: n * 10 },
      ],
    }));
    await db.collection('items').add({ data });
  });

  const q = async (where: Doc) =>
    ids(
      await rows(
        db
          .collection('items')
          .where({ _id: db.command.in(Array.from({ length: 10 }, (_, n) => `q${n}`)), ...where }),
      ),
    )
      .map(String)
      .sort();
  const expectIds = (nums: number[]) => nums.map((n) => `q${n}`).sort();

  test('eq neq gt gte lt lte in nin', async () => {
    const _ = db.command;
    expect(await q({ n: _.eq(3) })).toEqual(expectIds([3]));
    expect(await q({ n: 3 })).toEqual(expectIds([3]));
    expect(await q({ n: _.neq(3) })).toEqual(expectIds([0, 1, 2, 4, 5, 6, 7, 8, 9]));
    expect(await q({ n: _.gt(7) })).toEqual(expectIds([8, 9]));
    expect(await q({ n: _.gte(7) })).toEqual(expectIds([7, 8, 9]));
    expect(await q({ n: _.lt(2) })).toEqual(expectIds([0, 1]));
    expect(await q({ n: _.lte(2) })).toEqual(expectIds([0, 1, 2]));
    expect(await q({ n: _.in([1, 5, 42]) })).toEqual(expectIds([1, 5]));
    expect(await q({ n: _.nin([1, 5]) })).toEqual(expectIds([0, 2, 3, 4, 6, 7, 8, 9]));
  });

  test('and or not', async () => {
    const _ = db.command;
    expect(await q({ n: _.gt(2).and(_.lt(5)) })).toEqual(expectIds([3, 4]));
    expect(await q({ n: _.and(_.gt(2), _.lt(5)) })).toEqual(expectIds([3, 4]));
    expect(await q({ n: _.lt(1).or(_.gt(8)) })).toEqual(expectIds([0, 9]));
    expect(
      ids(await rows(db.collection('items').where(_.or([{ n: 0 }, { group: 'odd', n: _.gt(6) }]))))
        .map(String)
        .sort(),
    ).toEqual(expectIds([0, 7, 9]));
    expect(await q({ n: _.not(_.gt(2)) })).toEqual(expectIds([0, 1, 2]));
    expect(
      ids(await rows(db.collection('items').where(_.and([{ group: 'even' }, { n: _.gte(6) }]))))
        .map(String)
        .sort(),
    ).toEqual(expectIds([6, 8]));
  });

  test('exists size elemMatch, arrays and nested paths', async () => {
    const _ = db.command;
    expect(await q({ opt: _.exists(true) })).toEqual(expectIds([0, 1, 2, 3, 4]));
    expect(await q({ opt: _.exists(false) })).toEqual(expectIds([5, 6, 7, 8, 9]));
    expect(await q({ tags: _.size(2) })).toEqual(expectIds([0, 3, 6, 9]));
    expect(await q({ tags: 'three' })).toEqual(expectIds([0, 3, 6, 9]));
    expect(await q({ pairs: _.elemMatch({ k: 'b', v: _.gte(80) }) })).toEqual(expectIds([8, 9]));
    expect(await q({ 'meta.level': 3 })).toEqual(expectIds([3, 7]));
    expect(await q({ meta: { level: 3 } })).toEqual(expectIds([3, 7]));
    expect(await q({ 'meta.name': db.RegExp({ regexp: '^ITEM-[12]$', options: 'i' }) })).toEqual(
      expectIds([1, 2]),
    );
    expect(await q({ 'meta.name': /-9$/ })).toEqual(expectIds([9]));
  });

  test('orderBy, skip and limit paginate in order; several sort keys', async () => {
    const page = await rows(
      db
        .collection('items')
        .where({ n: db.command.gte(0) })
        .orderBy('n', 'desc')
        .skip(2)
        .limit(3),
    );
    expect(ids(page)).toEqual(['q7', 'q6', 'q5']);
    const two = await rows(
      db
        .collection('items')
        .where({ n: db.command.gte(0) })
        .orderBy('group', 'asc')
        .orderBy('n', 'desc')
        .limit(6),
    );
    expect(ids(two)).toEqual(['q8', 'q6', 'q4', 'q2', 'q0', 'q9']);
    const unindexedSort = await rows(
      db.collection('items').where({ group: 'odd' }).orderBy('meta.level', 'desc').orderBy('n', 'asc'),
    );
    expect(ids(unindexedSort)).toEqual(['q3', 'q7', 'q1', 'q5', 'q9']);
  });

  test('count', async () => {
    expect(await db.collection('items').where({ group: 'odd' }).count()).toMatchObject({ total: 5 });
  });
});

describe('row limits', () => {
  beforeAll(async () => {
    const data = Array.from({ length: 1200 }, (_, i) => ({
      _id: `b${String(i).padStart(4, '0')}`,
      i,
      group: 'bulk',
    }));
    await db.collection('items').add({ data });
  });

  test('get() returns 100 rows by default and at most 1000', async () => {
    expect(await rows(db.collection('items').where({ group: 'bulk' }))).toHaveLength(100);
    expect(await rows(db.collection('items').where({ group: 'bulk' }).limit(1000))).toHaveLength(1000);
    const direct = (await h.store.handle({
      action: 'database.getDocument',
      collectionName: 'items',
      query: '{"group":"bulk"}',
      limit: 5000,
    })) as { data: { list: string[]; limit: number } };
    expect(direct.data.list).toHaveLength(1000);
    expect(direct.data.limit).toBe(1000);
    const last = await rows(
      db.collection('items').where({ group: 'bulk' }).orderBy('i', 'asc').skip(1150).limit(100),
    );
    expect(last.map((d) => d.i)).toEqual(Array.from({ length: 50 }, (_, k) => 1150 + k));
  });

  test('where().update and remove act on every match, not only 1000', async () => {
    const _ = db.command;
    const upd = (await db
      .collection('items')
      .where({ group: 'bulk' })
      .update({ data: { seen: _.inc(1) } })) as {
      stats: { updated: number };
    };
    expect(upd.stats.updated).toBe(1200);
    const rem = (await db
      .collection('items')
      .where({ group: 'bulk', i: _.gte(200) })
      .remove()) as {
      stats: { removed: number };
    };
    expect(rem.stats.removed).toBe(1000);
    expect(await db.collection('items').where({ group: 'bulk' }).count()).toMatchObject({ total: 200 });
  });
});

describe('update commands', () => {
  const get = (id: string) => one(db.collection('accounts').doc(id));

  test('set remove inc mul on top-level and nested paths', async () => {
    const _ = db.command;
    await db
      .collection('accounts')
      .add({ data: { _id: 'm1', a: 1, b: 2, gone: true, nest: { x: 1, y: { z: 1 } } } });
    await db
      .collection('accounts')
      .doc('m1')
      .update({
        data: {
          a: _.inc(2),
          b: _.mul(5),
          gone: _.remove(),
          nest: { x: _.inc(1), y: _.set({ w: 7 }), added: 'new' },
        },
      });
    expect(await get('m1')).toEqual({ _id: 'm1', a: 3, b: 10, nest: { x: 2, y: { w: 7 }, added: 'new' } });
    await db
      .collection('accounts')
      .doc('m1')
      .update({ data: { 'nest.x': 100 } });
    expect((await get('m1')).nest).toEqual({ x: 100, y: { w: 7 }, added: 'new' });
  });

  test('push pull pullAll addToSet', async () => {
    const _ = db.command;
    await db
      .collection('accounts')
      .add({ data: { _id: 'arr', l: [1, 2, 3, 2], s: ['a'], objs: [{ k: 1 }, { k: 2 }] } });
    await db
      .collection('accounts')
      .doc('arr')
      .update({ data: { l: _.push([4, 5]), s: _.addToSet('a') } });
    expect(await get('arr')).toMatchObject({ l: [1, 2, 3, 2, 4, 5], s: ['a'] });
    await db
      .collection('accounts')
      .doc('arr')
      .update({ data: { l: _.pull(2), s: _.addToSet('b') } });
    expect(await get('arr')).toMatchObject({ l: [1, 3, 4, 5], s: ['a', 'b'] });
    await db
      .collection('accounts')
      .doc('arr')
      .update({ data: { l: _.pullAll([1, 5]), objs: _.pull({ k: 1 }) } });
    expect(await get('arr')).toMatchObject({ l: [3, 4], objs: [{ k: 2 }] });
    await db
      .collection('accounts')
      .doc('arr')
      .update({ data: { l: _.pull(_.gt(3)) } });
    await db
      .collection('accounts')
      .doc('arr')
      .update({ data: { l: _.push({ each: [9, 0], position: 0 }) } });
    expect((await get('arr')).l).toEqual([9, 0, 3]);
  });

  test('serverDate is the server clock, with an offset; it also works in queries', async () => {
    const before = Date.now();
    await db
      .collection('accounts')
      .add({ data: { _id: 'sd', at: db.serverDate(), later: serverDateWithOffset(60_000) } });
    const doc = await get('sd');
    expect(doc.at).toBeInstanceOf(Date);
    const at = (doc.at as Date).getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect((doc.later as Date).getTime() - at).toBeGreaterThanOrEqual(59_000);
    await db
      .collection('accounts')
      .doc('sd')
      .update({ data: { touched: db.serverDate() } });
    expect((await get('sd')).touched).toBeInstanceOf(Date);
    const found = await rows(
      db.collection('accounts').where({ _id: 'sd', later: db.command.gt(db.serverDate()) }),
    );
    expect(found).toHaveLength(1);
  });

  test('an update that breaks a rule fails with -502001 and changes nothing', async () => {
    await db.collection('accounts').add({ data: { _id: 'bad', s: 'text' } });
    const e = await failure(
      db
        .collection('accounts')
        .doc('bad')
        .update({ data: { s: db.command.inc(1) } }),
    );
    expect(e.errCode).toBe(-502001);
    expect((await get('bad')).s).toBe('text');
  });
});

test('round trips are counted per function instance', async () => {
  h.store.takeRoundTrips('inst-a');
  pointSdkAt(h.running.port, 'inst-a');
  try {
    await db.collection('accounts').add({ data: { _id: 'rt' } });
    await rows(db.collection('accounts').where({ _id: 'rt' }));
    await db
      .collection('accounts')
      .doc('rt')
      .update({ data: { n: 1 } });
    pointSdkAt(h.running.port, 'inst-b');
    await db.collection('accounts').doc('rt').remove();
  } finally {
    pointSdkAt(h.running.port);
  }
  expect(h.store.takeRoundTrips('inst-a')).toBe(3);
  expect(h.store.takeRoundTrips('inst-a')).toBe(0);
  expect(h.store.takeRoundTrips('inst-b')).toBe(1);
});
