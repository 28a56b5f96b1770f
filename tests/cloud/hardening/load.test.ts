import { checkWrites, formatReport, type LoadReport, runLoad } from '../../../tools/load/run';
import { startWorld, type World } from '../../helpers/world';

const POOL = 2;
let world: World;
let report: LoadReport;

beforeAll(async () => {
  world = await startWorld({ poolSize: POOL, queueSize: 2 });
  report = await runLoad({
    url: world.url,
    db: world.db,
    functionStats: () => world.cloud.functionStats(),
    durationMs: 20_000,
    users: 10,
    arranged: 4,
    prefill: POOL,
  });
  console.log(formatReport(report));
}, 150_000);

afterAll(async () => {
  await world?.close();
});

test('every answer is ok or the gateway’s deliberate RESOURCE_EXHAUSTED', () => {
  const { codes, unexpected } = report.generator;
  expect(unexpected).toEqual([]);
  expect(Object.keys(codes).filter((c) => c !== 'ok' && c !== 'RESOURCE_EXHAUSTED')).toEqual([]);
  // The mix ran: reads and writes of residents and staff all answered ok at least once.
  const missing = [
    'payment.mine',
    'payment.summary',
    'publicity.list',
    'declaration.mine',
    'user.notices',
    'approval.queue',
    'supervision.dashboard',
    'tipoff.submit',
    'user.register',
    'user.verify',
    'declaration.submit',
    'approval.review',
  ].filter((action) => (report.generator.actions[action]?.codes.ok ?? 0) === 0);
  expect(missing).toEqual([]);
});

test('no lost write: every acknowledged write is in the database exactly once, nothing else was written', () => {
  expect(report.problems.filter((p) => !p.startsWith('memory:'))).toEqual([]);
  for (const [name, w] of Object.entries(report.writes)) {
    expect([name, w.found]).toEqual([name, w.acknowledged]);
  }
  expect(report.writes['tipoff.submit']?.acknowledged).toBeGreaterThan(0);
  expect(report.writes['approval.review']?.acknowledged).toBeGreaterThan(0);
  expect(report.writes['declaration.submit']?.acknowledged).toBeGreaterThan(0);
});

test('memory stays flat: the last third of the run against the first, after the warm-up', () => {
  const { memory } = report;
  expect(memory.compared).toBeGreaterThanOrEqual(3);
  expect(report.problems.filter((p) => p.startsWith('memory:'))).toEqual([]);
  expect(memory.rss.ratio).toBeLessThanOrEqual(memory.maxGrowth);
  expect(memory.heapUsed.ratio).toBeLessThanOrEqual(memory.maxGrowth);
});

// Last: it changes the database. The same checks see a lost write and a lost marking.
test('the write checks catch a write that went missing', async () => {
  const { acknowledged } = report.generator;
  const lost = acknowledged.tipoffs[acknowledged.tipoffs.length - 1]!;
  await world.db.collection('tipoffs').doc(lost).remove();
  const unread = acknowledged.readNotices.flatMap((r) => r.ids)[0];
  if (unread) {
    await world.db
      .collection('notifications')
      .doc(unread)
      .update({ data: { read: false } });
  }
  const problems: string[] = [];
  await checkWrites(world.db, report.before, acknowledged, problems);
  expect(problems).toContain(`tipoff ${lost} acknowledged but not in the database`);
  expect(problems.some((p) => p.startsWith('tipoffs: '))).toBe(true);
  if (unread)
    expect(problems).toContain(`notice ${unread} marked read (acknowledged) but unread in the database`);
});
