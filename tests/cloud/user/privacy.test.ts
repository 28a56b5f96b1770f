import fc from 'fast-check';
import { demoHouseholds } from '../../../tools/seed';
import { demoSecrets, startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

/** Every full ID, card and phone number the world holds: none may appear in any answer. */
/** Every full ID, card and phone number the world holds: none may appear in any answer. */
const secrets = demoSecrets();

const callers = [
  ...demoHouseholds.flatMap((h) => h.people.map((p) => p.openid).filter((o): o is string => !!o)),
  'stranger',
];

const actions = fc.oneof(
  fc.constant({ action: 'login' }),
  fc.constant({ action: 'profile' }),
  fc.constant({ action: 'household' }),
  fc.constant({ action: 'verificationQueue' }),
  fc.record({ action: fc.constant('updateProfile'), mobile: fc.constantFrom('13511112222', '13633334444') }),
  fc.integer({ min: 500, max: 999 }).map((seq) => ({
    action: 'register',
    name: '钱多多',
    idNumber: testIdNumber(seq, '19770707'),
    mobile: `137${String(seq).padStart(8, '0')}`,
    villageCode: VILLAGE_MILIN,
    household: { mode: 'head' },
  })),
  fc
    .constantFrom('6217000010001234', '4111111111111111')
    .map((cardNumber) => ({ action: 'bindCard', cardNumber })),
);

test('no answer of user.* ever contains a full ID, card or phone number of anyone', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...callers), actions, async (openid, event) => {
      const params: Record<string, unknown> = { ...event };
      if (event.action === 'register') {
        secrets.add(String(params.idNumber));
        secrets.add(String(params.mobile));
      }
      if (event.action === 'updateProfile') secrets.add(String(params.mobile));
      if (event.action === 'bindCard') {
        secrets.add(String(params.cardNumber));
        const h = await world.call('user', 'household', {}, openid);
        Object.assign(params, {
          kind: 'bank',
          bank: '测试银行',
          holderMemberId: h.ok ? h.data.members[0]?.memberId : 'm-none',
        });
      }
      // raw: generated events, valid or not, of every action
      const answer = JSON.stringify(await world.raw('user', params, openid));
      for (const secret of secrets) {
        expect(answer).not.toContain(secret);
      }
    }),
    { numRuns: 60 },
  );
});
