/**
 * Conformance: writes as CloudBase answers them — update operators, replacement, upsert, the counts a
 * write reports, documents the cloud refuses to store, and collections only the deploy creates.
 */
import type { SdkDatabase, TestCloud } from '../../../helpers/local-cloud';
import { type Doc, failure, rowsOf, startConformanceCloud } from './setup';

let cloud: TestCloud;
let db: SdkDatabase;

beforeAll(async () => {
  jest.spyOn(console, 'warn').mockImplementation(() => {});
  cloud = await startConformanceCloud();
  db = cloud.database();
});

afterAll(async () => {
  await cloud?.close();
  jest.restoreAllMocks();
});

const coll = () => db.collection('conf_docs');
const read = async (id: string): Promise<Doc | undefined> => (await rowsOf(coll().doc(id)))[0];

describe('update operators', () => {
  test('inc, mul, max, min, set of a nested path, remove, rename', async () => {
    const _ = db.command;
    await coll().add({
      _id: 'u1',
      suite: 'update',
      n: 2,
      m: 3,
      hi: 5,
      lo: 5,
      a: { b: 1, c: 2 },
      gone: 1,
      old: 'x',
    });
    const res = (await coll()
      .doc('u1')
      .update({
        n: _.inc(3),
        m: _.mul(4),
        hi: _.max(9),
        lo: _.min(1),
        'a.b': 10,
        gone: _.remove(),
        old: _.rename('renamed'),
      })) as { updated: number };
    expect(res.updated).toBe(1);
    expect(await read('u1')).toEqual({
      _id: 'u1',
      suite: 'update',
      n: 5,
      m: 12,
      hi: 9,
      lo: 1,
      a: { b: 10, c: 2 },
      renamed: 'x',
    });
  });

  test('a plain object in update() merges into the field; _.set() replaces it', async () => {
    const _ = db.command;
    await coll().add({ _id: 'u2', suite: 'update', a: { b: 1, c: 2 } });
    await coll()
      .doc('u2')
      .update({ a: { b: 5 } });
    expect((await read('u2'))?.a).toEqual({ b: 5, c: 2 });
    await coll()
      .doc('u2')
      .update({ a: _.set({ d: 1 }) });
    expect((await read('u2'))?.a).toEqual({ d: 1 });
  });

  test('array operators: push (each, position), pop, shift, unshift, pull, pullAll, addToSet', async () => {
    const _ = db.command;
    await coll().add({ _id: 'u3', suite: 'update', xs: [1, 2, 3], ys: ['a', 'b', 'a'], zs: [1] });
    await coll()
      .doc('u3')
      .update({ xs: _.push([4, 5]) });
    expect((await read('u3'))?.xs).toEqual([1, 2, 3, 4, 5]);
    await coll()
      .doc('u3')
      .update({ xs: _.push({ each: [0], position: 0 }) });
    expect((await read('u3'))?.xs).toEqual([0, 1, 2, 3, 4, 5]);
    await coll().doc('u3').update({ xs: _.pop() });
    await coll().doc('u3').update({ xs: _.shift() });
    expect((await read('u3'))?.xs).toEqual([1, 2, 3, 4]);
    await coll()
      .doc('u3')
      .update({ xs: _.unshift([-1]) });
    expect((await read('u3'))?.xs).toEqual([-1, 1, 2, 3, 4]);
    await coll()
      .doc('u3')
      .update({ xs: _.pull(_.gt(2)) });
    expect((await read('u3'))?.xs).toEqual([-1, 1, 2]);
    await coll()
      .doc('u3')
      .update({ ys: _.pullAll(['a']) });
    expect((await read('u3'))?.ys).toEqual(['b']);
    await coll()
      .doc('u3')
      .update({ zs: _.addToSet(1) });
    await coll()
      .doc('u3')
      .update({ zs: _.addToSet(2) });
    expect((await read('u3'))?.zs).toEqual([1, 2]);
  });

  test('inc on a string field is refused', async () => {
    const _ = db.command;
    await coll().add({ _id: 'u4', suite: 'update', s: 'text' });
    const e = await failure(
      coll()
        .doc('u4')
        .update({ s: _.inc(1) }),
    );
    expect(e.code).toBe('DATABASE_REQUEST_FAILED');
    expect((await read('u4'))?.s).toBe('text');
  });
});

