import { insertNew } from '../../../cloudfunctions/_shared/db/bulk';
import { paymentIdOf } from '../../../cloudfunctions/payment/results';
import { demoCatalogue } from '../../../tools/seed';
import { plantApproved } from '../../../tools/seed/plant';
import type { CreateBatchResponse } from '../../../typings/api';
import { bankFile, createBatch, csvFile, exported, FINANCE, importAll } from '../../helpers/payments';
import {
  startWorld,
  VILLAGE_HONGHUA,
  VILLAGE_MILIN,
  VILLAGE_OTHER_TOWNSHIP,
  type World,
} from '../../helpers/world';

// Small chunks and no time budget: every call handles one chunk of 50 rows, as a 100,000-line file
// would be taken 2,000 rows at a time within the function's limit.
let world: World;
beforeAll(async () => {
  world = await startWorld({
    functionEnv: {
      YKT_IMPORT_CHUNK_ROWS: '50',
      YKT_IMPORT_BUDGET_MS: '1',
      YKT_BATCH_BUDGET_MS: '1',
      YKT_RISK_BUDGET_MS: '1',
      YKT_RISK_SETTLE_MS: '0',
    },
  });
});
afterAll(() => world.close());

const gaoling = demoCatalogue(new Date('2026-11-01T00:00:00Z')).find((p) => p.code === 'GAOLING')!;
const COUNT = 230;

test('a result file that stops midway is resumed: every line paid once, the manifest adds up', async () => {
  await plantApproved(world.db, {
    key: 'resume',
    count: COUNT,
    villageCodes: [VILLAGE_MILIN, VILLAGE_HONGHUA],
    project: gaoling,
    period: '2026',
    approvedAt: new Date('2026-01-15T02:00:00Z'),
    answers: () => ({ livingWith: 'alone' }),
    idSeq: 40_000,
  });
  const batch = await createBatch(world, {
    projectCode: 'GAOLING',
    regionCode: '511702001000',
    period: '2026-07',
  });
  expect(batch.lineCount).toBe(COUNT);
  const { table } = await exported(world, batch.batchId);
  const file = csvFile(
    world,
    bankFile(table, (_id, i) => ({ paid: true, serial: `JUL2026${String(i).padStart(4, '0')}` })),
  );

  const first = await world.ok('payment', 'importResults', { batchId: batch.batchId, ...file }, FINANCE);
  expect(first).toMatchObject({ state: 'running', processedRows: 50, paid: 50 });

  // The next call died halfway through its chunk: it wrote the payments of 20 lines and nothing else.
  const [header = [], ...rows] = table;
  const lineIds = rows.slice(50, 70).map((r) => r[header.indexOf('明细号')] as string);
  const { data: lines } = await world.db
    .collection('payment_lines')
    .where({ _id: world.db.command.in(lineIds) })
    .limit(100)
    .get();
  for (const line of lines as Array<{
    _id: string;
    householdId: string;
    projectCode: string;
    period: string;
    villageCode: string;
    amountFen: number;
  }>) {
    await world.db.collection('payments').add({
      data: {
        _id: paymentIdOf(line),
        householdId: line.householdId,
        villageCode: line.villageCode,
        projectCode: 'GAOLING',
        projectName: '高龄津贴',
        period: line.period,
        year: 2026,
        month: 11,
        amountFen: line.amountFen,
        paidAt: new Date('2026-11-19T16:00:00Z'),
        source: 'batch',
        lineId: line._id,
        batchId: batch.batchId,
        bankSerial: 'from-the-crash',
        cardKind: 'social_security',
        cardTail: '0000',
        duplicateOf: null,
        importId: first.importId,
        createdAt: world.now(),
      },
    });
  }

  const { last, calls } = await importAll(world, { batchId: batch.batchId, ...file });
  expect(calls).toBe(4);
  expect(last).toMatchObject({
    state: 'done',
    processedRows: COUNT,
    paid: COUNT,
    failed: 0,
    unchanged: 0,
    errorCount: 0,
  });
  expect(last.batch).toMatchObject({
    state: 'done',
    lineCount: COUNT,
    paidCount: COUNT,
    paidFen: COUNT * 5000,
    pendingCount: 0,
  });

  const { total: payments } = await world.db
    .collection('payments')
    .where({ projectCode: 'GAOLING', period: '2026-07' })
    .count();
  expect(payments).toBe(COUNT);
  const { total: notices } = await world.db
    .collection('notifications')
    .where({ householdId: 'h-resume-60' })
    .count();
  expect(notices).toBe(1);
  let paidLines = 0;
  for (let page = 1; page <= 3; page++) {
    const r = await world.ok(
      'payment',
      'batches',
      { batchId: batch.batchId, lineState: 'paid', page, pageSize: 100 },
      FINANCE,
    );
    paidLines += r.lines.length;
  }
  expect(paidLines).toBe(COUNT);
});

