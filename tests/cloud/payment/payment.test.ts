import { parseXlsx, toCsv } from '../../../cloudfunctions/_shared/ports/table-files';
import { lookupHash } from '../../../cloudfunctions/_shared/runtime/crypto';
import { demoCatalogue } from '../../../tools/seed';
import { plantApproved, plantedCardNumber, plantedIdNumber } from '../../../tools/seed/plant';
import type {
  BatchesResponse,
  CreateBatchRequest,
  CreateBatchResponse,
  SchedulerTickResponse,
} from '../../../typings/api';
import {
  bankFile,
  createBatch,
  csvFile,
  exported,
  FINANCE,
  importAll,
  uploadImport,
  xlsxFile,
} from '../../helpers/payments';
import { startWorld, testIdNumber, VILLAGE_HONGHUA, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const TONGCHUAN = '511702000000';
const LUOJIANG = '511702001000';
const MINGYUE = '511703001001';
const project = (code: string) => {
  const p = demoCatalogue(new Date('2026-11-01T00:00:00Z')).find((x) => x.code === code);
  if (!p) throw new Error(code);
  return p;
};
const JAN = new Date('2026-01-15T02:00:00Z');

async function allLines(batchId: string) {
  const out: BatchesResponse['lines'] = [];
  for (let page = 1; ; page++) {
    const r = await world.ok('payment', 'batches', { batchId, page, pageSize: 100 }, FINANCE);
    out.push(...r.lines);
    if (out.length >= r.linesTotal) return out;
  }
}

test('一户一行，金额按标准精确到分: 300 低保 households of every size, region and card state respected', async () => {
  await plantApproved(world.db, {
    key: 'dibao',
    count: 300,
    villageCodes: [VILLAGE_MILIN, VILLAGE_HONGHUA, MINGYUE],
    project: project('DIBAO'),
    period: '2026',
    approvedAt: JAN,
    answers: (i) => ({ householdSize: 1 + (i % 6), incomePerCapita: 100, reason: '无' }),
    withoutCardEvery: 25,
    idSeq: 10_000,
  });
  const batch = await createBatch(world, { projectCode: 'DIBAO', regionCode: TONGCHUAN, period: '2026-10' });
  // 200 of the 300 live in 通川区; 8 of those have no card and are listed, not paid.
  const inTongchuan = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 3 !== 2);
  const withCard = inTongchuan.filter((i) => (i + 1) % 25 !== 0);
  expect(batch.lineCount).toBe(withCard.length);
  expect(batch.skipped).toHaveLength(inTongchuan.length - withCard.length);
  expect(batch.skipped[0]?.reason).toContain('没有绑定一卡通');
  const expected = withCard.reduce((n, i) => n + 60_000 * (1 + (i % 6)), 0);
  expect(batch.totalFen).toBe(expected);
  expect(batch.state).toBe('created');
  const lines = await allLines(batch.batchId);
  expect(lines).toHaveLength(withCard.length);
  expect(lines.reduce((n, l) => n + l.amountFen, 0)).toBe(expected);
  for (const l of lines) {
    expect(Number.isInteger(l.amountFen)).toBe(true);
    expect(l.maskedCardNumber).toMatch(/^\*{4} \d{4}$/);
    expect(l.state).toBe('pending');
  }
  // The same request again finds nobody left to pay.
  const again = await world.call(
    'payment',
    'createBatch',
    {
      projectCode: 'DIBAO',
      regionCode: TONGCHUAN,
      period: '2026-10',
    },
    FINANCE,
  );
  expect(again).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  expect(!again.ok && again.message).toContain(`${withCard.length}户本期已发放或已在其他批次中`);
});

