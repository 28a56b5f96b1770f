import { sealAudit } from '../../../cloudfunctions/_shared/audit/audit-log';
import type { SchedulerTickResponse } from '../../../typings/api';
import { submitGaoling } from '../../helpers/declarations';
import { startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

let seq = 900;
async function resident(): Promise<{ openid: string; userId: string }> {
  seq += 1;
  const openid = `openid-notices-${seq}`;
  const userId = await world.verifiedResident(openid, {
    name: '唐永福',
    idNumber: testIdNumber(seq, '19400303'),
    villageCode: VILLAGE_MILIN,
  });
  return { openid, userId };
}

const declare = (openid: string, userId: string) => submitGaoling(world, openid, userId);

async function tick(): Promise<SchedulerTickResponse> {
  const ran = await world.trigger<{ ok: boolean; data: SchedulerTickResponse }>('scheduler');
  expect(ran.ok).toBe(true);
  return ran.data;
}

async function outboxFor(openid: string) {
  const { data } = await world.db.collection('outbox').where({ to: openid }).limit(100).get();
  return data as Array<{ channel: string; templateId: string; data: Record<string, { value: string }> }>;
}

test('每一步都进“我的消息”: submitted and returned, newest first, unread counted, read marks them', async () => {
  const { openid, userId } = await resident();
  const id = await declare(openid, userId);
  const { version } = await world.ok('approval', 'detail', { declarationId: id }, 'demo-cadre-village');
  await world.ok(
    'approval',
    'review',
    { declarationId: id, version, outcome: 'return', opinion: '请补充户口簿照片' },
    'demo-cadre-village',
  );
  const list = await world.ok('user', 'notices', {}, openid);
  expect(list.total).toBe(2);
  expect(list.unread).toBe(2);
  expect(list.items[0]).toMatchObject({
    kind: 'declaration',
    title: '高龄津贴：已打回，待修改后重新提交',
    read: false,
    page: `/pages/declarations/detail?id=${id}`,
  });
  expect(list.items[1]?.title).toContain('高龄津贴');

  const one = await world.ok('user', 'readNotices', { ids: [list.items[0]!.id] }, openid);
  expect(one).toEqual({ marked: 1, unread: 1 });
  const all = await world.ok('user', 'readNotices', {}, openid);
  expect(all).toEqual({ marked: 1, unread: 0 });

  // Another household sees none of it, and cannot mark it read.
  const other = await resident();
  const theirs = await world.ok('user', 'notices', {}, other.openid);
  expect(theirs.items.map((n) => n.id)).not.toContain(list.items[0]!.id);
  const before = await world.snapshot('notifications');
  const marked = await world.ok('user', 'readNotices', { ids: [list.items[1]!.id] }, other.openid);
  expect(marked.marked).toBe(0);
  expect(await world.snapshot('notifications')).toBe(before);
});

test('a subscription message goes only where the resident allowed one, once per acceptance', async () => {
  const { openid, userId } = await resident();
  const allowed = await world.ok('user', 'subscribe', { accepted: ['declaration'] }, openid);
  expect(allowed.allowance).toEqual({ declaration: 1, payment: 0, tipoff: 0 });

  const id = await declare(openid, userId);
  await tick();
  const sent = await outboxFor(openid);
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ channel: 'subscribe', templateId: 'local-declaration' });
  expect(sent[0]!.data.thing1!.value.length).toBeLessThanOrEqual(20);
  const { data: user } = await world.db.collection('users').doc(userId).get();
  expect((user as { subscriptions: Record<string, number> }).subscriptions.declaration).toBe(0);

  // The next step finds no allowance left: it stays in the app only.
  const { version } = await world.ok('approval', 'detail', { declarationId: id }, 'demo-cadre-village');
  await world.ok(
    'approval',
    'review',
    { declarationId: id, version, outcome: 'approve' },
    'demo-cadre-village',
  );
  await tick();
  expect(await outboxFor(openid)).toHaveLength(1);
  const { data: notes } = await world.db
    .collection('notifications')
    .where({ householdId: (await world.db.collection('declarations').doc(id).get()).data.householdId })
    .limit(10)
    .get();
  const states = (notes as Array<{ push: { state: string; reason: string | null } }>).map((n) => n.push);
  expect(states).toEqual(
    expect.arrayContaining([
      { state: 'sent', at: expect.anything(), reason: null, to: 1 },
      expect.objectContaining({ state: 'skipped', reason: '未订阅消息' }),
    ]),
  );
  // Nothing is sent twice.
  await tick();
  expect(await outboxFor(openid)).toHaveLength(1);
});

test('subscribe refuses what is not a notice kind and writes nothing', async () => {
  const { openid } = await resident();
  const before = await world.snapshot('users', 'audit_log');
  // raw: 'marketing' is no notice kind of the contract
  const bad = await world.raw('user', { action: 'subscribe', accepted: ['marketing'] }, openid);
  expect(bad).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  expect(await world.snapshot('users', 'audit_log')).toBe(before);
});

test('allowances accepted at the same moment are all counted, each with its audit entry, or refused: never lost', async () => {
  const { openid, userId } = await resident();
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => world.call('user', 'subscribe', { accepted: ['payment'] }, openid)),
  );
  const counted = answers.filter((a) => a.ok).length;
  for (const a of answers) if (!a.ok) expect(a).toMatchObject({ code: 'CONFLICT' });
  expect(counted).toBeGreaterThan(0);
  const { data } = await world.db.collection('users').where({ _id: userId }).get();
  expect(data[0]?.subscriptions).toMatchObject({ payment: counted });
  await sealAudit(world.db);
  const { data: entries } = await world.db
    .collection('audit_log')
    .where({ targetType: 'user', targetId: userId, seq: world.db.command.gt(0) })
    .limit(100)
    .get();
  expect(entries.filter((e) => e.action === 'user.subscribe')).toHaveLength(counted);
});

test('a returned declaration not corrected in three days brings one reminder', async () => {
  const { openid, userId } = await resident();
  const id = await declare(openid, userId);
  const { version } = await world.ok('approval', 'detail', { declarationId: id }, 'demo-cadre-village');
  await world.ok(
    'approval',
    'review',
    { declarationId: id, version, outcome: 'return', opinion: '身份证照片不清晰' },
    'demo-cadre-village',
  );
  const { data: returned } = await world.db.collection('declarations').doc(id).get();
  const remindAt = new Date((returned as { remindAt: string }).remindAt);
  expect(remindAt.getTime() - world.now().getTime()).toBeGreaterThan(2.9 * 24 * 3600_000);

  // Not yet due: nothing happens.
  await tick();
  let list = await world.ok('user', 'notices', {}, openid);
  expect(list.total).toBe(2);

  await world.db
    .collection('declarations')
    .doc(id)
    .update({ data: { remindAt: new Date(world.now().getTime() - 1000) } });
  const ran = await tick();
  expect(ran.reminded).toBeGreaterThanOrEqual(1);
  list = await world.ok('user', 'notices', {}, openid);
  expect(list.total).toBe(3);
  expect(list.items[0]?.body).toContain('请按审核意见修改后重新提交');
  await tick();
  list = await world.ok('user', 'notices', {}, openid);
  expect(list.total).toBe(3);
});