test('two imports of one file at once: one works, the other is told to wait, nothing doubles', async () => {
  await plantApproved(world.db, {
    key: 'race',
    count: 120,
    villageCodes: [VILLAGE_MILIN],
    project: gaoling,
    period: '2026',
    approvedAt: new Date('2026-01-15T02:00:00Z'),
    answers: () => ({ livingWith: 'alone' }),
    idSeq: 41_000,
  });
  const batch = await createBatch(world, {
    projectCode: 'GAOLING',
    regionCode: VILLAGE_MILIN,
    period: '2026-06',
  });
  const { table } = await exported(world, batch.batchId);
  const file = csvFile(
    world,
    bankFile(table, (_id, i) => ({ paid: true, serial: `JUN2026${String(i).padStart(4, '0')}` })),
  );
  const [a, b] = await Promise.all([
    world.call('payment', 'importResults', { batchId: batch.batchId, ...file }, FINANCE),
    world.call('payment', 'importResults', { batchId: batch.batchId, ...file }, FINANCE),
  ]);
  const outcomes = [a, b].map((r) => (r.ok ? 'ok' : r.code)).sort();
  expect(outcomes.every((o) => o === 'ok' || o === 'CONFLICT')).toBe(true);
  expect(outcomes).toContain('ok');
  const { last } = await importAll(world, { batchId: batch.batchId, ...file });
  expect(last.batch).toMatchObject({ paidCount: batch.lineCount, pendingCount: 0 });
  expect(last.paid).toBe(batch.lineCount);
  const { total } = await world.db
    .collection('payments')
    .where({ projectCode: 'GAOLING', period: '2026-06' })
    .count();
  expect(total).toBe(batch.lineCount);
});

test('a batch too large for one call is written over several, and adds up', async () => {
  const count = 2_100;
  await plantApproved(world.db, {
    key: 'big',
    count,
    villageCodes: [VILLAGE_OTHER_TOWNSHIP],
    project: gaoling,
    period: '2026',
    approvedAt: new Date('2026-01-15T02:00:00Z'),
    answers: () => ({ livingWith: 'alone' }),
    idSeq: 60_000,
  });
  const request = { projectCode: 'GAOLING', regionCode: VILLAGE_OTHER_TOWNSHIP, period: '2026-05' };
  const states: string[] = [];
  let last: CreateBatchResponse | null = null;
  for (let call = 0; call < 50; call++) {
    last = await createBatch(world, request);
    states.push(last.state);
    if (last.state !== 'building') break;
  }
  // One page of approved declarations per call at this budget: at least the three pages of these 2,100.
  expect(states.length).toBeGreaterThanOrEqual(3);
  expect(states).toEqual([...states.slice(0, -1).map(() => 'building'), 'created']);
  expect(last).toMatchObject({ lineCount: count, totalFen: count * 5000 });
  const { total } = await world.db
    .collection('payment_batches')
    .where({
      projectCode: 'GAOLING',
      regionCode: VILLAGE_OTHER_TOWNSHIP,
      period: '2026-05',
      state: 'created',
    })
    .count();
  expect(total).toBe(1);
});

test('a risk scan too long for one call continues where it stopped and finds every case once', async () => {
  const old = new Date(world.now().getTime() - 86_400_000);
  const payments = Array.from({ length: 2_500 }, (_, i) => ({
    _id: `L:scan-${String(i).padStart(5, '0')}`,
    householdId: `h-scan-${i}`,
    villageCode: VILLAGE_MILIN,
    projectCode: 'DIBAO',
    projectName: '城乡居民最低生活保障',
    period: '2026-04',
    year: 2026,
    month: 4,
    amountFen: 60_000,
    paidAt: old,
    source: 'ledger',
    lineId: null,
    batchId: null,
    bankSerial: `SCAN${i}`,
    cardKind: 'social_security',
    cardTail: '0000',
    duplicateOf: null,
    importId: 'test',
    createdAt: old,
  }));
  await insertNew(world.db, 'payments', payments);
  const states: string[] = [];
  for (let call = 0; call < 20; call++) {
    const scan = await world.ok('supervision', 'runRiskScan', {}, 'demo-supervisor');
    states.push(scan.state);
    if (scan.state === 'done') break;
  }
  expect(states.length).toBeGreaterThan(1);
  expect(states.at(-1)).toBe('done');
  const { total } = await world.db
    .collection('alerts')
    .where({ scopeCodes: '511702000000', status: 'open', rule: 'paid_without_approval' })
    .count();
  // Each payment once, and the demo's own case: nothing lost at the page boundaries, nothing twice.
  expect(total).toBe(2_501);
  await world.ok('supervision', 'runRiskScan', {}, 'demo-supervisor');
  const again = await world.db
    .collection('alerts')
    .where({ scopeCodes: '511702000000', status: 'open', rule: 'paid_without_approval' })
    .count();
  expect(again.total).toBe(2_501);
});