test('bad requests are refused in plain words and write nothing', async () => {
  const before = await world.snapshot('payment_batches', 'payment_lines', 'paid_slots');
  const cases: Array<[CreateBatchRequest, string, RegExp]> = [
    [{ projectCode: 'DIBAO', regionCode: TONGCHUAN, period: '2026-13' }, 'INVALID_ARGUMENT', /期次格式不对/],
    [{ projectCode: 'DIBAO', regionCode: TONGCHUAN, period: '2026' }, 'INVALID_ARGUMENT', /按月发放/],
    [{ projectCode: 'DIBAO', regionCode: TONGCHUAN, period: '2027-05' }, 'INVALID_ARGUMENT', /尚未开始/],
    [{ projectCode: 'NOPE', regionCode: TONGCHUAN, period: '2026-10' }, 'NOT_FOUND', /补贴项目/],
    [{ projectCode: 'DIBAO', regionCode: '511703000000', period: '2026-10' }, 'FORBIDDEN', /管辖范围/],
    [{ projectCode: 'DIBAO', regionCode: 'abc', period: '2026-10' }, 'INVALID_ARGUMENT', /发放地区/],
  ];
  for (const [event, code, message] of cases) {
    const res = await world.call('payment', 'createBatch', event, FINANCE);
    expect(res).toMatchObject({ ok: false, code });
    expect(!res.ok && res.message).toMatch(message);
  }
  const resident = await world.call(
    'payment',
    'createBatch',
    { projectCode: 'DIBAO', regionCode: TONGCHUAN, period: '2026-10' },
    'demo-resident-luoyong',
  );
  expect(resident).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await world.snapshot('payment_batches', 'payment_lines', 'paid_slots')).toBe(before);
});