describe('what a write reports', () => {
  test('update() and set() that write the values already stored still report updated 1', async () => {
    await coll().add({ _id: 'w1', suite: 'write', n: 1 });
    expect(await coll().doc('w1').update({ n: 1 })).toMatchObject({ updated: 1 });
    expect(await coll().doc('w1').set({ suite: 'write', n: 1 })).toMatchObject({ updated: 1 });
  });

  test('where().update() reports every matched document; a missing document reports 0', async () => {
    await coll().add([
      { _id: 'w2', suite: 'write-many', n: 1 },
      { _id: 'w3', suite: 'write-many', n: 1 },
    ]);
    expect(await coll().where({ suite: 'write-many' }).update({ n: 1 })).toMatchObject({ updated: 2 });
    expect(await coll().doc('nope').update({ n: 2 })).toMatchObject({ updated: 0 });
  });

  test('set() of a missing document creates it (upsert) and says so', async () => {
    const res = (await coll().doc('w4').set({ suite: 'write', n: 4 })) as {
      updated: number;
      upsertedId?: unknown;
    };
    expect(res.updated).toBe(0);
    expect(res.upsertedId).toBe('w4');
    expect(await read('w4')).toEqual({ _id: 'w4', suite: 'write', n: 4 });
  });

  test('set() replaces the whole document; _id stays', async () => {
    await coll().add({ _id: 'w5', suite: 'write', a: 1, b: 2 });
    await coll().doc('w5').set({ suite: 'write', c: 3 });
    expect(await read('w5')).toEqual({ _id: 'w5', suite: 'write', c: 3 });
  });

  test('remove() reports the documents removed; add() of an existing _id is a duplicate key', async () => {
    await coll().add([
      { _id: 'w6', suite: 'write-rm' },
      { _id: 'w7', suite: 'write-rm' },
    ]);
    expect(await coll().where({ suite: 'write-rm' }).remove()).toMatchObject({ deleted: 2 });
    expect(await coll().doc('w6').remove()).toMatchObject({ deleted: 0 });
    await coll().add({ _id: 'w8', suite: 'write' });
    const dup = await failure(coll().add({ _id: 'w8', suite: 'write' }));
    expect(dup.message).toContain('E11000');
  });
});

describe('documents the cloud refuses to store', () => {
  test('a field name starting with $ in a new document, at any depth', async () => {
    const top = await failure(coll().options({ raw: true }).add({ _id: 'bad1', $x: 1 }));
    expect(top.code).toBe('DATABASE_REQUEST_FAILED');
    const deep = await failure(coll().add({ _id: 'bad2', a: { $y: 1 } }));
    expect(deep.message).toContain('$y');
    expect(await read('bad1')).toBeUndefined();
    expect(await read('bad2')).toBeUndefined();
  });
});

describe('collections', () => {
  test('a collection the deploy did not create is an error for every action', async () => {
    const missing = db.collection('conf_never_deployed');
    const expected = {
      code: 'DATABASE_COLLECTION_NOT_EXIST',
      message: expect.stringContaining('Db or Table not exist'),
    };
    await expect(missing.where({}).get()).rejects.toMatchObject(expected);
    await expect(missing.count()).rejects.toMatchObject(expected);
    await expect(missing.add({ a: 1 })).rejects.toMatchObject(expected);
    await expect(missing.doc('x').set({ a: 1 })).rejects.toMatchObject(expected);
    await expect(missing.where({ a: 1 }).update({ a: 2 })).rejects.toMatchObject(expected);
    await expect(missing.where({ a: 1 }).remove()).rejects.toMatchObject(expected);
    await expect(missing.aggregate().match({}).end()).rejects.toMatchObject(expected);
  });

  test('wx-server-sdk reports it as errCode -502005', async () => {
    const wxdb = cloud.wx().database();
    const e = await failure(wxdb.collection('conf_never_deployed').where({}).get() as Promise<unknown>);
    expect(e.errCode).toBe(-502005);
  });

  test('createCollection makes one; a second time it already exists', async () => {
    await db.createCollection('conf_made_on_request');
    await db.collection('conf_made_on_request').add({ _id: 'm1' });
    expect(await rowsOf(db.collection('conf_made_on_request').doc('m1'))).toEqual([{ _id: 'm1' }]);
    const again = await failure(db.createCollection('conf_made_on_request'));
    expect(again.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST');
  });

  test('the collections of the manifest exist from the start, empty', async () => {
    expect(await db.collection('conf_orders').count()).toMatchObject({ total: 0 });
  });
});
