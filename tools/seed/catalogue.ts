/**
 * The nine projects Sichuan's platform started with, as demo catalogue entries. Amounts marked
 * `demo: true` are illustrative, not official; the reservoir-resettlement standard (600元/人/年) is the
 * national one. Windows are the seeding year and the next, so a fresh demo is always open.
 */

import { shanghaiYear, startOfShanghaiYear } from '../../miniprogram/shared/time';
import type { EligibilityRule, MaterialSpec, Project, StageSpec } from '../../typings/api';

const DAZHOU = '511700000000';

const defaultChain = (workingDays = false): StageSpec[] => [
  { key: 'village_review', label: '村级初审', level: 'village', deadlineDays: 7, workingDays },
  { key: 'township_review', label: '乡镇审核', level: 'township', deadlineDays: 7, workingDays },
  { key: 'publicity', label: '公示', level: null, deadlineDays: 7, workingDays: false },
  { key: 'county_approval', label: '县级主管部门审批', level: 'county', deadlineDays: 7, workingDays },
];

const common: EligibilityRule[] = [
  { id: 'verified', kind: 'verified', text: '已完成实名核验', mandatory: true },
  { id: 'dazhou', kind: 'in_region', regionCode: DAZHOU, text: '户籍在达州市', mandatory: true },
  { id: 'card', kind: 'card_bound', text: '全家已绑定一卡通（社保卡或银行卡）', mandatory: false },
];

const idPhoto: MaterialSpec = {
  key: 'idCard',
  label: '申报人身份证正反面照片',
  required: true,
  maxFiles: 2,
  accept: ['image'],
  maxSizeKB: 5120,
};
const hukou: MaterialSpec = {
  key: 'hukou',
  label: '户口簿照片',
  required: true,
  maxFiles: 4,
  accept: ['image', 'pdf'],
  maxSizeKB: 5120,
};

/** Shanghai midnight of 1 January of `year`, in UTC. */
const yearStart = (year: number) => startOfShanghaiYear(year).toISOString();

function yearlyWindows(from: Date): Project['windows'] {
  const year = shanghaiYear(from);
  return [year, year + 1].map((y) => ({
    period: String(y),
    opensAt: yearStart(y),
    closesAt: yearStart(y + 1),
  }));
}

