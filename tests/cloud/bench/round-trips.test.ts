/**
 * Database round trips of what a resident does, counted by the local cloud (X-DB-Round-Trips), held
 * against the budget issue 9 sets: 3. A count is exact and does not depend on the machine, so it belongs
 * in a test (timings do not; they are in `npm run bench`).
 *
 * Reads: the caller, then at most two queries in parallel. A write that is one document carries its own
 * audit entry in that document (sealed later), so it is the caller, what it must read, and the write.
 * A change that spans documents commits them and its entry in one transaction: the caller, begin, each
 * write, the entry and commit. Registration (the account, the ID claim, the household) and a
 * declaration (the declaration, its lock, the household's notice) are such changes; their budgets
 * below are that floor, not slack.
 */
import { DEMO_TIPOFF_SECRET } from '../../../tools/seed/tipoffs';
import { startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const LUOYONG = 'demo-resident-luoyong';
const idCard = [
  {
    materialKey: 'idCard',
    fileID: 'cloud://ykt-local.local/declarations/u-demo-resident-luoyong/idCard/1.jpg',
  },
];
const complaint = { kind: 'other', regionCode: VILLAGE_MILIN, content: '村务公开栏长期没有更新，请核实。' };

type Row = [fn: string, action: string, event: Record<string, unknown>, openid: string, budget: number];

const READS: Row[] = [
  ['user', 'login', {}, LUOYONG, 3],
  ['user', 'profile', {}, LUOYONG, 3],
  ['admin', 'listRegions', {}, LUOYONG, 3],
  ['declaration', 'listProjects', {}, LUOYONG, 3],
  ['declaration', 'mine', {}, LUOYONG, 3],
  ['payment', 'mine', { year: 2026 }, LUOYONG, 3],
  ['payment', 'summary', {}, LUOYONG, 3],
  ['payment', 'statement', { year: 2026 }, LUOYONG, 3],
  ['publicity', 'list', { regionCode: VILLAGE_MILIN }, LUOYONG, 3],
  ['tipoff', 'mine', {}, LUOYONG, 3],
  ['tipoff', 'track', { trackingCode: 'JBDEMQ222224', secret: DEMO_TIPOFF_SECRET }, 'x', 3],
  // The page, its total and the unread count: three queries in parallel after the caller.
  ['user', 'notices', {}, LUOYONG, 4],
];

const WRITES: Row[] = [
  // An update by query and its audit entry; then the unread count that is left.
  ['user', 'readNotices', {}, LUOYONG, 4],
  // The region (read once per instance: regions are reference data kept ten minutes) and the tip-off.
  ['tipoff', 'submit', { ...complaint, anonymous: true }, LUOYONG, 3],
  // A named one then writes the household's receipt in 我的消息.
  ['tipoff', 'submit', { ...complaint, anonymous: false }, LUOYONG, 3],
  ['user', 'subscribe', { accepted: ['payment'] }, LUOYONG, 3],
  ['tipoff', 'rate', { trackingCode: 'JBDEMQ222224', secret: DEMO_TIPOFF_SECRET, satisfied: true }, 'x', 3],
  [
    'user',
    'register',
    {
      name: '冯志远',
      idNumber: testIdNumber(991, '19700101'),
      mobile: '13512345678',
      villageCode: VILLAGE_MILIN,
      household: { mode: 'head' },
    },
    'openid-991',
    7,
  ],
  [
    'declaration',
    'submit',
    { code: 'YIMIN', answers: { registeredMigrant: true, reservoir: '江口水库' }, attachments: idCard },
    LUOYONG,
    9,
  ],
];

test.each(READS)('%s.%s reads within its budget', async (fn, action, event, openid, budget) => {
  const res = await world.callWithStats(fn, { action, ...event }, openid);
  expect(res.body).toMatchObject({ ok: true });
  expect(res.roundTrips).toBeGreaterThan(0);
  expect(res.roundTrips).toBeLessThanOrEqual(budget);
});

test.each(WRITES)('%s.%s writes within its budget', async (fn, action, event, openid, budget) => {
  const res = await world.callWithStats(fn, { action, ...event }, openid);
  if (process.env.YKT_SHOW_TRIPS) console.log(`${fn}.${action} ${res.roundTrips}`);
  expect(res.body).toMatchObject({ ok: true });
  expect(res.roundTrips).toBeLessThanOrEqual(budget);
});

test('tip-offs filed at the same moment do not wait on each other: no retries, no extra round trips', async () => {
  const all = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      world.callWithStats(
        'tipoff',
        { action: 'submit', ...complaint, content: `${complaint.content}（第${i + 1}件）`, anonymous: true },
        `openid-tip-${i}`,
      ),
    ),
  );
  for (const res of all) {
    expect(res.body).toMatchObject({ ok: true });
    expect(res.roundTrips).toBeLessThanOrEqual(3);
  }
});
