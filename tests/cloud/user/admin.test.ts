import { demoHouseholds } from '../../../tools/seed';
import type { RoleGrant } from '../../../typings/api';
import { startWorld, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const idOf = (key: string) => demoHouseholds.find((h) => h.key === key)!.people[0]!.idNumber;
const grant: RoleGrant = {
  role: 'cadre',
  level: 'village',
  regionCode: '511702001001',
  unit: '罗江镇密林村村民委员会',
  projectCodes: ['DIBAO'],
};

test('a non-admin granting a role is FORBIDDEN and nothing is written', async () => {
  const before = await world.snapshot('users', 'audit_log');
  for (const openid of ['demo-cadre-county', 'demo-resident-luoyong', 'demo-supervisor', 'stranger']) {
    const res = await world.call('admin', 'grantRole', { idNumber: idOf('luoyong'), grant }, openid);
    expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  }
  expect(await world.snapshot('users', 'audit_log')).toBe(before);
});

test('an admin grants a verified resident a cadre role with its scope, and revokes it', async () => {
  const granted = await world.ok('admin', 'grantRole', { idNumber: idOf('luoyong'), grant }, 'demo-admin');
  expect(granted.roles).toEqual([grant]);
  const staff = await world.ok(
    'admin',
    'listStaff',
    { role: 'cadre', regionCode: '511702001000' },
    'demo-admin',
  );
  expect(staff.items.map((s) => s.maskedName)).toEqual(expect.arrayContaining(['罗*', '李*']));
  const revoked = await world.ok(
    'admin',
    'revokeRole',
    { userId: granted.userId, role: 'cadre', regionCode: '511702001001' },
    'demo-admin',
  );
  expect(revoked.roles).toEqual([]);
});

test('an unverified person cannot be made staff', async () => {
  const res = await world.call('admin', 'grantRole', { idNumber: idOf('zhangxiuying'), grant }, 'demo-admin');
  expect(res).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
});

test('a cadre grant needs a level matching its region', async () => {
  const res = await world.call(
    'admin',
    'grantRole',
    { idNumber: idOf('laoliu'), grant: { ...grant, level: 'county' } },
    'demo-admin',
  );
  expect(res).toEqual({ ok: false, code: 'INVALID_ARGUMENT', message: '管辖地区与干部层级不相符' });
});

test('anyone can list the regions for the registration picker', async () => {
  const counties = await world.ok('admin', 'listRegions', {});
  expect(counties.items.map((r) => r.name)).toEqual([
    '通川区',
    '达川区',
    '宣汉县',
    '开江县',
    '大竹县',
    '渠县',
    '万源市',
  ]);
  const villages = await world.ok('admin', 'listRegions', {
    parentCode: '511702001000',
  });
  expect(villages.items[0]).toMatchObject({ name: '密林村', level: 'village', demo: true });
});
