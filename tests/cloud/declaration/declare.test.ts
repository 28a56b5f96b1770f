import { dueAt, NO_CALENDAR } from '../../../cloudfunctions/_shared/domain/deadlines';
import { demoCatalogue } from '../../../tools/seed';
import type { Project, SubmitRequest } from '../../../typings/api';
import { startWorld, type World } from '../../helpers/world';

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const LUOYONG = 'demo-resident-luoyong';
const file = (userId: string, material: string, name = '1.jpg') =>
  `cloud://ykt-local.local/declarations/${userId}/${material}/${name}`;
const idPhoto = (userId = 'u-demo-resident-luoyong') => [
  { materialKey: 'idCard', fileID: file(userId, 'idCard') },
];

const yimin = (over: Partial<SubmitRequest> = {}): SubmitRequest => ({
  code: 'YIMIN',
  answers: { registeredMigrant: true, reservoir: '江口水库' },
  attachments: idPhoto(),
  ...over,
});

test('the nine projects are listed, open, with what a household may receive', async () => {
  const list = await world.ok('declaration', 'listProjects', {});
  expect(list.items.map((p) => p.code).sort()).toEqual(
    demoCatalogue(world.now())
      .map((p) => p.code)
      .sort(),
  );
  expect(list.items.find((p) => p.code === 'YIMIN')).toMatchObject({
    name: '大中型水库移民后期扶持',
    standardText: '每人每年600元，按月发放50元',
    open: true,
    demo: false,
  });
});

test('the precheck explains each rule before anything is submitted, and writes nothing', async () => {
  const before = await world.snapshot('declarations', 'audit_log');
  const check = await world.ok('declaration', 'precheck', { code: 'GAOLING', answers: {} }, LUOYONG);
  expect(check.eligible).toBe(false);
  expect(check.rules.find((r) => r.id === 'age80')).toMatchObject({
    passed: false,
    reason: expect.stringMatching(/^出生于1962年4月，申报时\d+周岁，未满80周岁$/),
  });
  expect(check.fieldErrors).toEqual({ livingWith: '请选择居住情况' });
  expect(await world.snapshot('declarations', 'audit_log')).toBe(before);
});

test('a declaration failing a mandatory rule is kept as invalid with its reasons', async () => {
  const res = await world.ok(
    'declaration',
    'submit',
    { code: 'GAOLING', answers: { livingWith: 'family' }, attachments: idPhoto() },
    LUOYONG,
  );
  expect(res).toMatchObject({ status: 'invalid', valid: false });
  const detail = await world.ok('declaration', 'detail', { declarationId: res.declarationId }, LUOYONG);
  expect(detail.statusText).toBe('不符合申报条件（已受理，未进入审核）');
  expect(detail.timeline.map((t) => t.event)).toEqual(['submitted', 'invalid']);
  expect(detail.timeline[1]!.opinion).toMatch(/未满80周岁/);
});

test('a valid declaration enters the first stage with its deadline, and a second one is CONFLICT naming it', async () => {
  const res = await world.ok('declaration', 'submit', yimin(), LUOYONG);
  expect(res).toMatchObject({ status: 'in_review', valid: true });
  const detail = await world.ok('declaration', 'detail', { declarationId: res.declarationId }, LUOYONG);
  expect(detail).toMatchObject({
    statusText: '村级初审中',
    stage: 'village_review',
    canWithdraw: true,
    canResubmit: false,
  });
  // Calendar days: no holiday calendar is needed, and the deadline is never provisional.
  expect(detail.dueAt).toBe(dueAt(NO_CALENDAR, new Date(detail.submittedAt), 7, false).at.toISOString());
  expect(detail.dueProvisional).toBe(false);
  expect(detail.dueAt).toMatch(/T15:59:59.999Z$/);
  expect(detail.timeline.map((t) => [t.stageLabel, t.event])).toEqual([
    ['申报', 'submitted'],
    ['村级初审', 'pending'],
    ['乡镇审核', 'pending'],
    ['公示', 'pending'],
    ['县级主管部门审批', 'pending'],
  ]);

  const again = await world.call(
    'declaration',
    'submit',
    yimin({ attachments: idPhoto('u-demo-resident-luoyong-wife') }),
    'demo-resident-luoyong-wife',
  );
  expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
  expect(!again.ok && again.message).toContain(res.declarationId.slice(-8));
});

test('withdrawing gives the household its place back', async () => {
  const list = await world.ok('declaration', 'listProjects', {}, LUOYONG);
  const open = list.items.find((p) => p.code === 'YIMIN')!.myOpenDeclarationId!;
  const withdrawn = await world.ok(
    'declaration',
    'withdraw',
    { declarationId: open, reason: '信息填错' },
    LUOYONG,
  );
  expect(withdrawn.status).toBe('withdrawn');
  const second = await world.call('declaration', 'withdraw', { declarationId: open }, LUOYONG);
  expect(second).toEqual({
    ok: false,
    code: 'FAILED_PRECONDITION',
    message: '这份申报当前不能撤回（已撤回）',
  });
  expect((await world.ok('declaration', 'submit', yimin(), LUOYONG)).valid).toBe(true);
});

test('the household sees its declarations, newest first', async () => {
  const mine = await world.ok('declaration', 'mine', {}, 'demo-resident-luoyong-wife');
  expect(mine.total).toBeGreaterThanOrEqual(3);
  const times = mine.items.map((i) => i.submittedAt);
  expect([...times].sort().reverse()).toEqual(times);
});

