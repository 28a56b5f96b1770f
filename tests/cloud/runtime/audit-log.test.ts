import { verifyAuditLog } from '../../../cloudfunctions/_shared/audit';
import { startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;

const register = (seq: number) =>
  world.ok(
    'user',
    {
      action: 'register',
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

const entry = (seq: number) => world.db.collection('audit_log').doc(`a${String(seq).padStart(12, '0')}`);

test('the audit log written by the functions verifies end to end', async () => {
  const result = await verifyAuditLog(world.db);
  expect(result).toEqual({ ok: true, entries: 4, break: null });
});

test('concurrent state changes still form one unbroken chain', async () => {
  await Promise.all([404, 405, 406, 407, 408].map(register));
  expect(await verifyAuditLog(world.db)).toEqual({ ok: true, entries: 9, break: null });
});

test('an entry changed in the database is found', async () => {
  const { data } = await entry(3).get();
  await entry(3).update({ data: { detail: { ...(data.detail as object), village: '511702002001' } } });
  expect(await verifyAuditLog(world.db)).toMatchObject({ ok: false, break: { kind: 'altered', seq: 3 } });
  await entry(3).update({ data: { detail: data.detail } });
  expect((await verifyAuditLog(world.db)).ok).toBe(true);
});

test('an entry removed from the database is found', async () => {
  await entry(5).remove();
  expect(await verifyAuditLog(world.db)).toMatchObject({ ok: false, break: { kind: 'missing', seq: 5 } });
});
