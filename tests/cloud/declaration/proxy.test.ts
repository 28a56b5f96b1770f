import { demoHouseholds } from '../../../tools/seed';
import type { ProxySubmitRequest } from '../../../typings/api';
import { startWorld, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const person = (key: string) => demoHouseholds.find((h) => h.key === key)!.people[0]!;
const cadreFile = (material: string) =>
  `cloud://ykt-local.local/declarations/u-demo-cadre-village/${material}/1.jpg`;

const proxyFor = (key: string, over: Partial<ProxySubmitRequest> = {}): ProxySubmitRequest => ({
  code: 'GAOLING',
  applicantIdNumber: person(key).idNumber,
  applicantName: person(key).name,
  reason: 'elderly',
  answers: { livingWith: 'alone' },
  attachments: [{ materialKey: 'idCard', fileID: cadreFile('idCard') }],
  ...over,
});

test('a village cadre declares 高龄津贴 for an 82-year-old of the village; the proxy is recorded and shown', async () => {
  const res = await world.ok('declaration', 'proxySubmit', proxyFor('zhangxiuying'), 'demo-cadre-village');
  expect(res.valid).toBe(true);
  const detail = await world.ok(
    'declaration',
    'detail',
    { declarationId: res.declarationId },
    'demo-resident-elder',
  );
  expect(detail).toMatchObject({
    proxy: true,
    applicantMaskedName: '张*英',
    proxyBy: { unit: '罗江镇密林村村民委员会', maskedName: '李*', reason: 'elderly' },
  });
  expect(detail.timeline[0]).toMatchObject({
    event: 'submitted',
    unit: '罗江镇密林村村民委员会',
    opinion: '村（社区）干部代办',
  });
});

test('a cadre outside the resident’s area is FORBIDDEN and nothing is written', async () => {
  const before = await world.snapshot('declarations', 'declaration_locks', 'audit_log');
  const res = await world.call(
    'declaration',
    'proxySubmit',
    proxyFor('laoliu', {
      code: 'CANJI',
      reason: 'disabled',
      answers: { hasCertificate: true, certificateNumber: 'X1', grade: '1' },
      attachments: [
        { materialKey: 'idCard', fileID: cadreFile('idCard') },
        { materialKey: 'certificate', fileID: cadreFile('certificate') },
      ],
    }),
    'demo-cadre-village',
  );
  expect(res).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await world.snapshot('declarations', 'declaration_locks', 'audit_log')).toBe(before);
});

test('a resident cannot use 代办', async () => {
  expect(
    await world.call('declaration', 'proxySubmit', proxyFor('zhangxiuying'), 'demo-resident-luoyong'),
  ).toMatchObject({
    code: 'FORBIDDEN',
  });
});

test('代办 for age is only for residents of 60 or more', async () => {
  const res = await world.call(
    'declaration',
    'proxySubmit',
    proxyFor('luoyong', {
      code: 'DIBAO',
      answers: { householdSize: 3, incomePerCapita: 40_000, reason: '因病' },
      attachments: [
        { materialKey: 'idCard', fileID: cadreFile('idCard') },
        { materialKey: 'hukou', fileID: cadreFile('hukou') },
      ],
    }),
    'demo-cadre-village',
  );
  expect(res).toMatchObject({ ok: true });
  const young = demoHouseholds.find((h) => h.key === 'staff-township')!.people[0]!;
  const refused = await world.call(
    'declaration',
    'proxySubmit',
    proxyFor('luoyong', { applicantIdNumber: young.idNumber, applicantName: young.name }),
    'demo-cadre-township',
  );
  expect(refused).toEqual({ ok: false, code: 'INVALID_ARGUMENT', message: '代办“高龄”仅限60周岁以上的老人' });
});

test('a project that does not allow 代办 is refused', async () => {
  const res = await world.call(
    'declaration',
    'proxySubmit',
    proxyFor('zhangxiuying', { code: 'YIMIN' }),
    'demo-cadre-village',
  );
  expect(res).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
});

test('a wrong name for the ID number finds no one', async () => {
  const res = await world.call(
    'declaration',
    'proxySubmit',
    proxyFor('zhangxiuying', { applicantName: '张秀兰' }),
    'demo-cadre-village',
  );
  expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' });
});