test('a resident reading another household’s declaration gets NOT_FOUND', async () => {
  const mine = await world.ok('declaration', 'mine', {}, LUOYONG);
  const res = await world.call(
    'declaration',
    'detail',
    { declarationId: mine.items[0]!.declarationId },
    'demo-resident-laoliu',
  );
  expect(res).toEqual({ ok: false, code: 'NOT_FOUND', message: '没有找到这份申报' });
});

test('an incomplete form is refused in plain Chinese and nothing is written', async () => {
  const before = await world.snapshot('declarations', 'declaration_locks', 'audit_log');
  const res = await world.call(
    'declaration',
    'submit',
    yimin({ code: 'GENGDI', answers: { crop: 'rice' }, attachments: [] }),
    'demo-resident-laoliu',
  );
  expect(res).toEqual({ ok: false, code: 'INVALID_ARGUMENT', message: '请填写确权承包耕地面积' });
  expect(await world.snapshot('declarations', 'declaration_locks', 'audit_log')).toBe(before);
});

test('materials must be the submitter’s own uploads of an allowed type', async () => {
  const foreign = await world.call(
    'declaration',
    'submit',
    yimin({ attachments: idPhoto() }),
    'demo-resident-laoliu',
  );
  expect(foreign).toMatchObject({
    code: 'INVALID_ARGUMENT',
    message: '申报人身份证正反面照片的文件不是您上传的，请重新上传',
  });
  const pdf = await world.call(
    'declaration',
    'submit',
    yimin({
      attachments: [{ materialKey: 'idCard', fileID: file('u-demo-resident-laoliu', 'idCard', 'a.exe') }],
    }),
    'demo-resident-laoliu',
  );
  expect(pdf).toMatchObject({ code: 'INVALID_ARGUMENT', message: '申报人身份证正反面照片只能上传图片' });
  const missing = await world.call(
    'declaration',
    'submit',
    yimin({ attachments: [] }),
    'demo-resident-laoliu',
  );
  expect(missing).toMatchObject({ code: 'INVALID_ARGUMENT', message: '请上传申报人身份证正反面照片' });
});

test('an unverified resident cannot submit', async () => {
  const res = await world.call(
    'declaration',
    'submit',
    yimin({ attachments: idPhoto('u-demo-resident-elder') }),
    'demo-resident-elder',
  );
  expect(res).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
});

test('outside the open window a declaration is refused and nothing is written', async () => {
  const project = demoCatalogue(world.now()).find((p) => p.code === 'TUIGENG')!;
  await world.ok(
    'admin',
    'upsertProject',
    {
      project: {
        ...project,
        windows: [
          { period: '2020', opensAt: '2020-01-01T00:00:00.000Z', closesAt: '2020-02-01T00:00:00.000Z' },
        ],
      },
    },
    'demo-admin',
  );
  const before = await world.snapshot('declarations', 'audit_log');
  const res = await world.call(
    'declaration',
    'submit',
    { code: 'TUIGENG', answers: { area: 3, year: 2015 }, attachments: [] },
    LUOYONG,
  );
  expect(res).toEqual({ ok: false, code: 'FAILED_PRECONDITION', message: '退耕还林补助当前不在申报时间内' });
  expect(await world.snapshot('declarations', 'audit_log')).toBe(before);
});

test('only admins maintain the catalogue, and a broken project is refused', async () => {
  const project = demoCatalogue(world.now())[0]!;
  expect(await world.call('admin', 'upsertProject', { project }, 'demo-cadre-county')).toMatchObject({
    code: 'FORBIDDEN',
  });
  const broken: Project = {
    ...project,
    eligibility: [
      {
        id: 'x',
        kind: 'answer',
        field: 'nope',
        op: 'eq',
        value: true,
        text: '引用不存在的字段',
        mandatory: true,
      },
    ],
  };
  expect(await world.call('admin', 'upsertProject', { project: broken }, 'demo-admin')).toEqual({
    ok: false,
    code: 'INVALID_ARGUMENT',
    message: '申报条件“引用不存在的字段”引用了不存在的表单字段',
  });
});

test('after 打回 the resident resubmits corrected answers and the earlier ones are kept', async () => {
  const contract = [{ materialKey: 'contract', fileID: file('u-demo-resident-laoliu', 'contract', 'c.pdf') }];
  const { declarationId } = await world.ok(
    'declaration',
    'submit',
    yimin({ code: 'GENGDI', answers: { area: 3, crop: 'rice', stillFarmed: true }, attachments: contract }),
    'demo-resident-laoliu',
  );
  // The village cadre's return (approval comes with its own issue) is arranged directly.
  await world.db
    .collection('declarations')
    .doc(declarationId)
    .update({ data: { status: 'returned' } });
  const res = await world.ok(
    'declaration',
    'resubmit',
    {
      declarationId,
      answers: { area: 3.5, crop: 'rice', stillFarmed: true },
      attachments: contract,
    },
    'demo-resident-laoliu',
  );
  expect(res).toMatchObject({ status: 'in_review', valid: true });
  const detail = await world.ok('declaration', 'detail', { declarationId }, 'demo-resident-laoliu');
  expect(detail.answers).toEqual({ area: 3.5, crop: 'rice', stillFarmed: true });
  expect(detail.timeline.filter((t) => t.at).map((t) => t.event)).toEqual(['submitted', 'resubmitted']);
  const { data } = await world.db.collection('declarations').doc(declarationId).get();
  expect((data as { revisions: Array<{ answers: unknown }> }).revisions.map((r) => r.answers)).toEqual([
    { area: 3, crop: 'rice', stillFarmed: true },
  ]);
  const again = await world.call(
    'declaration',
    'resubmit',
    {
      declarationId,
      answers: { area: 4, crop: 'rice', stillFarmed: true },
      attachments: contract,
    },
    'demo-resident-laoliu',
  );
  expect(again).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
});
