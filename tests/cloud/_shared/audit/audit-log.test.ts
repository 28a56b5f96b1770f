import {
  AUDIT_COLLECTION,
  auditId,
  laneOf,
  SEAL_GRACE_MS,
  sealAudit,
  verifyAuditLog,
} from '../../../../cloudfunctions/_shared/audit/audit-log';
import { startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../../helpers/world';

let world: World;

const register = (seq: number) =>
  world.ok(
    'user',
    'register',
    {
      name: '冯志远',
      idNumber: testIdNumber(seq, '19700101'),
      mobile: '13512345678',
      villageCode: VILLAGE_MILIN,
      household: { mode: 'head' },
    },
    `openid-${seq}`,
  );

beforeAll(async () => {
  world = await startWorld();
  for (const seq of [401, 402, 403]) await register(seq);
});
afterAll(() => world.close());

type Entry = { _id: string; lane?: number; seq: number; detail: Record<string, unknown> };

/** The entries of the registrations, newest first; each knows its lane and its place there. */
async function registrations(): Promise<Entry[]> {
  const { data } = await world.db.collection('audit_log').where({ targetType: 'user' }).limit(100).get();
  return (data as Array<Entry & { action: string; at: string }>)
    .filter((e) => e.action === 'user.register')
    .sort((a, b) => (a.at < b.at ? 1 : -1));
}

const doc = (e: Entry) => world.db.collection('audit_log').doc(e._id);

/** The ids of entries not sealed yet. */
async function unsealedIds(): Promise<string[]> {
  const _ = world.db.command;
  const { data } = await world.db
    .collection(AUDIT_COLLECTION)
    .where({ _id: _.and(_.gte('u'), _.lt('v')) })
    .limit(1000)
    .get();
  return data.map((e) => e._id as string);
}

test('a change writes its entry unsealed; sealing chains it, and only then is it counted', async () => {
  // The demo seed sealed its own entry; the three registrations are written but not sealed yet.
  expect(await unsealedIds()).toHaveLength(3);
  expect(await verifyAuditLog(world.db, 1000, world.now())).toEqual({ ok: true, entries: 1, break: null });
  // A run whose time is spent starts nothing (the scheduler's run has a limit); the next one goes on.
  expect(await sealAudit(world.db, 0)).toBe(0);
  expect(await unsealedIds()).toHaveLength(3);
  expect(await sealAudit(world.db, 60_000)).toBe(3);
  expect(await unsealedIds()).toEqual([]);
  expect(await verifyAuditLog(world.db, 1000, world.now())).toEqual({ ok: true, entries: 4, break: null });
  // Nothing left to seal: a second run changes nothing.
  const before = await world.snapshot(AUDIT_COLLECTION, 'meta');
  expect(await sealAudit(world.db)).toBe(0);
  expect(await world.snapshot(AUDIT_COLLECTION, 'meta')).toBe(before);
});

test('concurrent state changes and sealers racing each other still form unbroken chains, each target’s entries in its own lane', async () => {
  await Promise.all([404, 405, 406, 407, 408].map(register));
  const sealed = await Promise.all([sealAudit(world.db), sealAudit(world.db), sealAudit(world.db)]);
  // Each entry sealed exactly once, whichever sealer got it.
  expect(sealed.reduce((a, b) => a + b, 0)).toBe(5);
  expect(await verifyAuditLog(world.db, 1000, world.now())).toEqual({ ok: true, entries: 9, break: null });
  const entries = await registrations();
  for (const e of entries) {
    const { data } = await world.db.collection('audit_log').where({ _id: e._id }).get();
    const stored = data[0] as Entry & { targetType: string; targetId: string };
    expect(stored.lane ?? 0).toBe(laneOf(stored.targetType, stored.targetId));
    expect(e._id).toBe(auditId(e.seq, e.lane ?? 0));
  }
  // Eight registrations spread over more than one lane.
  expect(new Set(entries.map((e) => e.lane ?? 0)).size).toBeGreaterThan(1);
});

test('an entry left unsealed past the grace period is reported: sealing has stopped', async () => {
  await register(409);
  const [id] = await unsealedIds();
  if (!id) throw new Error('no unsealed entry');
  const later = new Date(world.now().getTime() + SEAL_GRACE_MS + 60_000);
  const lane = Number(id.slice(1, 3));
  expect(await verifyAuditLog(world.db, 1000, later)).toMatchObject({
    ok: false,
    break: { kind: 'unsealed', lane },
  });
  // Within the grace period it is simply not counted yet.
  expect(await verifyAuditLog(world.db, 1000, world.now())).toMatchObject({ ok: true, entries: 9 });
  await sealAudit(world.db);
  expect(await verifyAuditLog(world.db, 1000, later)).toEqual({ ok: true, entries: 10, break: null });
});

test('a change made by one document write carries its entry; sealing moves it into the log and its chain', async () => {
  const submitted = await world.ok(
    'tipoff',
    'submit',
    {
      kind: 'other',
      anonymous: true,
      regionCode: VILLAGE_MILIN,
      content: '测试随文档写入的审计记录。',
    },
    'openid-riding',
  );
  const code = submitted.trackingCode;
  const tipoff = async () =>
    (await world.db.collection('tipoffs').where({ _id: code }).get()).data[0] as {
      auditRiding?: boolean;
      auditPending?: Array<{ action: string; at: Date }>;
    };
  expect(await tipoff()).toMatchObject({ auditRiding: true, auditPending: [{ action: 'tipoff.submit' }] });
  // Not in the log yet, and not overdue: verification passes without it.
  const { data: none } = await world.db
    .collection(AUDIT_COLLECTION)
    .where({ targetType: 'tipoff', targetId: code })
    .get();
  expect(none).toEqual([]);
  const before = (await verifyAuditLog(world.db, 1000, world.now())).entries;
  expect((await verifyAuditLog(world.db, 1000, world.now())).ok).toBe(true);
  // Past the grace period a riding entry is reported like any unsealed one.
  const later = new Date(world.now().getTime() + SEAL_GRACE_MS + 60_000);
  expect(await verifyAuditLog(world.db, 1000, later)).toMatchObject({
    ok: false,
    break: { kind: 'unsealed' },
  });

  expect(await sealAudit(world.db)).toBe(1);
  const after = await tipoff();
  expect(after.auditRiding).toBeUndefined();
  expect(after.auditPending).toBeUndefined();
  const { data: sealed } = await world.db
    .collection(AUDIT_COLLECTION)
    .where({ targetType: 'tipoff', targetId: code })
    .get();
  expect(sealed).toMatchObject([{ action: 'tipoff.submit', actorId: 'anonymous', seq: expect.any(Number) }]);
  expect(await verifyAuditLog(world.db, 1000, later)).toEqual({ ok: true, entries: before + 1, break: null });
});

test('sealers racing over entries riding in documents move and seal each exactly once', async () => {
  const before = (await verifyAuditLog(world.db, 1000, world.now())).entries;
  const codes = await Promise.all(
    Array.from({ length: 6 }, async (_, i) => {
      const res = await world.ok(
        'tipoff',
        'submit',
        {
          kind: 'other',
          anonymous: true,
          regionCode: VILLAGE_MILIN,
          content: `并发封存的测试举报，第${i + 1}件。`,
        },
        `openid-race-${i}`,
      );
      return res.trackingCode;
    }),
  );
  const sealed = await Promise.all([sealAudit(world.db), sealAudit(world.db), sealAudit(world.db)]);
  expect(sealed.reduce((a, b) => a + b, 0)).toBe(6);
  for (const code of codes) {
    const { data } = await world.db
      .collection(AUDIT_COLLECTION)
      .where({ targetType: 'tipoff', targetId: code })
      .get();
    expect(data).toHaveLength(1);
  }
  expect(await verifyAuditLog(world.db, 1000, world.now())).toEqual({
    ok: true,
    entries: before + 6,
    break: null,
  });
});

test('an entry changed in the database is found, in its lane and place', async () => {
  const [e] = await registrations();
  if (!e) throw new Error('no entry');
  await doc(e).update({ data: { detail: { ...e.detail, village: '511702002001' } } });
  expect(await verifyAuditLog(world.db, 1000, world.now())).toMatchObject({
    ok: false,
    break: { kind: 'altered', seq: e.seq, lane: e.lane ?? 0 },
  });
  await doc(e).update({ data: { detail: e.detail } });
  expect((await verifyAuditLog(world.db, 1000, world.now())).ok).toBe(true);
});

test('an entry removed from the database is found', async () => {
  const entries = await registrations();
  const e = entries[entries.length - 1];
  if (!e) throw new Error('no entry');
  // A gap if its lane has a later entry; otherwise the lane ends short of its head.
  const { data: next } = await world.db
    .collection('audit_log')
    .where({ _id: auditId(e.seq + 1, e.lane ?? 0) })
    .get();
  const later = next.length > 0;
  await doc(e).remove();
  expect(await verifyAuditLog(world.db, 1000, world.now())).toMatchObject({
    ok: false,
    break: { kind: later ? 'missing' : 'head', seq: e.seq, lane: e.lane ?? 0 },
  });
});
