/**
 * Transactions through the real SDK: commit, rollback (explicit, on error), isolation, conflicts and
 * the SDK's retry, the timeout of an abandoned transaction, and optimistic `version` updates.
 */
import { testCollections } from './collections';
import { type Database, type Doc, type Harness, one, startHarness } from './fixture';

let h: Harness;
let db: Database;

/** What a transaction offers: the same collection API, bound to the transaction. */
type Tx = Pick<Database, 'collection'>;
interface ManualTx extends Tx {
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

beforeAll(async () => {
  // Long enough that a loaded machine never expires a live transaction; the expiry test waits past it.
  h = await startHarness('tx', testCollections, { transactionTimeoutMs: 3000 });
  db = h.db;
  jest.spyOn(console, 'warn').mockImplementation(() => {});
});

afterAll(async () => {
  await h.close();
  jest.restoreAllMocks();
});

const balance = async (id: string) => (await one(db.collection('accounts').doc(id))).balance;
const start = async () => (await db.startTransaction()) as ManualTx;

async function seed(docs: Doc[]): Promise<void> {
  await db.collection('accounts').add({ data: docs });
}

async function transfer(tx: Tx, from: string, to: string, amount: number): Promise<number> {
  const a = (await one(tx.collection('accounts').doc(from))).balance as number;
  const b = (await one(tx.collection('accounts').doc(to))).balance as number;
  if (a < amount) throw new Error('余额不足');
  await tx
    .collection('accounts')
    .doc(from)
    .update({ data: { balance: a - amount } });
  await tx
    .collection('accounts')
    .doc(to)
    .update({ data: { balance: b + amount } });
  return a - amount;
}

test('runTransaction commits every write and returns the callback result', async () => {
  await seed([
    { _id: 'a1', balance: 100 },
    { _id: 'b1', balance: 0 },
  ]);
  const left = await db.runTransaction((tx: Tx) => transfer(tx, 'a1', 'b1', 30));
  expect(left).toBe(70);
  expect(await balance('a1')).toBe(70);
  expect(await balance('b1')).toBe(30);
});

test('an error in the callback rolls everything back', async () => {
  await seed([
    { _id: 'a2', balance: 10 },
    { _id: 'b2', balance: 0 },
  ]);
  await expect(
    db.runTransaction(async (tx: Tx) => {
      await tx
        .collection('accounts')
        .doc('b2')
        .update({ data: { balance: 999 } });
      await tx.collection('accounts').add({ data: { _id: 'created-in-failed-tx' } });
      return transfer(tx, 'a2', 'b2', 50);
    }),
  ).rejects.toThrow('余额不足');
  expect(await balance('b2')).toBe(0);
  expect(await db.collection('accounts').where({ _id: 'created-in-failed-tx' }).count()).toMatchObject({
    total: 0,
  });
});

test('rollback() inside runTransaction rejects with the given reason and writes nothing', async () => {
  await seed([{ _id: 'a3', balance: 5 }]);
  await expect(
    db.runTransaction(async (tx: Tx) => {
      await tx
        .collection('accounts')
        .doc('a3')
        .update({ data: { balance: 6 } });
      await (tx as ManualTx).rollback('changed my mind');
    }),
  ).rejects.toBe('changed my mind');
  expect(await balance('a3')).toBe(5);
});

test('writes are invisible to others until commit; the transaction reads its own writes', async () => {
  await seed([{ _id: 'a4', balance: 1 }]);
  const tx = await start();
  await tx
    .collection('accounts')
    .doc('a4')
    .update({ data: { balance: 2 } });
  await tx.collection('accounts').add({ data: { _id: 'new-in-tx', balance: 7 } });
  await tx
    .collection('accounts')
    .doc('a4-set')
    .set({ data: { balance: 3 } });
  expect((await one(tx.collection('accounts').doc('a4'))).balance).toBe(2);
  expect((await one(tx.collection('accounts').doc('new-in-tx'))).balance).toBe(7);
  expect(await balance('a4')).toBe(1);
  expect(await db.collection('accounts').where({ _id: 'new-in-tx' }).count()).toMatchObject({ total: 0 });
  await tx.commit();
  expect(await balance('a4')).toBe(2);
  expect(await balance('new-in-tx')).toBe(7);
  expect(await balance('a4-set')).toBe(3);
});

test('startTransaction + rollback discards the writes, removes included', async () => {
  await seed([{ _id: 'a5', balance: 1 }]);
  const tx = await start();
  await tx.collection('accounts').doc('a5').remove();
  await expect(tx.collection('accounts').doc('a5').get() as Promise<unknown>).rejects.toThrow(
    'does not exist',
  );
  await tx.rollback();
  expect(await balance('a5')).toBe(1);
});

test('add of an existing _id inside a transaction fails with the duplicate-key error', async () => {
  await seed([{ _id: 'a6', balance: 1 }]);
  const tx = await start();
  await expect(tx.collection('accounts').add({ data: { _id: 'a6' } })).rejects.toThrow('E11000');
  await tx.rollback();
});

test('a write to a document someone else changed after the snapshot is refused at the write', async () => {
  await seed([{ _id: 'a7', balance: 10 }]);
  const tx = await start();
  const seen = (await one(tx.collection('accounts').doc('a7'))).balance as number;
  await db
    .collection('accounts')
    .doc('a7')
    .update({ data: { balance: 100 } });
  // wx-server-sdk reports it as -501001 with the cloud's text; the transaction is gone (aborted).
  await expect(
    tx
      .collection('accounts')
      .doc('a7')
      .update({ data: { balance: seen + 1 } }),
  ).rejects.toMatchObject({ message: expect.stringContaining('TransactionConflict') });
  await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  expect(await balance('a7')).toBe(100);
});

test('of two transactions writing one document, the second write is refused', async () => {
  await seed([{ _id: 'a8', balance: 0 }]);
  const t1 = await start();
  const t2 = await start();
  await t1
    .collection('accounts')
    .doc('a8')
    .update({ data: { balance: 1 } });
  await expect(
    t2
      .collection('accounts')
      .doc('a8')
      .update({ data: { balance: 2 } }),
  ).rejects.toMatchObject({ message: expect.stringContaining('TransactionConflict') });
  await t1.commit();
  expect(await balance('a8')).toBe(1);
});

test('runTransaction retries a conflict met at commit, not one met at a write (wx-server-sdk recodes it)', async () => {
  await seed([{ _id: 'a9', balance: 0 }]);
  let attempts = 0;
  await db.runTransaction(async (tx: Tx) => {
    attempts++;
    const b = (await one(tx.collection('accounts').doc('a9'))).balance as number;
    await tx
      .collection('accounts')
      .doc('a9')
      .update({ data: { balance: b + 1 } });
    // A write outside any transaction does not wait for it here: the commit then conflicts.
    if (attempts === 1)
      await db
        .collection('accounts')
        .doc('a9')
        .update({ data: { balance: 50 } });
  });
  expect(attempts).toBe(2);
  expect(await balance('a9')).toBe(51);

  await seed([{ _id: 'a9b', balance: 0 }]);
  attempts = 0;
  const err = await db
    .runTransaction(async (tx: Tx) => {
      attempts++;
      await one(tx.collection('accounts').doc('a9b'));
      await db
        .collection('accounts')
        .doc('a9b')
        .update({ data: { balance: 50 } });
      await tx
        .collection('accounts')
        .doc('a9b')
        .update({ data: { balance: 1 } });
    })
    .catch((e: unknown) => e);
  expect(attempts).toBe(1);
  expect(err).toMatchObject({ errCode: -501001, message: expect.stringContaining('TransactionConflict') });
  expect(await balance('a9b')).toBe(50);
});

test('concurrent read-modify-write transactions never lose an update', async () => {
  await seed([{ _id: 'a10', balance: 0 }]);
  const results = await Promise.allSettled(
    Array.from({ length: 6 }, () =>
      db.runTransaction(async (tx: Tx) => {
        const b = (await one(tx.collection('accounts').doc('a10'))).balance as number;
        await tx
          .collection('accounts')
          .doc('a10')
          .update({ data: { balance: b + 1 } });
      }, 10),
    ),
  );
  const committed = results.filter((r) => r.status === 'fulfilled').length;
  expect(committed).toBeGreaterThan(0);
  expect(await balance('a10')).toBe(committed);
});

test('two concurrent where({_id, version}).update: exactly one reports updated 1', async () => {
  const _ = db.command;
  await seed([{ _id: 'v1', version: 3, status: 'pending' }]);
  const attempt = (status: string) =>
    db
      .collection('accounts')
      .where({ _id: 'v1', version: 3 })
      .update({ data: { status, version: _.inc(1) } }) as Promise<{ stats: { updated: number } }>;
  const [x, y] = await Promise.all([attempt('approved'), attempt('rejected')]);
  expect([x.stats.updated, y.stats.updated].sort()).toEqual([0, 1]);
  const doc = await one(db.collection('accounts').doc('v1'));
  expect(doc.version).toBe(4);
  expect(doc.status).toBe(x.stats.updated === 1 ? 'approved' : 'rejected');
});

test('a transaction left open is aborted after the timeout', async () => {
  await seed([{ _id: 'a11', balance: 1 }]);
  const tx = await start();
  await tx
    .collection('accounts')
    .doc('a11')
    .update({ data: { balance: 2 } });
  await new Promise((r) => setTimeout(r, 3500));
  await expect(tx.commit()).rejects.toMatchObject({
    code: 'DATABASE_TRANSACTION_FAIL',
    message: expect.stringContaining('TransactionNotExist'),
  });
  expect(await balance('a11')).toBe(1);
});

test('where().get() inside a transaction sees its own writes and not the others of anyone else', async () => {
  await seed([
    { _id: 'w1', kind: 'w', n: 1 },
    { _id: 'w2', kind: 'w', n: 2 },
  ]);
  const tx = await start();
  await tx.collection('accounts').add({ data: { _id: 'w3', kind: 'w', n: 3 } });
  await tx.collection('accounts').doc('w1').remove();
  await tx
    .collection('accounts')
    .doc('w2')
    .update({ data: { n: 20 } });
  const inside = (await tx.collection('accounts').where({ kind: 'w' }).orderBy('n', 'desc').get()) as {
    data: Doc[];
  };
  expect(inside.data.map((d) => [d._id, d.n])).toEqual([
    ['w2', 20],
    ['w3', 3],
  ]);
  const outside = (await db.collection('accounts').where({ kind: 'w' }).orderBy('n', 'asc').get()) as {
    data: Doc[];
  };
  expect(outside.data.map((d) => d._id)).toEqual(['w1', 'w2']);
  await tx.rollback();
});

describe('actions the current SDK builds but the project rarely calls', () => {
  const call = (body: Record<string, unknown>) => h.store.handle(body) as Promise<Record<string, unknown>>;

  test('modifyAndReturnDoc updates one document and returns it', async () => {
    await seed([{ _id: 'mr', kind: 'mr', n: 1 }]);
    const res = await call({
      action: 'database.modifyAndReturnDoc',
      collectionName: 'accounts',
      query: '{"kind":"mr"}',
      data: '{"$inc":{"n":{"$numberInt":"4"}}}',
    });
    expect(res.data).toEqual({ updated: 1, doc: '{"_id":"mr","kind":"mr","n":5}' });
  });

  test('the per-document transaction actions of @cloudbase/database', async () => {
    await seed([{ _id: 'lg', n: 1 }]);
    const { transactionId } = (await call({ action: 'database.startTransaction' })) as {
      transactionId: string;
    };
    const base = { collectionName: 'accounts', transactionId };
    expect((await call({ action: 'database.getInTransaction', ...base, _id: 'lg' })).data).toBe(
      '{"_id":"lg","n":1}',
    );
    const upd = await call({
      action: 'database.updateDocInTransaction',
      ...base,
      _id: 'lg',
      data: '{"$set":{"n":2}}',
    });
    expect(upd.updated).toBe('1');
    const set = await call({
      action: 'database.updateDocInTransaction',
      ...base,
      _id: 'lg-new',
      data: '{"n":7}',
      upsert: true,
    });
    expect(JSON.parse(String(set.upserted))).toEqual([{ _id: 'lg-new' }]);
    expect((await call({ action: 'database.deleteDocInTransaction', ...base, _id: 'lg' })).deleted).toBe('1');
    expect(await call({ action: 'database.commitTransaction', transactionId })).not.toHaveProperty('code');
    await expect(db.collection('accounts').doc('lg').get()).rejects.toThrow('does not exist');
    expect(await balanceOf('lg-new')).toBe(7);
  });

  test('an unknown action is an error, not a crash', async () => {
    expect(await call({ action: 'database.nope' })).toMatchObject({ code: 'INVALID_PARAM' });
  });
});

async function balanceOf(id: string): Promise<unknown> {
  return (await one(db.collection('accounts').doc(id))).n;
}
