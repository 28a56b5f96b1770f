import { appendInTransaction } from '../../../cloudfunctions/_shared/audit/audit-log';
import { FaceVerifierRegistry } from '../../../cloudfunctions/_shared/ports/face-verification';
import { loadCaller } from '../../../cloudfunctions/_shared/runtime/caller';
import { DomainError } from '../../../cloudfunctions/_shared/runtime/errors';
import type { ActionContext } from '../../../cloudfunctions/_shared/runtime/router';
import { faceVerifyAction } from '../../../cloudfunctions/user/face-verify';
import { startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => {
  delete process.env.YKT_FACE_VERIFIER;
  return world.close();
});

async function registered(seq: number): Promise<string> {
  const openid = `openid-face-${seq}`;
  await world.ok(
    'user',
    'register',
    {
      name: '何秀珍',
      idNumber: testIdNumber(seq, '19451010'),
      mobile: '13312345678',
      villageCode: VILLAGE_MILIN,
      household: { mode: 'head' },
    },
    openid,
  );
  return openid;
}

/** A provider at the port that recognises one token per ID number, as a real one checks the person. */
function fakeProvider(): FaceVerifierRegistry {
  const registry = new FaceVerifierRegistry();
  registry.register({
    name: 'fake-provider',
    verify: async ({ idNumber, name, token }) => ({
      matched: token === `face-of-${idNumber}` && name === '何秀珍',
      reference: `ref-${token.length}`,
    }),
  });
  return registry;
}

async function run(openid: string, token: string, registry: FaceVerifierRegistry) {
  const caller = await loadCaller(world.db, openid);
  const ctx: ActionContext = {
    requestId: 'test',
    caller,
    db: world.db,
    now: world.now(),
    audit: () => Promise.reject(new Error('not used')),
    auditEntry: () => {
      throw new Error('not used');
    },
    auditIn: (tx, entry) =>
      appendInTransaction(
        tx,
        { actorId: caller.user?._id ?? 'visitor', actorRole: 'resident', ...entry, requestId: 'test' },
        world.now(),
      ),
  };
  return faceVerifyAction(registry).handler(ctx, { token });
}

test('without a configured provider the resident is sent to the village cadre and nothing changes', async () => {
  const openid = await registered(601);
  const before = await world.snapshot('users', 'audit_log');
  const res = await world.call('user', 'faceVerify', { token: 'any-token-at-all' }, openid);
  expect(res).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  expect(await world.snapshot('users', 'audit_log')).toBe(before);
});

test('a provider plugged into the port verifies the registered person', async () => {
  process.env.YKT_FACE_VERIFIER = 'fake-provider';
  const openid = await registered(602);
  await run(openid, `face-of-${testIdNumber(602, '19451010')}`, fakeProvider());
  const me = await world.ok('user', 'login', {}, openid);
  expect(me.verification).toBe('verified');
});

test('a face that does not match leaves the account unverified', async () => {
  process.env.YKT_FACE_VERIFIER = 'fake-provider';
  const openid = await registered(603);
  await expect(run(openid, `face-of-${testIdNumber(999, '19451010')}`, fakeProvider())).rejects.toThrow(
    DomainError,
  );
  const me = await world.ok('user', 'login', {}, openid);
  expect(me.verification).toBe('pending');
});

test('naming a provider that is not registered is a configuration error, not a pass', () => {
  expect(() => fakeProvider().configured('someone-else')).toThrow(/not registered/);
});
