import type { RegisterRequest } from '../../../typings/api';
import { startWorld, testIdNumber, VILLAGE_MILIN, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const person = (seq: number, extra: Partial<RegisterRequest> = {}): RegisterRequest => ({
  name: '黄小梅',
  idNumber: testIdNumber(seq, '19880808'),
  mobile: '13912340000',
  villageCode: VILLAGE_MILIN,
  household: { mode: 'head' },
  ...extra,
});

test('an unregistered caller logs in to a clear state, not an error', async () => {
  const me = await world.ok('user', 'login', {}, 'new-person');
  expect(me).toMatchObject({
    registered: false,
    verification: 'unregistered',
    maskedName: null,
    roles: [],
    household: null,
  });
});

test('a resident registers as the head of a new household and waits for verification', async () => {
  const done = await world.ok('user', 'register', person(101), 'openid-101');
  expect(done.verification).toBe('pending');
  expect(done.nextStep).toContain('核验');
  const me = await world.ok('user', 'login', {}, 'openid-101');
  expect(me).toMatchObject({ registered: true, verification: 'pending', maskedName: '黄*梅' });
  expect(me.household).toMatchObject({
    isHead: true,
    memberCount: 1,
    cardTail: null,
    villageCode: VILLAGE_MILIN,
  });
});

test('a second account with the same ID number gets CONFLICT, learns nothing and writes nothing', async () => {
  await world.ok('user', 'register', person(102), 'openid-102');
  const before = await world.snapshot('users', 'households', 'id_claims', 'audit_log');
  const res = await world.call('user', 'register', person(102, { name: '冒名者' }), 'openid-102-impostor');
  expect(res).toEqual({
    ok: false,
    code: 'CONFLICT',
    message: '该身份证号码已在其他微信账号上注册。如不是您本人注册的，请带身份证到村（社区）便民服务点办理',
  });
  expect(await world.snapshot('users', 'households', 'id_claims', 'audit_log')).toBe(before);
});

test('registering twice from one account is refused', async () => {
  await world.ok('user', 'register', person(103), 'openid-103');
  const res = await world.call('user', 'register', person(104), 'openid-103');
  expect(res).toMatchObject({ ok: false, code: 'CONFLICT', message: '您已完成实名注册，无需重复注册' });
});

test('a member joins a household by the head’s ID number and name', async () => {
  await world.ok('user', 'register', person(105, { name: '周大山' }), 'openid-105');
  await world.ok(
    'user',
    'register',
    person(106, {
      name: '周小山',
      household: {
        mode: 'join',
        headIdNumber: testIdNumber(105, '19880808'),
        headName: '周大山',
        relation: 'child',
      },
    }),
    'openid-106',
  );
  const me = await world.ok('user', 'login', {}, 'openid-106');
  expect(me.household).toMatchObject({ isHead: false, memberCount: 2 });
});

test('joining a household that does not exist is NOT_FOUND and writes nothing', async () => {
  const before = await world.snapshot('users', 'households', 'id_claims', 'audit_log');
  const res = await world.call(
    'user',
    'register',
    person(107, {
      household: {
        mode: 'join',
        headIdNumber: testIdNumber(999, '19500101'),
        headName: '无此人',
        relation: 'child',
      },
    }),
    'openid-107',
  );
  expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(await world.snapshot('users', 'households', 'id_claims', 'audit_log')).toBe(before);
});

test('the wrong head name gets the same answer as no household at all', async () => {
  await world.ok('user', 'register', person(108, { name: '吴天明' }), 'openid-108');
  const wrongName = await world.call(
    'user',
    'register',
    person(109, {
      household: {
        mode: 'join',
        headIdNumber: testIdNumber(108, '19880808'),
        headName: '吴天亮',
        relation: 'spouse',
      },
    }),
    'openid-109',
  );
  const noSuch = await world.call(
    'user',
    'register',
    person(109, {
      household: {
        mode: 'join',
        headIdNumber: testIdNumber(998, '19500101'),
        headName: '吴天明',
        relation: 'spouse',
      },
    }),
    'openid-109',
  );
  expect(wrongName).toEqual(noSuch);
});

test.each([
  ['a wrong checksum', { idNumber: '110105194912310021' }, '身份证号码校验位不正确'],
  ['17 digits', { idNumber: '11010519491231002' }, '身份证号码应为18位'],
  ['a name in Latin letters', { name: 'Li Lei' }, '姓名只能是汉字，少数民族姓名可用“·”分隔'],
  ['a short mobile', { mobile: '1391234' }, '手机号码应为11位数字，以1开头'],
  ['a county instead of a village', { villageCode: '511702000000' }, '请选择达州市内的村（社区）'],
  ['a village outside Dazhou', { villageCode: '510104001001' }, '请选择达州市内的村（社区）'],
  ['no household choice', { household: undefined }, '请填写入户方式'],
])('%s is refused in plain Chinese', async (_what, change, message) => {
  // the values no page would send: raw, so that they reach the function's own validation
  const res = await world.raw('user', { action: 'register', ...person(110), ...change }, 'openid-110');
  expect(res).toEqual({ ok: false, code: 'INVALID_ARGUMENT', message });
});

test('a lower-case x is accepted and stored as X', async () => {
  let seq = 200;
  while (!testIdNumber(seq, '19880808').endsWith('X')) seq++;
  const id = testIdNumber(seq, '19880808');
  await world.ok('user', 'register', person(seq, { idNumber: id.toLowerCase() }), 'openid-x-lower');
  const res = await world.call('user', 'register', person(seq, { idNumber: id }), 'openid-x-upper');
  expect(res).toMatchObject({ ok: false, code: 'CONFLICT' });
});

test('registration is audited without the ID number in clear', async () => {
  const done = await world.ok('user', 'register', person(112), 'openid-112');
  const { data } = await world.db
    .collection('audit_log')
    .where({ targetType: 'user', targetId: done.userId })
    .orderBy('seq', 'desc')
    .limit(1)
    .get();
  const entry = JSON.stringify(data[0]);
  expect(entry).not.toContain(testIdNumber(112, '19880808'));
  expect(entry).not.toContain('13912340000');
  expect(entry).toContain('黄*梅');
});