describe('银行回盘', () => {
  let batch: CreateBatchResponse;
  let file: { fileID: string; fileName: string };
  const failedEvery = 5;

  beforeAll(async () => {
    await plantApproved(world.db, {
      key: 'gaoling',
      count: 40,
      villageCodes: [VILLAGE_MILIN, VILLAGE_HONGHUA],
      project: project('GAOLING'),
      period: '2026',
      approvedAt: JAN,
      answers: () => ({ livingWith: 'alone' }),
      idSeq: 20_000,
    });
    batch = await createBatch(world, { projectCode: 'GAOLING', regionCode: LUOJIANG, period: '2026-09' });
    const { table, answer } = await exported(world, batch.batchId);
    expect(answer.lineCount).toBe(40);
    expect(answer.totalFen).toBe(40 * 5000);
    file = csvFile(
      world,
      bankFile(table, (_id, i) =>
        (i + 1) % failedEvery === 0
          ? { paid: false, reason: '账户已销户' }
          : { paid: true, serial: `SN2026092000${i}` },
      ),
    );
  });

  test('the export carries what the bank needs; the audit log records the export, not the card numbers', async () => {
    const { table } = await exported(world, batch.batchId);
    expect(table[0]).toEqual(
      expect.arrayContaining(['明细号', '持卡人姓名', '卡号', '金额（元）', '结果', '银行流水号']),
    );
    const card = table[0]!.indexOf('卡号');
    const cards = table.slice(1).map((r) => r[card]);
    expect(cards).toContain(plantedCardNumber(20_000));
    expect(table[1]![table[0]!.indexOf('金额（元）')]).toBe('50.00');
    const xlsx = await world.ok(
      'payment',
      'exportBatch',
      { batchId: batch.batchId, format: 'xlsx' },
      FINANCE,
    );
    const sheet = await parseXlsx(Buffer.from(await (await fetch(xlsx.url)).arrayBuffer()));
    expect(sheet.slice(1).map((r) => r[card])).toEqual(cards);
    const audit = await world.snapshot('audit_log');
    expect(audit).toContain('payment.exportBatch');
    expect(audit).not.toContain(plantedCardNumber(20_000));
  });

  test('each line becomes paid or failed with the bank’s reason, and the batch adds up', async () => {
    const { last } = await importAll(world, { batchId: batch.batchId, ...file });
    expect(last).toMatchObject({
      state: 'done',
      alreadyImported: false,
      paid: 32,
      failed: 8,
      unchanged: 0,
      errorCount: 0,
    });
    expect(last.batch).toMatchObject({
      state: 'done',
      lineCount: 40,
      paidCount: 32,
      paidFen: 32 * 5000,
      failedCount: 8,
      failedFen: 8 * 5000,
      pendingCount: 0,
    });
    const lines = await allLines(batch.batchId);
    const failed = lines.filter((l) => l.state === 'failed');
    expect(failed).toHaveLength(8);
    expect(failed[0]?.failReason).toBe('账户已销户');
    const paid = lines.find((l) => l.state === 'paid');
    expect(paid?.bankSerial).toMatch(/^SN2026092000/);
    expect(paid?.paidAt).toBe('2026-11-19T16:00:00.000Z');
    // The household's notice says what the money was for, in the design's words.
    const { data: notes } = await world.db
      .collection('notifications')
      .where({ householdId: 'h-gaoling-0' })
      .limit(10)
      .get();
    const tail = plantedCardNumber(20_000).slice(-4);
    expect(notes.map((n) => (n as { body: string }).body)).toContain(
      `您家2026年9月高龄津贴50.00元已发放至尾号${tail}的社保卡`,
    );
    expect((notes[0] as { sms: { text: string } }).sms.text).toBe(
      `【达州一卡通】您家2026年9月高龄津贴50.00元已发放至尾号${tail}的社保卡`,
    );
  });

  test('the same file imported twice changes nothing; another file with the same results neither', async () => {
    const watched = ['payments', 'payment_lines', 'paid_slots', 'notifications', 'payment_batches'];
    const before = await world.snapshot(...watched);
    const again = await world.ok('payment', 'importResults', { batchId: batch.batchId, ...file }, FINANCE);
    expect(again).toMatchObject({ state: 'done', alreadyImported: true, paid: 32, failed: 8 });
    expect(await world.snapshot(...watched)).toBe(before);

    const { table } = await exported(world, batch.batchId);
    const same = await xlsxFile(
      world,
      bankFile(table, (_id, i) =>
        (i + 1) % failedEvery === 0
          ? { paid: false, reason: '账户已销户' }
          : { paid: true, serial: `SN2026092000${i}` },
      ),
    );
    const other = await importAll(world, { batchId: batch.batchId, ...same });
    expect(other.last).toMatchObject({
      alreadyImported: false,
      paid: 0,
      failed: 0,
      unchanged: 40,
      errorCount: 0,
    });
    // Paid lines turned to failed by a later file are refused, by row.
    const flipped = csvFile(
      world,
      bankFile(table, () => ({ paid: false, reason: '余额不足' })),
      'flip.csv',
    );
    const refused = await importAll(world, { batchId: batch.batchId, ...flipped });
    expect(refused.last.errorCount).toBe(32);
    expect(refused.last.errors[0]).toEqual({
      row: 2,
      message: '该明细已是“已到账”，与本次结果不一致，未改动',
    });
    const after = await world.snapshot('payments', 'paid_slots', 'payment_batches');
    expect(after).toBe(await world.snapshot('payments', 'paid_slots', 'payment_batches'));
    const b = await world.ok('payment', 'batches', { batchId: batch.batchId }, FINANCE);
    expect(b.batch).toMatchObject({ paidCount: 32, failedCount: 8 });
  });

  test('failed lines go into a re-send batch; a paid household is never in a new batch', async () => {
    const resent = await createBatch(world, {
      projectCode: 'GAOLING',
      regionCode: LUOJIANG,
      period: '2026-09',
      resendOf: batch.batchId,
    });
    expect(resent).toMatchObject({
      resendOf: batch.batchId,
      lineCount: 8,
      totalFen: 8 * 5000,
      state: 'created',
    });
    const old = await allLines(batch.batchId);
    expect(old.filter((l) => l.state === 'resent').map((l) => l.resentIn)).toEqual(
      Array(8).fill(resent.batchId),
    );
    const noMore = await world.call(
      'payment',
      'createBatch',
      {
        projectCode: 'GAOLING',
        regionCode: LUOJIANG,
        period: '2026-09',
        resendOf: batch.batchId,
      },
      FINANCE,
    );
    expect(noMore).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });

    const { table } = await exported(world, resent.batchId);
    const ok = csvFile(
      world,
      bankFile(table, (_id, i) => ({ paid: true, serial: `RS20260921${i}` })),
    );
    const { last } = await importAll(world, { batchId: resent.batchId, ...ok });
    expect(last.batch).toMatchObject({ state: 'done', paidCount: 8 });

    // Every household of the region is now paid for 2026-09: a new approval is the only line.
    await plantApproved(world.db, {
      key: 'gaoling-late',
      count: 1,
      villageCodes: [VILLAGE_MILIN],
      project: project('GAOLING'),
      period: '2026',
      approvedAt: new Date('2026-09-10T02:00:00Z'),
      answers: () => ({ livingWith: 'alone' }),
      idSeq: 21_000,
    });
    const late = await createBatch(world, {
      projectCode: 'GAOLING',
      regionCode: LUOJIANG,
      period: '2026-09',
    });
    expect(late).toMatchObject({ lineCount: 1, excludedAlreadyPaid: 40 });
    const { data: payments } = await world.db
      .collection('payments')
      .where({ projectCode: 'GAOLING', period: '2026-09' })
      .limit(1000)
      .get();
    expect(payments).toHaveLength(40);
  });

  test('unknown and malformed lines are reported by row and the rest of the file is kept', async () => {
    await plantApproved(world.db, {
      key: 'gaoling-aug',
      count: 6,
      villageCodes: [VILLAGE_MILIN],
      project: project('GAOLING'),
      period: '2026',
      approvedAt: JAN,
      answers: () => ({ livingWith: 'alone' }),
      idSeq: 22_000,
    });
    const aug = await createBatch(world, {
      projectCode: 'GAOLING',
      regionCode: VILLAGE_MILIN,
      period: '2026-08',
    });
    const { table } = await exported(world, aug.batchId);
    const good = bankFile(table, (_id, i) => ({ paid: true, serial: `AUG2026${i}00` }));
    const [header, ...rows] = good;
    const at = (name: string) => header!.indexOf(name);
    const broken = rows.map((r) => [...r]);
    broken[0]![at('明细号')] = 'not-a-line';
    broken[1]![at('结果')] = '处理中';
    broken[2]![at('金额（元）')] = '55.00';
    broken[3]![at('银行流水号')] = '';
    const foreign = [...rows[4]!];
    foreign[at('明细号')] = `${batch.batchId}:h-gaoling-0`;
    const file = csvFile(world, [header!, ...broken, [], foreign, rows[5]!], 'broken.csv');
    const { last } = await importAll(world, { batchId: aug.batchId, ...file });
    expect(last.errors).toEqual([
      { row: 2, message: '明细号格式不对' },
      { row: 3, message: '结果应为“成功”或“失败”，文件中是“处理中”' },
      { row: 4, message: '金额与批次明细不符，未处理' },
      { row: 5, message: '成功的明细须有银行流水号（4–64位字母数字）' },
      { row: rows.length + 3, message: '明细号不在本批次中' },
      { row: rows.length + 4, message: '明细号与第7行重复，本行未处理' },
    ]);
    expect(last).toMatchObject({ paid: rows.length - 4, failed: 0, totalRows: rows.length + 3 });
    expect(last.batch).toMatchObject({ state: 'partly_done', paidCount: rows.length - 4, pendingCount: 4 });
    const header2 = await world.call(
      'payment',
      'importResults',
      {
        batchId: aug.batchId,
        ...csvFile(world, [
          ['姓名', '卡号'],
          ['a', 'b'],
        ]),
      },
      FINANCE,
    );
    expect(header2).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(!header2.ok && header2.message).toContain('回盘文件缺少列：明细号');
  });
});

