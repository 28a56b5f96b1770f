import { sealAudit } from '../../../cloudfunctions/_shared/audit/audit-log';
import type { TipoffDetail, TipoffSubmitRequest, TipoffSubmitResponse } from '../../../typings/api';
import { submitGaoling, throughTownship } from '../../helpers/declarations';
import { addStaff, CITY, DACHUAN } from '../../helpers/staff';
import { startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
const SUPERVISOR = 'demo-supervisor';
const DACHUAN_SUPERVISOR = 'supervisor-dachuan';
const CITY_SUPERVISOR = 'supervisor-city';
const RESIDENT = 'demo-resident-luoyong';
beforeAll(async () => {
  world = await startWorld();
  await addStaff(world, DACHUAN_SUPERVISOR, [
    { role: 'supervisor', regionCode: DACHUAN, unit: '达川区纪委监委' },
  ]);
  await addStaff(world, CITY_SUPERVISOR, [{ role: 'supervisor', regionCode: CITY, unit: '达州市纪委监委' }]);
});
afterAll(() => world.close());

const content = '村里有人把已经去世老人的高龄津贴继续领走，请核查。';

async function submit(event: Partial<TipoffSubmitRequest>, openid = RESIDENT): Promise<TipoffSubmitResponse> {
  return world.ok(
    'tipoff',
    'submit',
    { kind: 'payment', regionCode: VILLAGE_MILIN, content, anonymous: false, ...event },
    openid,
  );
}

async function detail(code: string, openid = SUPERVISOR): Promise<TipoffDetail> {
  return world.ok('tipoff', 'detail', { tipoffId: code }, openid);
}

test('an anonymous tip-off stores no openid and cannot be read without its secret', async () => {
  const openid = 'anonymous-reporter-openid';
  const res = await submit({ anonymous: true }, openid);
  expect(res.trackingCode).toMatch(/^JB[2-9A-HJKMNP-Z]{10}$/);
  expect(res.secret).toEqual(expect.any(String));
  const stored = JSON.stringify((await world.db.collection('tipoffs').doc(res.trackingCode).get()).data);
  expect(stored).not.toContain(openid);
  expect(stored).toContain('"reporterUserId":null');
  const audit = await world.snapshot('audit_log');
  expect(audit).not.toContain(openid);

  for (const secret of [undefined, 'wrong-secret-000', `${res.secret}x`]) {
    const bad = await world.call('tipoff', 'track', { trackingCode: res.trackingCode, secret }, openid);
    expect(bad).toMatchObject({ ok: false, code: 'NOT_FOUND', message: '查询码或查询密钥不正确' });
  }
  const seen = await world.ok(
    'tipoff',
    'track',
    { trackingCode: res.trackingCode.toLowerCase(), secret: res.secret ?? undefined },
    'someone-else',
  );
  expect(seen).toMatchObject({
    status: 'submitted',
    statusText: '待受理',
    kindText: '发放投诉',
    canRate: false,
  });
  // The supervisor sees the content but no reporter.
  const d = await detail(res.trackingCode);
  expect(d.reporter).toBeNull();
  expect(d.events[0]?.actor).toBe('匿名举报人');
});

test('a named tip-off: the reporter follows it in 我的举报 and is notified; the supervisor sees who reported', async () => {
  const res = await submit({});
  expect(res.secret).toBeNull();
  const mine = await world.ok('tipoff', 'mine', {}, RESIDENT);
  expect(mine.items.map((t) => t.trackingCode)).toContain(res.trackingCode);
  const notes = await world.ok('user', 'notices', {}, RESIDENT);
  expect(notes.items[0]).toMatchObject({ kind: 'tipoff', title: '举报已收到' });
  expect((await detail(res.trackingCode)).reporter).toEqual({
    maskedName: '罗*',
    mobile: expect.stringMatching(/^\d{3}\*{4}\d{4}$/),
  });
  // Someone else cannot read a named tip-off by its code.
  expect(
    await world.call('tipoff', 'track', { trackingCode: res.trackingCode }, 'demo-resident-laoliu'),
  ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
});

test('the supervisor of another county finds nothing: not in the list, NOT_FOUND on every action', async () => {
  const { trackingCode } = await submit({});
  const list = await world.ok('tipoff', 'list', { pageSize: 50 }, DACHUAN_SUPERVISOR);
  expect(list.items.map((t) => t.trackingCode)).not.toContain(trackingCode);
  const before = await world.snapshot('tipoffs');
  for (const call of [
    () => world.call('tipoff', 'detail', { tipoffId: trackingCode }, DACHUAN_SUPERVISOR),
    () => world.call('tipoff', 'accept', { tipoffId: trackingCode, version: 1 }, DACHUAN_SUPERVISOR),
    () =>
      world.call(
        'tipoff',
        'transfer',
        { tipoffId: trackingCode, version: 1, regionCode: DACHUAN, reason: '管辖' },
        DACHUAN_SUPERVISOR,
      ),
  ]) {
    expect(await call()).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  }
  expect(await world.call('tipoff', 'list', {}, 'demo-cadre-village')).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  expect(await world.snapshot('tipoffs')).toBe(before);
  // The city's supervisors see every county's.
  expect((await detail(trackingCode, CITY_SUPERVISOR)).trackingCode).toBe(trackingCode);
});

test('a cadre named in a tip-off: nothing reaches them, and the audit entry does not name them', async () => {
  const staff = await world.ok('tipoff', 'staff', { regionCode: VILLAGE_MILIN }, RESIDENT);
  const cadre = staff.items.find((s) => s.unit.includes('密林村'));
  expect(cadre).toBeDefined();
  const before = await world.ok('user', 'notices', {}, 'demo-cadre-village');
  const { trackingCode } = await submit({ kind: 'conduct', accusedStaffId: cadre!.staffId });
  const after = await world.ok('user', 'notices', {}, 'demo-cadre-village');
  expect(after.total).toBe(before.total);
  await sealAudit(world.db);
  const { data } = await world.db
    .collection('audit_log')
    .where({ targetType: 'tipoff', targetId: trackingCode, seq: world.db.command.gt(0) })
    .limit(10)
    .get();
  expect(JSON.stringify(data)).not.toContain(cadre!.staffId);
  expect((await detail(trackingCode)).accused).toEqual({ maskedName: cadre!.maskedName, unit: cadre!.unit });
});

test('a tip-off about a county supervisor goes to the city: invisible to them in list, count and detail', async () => {
  const staff = await world.ok('tipoff', 'staff', { regionCode: VILLAGE_MILIN }, RESIDENT);
  const supervisor = staff.items.find((s) => s.unit.includes('纪委'));
  expect(supervisor).toBeDefined();
  const { trackingCode } = await submit({
    kind: 'conduct',
    accusedStaffId: supervisor!.staffId,
    anonymous: true,
  });
  const theirs = await world.ok('tipoff', 'list', { pageSize: 50 }, SUPERVISOR);
  expect(theirs.items.map((t) => t.trackingCode)).not.toContain(trackingCode);
  const count = theirs.total;
  const again = await world.ok('tipoff', 'list', { pageSize: 50 }, SUPERVISOR);
  expect(again.total).toBe(count);
  expect(await world.call('tipoff', 'detail', { tipoffId: trackingCode }, SUPERVISOR)).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
  const city = await detail(trackingCode, CITY_SUPERVISOR);
  expect(city.accused?.unit).toContain('纪委');
  expect(
    await world.call(
      'tipoff',
      'transfer',
      {
        tipoffId: trackingCode,
        version: city.version,
        regionCode: VILLAGE_MILIN,
        reason: '属地办理',
      },
      CITY_SUPERVISOR,
    ),
  ).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
});

test('accept, close, reply, rate: a dissatisfied reporter may reopen once, not twice', async () => {
  const submitted = await submit({ anonymous: true });
  const { trackingCode } = submitted;
  const secret = submitted.secret ?? undefined;
  let d = await detail(trackingCode);
  const cycle = async () => {
    d = await world.ok(
      'tipoff',
      'close',
      {
        tipoffId: trackingCode,
        version: d.version,
        conclusion: '经核查，该户老人已于今年3月去世，停发并追回3个月津贴。',
      },
      SUPERVISOR,
    );
    expect(d.status).toBe('closed');
    expect(d.dueAt).not.toBeNull();
    d = await world.ok(
      'tipoff',
      'reply',
      {
        tipoffId: trackingCode,
        version: d.version,
        reply: '您反映的问题属实，已停发并追回。',
      },
      SUPERVISOR,
    );
  };
  d = await world.ok('tipoff', 'accept', { tipoffId: trackingCode, version: d.version }, SUPERVISOR);
  expect(d).toMatchObject({ status: 'accepted', dueAt: null });
  await cycle();
  let view = await world.ok('tipoff', 'track', { trackingCode, secret }, 'x');
  expect(view).toMatchObject({
    status: 'replied',
    reply: '您反映的问题属实，已停发并追回。',
    canRate: true,
    canReopen: true,
  });
  view = await world.ok('tipoff', 'rate', { trackingCode, secret, satisfied: false, comment: '没追回' }, 'x');
  expect(view).toMatchObject({ status: 'accepted', rating: null, canRate: false });
  d = await detail(trackingCode);
  expect(d.reopened).toBe(true);
  await cycle();
  view = await world.ok('tipoff', 'rate', { trackingCode, secret, satisfied: false }, 'x');
  expect(view).toMatchObject({
    status: 'replied',
    rating: 'dissatisfied',
    canReopen: false,
    escalationHint: expect.stringContaining('12345'),
  });
  const third = await world.call('tipoff', 'rate', { trackingCode, secret, satisfied: false }, 'x');
  expect(third).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
  expect(!third.ok && third.message).toContain('12388');
});

test('two supervisors accepting at once: one wins, the other gets CONFLICT', async () => {
  const { trackingCode } = await submit({});
  const { version } = await detail(trackingCode);
  const [a, b] = await Promise.all([
    world.call('tipoff', 'accept', { tipoffId: trackingCode, version }, SUPERVISOR),
    world.call('tipoff', 'accept', { tipoffId: trackingCode, version }, CITY_SUPERVISOR),
  ]);
  expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
  expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'CONFLICT' });
  const events = (await detail(trackingCode)).events.filter((e) => e.event === 'accepted');
  expect(events).toHaveLength(1);
});

