import { maskCardNumber, maskIdNumber, maskMobile, maskName } from '../../../miniprogram/shared/mask';
import { checkMobile, checkRealName, luhnValid } from '../../../miniprogram/shared/validators';

test.each(['张三', '欧阳明月', '阿依古丽·买买提', '𠮷祥'])('%s is accepted as a real name', (name) => {
  expect(checkRealName(name)).toBeNull();
});

test.each([
  ['', '请填写真实姓名'],
  ['张', '姓名至少2个字'],
  ['张'.repeat(21), '姓名不能超过20个字'],
  ['Zhang San', '姓名只能是汉字，少数民族姓名可用“·”分隔'],
  ['·张三', '姓名只能是汉字，少数民族姓名可用“·”分隔'],
  ['张三3', '姓名只能是汉字，少数民族姓名可用“·”分隔'],
])('%j is refused as a name', (name, reason) => {
  expect(checkRealName(name)).toBe(reason);
});

test('mobile numbers are 11 digits starting 13 to 19', () => {
  expect(checkMobile('13812345678')).toBeNull();
  expect(checkMobile('19912345678')).toBeNull();
  expect(checkMobile('12812345678')).toBe('手机号码应为11位数字，以1开头');
  expect(checkMobile('1381234567')).toBe('手机号码应为11位数字，以1开头');
  expect(checkMobile('')).toBe('请填写手机号码');
});

test('the Luhn check accepts real card numbers and catches one wrong digit', () => {
  expect(luhnValid('4111111111111111')).toBe(true);
  expect(luhnValid('4111111111111112')).toBe(false);
  expect(luhnValid('79927398713')).toBe(true);
  expect(luhnValid('7992739871x')).toBe(false);
});

test('masks keep only what identifies the record to its owner', () => {
  expect(maskIdNumber('51170219900101001X')).toBe('5117**********001X');
  expect(maskCardNumber('6217000010001234567')).toBe('**** 4567');
  expect(maskMobile('13812345678')).toBe('138****5678');
  expect(maskName('张三')).toBe('张*');
  expect(maskName('张小三')).toBe('张*三');
  expect(maskName('欧阳明月')).toBe('欧**月');
  expect(maskName('阿依古丽·买买提')).toBe('阿***·**提');
});
