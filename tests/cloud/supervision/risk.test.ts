import { toCsv } from '../../../cloudfunctions/_shared/ports/table-files';
import { demoCatalogue, readAll } from '../../../tools/seed';
import { plantApproved, plantedIdNumber } from '../../../tools/seed/plant';
import type { AlertView } from '../../../typings/api';
import { FINANCE, importAll, uploadImport } from '../../helpers/payments';
import { addStaff, CITY, DACHUAN } from '../../helpers/staff';
import { startWorld, VILLAGE_HONGHUA, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
const SUPERVISOR = 'demo-supervisor';
beforeAll(async () => {
  world = await startWorld({ functionEnv: { YKT_RISK_SETTLE_MS: '0' } });
});
afterAll(() => world.close());

const catalogue = demoCatalogue(new Date('2026-11-01T00:00:00Z'));
const project = (code: string) => catalogue.find((p) => p.code === code)!;

async function openAlerts(): Promise<AlertView[]> {
  const out: AlertView[] = [];
  for (let page = 1; ; page++) {
    const r = await world.ok('supervision', 'alerts', { status: 'open', page, pageSize: 50 }, SUPERVISOR);
    out.push(...r.items);
    if (out.length >= r.total) return out;
  }
}

function byRule(alerts: AlertView[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of alerts) counts[a.rule] = (counts[a.rule] ?? 0) + 1;
  return counts;
}

test('the demo data holds exactly its three planted cases and nothing else', async () => {
  const scan = await world.ok('supervision', 'runRiskScan', {}, SUPERVISOR);
  expect(scan.found).toEqual({ card_several_households: 1, paid_twice: 1, paid_without_approval: 1 });
  const alerts = await openAlerts();
  expect(byRule(alerts)).toEqual(scan.found);
  const card = alerts.find((a) => a.rule === 'card_several_households')!;
  expect(card).toMatchObject({ ruleText: '同一张卡绑定在多个家庭', regionName: '红花村' });
  expect(card.records.map((r) => r.id).sort()).toEqual(['h-demo-risk-0', 'h-demo-risk-1']);
  expect(card.why).toMatch(/同时绑定在2户/);
  // Scanning again raises nothing new: the shared card is found again and known, payments are not re-read.
  const again = await world.ok('supervision', 'runRiskScan', {}, SUPERVISOR);
  expect(again).toMatchObject({ found: {}, known: 1 });
  expect(await openAlerts()).toHaveLength(3);
});

test('each rule finds its planted case', async () => {
  const gaoling = project('GAOLING');
  const planted = await plantApproved(world.db, {
    key: 'risk',
    count: 8,
    villageCodes: [VILLAGE_MILIN, VILLAGE_HONGHUA],
    project: gaoling,
    period: '2026',
    approvedAt: new Date('2026-01-10T02:00:00Z'),
    answers: () => ({ livingWith: 'alone' }),
    idSeq: 50_000,
  });
  const [h0, h1, , h3] = planted.householdIds;
  // A person in two households: household 1 lists household 0's head as a member.
  const { data: first } = await world.db.collection('households').doc(h0!).get();
  const { data: second } = await world.db.collection('households').doc(h1!).get();
  const head0 = (first as { members: Array<Record<string, unknown>> }).members[0]!;
  await world.db
    .collection('households')
    .doc(h1!)
    .update({
      data: {
        members: [
          ...(second as { members: unknown[] }).members,
          { ...head0, memberId: 'm-risk-dup', relation: 'child' },
        ],
      },
    });
  // The old platform's ledger: paid after death (household 2), above the standard (3), twice (4),
  // a staff member's relative (5), and 低保 never approved (6).
  const header = ['户主身份证号', '项目代码', '期次', '金额', '发放日期', '银行流水号'];
  const id = (i: number) => plantedIdNumber(50_000 + i);
  const rows = [
    [id(2), 'GAOLING', '2026-05', '50.00', '2026-05-20', 'RISK-0001'],
    [id(3), 'GAOLING', '2026-05', '80.00', '2026-05-20', 'RISK-0002'],
    [id(4), 'GAOLING', '2026-05', '50.00', '2026-05-20', 'RISK-0003'],
    [id(4), 'GAOLING', '2026-05', '50.00', '2026-05-21', 'RISK-0004'],
    [id(5), 'GAOLING', '2026-05', '50.00', '2026-05-20', 'RISK-0005'],
    [id(6), 'DIBAO', '2026-05', '600.00', '2026-05-20', 'RISK-0006'],
  ];
  const ledger = {
    fileID: uploadImport(world, toCsv([header, ...rows]), 'ledger.csv'),
    fileName: 'ledger.csv',
  };
  const { last } = await importAll(world, ledger, 'importLedger');
  expect(last).toMatchObject({ paid: 6, errorCount: 0 });

  const supervisorFile = (name: string, table: string[][]) =>
    uploadImport(world, toCsv(table), name, 'u-demo-supervisor');
  const deaths = await world.ok(
    'supervision',
    'importRegister',
    {
      kind: 'deaths',
      fileID: supervisorFile('deaths.csv', [
        ['身份证号', '姓名', '死亡日期'],
        [id(2), '某某某', '2026-03-02'],
        ['123', '错', '2026-01-01'],
      ]),
      fileName: 'deaths.csv',
    },
    SUPERVISOR,
  );
  expect(deaths).toMatchObject({
    imported: 1,
    errors: [{ row: 3, message: expect.stringContaining('身份证号不正确') }],
  });
  await world.ok(
    'supervision',
    'importRegister',
    {
      kind: 'staff_relatives',
      fileID: supervisorFile('staff.csv', [
        ['亲属身份证号', '亲属姓名', '干部姓名', '单位', '关系'],
        [id(5), '某某', '李明', '密林村村民委员会', '父子'],
      ]),
      fileName: 'staff.csv',
    },
    SUPERVISOR,
  );

  const scan = await world.ok('supervision', 'runRiskScan', {}, SUPERVISOR);
  expect(scan.found).toEqual({
    person_two_households: 1,
    paid_after_death: 1,
    above_standard: 1,
    paid_twice: 1,
    staff_relative: 1,
    paid_without_approval: 1,
  });
  const alerts = await openAlerts();
  const of = (rule: string) => alerts.filter((a) => a.rule === rule);
  expect(
    of('person_two_households')[0]!
      .records.map((r) => r.id)
      .sort(),
  ).toEqual([h0, h1].sort());
  expect(of('paid_after_death')[0]!.why).toMatch(/2026-03-02登记死亡，之后仍发放1笔共50.00元/);
  expect(of('above_standard')[0]!.why).toMatch(/应发50.00元，实发80.00元，多发30.00元/);
  expect(of('above_standard')[0]!.records.map((r) => r.id)).toContain(h3);
  expect(of('paid_twice').some((a) => a.records.some((r) => r.label.includes('RISK-0004')))).toBe(true);
  expect(of('staff_relative')[0]!.why).toContain('密林村村民委员会');
  expect(of('paid_without_approval').some((a) => a.why.includes('城乡居民最低生活保障'))).toBe(true);
});

test('an alert is confirmed or dismissed once, with a note, by a supervisor of its region', async () => {
  const [alert] = await openAlerts();
  const short = await world.call(
    'supervision',
    'resolveAlert',
    {
      alertId: alert!.alertId,
      version: alert!.version,
      outcome: 'dismissed',
      note: '无',
    },
    SUPERVISOR,
  );
  expect(short).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  const done = await world.ok(
    'supervision',
    'resolveAlert',
    {
      alertId: alert!.alertId,
      version: alert!.version,
      outcome: 'confirmed',
      note: '经核实属实，已追回并移交处理。',
    },
    SUPERVISOR,
  );
  expect(done).toMatchObject({ status: 'confirmed', note: '经核实属实，已追回并移交处理。' });
  const twice = await world.call(
    'supervision',
    'resolveAlert',
    {
      alertId: alert!.alertId,
      version: done.version,
      outcome: 'dismissed',
      note: '改为排除，不应允许',
    },
    SUPERVISOR,
  );
  expect(twice).toMatchObject({ ok: false, code: 'CONFLICT' });
  expect(await world.call('supervision', 'alerts', {}, FINANCE)).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
});

test('a county supervisor’s scan runs for the whole city but tells them only of their own county', async () => {
  await addStaff(world, 'supervisor-dachuan', [
    { role: 'supervisor', regionCode: DACHUAN, unit: '达川区纪委监委' },
  ]);
  await addStaff(world, 'supervisor-city', [
    { role: 'supervisor', regionCode: CITY, unit: '达州市纪委监委' },
  ]);
  // The shared card in 红花村 (通川区) is found again on every scan; with its alert gone it is raised anew.
  const card = (
    await readAll<{ _id: string; rule: string; records: Array<{ id: string }> }>(world.db, 'alerts')
  ).find((a) => a.rule === 'card_several_households' && a.records.some((r) => r.id === 'h-demo-risk-0'));
  if (!card) throw new Error('the shared card alert is missing');
  await world.db
    .collection('alerts')
    .doc(card._id as string)
    .remove();

  const dachuan = await world.ok('supervision', 'runRiskScan', {}, 'supervisor-dachuan');
  expect(dachuan).toMatchObject({ found: {}, known: 0 });
  // It was raised all the same, for those whose region it is in.
  const { data: again } = await world.db.collection('alerts').where({ _id: card._id }).get();
  expect(again).toHaveLength(1);
  const city = await world.ok('supervision', 'runRiskScan', {}, 'supervisor-city');
  expect(city.known).toBeGreaterThanOrEqual(1);
  const tongchuan = await world.ok('supervision', 'runRiskScan', {}, SUPERVISOR);
  expect(tongchuan.known).toBeGreaterThanOrEqual(1);
});