test('bad input is refused in plain words and nothing is stored', async () => {
  const before = await world.snapshot('tipoffs');
  const base = { action: 'submit', kind: 'payment', regionCode: VILLAGE_MILIN, content, anonymous: false };
  for (const [event, message] of [
    [{ content: '太短' }, /举报内容/],
    [{ kind: 'gossip' }, /举报类别/],
    [{ regionCode: '123' }, /反映问题所在地/],
    [{ regionCode: '511799999999' }, /没有找到这个地区/],
    [{ accusedStaffId: 'u-nobody' }, /不在该地区的工作人员名单/],
    [{ attachments: [{ fileID: 'cloud://x/tipoffs/u-other/1.jpg', name: '1.jpg' }] }, /附件须由本人/],
  ] as const) {
    // raw: the values are wrong on purpose, some outside the contract's types
    const res = await world.raw('tipoff', { ...base, ...event }, RESIDENT);
    expect(res.ok).toBe(false);
    expect(!res.ok && res.message).toMatch(message);
  }
  expect(
    await world.call(
      'tipoff',
      'submit',
      { kind: 'payment', regionCode: VILLAGE_MILIN, content, anonymous: false },
      'never-registered',
    ),
  ).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  expect(await world.snapshot('tipoffs')).toBe(before);
});

