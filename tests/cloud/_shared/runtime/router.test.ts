import { startWorld, testIdNumber, type World } from '../../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

test('an unknown action is INVALID_ARGUMENT', async () => {
  expect(await world.raw('user', { action: 'dropDatabase' }, 'demo-admin')).toEqual({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message: '不支持的操作',
  });
});

test('an event without an action is asked what to do', async () => {
  expect(await world.raw('user', {}, 'demo-admin')).toMatchObject({
    code: 'INVALID_ARGUMENT',
    message: '请说明要办理的事项',
  });
  expect(await world.raw('user', { action: 42 }, 'demo-admin')).toMatchObject({ code: 'INVALID_ARGUMENT' });
});

test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
  'the inherited name %s is not an action',
  async (action) => {
    expect(await world.raw('user', { action }, 'demo-admin')).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
      message: '不支持的操作',
    });
  },
);

test('an openid, role or userInfo in the event is ignored: the caller is who the platform says', async () => {
  // raw: the contract has no such fields, which is the point
  const res = await world.raw(
    'user',
    { action: 'login', openid: 'demo-admin', role: 'admin', userInfo: { openId: 'demo-admin', appId: 'x' } },
    'demo-resident-luoyong',
  );
  expect(res).toEqual({
    ok: true,
    data: expect.objectContaining({ roles: [{ role: 'resident' }], maskedName: '罗*' }),
  });
});

test('a spoofed admin openid in the event cannot grant roles', async () => {
  // raw: a client's `openid` is outside the contract
  const res = await world.raw(
    'admin',
    { action: 'grantRole', openid: 'demo-admin', idNumber: testIdNumber(1), grant: { role: 'admin' } },
    'demo-resident-luoyong',
  );
  expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('a staff action answers FORBIDDEN to a visitor before looking at the input', async () => {
  // raw: a page that is not a number is bad input, sent on purpose
  expect(await world.raw('admin', { action: 'listStaff', page: 'not-a-number' })).toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('an action needing registration answers UNAUTHENTICATED to a visitor', async () => {
  expect(await world.call('user', 'profile', {}, 'nobody')).toEqual({
    ok: false,
    code: 'UNAUTHENTICATED',
    message: '请先完成实名注册',
  });
});
