import { regionWithin } from '../../../miniprogram/shared/region';
import type { DashboardFigures, SchedulerTickResponse } from '../../../typings/api';
import { submitGaoling } from '../../helpers/declarations';
import { addStaff, DACHUAN, TONGCHUAN } from '../../helpers/staff';
import { startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
const SUPERVISOR = 'demo-supervisor';
beforeAll(async () => {
  world = await startWorld();
  await addStaff(world, 'supervisor-dachuan-2', [
    { role: 'supervisor', regionCode: DACHUAN, unit: '达川区纪委监委' },
  ]);
});
afterAll(() => world.close());

type Row = Record<string, unknown>;
async function all(collection: string): Promise<Row[]> {
  const out: Row[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await world.db
      .collection(collection)
      .where({})
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get();
    out.push(...(data as Row[]));
    if (data.length < 1000) return out;
  }
}

const YEAR = 2026;
const inYear = (d: unknown) => {
  const t = new Date(d as string).getTime();
  return t >= Date.UTC(YEAR, 0, 1) - 8 * 3600_000 && t < Date.UTC(YEAR + 1, 0, 1) - 8 * 3600_000;
};

/** The dashboard's figures counted here, row by row, from everything in the database. */
async function expected(region: string): Promise<Omit<DashboardFigures, 'payments'> & { payments: Row[] }> {
  const [users, declarations, payments, tipoffs, alerts] = await Promise.all(
    ['users', 'declarations', 'payments', 'tipoffs', 'alerts'].map(all),
  );
  const decl = declarations!.filter(
    (d) => regionWithin(region, d.villageCode as string) && inYear(d.submittedAt),
  );
  const pay = payments!.filter((p) => regionWithin(region, p.villageCode as string) && p.year === YEAR);
  const byProject = new Map<string, { count: number; amountFen: number }>();
  for (const p of pay) {
    const g = byProject.get(p.projectCode as string) ?? { count: 0, amountFen: 0 };
    g.count += 1;
    g.amountFen += p.amountFen as number;
    byProject.set(p.projectCode as string, g);
  }
  const tips = tipoffs!.filter(
    (t) =>
      (t.scopeCodes as string[]).includes(region) &&
      !(t.accusedUserIds as string[]).includes('u-demo-supervisor') &&
      inYear(t.createdAt),
  );
  return {
    registeredUsers: users!.filter(
      (u) =>
        u.registered === true && typeof u.villageCode === 'string' && regionWithin(region, u.villageCode),
    ).length,
    declarationsReceived: decl.length,
    declarationsValid: decl.filter((d) => d.valid === true).length,
    approvalsCompleted: decl.filter((d) => d.status === 'approved' || d.status === 'rejected').length,
    approvalsPending: decl.filter((d) =>
      ['in_review', 'returned', 'publicity', 'objection_hold'].includes(d.status as string),
    ).length,
    payments: [...byProject.entries()]
      .map(([projectCode, g]) => ({ projectCode, ...g }))
      .sort((a, b) => b.amountFen - a.amountFen || a.projectCode.localeCompare(b.projectCode)),
    paymentsCount: pay.length,
    paymentsFen: pay.reduce((n, p) => n + (p.amountFen as number), 0),
    tipoffsReceived: tips.length,
    tipoffsHandled: tips.filter((t) => t.status === 'closed' || t.status === 'replied').length,
    tipoffsOverdue: tips.filter(
      (t) => t.dueAt && new Date(t.dueAt as string).getTime() < world.now().getTime(),
    ).length,
    alertsOpen: alerts!.filter((a) => (a.scopeCodes as string[]).includes(region) && a.status === 'open')
      .length,
  };
}

/** A verified resident of 密林村 who has declared for 高龄津贴. */
async function declaringResident(openid: string, name: string, seq: number, birth: string): Promise<void> {
  const userId = await world.verifiedResident(openid, {
    name,
    idNumber: testIdNumber(seq, birth),
    villageCode: VILLAGE_MILIN,
  });
  await submitGaoling(world, openid, userId);
}

const comparable = (f: DashboardFigures) => ({
  ...f,
  payments: f.payments.map(({ projectCode, count, amountFen }) => ({ projectCode, count, amountFen })),
});

test('the dashboard’s figures equal counts taken row by row, for the county and each township', async () => {
  // Some of everything: a declaration, a tip-off made overdue, and the risk scan's alerts.
  const openid = 'openid-dashboard';
  await declaringResident(openid, '彭玉珍', 971, '19410101');
  const late = await world.ok(
    'tipoff',
    'submit',
    {
      kind: 'other',
      anonymous: true,
      regionCode: VILLAGE_MILIN,
      content: '村务公开栏很久没有更新了。',
    },
    openid,
  );
  await world.db
    .collection('tipoffs')
    .doc(late.trackingCode)
    .update({ data: { dueAt: new Date(world.now().getTime() - 86_400_000) } });
  await world.ok('supervision', 'runRiskScan', {}, SUPERVISOR);

  // 重新统计: the county's townships are counted now rather than at the scheduler's next rollup.
  const board = await world.ok('supervision', 'dashboard', { year: YEAR, refresh: true }, SUPERVISOR);
  expect(board).toMatchObject({ regionCode: TONGCHUAN, regionName: '通川区', year: YEAR });
  expect(board.countedAt).not.toBeNull();
  const { data: audited } = await world.db
    .collection('audit_log')
    .where({ targetType: 'region', targetId: TONGCHUAN })
    .get();
  expect(audited.some((a) => a.action === 'supervision.dashboard.refresh')).toBe(true);
  expect(comparable(board.figures)).toEqual(await expected(TONGCHUAN));
  expect(board.figures.paymentsCount).toBeGreaterThan(0);
  expect(board.figures.tipoffsOverdue).toBeGreaterThanOrEqual(1);
  expect(board.breakdown.length).toBeGreaterThan(1);
  for (const b of board.breakdown) expect(comparable(b.figures)).toEqual(await expected(b.regionCode));

  const township = board.breakdown.find((b) => b.regionName === '罗江镇')!;
  const down = await world.ok(
    'supervision',
    'dashboard',
    { regionCode: township.regionCode, year: YEAR },
    SUPERVISOR,
  );
  expect(down.figures).toEqual(township.figures);
  expect(down.breakdown.map((b) => b.regionName)).toContain('密林村');

  expect(await world.call('supervision', 'dashboard', { regionCode: DACHUAN }, SUPERVISOR)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  const other = await world.ok('supervision', 'dashboard', { year: YEAR }, 'supervisor-dachuan-2');
  expect(other.figures.tipoffsReceived).toBe(0);
});

test('the scheduler’s rollup is what the board sums: a new declaration counts from the next rollup, tip-offs at once', async () => {
  const tick = async () => {
    const ran = await world.trigger<{ ok: boolean; data: SchedulerTickResponse }>('scheduler');
    expect(ran.ok).toBe(true);
    return ran.data;
  };
  // A cycle that is not due does not run; an old one is.
  await world.db
    .collection('meta')
    .doc('stats_rollup')
    .set({
      data: { cursor: null, cycleStartedAt: null, lastCycleAt: new Date(world.now().getTime() - 3_600_000) },
    });
  expect((await tick()).stats).toMatchObject({ state: 'done' });
  expect((await tick()).stats).toBeNull();
  const before = await world.ok('supervision', 'dashboard', { year: YEAR }, SUPERVISOR);
  expect(comparable(before.figures)).toEqual(await expected(TONGCHUAN));
  expect(new Date(before.countedAt!).getTime()).toBeLessThanOrEqual(new Date(before.asOf).getTime());

  const openid = 'openid-rollup';
  await declaringResident(openid, '龙德秀', 973, '19430303');
  await world.ok(
    'tipoff',
    'submit',
    {
      kind: 'other',
      anonymous: true,
      regionCode: VILLAGE_MILIN,
      content: '村里的低保评议一直没有开会讨论。',
    },
    openid,
  );
  const meanwhile = await world.ok('supervision', 'dashboard', { year: YEAR }, SUPERVISOR);
  expect(meanwhile.figures.declarationsReceived).toBe(before.figures.declarationsReceived);
  expect(meanwhile.figures.tipoffsReceived).toBe(before.figures.tipoffsReceived + 1);
  expect(meanwhile.countedAt).toBe(before.countedAt);

  await world.db
    .collection('meta')
    .doc('stats_rollup')
    .update({ data: { lastCycleAt: new Date(world.now().getTime() - 3_600_000) } });
  expect((await tick()).stats).toMatchObject({ state: 'done' });
  const after = await world.ok('supervision', 'dashboard', { year: YEAR }, SUPERVISOR);
  expect(after.figures.declarationsReceived).toBe(before.figures.declarationsReceived + 1);
  expect(after.figures.registeredUsers).toBe(before.figures.registeredUsers + 1);
  expect(comparable(after.figures)).toEqual(await expected(TONGCHUAN));
  expect(new Date(after.countedAt!).getTime()).toBeGreaterThan(new Date(before.countedAt!).getTime());
});

test('before any rollup a county says so, and a township is counted on the spot', async () => {
  const { data: stats } = await world.db.collection('region_stats').where({ year: YEAR }).limit(1000).get();
  for (const d of stats)
    await world.db
      .collection('region_stats')
      .doc(d._id as string)
      .remove();

  const county = await world.ok('supervision', 'dashboard', { year: YEAR }, SUPERVISOR);
  expect(county.countedAt).toBeNull();
  expect(county.figures).toMatchObject({ registeredUsers: 0, declarationsReceived: 0, paymentsCount: 0 });
  // Tip-offs and alerts do not wait for the rollup.
  expect(county.figures.tipoffsReceived).toBe((await expected(TONGCHUAN)).tipoffsReceived);

  const township = county.breakdown.find((b) => b.regionName === '罗江镇')!;
  const here = await world.ok(
    'supervision',
    'dashboard',
    { regionCode: township.regionCode, year: YEAR },
    SUPERVISOR,
  );
  expect(here.countedAt).not.toBeNull();
  expect(comparable(here.figures)).toEqual(await expected(township.regionCode));
});

test('the dashboard exports to xlsx with a short-lived link', async () => {
  const board = await world.ok('supervision', 'dashboard', { year: YEAR, export: true }, SUPERVISOR);
  expect(board.file?.fileName).toBe(`数据看板-通川区-${YEAR}.xlsx`);
  const res = await fetch(board.file!.url);
  expect(res.ok).toBe(true);
  expect(
    Buffer.from(await res.arrayBuffer())
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
});

test('overdue items grouped by the unit that owes them; 约谈 recorded and followed up', async () => {
  const openid = 'openid-overdue';
  const userId = await world.verifiedResident(openid, {
    name: '曾光荣',
    idNumber: testIdNumber(972, '19420202'),
    villageCode: VILLAGE_MILIN,
  });
  const declarationId = await submitGaoling(world, openid, userId);
  await world.db
    .collection('declarations')
    .doc(declarationId)
    .update({ data: { dueAt: new Date(world.now().getTime() - 3 * 86_400_000) } });
  const overdue = await world.ok('supervision', 'overdue', {}, SUPERVISOR);
  const village = overdue.units.find((u) => u.unitKey === `village:${VILLAGE_MILIN}`)!;
  expect(village).toMatchObject({ unit: '密林村村民委员会', regionCode: VILLAGE_MILIN });
  expect(village.items.find((i) => i.id === declarationId)).toMatchObject({
    kind: 'approval',
    overdueDays: 3,
  });
  expect(
    overdue.units.some((u) => u.unit === '通川区纪委监委' && u.items.every((i) => i.kind === 'tipoff')),
  ).toBe(true);

  const recorded = await world.ok(
    'supervision',
    'interviews',
    {
      op: 'record',
      unitKey: village.unitKey,
      unit: village.unit,
      regionCode: VILLAGE_MILIN,
      headName: '李明',
      reason: '高龄津贴初审连续超期，约谈村委会主任。',
      heldAt: new Date(world.now().getTime() - 3600_000).toISOString(),
    },
    SUPERVISOR,
  );
  const interview = recorded.items[0]!;
  expect(interview.headMaskedName).toBe('李*');
  expect(
    JSON.stringify((await world.db.collection('interviews').doc(interview.interviewId).get()).data),
  ).not.toContain('李明');
  await world.ok(
    'supervision',
    'interviews',
    {
      op: 'followUp',
      interviewId: interview.interviewId,
      followUp: '已在三日内办结全部超期件。',
    },
    SUPERVISOR,
  );
  const list = await world.ok('supervision', 'interviews', { op: 'list' }, SUPERVISOR);
  expect(list.items[0]).toMatchObject({
    interviewId: interview.interviewId,
    followUp: '已在三日内办结全部超期件。',
  });
  const theirs = await world.ok('supervision', 'interviews', { op: 'list' }, 'supervisor-dachuan-2');
  expect(theirs.items).toEqual([]);
  expect(
    await world.call(
      'supervision',
      'interviews',
      { op: 'followUp', interviewId: interview.interviewId, followUp: '越权修改' },
      'supervisor-dachuan-2',
    ),
  ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
});