test('a batch not yet exported is withdrawn: its households are free again, the exported one cannot be', async () => {
  await plantApproved(world.db, {
    key: 'cancel',
    count: 5,
    villageCodes: [VILLAGE_HONGHUA],
    project: project('GAOLING'),
    period: '2026',
    approvedAt: JAN,
    answers: () => ({ livingWith: 'alone' }),
    idSeq: 23_000,
  });
  const request = { projectCode: 'GAOLING', regionCode: VILLAGE_HONGHUA, period: '2026-04' };
  const first = await createBatch(world, request);
  const short = await world.call('payment', 'cancelBatch', { batchId: first.batchId, reason: '' }, FINANCE);
  expect(short).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  const cancelled = await world.ok(
    'payment',
    'cancelBatch',
    { batchId: first.batchId, reason: '期次选错' },
    FINANCE,
  );
  expect(cancelled).toMatchObject({ state: 'cancelled', stateText: '已撤销' });
  const { total: lines } = await world.db
    .collection('payment_lines')
    .where({ batchId: first.batchId })
    .count();
  expect(lines).toBe(0);
  expect(
    await world.call('payment', 'exportBatch', { batchId: first.batchId, format: 'csv' }, FINANCE),
  ).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  // The same households go into the next batch.
  const second = await createBatch(world, request);
  expect(second).toMatchObject({ lineCount: first.lineCount, excludedAlreadyPaid: 0 });
  await exported(world, second.batchId);
  const late = await world.call(
    'payment',
    'cancelBatch',
    { batchId: second.batchId, reason: '不想发了' },
    FINANCE,
  );
  expect(late).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  const audit = await world.snapshot('audit_log');
  expect(audit).toContain('期次选错');
});

