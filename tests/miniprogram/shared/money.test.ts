import { formatYuan, parseYuan, yuanInput } from '../../../miniprogram/shared/money';

test('50 元 in fen reads 50.00元', () => {
  expect(formatYuan(5000)).toBe('50.00元');
});

test('fen below one 元 keep their leading zero', () => {
  expect(formatYuan(5)).toBe('0.05元');
});

test('a fractional fen amount is refused rather than rounded', () => {
  expect(() => formatYuan(50.5)).toThrow(RangeError);
});

test('580.5 typed in 元 is 58050 fen', () => {
  expect(parseYuan('580.5')).toBe(58050);
});

test('a whole number of 元 typed with spaces around it is read', () => {
  expect(parseYuan(' 600 ')).toBe(60000);
});

test('more than two decimals, a sign or letters are not an amount', () => {
  expect([parseYuan('1.005'), parseYuan('-5'), parseYuan('5元'), parseYuan('')]).toEqual([
    null,
    null,
    null,
    null,
  ]);
});

test('fen shown again in a field drop the trailing zeros', () => {
  expect([yuanInput(58050), yuanInput(60000), yuanInput(5)]).toEqual(['580.5', '600', '0.05']);
});
