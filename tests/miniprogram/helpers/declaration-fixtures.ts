/** Projects and declarations of the `declaration` contract for the tests: 高龄津贴, 耕地地力保护补贴, 低保. */
import type {
  DeclarationDetail,
  EligibilityRule,
  GetProjectResponse,
  LoginResponse,
  MaterialSpec,
  ProjectCard,
  RuleResult,
  StageSpec,
} from '../../../typings/api';
import { residentLogin } from './fixtures';

/** A login answer that carries the caller's userId, which names the upload folder. */
export const loginWithUserId = (userId: string, login: LoginResponse = residentLogin()): LoginResponse =>
  Object.assign(login, { userId });

const WINDOW_2026 = {
  period: '2026',
  opensAt: '2025-12-31T16:00:00.000Z',
  closesAt: '2026-12-31T16:00:00.000Z',
};

const CHAIN: StageSpec[] = [
  { key: 'village_review', label: '村级初审', level: 'village', deadlineDays: 7, workingDays: true },
  { key: 'township_review', label: '乡镇审核', level: 'township', deadlineDays: 7, workingDays: true },
  { key: 'publicity', label: '公示', level: null, deadlineDays: 7, workingDays: false },
  { key: 'county_approval', label: '县级主管部门审批', level: 'county', deadlineDays: 7, workingDays: true },
];

const COMMON: EligibilityRule[] = [
  { id: 'verified', kind: 'verified', text: '已完成实名核验', mandatory: true },
  { id: 'card', kind: 'card_bound', text: '全家已绑定一卡通（社保卡或银行卡）', mandatory: false },
];

export const ID_PHOTO: MaterialSpec = {
  key: 'idCard',
  label: '申报人身份证正反面照片',
  required: true,
  maxFiles: 2,
  accept: ['image'],
  maxSizeKB: 5120,
};

const base = {
  department: '民政局',
  documents: [],
  frequency: 'monthly' as const,
  windows: [WINDOW_2026],
  chain: CHAIN,
  publicityDays: 7,
  active: true,
  open: true,
  currentWindow: WINDOW_2026,
};

export const gaoling = (): GetProjectResponse => ({
  ...base,
  code: 'GAOLING',
  name: '高龄津贴',
  summary: '年满80周岁的老年人，按月发放高龄津贴。',
  policyText: '依据四川省老年人高龄津贴有关规定。',
  documents: [{ title: '四川省老年人高龄津贴办法', number: '川民发〔2020〕1号' }],
  standard: { amountFen: 5000, unit: 'person_month', text: '80至89周岁每人每月50元（演示）', demo: true },
  eligibility: [{ id: 'age80', kind: 'min_age', years: 80, text: '年满80周岁', mandatory: true }, ...COMMON],
  form: [
    {
      key: 'livingWith',
      label: '居住情况',
      type: 'select',
      required: true,
      options: [
        { value: 'alone', label: '独居' },
        { value: 'family', label: '与家人同住' },
      ],
    },
  ],
  materials: [ID_PHOTO],
  proxyAllowed: true,
});

export const gengdi = (): GetProjectResponse => ({
  ...base,
  code: 'GENGDI',
  name: '耕地地力保护补贴',
  department: '农业农村局',
  summary: '拥有耕地承包权的种地农民，按确权承包耕地面积发放地力保护补贴。',
  policyText: '依据农业“三项补贴”改革的通知。',
  standard: { amountFen: 10500, unit: 'mu_year', text: '每亩每年105元（演示）', demo: true },
  frequency: 'yearly',
  eligibility: COMMON,
  form: [
    { key: 'area', label: '确权承包耕地面积', type: 'number', required: true, min: 0, max: 1000, unit: '亩' },
    {
      key: 'crop',
      label: '主要种植作物',
      type: 'select',
      required: true,
      options: [
        { value: 'rice', label: '水稻' },
        { value: 'corn', label: '玉米' },
      ],
    },
    { key: 'stillFarmed', label: '耕地仍在耕种，未撂荒', type: 'boolean', required: true },
  ],
  materials: [],
  proxyAllowed: false,
});

export const dibao = (): GetProjectResponse => ({
  ...base,
  code: 'DIBAO',
  name: '城乡居民最低生活保障',
  summary: '按差额发放最低生活保障金。',
  policyText: '依据《社会救助暂行办法》。',
  standard: { amountFen: 60000, unit: 'person_month', text: '每人每月最高600元（演示）', demo: true },
  eligibility: COMMON,
  form: [{ key: 'incomePerCapita', label: '家庭月人均收入', type: 'money', required: true, min: 0 }],
  materials: [],
  proxyAllowed: true,
});

export function card(project: GetProjectResponse, changes: Partial<ProjectCard> = {}): ProjectCard {
  return {
    code: project.code,
    name: project.name,
    department: project.department,
    standardText: project.standard.text,
    open: project.open,
    window: project.currentWindow,
    demo: project.standard.demo,
    proxyAllowed: project.proxyAllowed,
    myOpenDeclarationId: null,
    ...changes,
  };
}

export const passed = (id: string, text: string, reason: string): RuleResult => ({
  id,
  text,
  mandatory: true,
  passed: true,
  reason,
});
export const failed = (id: string, text: string, reason: string): RuleResult => ({
  id,
  text,
  mandatory: true,
  passed: false,
  reason,
});

/** 张三's 高龄津贴 declaration, returned by the village for a clearer photo. */
export const returnedDeclaration = (): DeclarationDetail => ({
  declarationId: 'd1',
  projectCode: 'GAOLING',
  projectName: '高龄津贴',
  period: '2026',
  status: 'returned',
  statusText: '已打回待修改',
  stage: 'village_review',
  applicantMaskedName: '张*三',
  submittedAt: '2026-03-01T02:00:00.000Z',
  valid: true,
  proxy: true,
  dueAt: null,
  dueProvisional: false,
  answers: { livingWith: 'family' },
  attachments: [
    {
      materialKey: 'idCard',
      fileID: 'cloud://env.bucket/declarations/u1/idCard/1-1.jpg',
      label: '申报人身份证正反面照片',
    },
  ],
  rules: [passed('age80', '年满80周岁', '出生于1940年3月，申报时86周岁')],
  timeline: [
    {
      stage: null,
      stageLabel: '提交申报',
      event: 'submitted',
      eventText: '已提交',
      unit: '青龙村村委会',
      actorMaskedName: '王*',
      at: '2026-03-01T02:00:00.000Z',
      opinion: null,
      dueAt: null,
      dueProvisional: false,
    },
    {
      stage: 'village_review',
      stageLabel: '村级初审',
      event: 'returned',
      eventText: '打回补正',
      unit: '青龙村村委会',
      actorMaskedName: '李*华',
      at: '2026-03-03T06:30:00.000Z',
      opinion: '身份证照片不清楚，请重新拍照上传',
      dueAt: '2026-03-10T02:00:00.000Z',
      dueProvisional: false,
    },
    {
      stage: 'township_review',
      stageLabel: '乡镇审核',
      event: 'pending',
      eventText: '未开始',
      unit: '',
      actorMaskedName: '',
      at: null,
      opinion: null,
      dueAt: null,
      dueProvisional: false,
    },
  ],
  proxyBy: { unit: '青龙村村委会', maskedName: '王*', reason: 'elderly' },
  canWithdraw: true,
  canResubmit: true,
});