describe('明白账 for the resident', () => {
  const openid = 'openid-payments-resident';
  let userId = '';
  let householdId = '';

  beforeAll(async () => {
    userId = await world.verifiedResident(openid, {
      name: '吴桂兰',
      idNumber: testIdNumber(951, '19400202'),
      villageCode: VILLAGE_MILIN,
    });
    const home = await world.ok('user', 'household', {}, openid);
    householdId = home.householdId;
    await world.ok(
      'user',
      'bindCard',
      {
        kind: 'social_security',
        bank: '四川省农村信用社',
        cardNumber: '6217003600001234',
        holderMemberId: home.members[0]!.memberId,
      },
      openid,
    );
    await world.ok('user', 'subscribe', { accepted: ['payment'] }, openid);
    // Approved earlier for 2026: what the whole chain leaves behind.
    await world.db.collection('declarations').add({
      data: {
        _id: `d-resident-gaoling`,
        projectCode: 'GAOLING',
        projectName: '高龄津贴',
        period: '2026',
        householdId,
        villageCode: VILLAGE_MILIN,
        applicant: {
          memberId: home.members[0]!.memberId,
          userId,
          nameMasked: '吴*兰',
          idMasked: '',
          birthDate: '1940-02-02',
        },
        submittedBy: userId,
        proxy: null,
        answers: { livingWith: 'alone' },
        attachments: [],
        rules: [],
        valid: true,
        status: 'approved',
        chain: project('GAOLING').chain,
        stageIndex: null,
        stageLevel: null,
        dueAt: null,
        overdueSince: null,
        approvedAt: JAN,
        publicity: null,
        timeline: [],
        revisions: [],
        lockId: `${householdId}:GAOLING:2026`,
        version: 5,
        submittedAt: JAN,
        updatedAt: JAN,
      },
    });
    const b = await createBatch(world, {
      projectCode: 'GAOLING',
      regionCode: VILLAGE_MILIN,
      period: '2026-11',
    });
    const { table } = await exported(world, b.batchId);
    await importAll(world, {
      batchId: b.batchId,
      ...csvFile(
        world,
        bankFile(table, (_id, i) => ({ paid: true, serial: `NOV2026${i}AA`, date: '2026-11-20' })),
      ),
    });
  });

  test('the household sees the payment, what it was for, this month and this year', async () => {
    const mine = await world.ok('payment', 'mine', { year: 2026 }, openid);
    expect(mine.total).toBe(1);
    expect(mine.years).toEqual([2026]);
    expect(mine.items[0]).toMatchObject({
      projectName: '高龄津贴',
      periodText: '2026年11月',
      amountFen: 5000,
      cardTail: '1234',
      notice: '您家2026年11月高龄津贴50.00元已发放至尾号1234的社保卡',
      sourceText: '一卡通平台',
    });
    const summary = await world.ok('payment', 'summary', {}, openid);
    expect(summary).toMatchObject({
      year: 2026,
      paidThisYear: { count: 1, totalFen: 5000 },
      arrivedThisMonth: { count: 1, totalFen: 5000 },
      projectsReceived: 1,
    });
    const statement = await world.ok('payment', 'statement', { year: 2026 }, openid);
    expect(statement.monthTotals[10]).toBe(5000);
    expect(statement.totalFen).toBe(5000);
    expect(statement.projects).toEqual([
      {
        projectCode: 'GAOLING',
        projectName: '高龄津贴',
        months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5000, 0],
        totalFen: 5000,
        count: 1,
      },
    ]);
    const empty = await world.ok('payment', 'mine', { year: 2025 }, openid);
    expect(empty.items).toEqual([]);
  });

  test('the notice reaches the app, the subscription message and the SMS (masked in the outbox)', async () => {
    const notes = await world.ok('user', 'notices', {}, openid);
    expect(notes.items[0]).toMatchObject({
      kind: 'payment',
      body: '您家2026年11月高龄津贴50.00元已发放至尾号1234的社保卡',
    });
    const ran = await world.trigger<{ ok: boolean; data: SchedulerTickResponse }>('scheduler');
    expect(ran.data.delivery.sms).toBeGreaterThanOrEqual(1);
    const { data: sms } = await world.db.collection('outbox').where({ to: '134****5678' }).limit(100).get();
    expect(sms.map((s) => (s as { text: string }).text)).toContain(
      '【达州一卡通】您家2026年11月高龄津贴50.00元已发放至尾号1234的社保卡',
    );
    const { data: wx } = await world.db.collection('outbox').where({ to: openid }).limit(10).get();
    expect(wx).toEqual([expect.objectContaining({ templateId: 'local-payment' })]);
  });

  test('another household reads nothing of it, whatever it sends', async () => {
    const other = 'openid-payments-other';
    await world.verifiedResident(other, {
      name: '郑永福',
      idNumber: testIdNumber(952, '19450303'),
      villageCode: VILLAGE_MILIN,
    });
    expect((await world.ok('payment', 'mine', { year: 2026 }, other)).items).toEqual([]);
    // raw: a householdId or openid is outside the contract; sent anyway, it must be ignored
    for (const event of [
      { action: 'mine', year: 2026, householdId },
      { action: 'mine', year: 2026, openid },
    ]) {
      expect(await world.raw('payment', event, other)).toEqual({
        ok: true,
        data: expect.objectContaining({ items: [] }),
      });
    }
    expect(await world.raw('payment', { action: 'summary', householdId }, other)).toEqual({
      ok: true,
      data: expect.objectContaining({ paidThisYear: { count: 0, totalFen: 0 } }),
    });
  });

  test('an unverified account is told how to get verified', async () => {
    const res = await world.call('payment', 'mine', { year: 2026 }, 'demo-resident-elder');
    expect(res).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(!res.ok && res.message).toContain('核验');
    const visitor = await world.call('payment', 'summary', {}, 'nobody-registered');
    expect(visitor).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});

describe('another county’s finance', () => {
  const DACHUAN_FINANCE = 'finance-dachuan';
  beforeAll(async () => {
    const at = world.now();
    await world.db.collection('users').add({
      data: {
        _id: 'u-finance-dachuan',
        openid: DACHUAN_FINANCE,
        registered: false,
        verification: 'pending',
        roles: [{ role: 'finance', regionCode: '511703000000', unit: '达川区财政局' }],
        roleNames: ['finance'],
        isStaff: true,
        version: 1,
        createdAt: at,
        updatedAt: at,
      },
    });
  });

  test('cannot create, read, export or import a 通川区 batch, and writes nothing trying', async () => {
    const { items } = await world.ok('payment', 'batches', {}, FINANCE);
    const target = items.find((b) => b.regionCode.startsWith('511702'))!;
    const watched = [
      'payment_batches',
      'payment_lines',
      'paid_slots',
      'payments',
      'payment_imports',
      'notifications',
    ];
    const before = await world.snapshot(...watched);
    const file = {
      fileID: uploadImport(world, toCsv([['明细号'], ['x']]), 'r.csv', 'u-finance-dachuan'),
      fileName: 'r.csv',
    };
    for (const call of [
      () =>
        world.call(
          'payment',
          'createBatch',
          { projectCode: 'GAOLING', regionCode: LUOJIANG, period: '2026-09' },
          DACHUAN_FINANCE,
        ),
      () => world.call('payment', 'batches', { batchId: target.batchId }, DACHUAN_FINANCE),
      () => world.call('payment', 'exportBatch', { batchId: target.batchId, format: 'csv' }, DACHUAN_FINANCE),
      () => world.call('payment', 'importResults', { batchId: target.batchId, ...file }, DACHUAN_FINANCE),
    ]) {
      expect(await call()).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    }
    const theirs = await world.ok('payment', 'batches', {}, DACHUAN_FINANCE);
    expect(theirs.items.filter((b) => b.regionCode.startsWith('511702'))).toEqual([]);
    // Someone else's upload cannot be imported either.
    const own = await world.call(
      'payment',
      'importResults',
      { batchId: target.batchId, fileID: file.fileID, fileName: 'r.csv' },
      FINANCE,
    );
    expect(own).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await world.snapshot(...watched)).toBe(before);
  });
});

