import type { PublicityListResponse, SchedulerTickResponse } from '../../../typings/api';
import { submitGaoling, throughTownship } from '../../helpers/declarations';
import { demoSecrets, startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const secrets = demoSecrets();

let seq = 800;
/** A 高龄津贴 declaration of an 85-year-old of 密林村 taken through village and township review. */
async function inNotice(): Promise<string> {
  seq += 1;
  const idNumber = testIdNumber(seq, '19410101');
  secrets.add(idNumber);
  const openid = `openid-notice-${seq}`;
  const userId = await world.verifiedResident(openid, {
    name: '孔繁荣',
    idNumber,
    villageCode: VILLAGE_MILIN,
  });
  const declarationId = await submitGaoling(world, openid, userId);
  await throughTownship(world, declarationId);
  return declarationId;
}

test('the village’s public list shows masked name, village, project and amount during the notice', async () => {
  const id = await inNotice();
  const list = await world.ok('publicity', 'list', { regionCode: VILLAGE_MILIN }, 'demo-resident-luoyong');
  const item = list.items.find((i) => i.publicityId === id);
  expect(item).toMatchObject({
    maskedName: '孔*荣',
    villageName: '密林村',
    projectName: '高龄津贴',
    amountFen: 5000,
    stateText: '公示中',
  });
  expect(Object.keys(item!).sort()).toEqual(
    [
      'amountFen',
      'endsAt',
      'maskedName',
      'projectCode',
      'projectName',
      'publicityId',
      'standardText',
      'startsAt',
      'stateText',
      'status',
      'villageName',
    ].sort(),
  );
  const detail = await world.ok('publicity', 'detail', { publicityId: id }, 'demo-resident-laoliu');
  expect(detail.canObject).toBe(true);
});

test('a notice keeps the village’s name and the standard it published: the list is three round trips', async () => {
  const id = await inNotice();
  const { data } = await world.db.collection('declarations').where({ _id: id }).get();
  expect(data[0]?.publicity).toMatchObject({
    villageCode: VILLAGE_MILIN,
    villageName: '密林村',
    standard: { amountFen: 5000 },
  });
  // Items that opened their notice before the facts were kept are looked up, a page at a time.
  const { data: all } = await world.db
    .collection('declarations')
    .where({ 'publicity.villageCode': VILLAGE_MILIN })
    .limit(1000)
    .get();
  const older = all.find((d) => d._id !== id);
  if (older) {
    await world.db
      .collection('declarations')
      .doc(older._id as string)
      .update({ data: { 'publicity.villageName': world.db.command.remove() } });
  }
  const stats = await world.callWithStats<PublicityListResponse>(
    'publicity',
    { action: 'list', regionCode: VILLAGE_MILIN },
    'demo-resident-luoyong',
  );
  expect(stats.body.ok).toBe(true);
  if (!stats.body.ok) return;
  expect(stats.body.data.items.every((i) => i.villageName === '密林村')).toBe(true);
  expect(stats.roundTrips).toBeLessThanOrEqual(older ? 5 : 3);
  if (older) {
    await world.db
      .collection('declarations')
      .doc(older._id as string)
      .update({ data: { 'publicity.villageName': '密林村' } });
  }
  const fresh = await world.callWithStats(
    'publicity',
    { action: 'list', regionCode: VILLAGE_MILIN },
    'demo-resident-luoyong',
  );
  expect(fresh.roundTrips).toBeLessThanOrEqual(3);
});

test('the township’s list gathers its villages and carries no ID or card number', async () => {
  await inNotice();
  const answer = JSON.stringify(
    await world.ok('publicity', 'list', { regionCode: '511702001000', pageSize: 50 }, 'demo-resident-laoliu'),
  );
  for (const secret of secrets) expect(answer).not.toContain(secret);
});

test('visitors cannot read the lists and a county is too wide', async () => {
  expect(await world.call('publicity', 'list', { regionCode: VILLAGE_MILIN }, 'stranger')).toMatchObject({
    code: 'UNAUTHENTICATED',
  });
  expect(
    await world.call('publicity', 'list', { regionCode: '511702000000' }, 'demo-resident-luoyong'),
  ).toMatchObject({
    code: 'INVALID_ARGUMENT',
  });
});

test('when the notice ends the scheduler moves the item to the county department, and the household is told', async () => {
  const id = await inNotice();
  await world.db
    .collection('declarations')
    .doc(id)
    .update({ data: { dueAt: new Date(world.now().getTime() - 1000) } });
  const ran = await world.trigger<{ ok: boolean; data: SchedulerTickResponse }>('scheduler');
  expect(ran.ok).toBe(true);
  expect(ran.data.noticesEnded).toBeGreaterThanOrEqual(1);
  const county = await world.ok('approval', 'queue', { pageSize: 50 }, 'demo-cadre-county');
  expect(county.items.find((i) => i.declarationId === id)).toMatchObject({
    stage: 'county_approval',
    statusText: '县级主管部门审批中',
  });
  const { data: doc } = await world.db.collection('declarations').doc(id).get();
  const { data: notes } = await world.db
    .collection('notifications')
    .where({ householdId: (doc as { householdId: string }).householdId })
    .orderBy('at', 'desc')
    .limit(10)
    .get();
  expect(notes.map((n) => (n as { body: string }).body)).toContain('公示期满，无异议，进入下一环节');
});

test('a stage past its deadline is marked overdue once and flagged in the queue', async () => {
  const id = await inNotice();
  await world.db
    .collection('declarations')
    .doc(id)
    .update({ data: { dueAt: new Date(world.now().getTime() - 1000) } });
  await world.trigger('scheduler');
  await world.db
    .collection('declarations')
    .doc(id)
    .update({ data: { dueAt: new Date(world.now().getTime() - 1000) } });
  const second = await world.trigger<{ data: SchedulerTickResponse }>('scheduler');
  expect(second.data.markedOverdue).toBeGreaterThanOrEqual(1);
  const third = await world.trigger<{ data: SchedulerTickResponse }>('scheduler');
  expect(third.data.markedOverdue).toBe(0);
  const county = await world.ok('approval', 'queue', { overdueOnly: true }, 'demo-cadre-county');
  expect(county.items.find((i) => i.declarationId === id)?.overdue).toBe(true);
});

test('no user can run the scheduler', async () => {
  expect(await world.call('scheduler', 'tick', {}, 'demo-admin')).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
});

test('an objection during the notice holds the item and becomes a tip-off for the supervisors', async () => {
  const id = await inNotice();
  const res = await world.ok(
    'publicity',
    'object',
    {
      publicityId: id,
      content: '此人家中有在外务工子女按月寄钱，收入不符合条件',
      anonymous: false,
    },
    'demo-resident-luoyong',
  );
  expect(res.trackingCode).toMatch(/^JB[2-9A-HJKMNP-Z]{10}$/);
  expect(res.secret).toBeNull();
  const list = await world.ok('publicity', 'list', { regionCode: VILLAGE_MILIN }, 'demo-resident-laoliu');
  expect(list.items.find((i) => i.publicityId === id)).toMatchObject({
    status: 'objection_hold',
    stateText: '收到异议，核查中',
  });
  const { data: tip } = await world.db.collection('tipoffs').doc(res.trackingCode).get();
  expect(tip).toMatchObject({
    kind: 'publicity',
    declarationId: id,
    anonymous: false,
    reporterUserId: 'u-demo-resident-luoyong',
  });
  const again = await world.call(
    'publicity',
    'object',
    { publicityId: id, content: '再次提出同样的异议内容。。。', anonymous: true },
    'demo-resident-laoliu',
  );
  expect(again).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  // A held item does not leave its notice when the period runs out.
  await world.db
    .collection('declarations')
    .doc(id)
    .update({ data: { dueAt: new Date(world.now().getTime() - 1000) } });
  await world.trigger('scheduler');
  const { data: held } = await world.db.collection('declarations').doc(id).get();
  expect((held as { status: string }).status).toBe('objection_hold');
});

test('an anonymous objection keeps nothing that identifies the objector', async () => {
  const id = await inNotice();
  const res = await world.ok(
    'publicity',
    'object',
    { publicityId: id, content: '该户已于去年迁出本村，不应在本村申报', anonymous: true },
    'demo-resident-laoliu',
  );
  expect(res.secret).toMatch(/^[\w-]{12}$/);
  const { data: tip } = await world.db.collection('tipoffs').doc(res.trackingCode).get();
  const { data: audit } = await world.db
    .collection('audit_log')
    .where({ targetType: 'declaration', targetId: id })
    .orderBy('seq', 'desc')
    .limit(1)
    .get();
  const stored = JSON.stringify([tip, audit]);
  for (const trace of ['demo-resident-laoliu', 'u-demo-resident-laoliu', res.secret!])
    expect(stored).not.toContain(trace);
  expect(tip).toMatchObject({
    anonymous: true,
    reporterUserId: null,
    secretHash: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
});
