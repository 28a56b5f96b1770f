import { checkCharacter, checkIdNumber } from '../../../miniprogram/shared/idcard';

const TODAY = '2026-11-25';
const withCheck = (first17: string) => first17 + checkCharacter(first17);

test.each([
  ['11010519491231002X', '1949-12-31', 'female'],
  ['11010519491231002x', '1949-12-31', 'female'],
  [withCheck('44052419800101001'), '1980-01-01', 'male'],
  [withCheck('51170219560229001'), '1956-02-29', 'male'],
  [withCheck('81000020000101002'), '2000-01-01', 'female'],
  [withCheck('51172520261125003'), '2026-11-25', 'male'],
])('%s is a valid ID number', (id, birthDate, gender) => {
  const result = checkIdNumber(id, TODAY);
  expect(result).toEqual({ ok: true, normalized: id.toUpperCase(), birthDate, gender });
});

test.each([
  ['a wrong checksum', '110105194912310021', '身份证号码校验位不正确'],
  ['30 February', withCheck('51170219900230001'), '身份证号码中的出生日期不正确'],
  ['29 February of a common year', withCheck('51170219570229001'), '身份证号码中的出生日期不正确'],
  ['month 13', withCheck('51170219901301001'), '身份证号码中的出生日期不正确'],
  ['a future birth date', withCheck('51170220261126001'), '身份证号码中的出生日期晚于今天'],
  ['a birth before 1900', withCheck('51170218991231001'), '身份证号码中的出生日期不正确'],
  ['17 digits', '51170219900101001', '身份证号码应为18位'],
  ['19 digits', '5117021990010100123', '身份证号码应为18位'],
  ['a letter inside', '51170219900A010012', '身份证号码只能是数字，最后一位可以是X'],
  ['an unknown province', withCheck('99170219900101001'), '身份证号码的地区码不正确'],
  ['an X before the end', '5117021990010100X1', '身份证号码只能是数字，最后一位可以是X'],
])('%s is refused', (_what, id, reason) => {
  expect(checkIdNumber(id, TODAY)).toEqual({ ok: false, reason });
});

test('surrounding spaces are forgiven', () => {
  expect(checkIdNumber(' 11010519491231002X ', TODAY).ok).toBe(true);
});
