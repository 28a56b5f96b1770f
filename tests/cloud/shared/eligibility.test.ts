import { ageOn, eligible, evaluateRule, type Subject } from '../../../miniprogram/shared/eligibility';
import { checkAnswers } from '../../../miniprogram/shared/form-schema';
import type { EligibilityRule } from '../../../typings/api';

const subject = (over: Partial<Subject> = {}): Subject => ({
  birthDate: '1946-03-15',
  verified: true,
  cardBound: true,
  villageCode: '511702001001',
  answers: {},
  ...over,
});
const rule = <K extends EligibilityRule['kind']>(
  r: Extract<EligibilityRule, { kind: K }> | EligibilityRule,
) => r;

test('age counts whole years up to the declaration date', () => {
  expect(ageOn('1946-03-15', '2026-03-14')).toBe(79);
  expect(ageOn('1946-03-15', '2026-03-15')).toBe(80);
  expect(ageOn('1944-02-29', '2024-02-28')).toBe(79);
});

test('高龄津贴 passes on the 80th birthday and says why it fails the day before', () => {
  const age80 = rule({ id: 'age80', kind: 'min_age', years: 80, text: '年满80周岁', mandatory: true });
  expect(evaluateRule(age80, subject(), '2026-03-15')).toMatchObject({
    passed: true,
    reason: '出生于1946年3月，申报时80周岁',
  });
  expect(evaluateRule(age80, subject(), '2026-03-14')).toMatchObject({
    passed: false,
    reason: '出生于1946年3月，申报时79周岁，未满80周岁',
  });
});

test('an upper age limit fails from that birthday on', () => {
  const under60 = rule({ id: 'u60', kind: 'max_age', years: 60, text: '未满60周岁', mandatory: true });
  expect(evaluateRule(under60, subject({ birthDate: '1966-11-25' }), '2026-11-24').passed).toBe(true);
  expect(evaluateRule(under60, subject({ birthDate: '1966-11-25' }), '2026-11-25')).toMatchObject({
    passed: false,
    reason: '出生于1966年11月，申报时60周岁，已满60周岁',
  });
});

test('verification, the card and the region are checked with plain reasons', () => {
  const verified = rule({ id: 'v', kind: 'verified', text: '已实名核验', mandatory: true });
  const card = rule({ id: 'c', kind: 'card_bound', text: '已绑卡', mandatory: false });
  const region = rule({
    id: 'r',
    kind: 'in_region',
    regionCode: '511700000000',
    text: '户籍在达州',
    mandatory: true,
  });
  expect(evaluateRule(verified, subject({ verified: false }), '2026-01-01').reason).toBe(
    '尚未完成实名核验，请联系村干部核验',
  );
  expect(evaluateRule(card, subject({ cardBound: false }), '2026-01-01').passed).toBe(false);
  expect(evaluateRule(region, subject({ villageCode: '510104001001' }), '2026-01-01').passed).toBe(false);
  expect(evaluateRule(region, subject(), '2026-01-01').passed).toBe(true);
});

test('answer rules compare with eq, in, gte and lte', () => {
  const income = rule({
    id: 'i',
    kind: 'answer',
    field: 'income',
    op: 'lte',
    value: 60_000,
    text: '月人均收入不高于600元',
    mandatory: true,
  });
  const grade = rule({
    id: 'g',
    kind: 'answer',
    field: 'grade',
    op: 'in',
    value: ['1', '2'],
    text: '一级或二级',
    mandatory: true,
  });
  const area = rule({
    id: 'a',
    kind: 'answer',
    field: 'area',
    op: 'gte',
    value: 0.1,
    text: '不少于0.1亩',
    mandatory: true,
  });
  const no = rule({
    id: 'n',
    kind: 'answer',
    field: 'car',
    op: 'eq',
    value: false,
    text: '没有机动车',
    mandatory: true,
  });
  expect(evaluateRule(income, subject({ answers: { income: 60_000 } }), '2026-01-01').passed).toBe(true);
  expect(evaluateRule(income, subject({ answers: { income: 60_001 } }), '2026-01-01')).toMatchObject({
    passed: false,
    reason: '不符合：月人均收入不高于600元',
  });
  expect(evaluateRule(grade, subject({ answers: { grade: '3' } }), '2026-01-01').passed).toBe(false);
  expect(evaluateRule(area, subject({ answers: { area: 2.5 } }), '2026-01-01').passed).toBe(true);
  expect(evaluateRule(no, subject({ answers: {} }), '2026-01-01').passed).toBe(false);
  expect(evaluateRule(no, subject({ answers: { car: false } }), '2026-01-01').passed).toBe(true);
});

test('only mandatory failures make a declaration ineligible', () => {
  const results = [
    { id: 'a', text: '', mandatory: false, passed: false, reason: '' },
    { id: 'b', text: '', mandatory: true, passed: true, reason: '' },
  ];
  expect(eligible(results)).toBe(true);
  expect(eligible([...results, { id: 'c', text: '', mandatory: true, passed: false, reason: '' }])).toBe(
    false,
  );
});

test('a form is checked against its schema field by field', () => {
  const { errors, clean } = checkAnswers(
    [
      { key: 'area', label: '承包耕地面积', type: 'number', required: true, min: 0, max: 1000, unit: '亩' },
      {
        key: 'crop',
        label: '主要种植作物',
        type: 'select',
        required: true,
        options: [{ value: 'rice', label: '水稻' }],
      },
      { key: 'income', label: '月收入', type: 'money', required: false },
      { key: 'note', label: '说明', type: 'text', required: false, maxLength: 4 },
    ],
    { area: 1200, crop: 'wheat', income: 10.5, note: '一二三四五', unexpected: 'x' },
  );
  expect(errors).toEqual({
    area: '承包耕地面积不能大于1000',
    crop: '请选择主要种植作物',
    income: '月收入格式不正确',
    note: '说明不能超过4个字',
  });
  expect(clean).toEqual({});
});

test('missing required answers are asked for and optional ones may be left out', () => {
  const { errors, clean } = checkAnswers(
    [
      { key: 'reason', label: '申请理由', type: 'textarea', required: true },
      { key: 'extra', label: '补充', type: 'text', required: false },
    ],
    { reason: '  家庭困难  ' },
  );
  expect(errors).toEqual({});
  expect(clean).toEqual({ reason: '家庭困难' });
  expect(
    checkAnswers([{ key: 'reason', label: '申请理由', type: 'textarea', required: true }], {}).errors,
  ).toEqual({
    reason: '请填写申请理由',
  });
});