describe('原发放平台台账', () => {
  test('matched by the head’s ID number, idempotent by bank serial, unmatched rows reported', async () => {
    await plantApproved(world.db, {
      key: 'ledger',
      count: 3,
      villageCodes: [VILLAGE_MILIN, VILLAGE_MILIN, MINGYUE],
      project: project('YIMIN'),
      period: '2026',
      approvedAt: JAN,
      answers: () => ({ registeredMigrant: true, reservoir: '江口水库' }),
      idSeq: 30_000,
    });
    const header = ['户主身份证号', '项目代码', '期次', '金额', '发放日期', '银行流水号'];
    const rows = [
      [plantedIdNumber(30_000), 'YIMIN', '2026-03', '50.00', '2026-03-25', 'LEDGER0001'],
      [plantedIdNumber(30_001), 'YIMIN', '2026-03', '50', '2026/3/25', 'LEDGER0002'],
      [plantedIdNumber(30_000), 'YIMIN', '2026-03', '50.00', '2026-03-26', 'LEDGER0003'],
      [testIdNumber(999, '19600101'), 'YIMIN', '2026-03', '50.00', '2026-03-25', 'LEDGER0004'],
      [plantedIdNumber(30_002), 'YIMIN', '2026-03', '50.00', '2026-03-25', 'LEDGER0005'],
      [plantedIdNumber(30_001), 'NOPE', '2026-03', '50.00', '2026-03-25', 'LEDGER0006'],
      [plantedIdNumber(30_001), 'YIMIN', '2026', '50.00', '2026-03-25', 'LEDGER0007'],
      ['511702193001019999', 'YIMIN', '2026-03', '50.00', '2026-03-25', 'LEDGER0008'],
    ];
    const file = {
      fileID: uploadImport(world, toCsv([header, ...rows]), 'ledger.csv'),
      fileName: 'ledger.csv',
    };
    const { last } = await importAll(world, file, 'importLedger');
    expect(last).toMatchObject({ paid: 3, unchanged: 0, errorCount: 5 });
    expect(last.errors.map((e) => e.row)).toEqual([5, 6, 7, 8, 9]);
    expect(last.errors[0]?.message).toBe('找不到该户主身份证号对应的家庭');
    expect(last.errors[1]?.message).toBe('该户不在您的管辖范围内，未导入');
    const { data } = await world.db
      .collection('payments')
      .where({ householdId: 'h-ledger-0', year: 2026 })
      .limit(10)
      .get();
    const ps = data as Array<{ duplicateOf: string | null; source: string; amountFen: number }>;
    expect(ps).toHaveLength(2);
    // The second payment for the same household and period is kept, and marked for the risk scan.
    expect(ps.filter((p) => p.duplicateOf !== null)).toHaveLength(1);
    const watched = ['payments', 'paid_slots', 'notifications'];
    const before = await world.snapshot(...watched);
    const again = await world.ok('payment', 'importLedger', { ...file }, FINANCE);
    expect(again.alreadyImported).toBe(true);
    const copy = {
      fileID: uploadImport(world, toCsv([header, ...rows.slice(0, 2)]), 'ledger-part.csv'),
      fileName: 'ledger-part.csv',
    };
    const part = await importAll(world, copy, 'importLedger');
    expect(part.last).toMatchObject({ paid: 0, unchanged: 2 });
    expect(await world.snapshot(...watched)).toBe(before);
    // The slot is taken: a platform batch for 2026-03 leaves these households out.
    const { data: slot } = await world.db
      .collection('paid_slots')
      .where({ _id: 'h-ledger-1:YIMIN:2026-03' })
      .limit(1)
      .get();
    expect(slot[0]).toMatchObject({ state: 'paid', batchId: null });
    expect(lookupHash('id', plantedIdNumber(30_000))).toBeTruthy();
  });
});