test('an objection to a public list is settled with its tip-off: unfounded → the notice resumes', async () => {
  const openid = 'openid-objection-settle';
  const userId = await world.verifiedResident(openid, {
    name: '邓文学',
    idNumber: testIdNumber(961, '19400505'),
    villageCode: VILLAGE_MILIN,
  });
  const declarationId = await submitGaoling(world, openid, userId);
  await throughTownship(world, declarationId);
  const objection = await world.ok(
    'publicity',
    'object',
    {
      publicityId: declarationId,
      content: '他家儿子在城里有房有车，不符合条件。',
      anonymous: true,
    },
    RESIDENT,
  );
  let d = await detail(objection.trackingCode);
  expect(d).toMatchObject({ kind: 'publicity', declarationId });
  d = await world.ok('tipoff', 'accept', { tipoffId: d.tipoffId, version: d.version }, SUPERVISOR);
  const missing = await world.call(
    'tipoff',
    'close',
    { tipoffId: d.tipoffId, version: d.version, conclusion: '经核查不属实。' },
    SUPERVISOR,
  );
  expect(missing).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '请说明公示异议是否属实' });
  d = await world.ok(
    'tipoff',
    'close',
    {
      tipoffId: d.tipoffId,
      version: d.version,
      conclusion: '经入户核查，所反映情况不属实。',
      objectionUpheld: false,
    },
    SUPERVISOR,
  );
  const { data } = await world.db.collection('declarations').doc(declarationId).get();
  expect((data as { status: string }).status).toBe('publicity');
});

test('the demo tip-offs: one overdue on the list, the answered one followed with the code and secret from the README', async () => {
  const list = await world.ok('tipoff', 'list', { overdueOnly: true, pageSize: 50 }, SUPERVISOR);
  expect(list.items.map((t) => t.trackingCode)).toContain('JBDEMQ222225');
  const demo = await world.ok(
    'tipoff',
    'track',
    { trackingCode: 'JBDEMQ222224', secret: 'demo-secret-2026' },
    'demo-resident',
  );
  expect(demo).toMatchObject({ status: 'replied', canRate: true, canReopen: true });
  const named = await world.ok('tipoff', 'mine', {}, RESIDENT);
  expect(named.items.map((t) => t.trackingCode)).toContain('JBDEMQ222223');
});
