import { demoHouseholds } from '../../../tools/seed';
import {
  startWorld,
  testIdNumber,
  VILLAGE_MILIN,
  VILLAGE_OTHER_TOWNSHIP,
  type World,
} from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const register = (seq: number, openid: string, villageCode = VILLAGE_MILIN) =>
  world.ok(
    'user',
    'register',
    {
      name: '孙玉兰',
      idNumber: testIdNumber(seq, '19500303'),
      mobile: '13600000000',
      villageCode,
      household: { mode: 'head' },
    },
    openid,
  );

test('the village cadre sees the residents of their village waiting for verification', async () => {
  const { userId } = await register(301, 'openid-301');
  const queue = await world.ok('user', 'verificationQueue', {}, 'demo-cadre-village');
  const row = queue.items.find((i) => i.userId === userId);
  expect(row).toMatchObject({ name: '孙玉兰', maskedName: '孙*兰', villageName: '密林村' });
  expect(row?.maskedIdNumber).toMatch(/^5117\*{10}\d{3}[\dX]$/);
  expect(queue.items.every((i) => i.villageCode === VILLAGE_MILIN)).toBe(true);
});

test('an unverified resident cannot bind a card', async () => {
  await register(302, 'openid-302');
  const h = await world.ok('user', 'household', {}, 'openid-302');
  const res = await world.call(
    'user',
    'bindCard',
    {
      kind: 'bank',
      bank: '中国农业银行',
      cardNumber: '4111111111111111',
      holderMemberId: h.members[0]!.memberId,
    },
    'openid-302',
  );
  expect(res).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
});

test('confirming on site needs the ID number from the card itself', async () => {
  const { userId } = await register(303, 'openid-303');
  const wrong = await world.call(
    'user',
    'verify',
    { userId, decision: 'confirm', idNumber: testIdNumber(304, '19500303') },
    'demo-cadre-village',
  );
  expect(wrong).toMatchObject({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message: '现场核对的身份证号码与注册信息不一致，不能通过核验',
  });
  await world.ok(
    'user',
    'verify',
    { userId, decision: 'confirm', idNumber: testIdNumber(303, '19500303') },
    'demo-cadre-village',
  );
  const me = await world.ok('user', 'login', {}, 'openid-303');
  expect(me.verification).toBe('verified');
});

test('a cadre verifying a resident of another village is FORBIDDEN and nothing is written', async () => {
  const { userId } = await register(305, 'openid-305', VILLAGE_OTHER_TOWNSHIP);
  const before = await world.snapshot('users', 'households', 'id_claims', 'audit_log');
  const res = await world.call(
    'user',
    'verify',
    { userId, decision: 'confirm', idNumber: testIdNumber(305, '19500303') },
    'demo-cadre-village',
  );
  expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await world.snapshot('users', 'households', 'id_claims', 'audit_log')).toBe(before);
});

test('a resident cannot verify anyone', async () => {
  const { userId } = await register(306, 'openid-306');
  const res = await world.call(
    'user',
    'verify',
    { userId, decision: 'refuse', reason: '不是本人' },
    'demo-resident-luoyong',
  );
  expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('refusing frees the ID number for its real owner and tells the account why', async () => {
  const { userId } = await register(307, 'openid-307-impostor');
  await world.ok(
    'user',
    'verify',
    { userId, decision: 'refuse', reason: '现场核实非本人注册' },
    'demo-cadre-village',
  );
  const impostor = await world.ok('user', 'login', {}, 'openid-307-impostor');
  expect(impostor).toMatchObject({ registered: false, verification: 'rejected', household: null });
  const owner = await register(307, 'openid-307-owner');
  expect(owner.verification).toBe('pending');
});

test('two cadres deciding the same resident at once: exactly one succeeds', async () => {
  const { userId } = await register(308, 'openid-308');
  const idNumber = testIdNumber(308, '19500303');
  const results = await Promise.all([
    world.call('user', 'verify', { userId, decision: 'confirm', idNumber }, 'demo-cadre-village'),
    world.call(
      'user',
      'verify',
      { userId, decision: 'refuse', reason: '重复提交测试' },
      'demo-cadre-township',
    ),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
});

test('the verified head binds a card; the old card stays in the history', async () => {
  const luoyong = demoHouseholds.find((h) => h.key === 'luoyong')!;
  const before = await world.ok('user', 'household', {}, 'demo-resident-luoyong');
  expect(before.card?.maskedNumber).toBe('**** 1234');
  const wife = before.members.find((m) => m.relation === 'spouse')!;
  await world.ok(
    'user',
    'bindCard',
    {
      kind: 'bank',
      bank: '中国邮政储蓄银行',
      cardNumber: '6221 8800 0000 0005',
      holderMemberId: wife.memberId,
    },
    'demo-resident-luoyong',
  );
  const after = await world.ok('user', 'household', {}, 'demo-resident-luoyong');
  expect(after.card).toMatchObject({
    maskedNumber: '**** 0005',
    holderMaskedName: '杨*兰',
    bank: '中国邮政储蓄银行',
  });
  expect(after.cardHistory.map((c) => c.maskedNumber)).toEqual(['**** 1234']);
  expect(JSON.stringify(after)).not.toContain(luoyong.card!.cardNumber);
});

test('a card number failing its Luhn check is refused', async () => {
  const h = await world.ok('user', 'household', {}, 'demo-resident-luoyong');
  const res = await world.call(
    'user',
    'bindCard',
    {
      kind: 'bank',
      bank: '中国农业银行',
      cardNumber: '6228480000012345675',
      holderMemberId: h.members[0]!.memberId,
    },
    'demo-resident-luoyong',
  );
  expect(res).toEqual({ ok: false, code: 'INVALID_ARGUMENT', message: '卡号有误，请对照卡面重新输入' });
});

test('only the head binds the card', async () => {
  const h = await world.ok('user', 'household', {}, 'demo-resident-luoyong-wife');
  const res = await world.call(
    'user',
    'bindCard',
    {
      kind: 'bank',
      bank: '中国农业银行',
      cardNumber: '4111111111111111',
      holderMemberId: h.members[0]!.memberId,
    },
    'demo-resident-luoyong-wife',
  );
  expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '只有户主可以绑定或更换全家的一卡通' });
});

test('the holder must be a member of the household', async () => {
  const res = await world.call(
    'user',
    'bindCard',
    {
      kind: 'bank',
      bank: '中国农业银行',
      cardNumber: '4111111111111111',
      holderMemberId: 'm-laoliu-0',
    },
    'demo-resident-luoyong',
  );
  expect(res).toEqual({ ok: false, code: 'INVALID_ARGUMENT', message: '持卡人必须是本户成员' });
});