export function demoCatalogue(at: Date): Project[] {
  const windows = yearlyWindows(at);
  const base = { windows, publicityDays: 7, active: true, documents: [] as Project['documents'] };
  return [
    {
      ...base,
      code: 'DIBAO',
      name: '城乡居民最低生活保障',
      department: '民政局',
      summary: '家庭人均收入低于当地保障标准、且财产状况符合规定的城乡居民，按差额发放最低生活保障金。',
      policyText:
        '依据《社会救助暂行办法》和四川省最低生活保障有关规定。家庭月人均收入低于当地最低生活保障标准，且家庭财产符合规定的，可以申请。保障金按家庭月人均收入与保障标准的差额计发。',
      documents: [{ title: '社会救助暂行办法', number: '国务院令第649号' }],
      standard: {
        amountFen: 60_000,
        unit: 'person_month',
        text: '按差额发放，每人每月最高600元（演示）',
        demo: true,
        quantityField: 'householdSize',
      },
      frequency: 'monthly',
      eligibility: [
        ...common,
        {
          id: 'income',
          kind: 'answer',
          field: 'incomePerCapita',
          op: 'lte',
          value: 60_000,
          text: '家庭月人均收入不高于600元（演示标准）',
          mandatory: true,
        },
        {
          id: 'assets',
          kind: 'answer',
          field: 'hasCarOrHouse',
          op: 'eq',
          value: false,
          text: '家庭没有机动车和非自住商品房',
          mandatory: true,
        },
      ],
      form: [
        {
          key: 'householdSize',
          label: '共同生活的家庭人口',
          type: 'number',
          required: true,
          min: 1,
          max: 20,
          unit: '人',
        },
        {
          key: 'incomePerCapita',
          label: '家庭月人均收入',
          type: 'money',
          required: true,
          min: 0,
          max: 10_000_000,
          unit: '元',
        },
        { key: 'hasCarOrHouse', label: '家庭有机动车或非自住商品房', type: 'boolean', required: false },
        { key: 'reason', label: '申请理由', type: 'textarea', required: true, maxLength: 500 },
      ],
      materials: [
        idPhoto,
        hukou,
        {
          key: 'income',
          label: '收入情况说明',
          required: false,
          maxFiles: 3,
          accept: ['image', 'pdf'],
          maxSizeKB: 5120,
        },
      ],
      chain: defaultChain(true),
      proxyAllowed: true,
    },
    {
      ...base,
      code: 'TEKUN',
      name: '特困人员救助供养',
      department: '民政局',
      summary:
        '无劳动能力、无生活来源、无法定赡养抚养扶养义务人（或其无履行能力）的老年人、残疾人和未成年人，给予救助供养。',
      policyText:
        '依据《社会救助暂行办法》第十四条至第二十一条。同时符合“三无”条件的，由本人申请，经村（居）民委员会初审、乡镇审核、县级民政部门审批。',
      standard: {
        amountFen: 90_000,
        unit: 'person_month',
        text: '基本生活费每人每月900元（演示）',
        demo: true,
      },
      frequency: 'monthly',
      eligibility: [
        ...common,
        {
          id: 'noLabor',
          kind: 'answer',
          field: 'noLaborAbility',
          op: 'eq',
          value: true,
          text: '无劳动能力',
          mandatory: true,
        },
        {
          id: 'noIncome',
          kind: 'answer',
          field: 'noIncome',
          op: 'eq',
          value: true,
          text: '无生活来源',
          mandatory: true,
        },
        {
          id: 'noSupporter',
          kind: 'answer',
          field: 'noSupporter',
          op: 'eq',
          value: true,
          text: '无法定赡养、抚养、扶养义务人，或其无履行能力',
          mandatory: true,
        },
      ],
      form: [
        { key: 'noLaborAbility', label: '无劳动能力', type: 'boolean', required: true },
        { key: 'noIncome', label: '无生活来源', type: 'boolean', required: true },
        { key: 'noSupporter', label: '无赡养抚养扶养义务人或其无能力', type: 'boolean', required: true },
        {
          key: 'careMode',
          label: '供养方式',
          type: 'select',
          required: true,
          options: [
            { value: 'home', label: '分散供养（在家）' },
            { value: 'institution', label: '集中供养（敬老院）' },
          ],
        },
      ],
      materials: [idPhoto, hukou],
      chain: defaultChain(true),
      proxyAllowed: true,
    },
    {
      ...base,
      code: 'GAOLING',
      name: '高龄津贴',
      department: '民政局',
      summary: '年满80周岁的老年人，按月发放高龄津贴。',
      policyText:
        '依据四川省老年人高龄津贴有关规定。年满80周岁、户籍在本市的老年人可以申请，由村（社区）初审，乡镇审核，县级民政部门审批后按月发放。',
      standard: {
        amountFen: 5_000,
        unit: 'person_month',
        text: '80至89周岁每人每月50元（演示）',
        demo: true,
      },
      frequency: 'monthly',
      eligibility: [
        { id: 'age80', kind: 'min_age', years: 80, text: '年满80周岁', mandatory: true },
        ...common,
      ],
      form: [
        {
          key: 'livingWith',
          label: '居住情况',
          type: 'select',
          required: true,
          options: [
            { value: 'alone', label: '独居' },
            { value: 'family', label: '与家人同住' },
            { value: 'institution', label: '住养老机构' },
          ],
        },
      ],
      materials: [idPhoto],
      chain: defaultChain(),
      proxyAllowed: true,
    },
    {
      ...base,
      code: 'CANJI',
      name: '困难残疾人生活补贴和重度残疾人护理补贴',
      department: '残疾人联合会',
      summary: '低保家庭中的残疾人发放生活补贴；残疾等级为一级、二级的重度残疾人发放护理补贴。',
      policyText:
        '依据《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）。持第二代残疾人证的残疾人，符合条件的可申请。',
      documents: [
        { title: '关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见', number: '国发〔2015〕52号' },
      ],
      standard: { amountFen: 9_000, unit: 'person_month', text: '每人每月90元（演示）', demo: true },
      frequency: 'monthly',
      eligibility: [
        ...common,
        {
          id: 'certificate',
          kind: 'answer',
          field: 'hasCertificate',
          op: 'eq',
          value: true,
          text: '持有第二代残疾人证',
          mandatory: true,
        },
        {
          id: 'grade',
          kind: 'answer',
          field: 'grade',
          op: 'in',
          value: ['1', '2', '3', '4'],
          text: '残疾等级为一至四级',
          mandatory: true,
        },
      ],
      form: [
        { key: 'hasCertificate', label: '持有第二代残疾人证', type: 'boolean', required: true },
        { key: 'certificateNumber', label: '残疾人证号', type: 'text', required: true, maxLength: 30 },
        {
          key: 'grade',
          label: '残疾等级',
          type: 'select',
          required: true,
          options: [
            { value: '1', label: '一级' },
            { value: '2', label: '二级' },
            { value: '3', label: '三级' },
            { value: '4', label: '四级' },
          ],
        },
      ],
      materials: [
        idPhoto,
        {
          key: 'certificate',
          label: '残疾人证照片',
          required: true,
          maxFiles: 2,
          accept: ['image'],
          maxSizeKB: 5120,
        },
      ],
      chain: defaultChain(),
      proxyAllowed: true,
    },
    {
      ...base,
      code: 'YIMIN',
      name: '大中型水库移民后期扶持',
      department: '水利局（移民工作）',
      summary: '纳入扶持范围的大中型水库农村移民，每人每年600元，按月发放50元。',
      policyText:
        '依据《国务院关于完善大中型水库移民后期扶持政策的意见》（国发〔2006〕17号），对纳入扶持范围的移民每人每年补助600元，扶持期20年。',
      documents: [{ title: '国务院关于完善大中型水库移民后期扶持政策的意见', number: '国发〔2006〕17号' }],
      standard: { amountFen: 60_000, unit: 'person_year', text: '每人每年600元，按月发放50元', demo: false },
      frequency: 'monthly',
      eligibility: [
        ...common,
        {
          id: 'registered',
          kind: 'answer',
          field: 'registeredMigrant',
          op: 'eq',
          value: true,
          text: '已登记为大中型水库移民',
          mandatory: true,
        },
      ],
      form: [
        { key: 'registeredMigrant', label: '已登记为水库移民', type: 'boolean', required: true },
        { key: 'reservoir', label: '水库名称', type: 'text', required: true, maxLength: 30 },
      ],
      materials: [idPhoto],
      chain: defaultChain(),
      proxyAllowed: false,
    },
    {
      ...base,
      code: 'GENGDI',
      name: '耕地地力保护补贴',
      department: '农业农村局',
      summary: '拥有耕地承包权的种地农民，按确权承包耕地面积发放地力保护补贴。',
      policyText:
        '依据财政部、农业部《关于全面推开农业“三项补贴”改革工作的通知》。补贴对象为拥有耕地承包权的种地农民，按承包耕地面积计发。',
      standard: {
        amountFen: 10_500,
        unit: 'mu_year',
        text: '每亩每年105元（演示）',
        demo: true,
        quantityField: 'area',
      },
      frequency: 'yearly',
      eligibility: [
        ...common,
        {
          id: 'area',
          kind: 'answer',
          field: 'area',
          op: 'gte',
          value: 0.1,
          text: '承包耕地面积不少于0.1亩',
          mandatory: true,
        },
      ],
      form: [
        {
          key: 'area',
          label: '确权承包耕地面积',
          type: 'number',
          required: true,
          min: 0,
          max: 1000,
          unit: '亩',
        },
        {
          key: 'crop',
          label: '主要种植作物',
          type: 'select',
          required: true,
          options: [
            { value: 'rice', label: '水稻' },
            { value: 'corn', label: '玉米' },
            { value: 'rape', label: '油菜' },
            { value: 'other', label: '其他' },
          ],
        },
        { key: 'stillFarmed', label: '耕地仍在耕种，未撂荒', type: 'boolean', required: true },
      ],
      materials: [
        {
          key: 'contract',
          label: '土地承包经营权证照片',
          required: true,
          maxFiles: 4,
          accept: ['image', 'pdf'],
          maxSizeKB: 5120,
        },
      ],
      chain: defaultChain(),
      proxyAllowed: false,
    },
    {
      ...base,
      code: 'HULINYUAN',
      name: '生态护林员补助',
      department: '林业局',
      summary: '经选聘的生态护林员，按管护合同发放劳务补助。',
      policyText:
        '依据生态护林员选聘管理有关规定。年满18周岁、未满60周岁、身体健康、能胜任野外巡护的农村居民，经选聘签订管护合同后按月发放补助。',
      standard: { amountFen: 1_000_000, unit: 'person_year', text: '每人每年10000元（演示）', demo: true },
      frequency: 'monthly',
      eligibility: [
        { id: 'age18', kind: 'min_age', years: 18, text: '年满18周岁', mandatory: true },
        { id: 'under60', kind: 'max_age', years: 60, text: '未满60周岁', mandatory: true },
        ...common,
        {
          id: 'able',
          kind: 'answer',
          field: 'canPatrol',
          op: 'eq',
          value: true,
          text: '身体健康，能胜任野外巡护',
          mandatory: true,
        },
      ],
      form: [
        { key: 'canPatrol', label: '身体健康，能胜任野外巡护', type: 'boolean', required: true },
        {
          key: 'forestArea',
          label: '拟管护林地面积',
          type: 'number',
          required: false,
          min: 0,
          max: 100_000,
          unit: '亩',
        },
      ],
      materials: [idPhoto],
      chain: defaultChain(),
      proxyAllowed: false,
    },
    {
      ...base,
      code: 'TUIGENG',
      name: '退耕还林补助',
      department: '林业局',
      summary: '实施退耕还林的农户，按验收合格的面积发放补助。',
      policyText:
        '依据《退耕还林条例》和新一轮退耕还林还草有关政策，退耕地经检查验收合格的，按面积分年度发放补助资金。',
      standard: {
        amountFen: 30_000,
        unit: 'mu_year',
        text: '每亩每年300元（演示）',
        demo: true,
        quantityField: 'area',
      },
      frequency: 'yearly',
      eligibility: [
        ...common,
        {
          id: 'area',
          kind: 'answer',
          field: 'area',
          op: 'gte',
          value: 0.1,
          text: '验收合格的退耕面积不少于0.1亩',
          mandatory: true,
        },
      ],
      form: [
        {
          key: 'area',
          label: '验收合格的退耕面积',
          type: 'number',
          required: true,
          min: 0,
          max: 1000,
          unit: '亩',
        },
        { key: 'year', label: '退耕年度', type: 'number', required: true, min: 1999, max: 2100 },
      ],
      materials: [
        {
          key: 'acceptance',
          label: '退耕还林验收证明',
          required: true,
          maxFiles: 3,
          accept: ['image', 'pdf'],
          maxSizeKB: 5120,
        },
      ],
      chain: defaultChain(),
      proxyAllowed: false,
    },
    {
      ...base,
      code: 'DUSHENG',
      name: '农村独生子女父母奖励扶助',
      department: '卫生健康委员会',
      summary: '农村只有一个子女或两个女孩的计划生育家庭，夫妇年满60周岁后享受奖励扶助金。',
      policyText:
        '依据农村部分计划生育家庭奖励扶助制度有关规定，符合条件的夫妇年满60周岁起按年发放奖励扶助金，直至亡故。',
      standard: { amountFen: 96_000, unit: 'person_year', text: '每人每年960元（演示）', demo: true },
      frequency: 'yearly',
      eligibility: [
        { id: 'age60', kind: 'min_age', years: 60, text: '年满60周岁', mandatory: true },
        ...common,
        {
          id: 'onlyChild',
          kind: 'answer',
          field: 'onlyChildFamily',
          op: 'eq',
          value: true,
          text: '只有一个子女或两个女孩',
          mandatory: true,
        },
      ],
      form: [
        { key: 'onlyChildFamily', label: '只有一个子女或两个女孩', type: 'boolean', required: true },
        {
          key: 'certificateNumber',
          label: '独生子女父母光荣证号',
          type: 'text',
          required: false,
          maxLength: 30,
        },
      ],
      materials: [idPhoto, hukou],
      chain: defaultChain(),
      proxyAllowed: false,
    },
  ];
}
