/**
 * The one time module: Shanghai days, months and years of UTC instants, at the edges where a hand-rolled
 * offset goes wrong — midnight in Shanghai (16:00 UTC the day before), the turn of a year, leap days.
 */
import {
  addDays,
  endOfShanghaiDay,
  isCalendarDay,
  shanghaiDateTime,
  shanghaiDay,
  shanghaiDaySpan,
  shanghaiMonth,
  shanghaiStamp,
  shanghaiYear,
  shanghaiYearMonth,
  startOfShanghaiDay,
  startOfShanghaiMonth,
  startOfShanghaiYear,
  weekday,
} from '../../../miniprogram/shared/time';

test.each([
  ['2026-12-31T15:59:59.999Z', '2026-12-31', '2026-12', 2026, '2026-12-31 23:59'],
  ['2026-12-31T16:00:00.000Z', '2027-01-01', '2027-01', 2027, '2027-01-01 00:00'],
  ['2028-02-28T16:00:00.000Z', '2028-02-29', '2028-02', 2028, '2028-02-29 00:00'],
  ['2027-02-10T02:00:00.000Z', '2027-02-10', '2027-02', 2027, '2027-02-10 10:00'],
])('%s is %s (%s, %d) in Shanghai, shown %s', (at, day, month, year, shown) => {
  expect(shanghaiDay(at)).toBe(day);
  expect(shanghaiDay(new Date(at))).toBe(day);
  expect(shanghaiMonth(at)).toBe(month);
  expect(shanghaiYear(at)).toBe(year);
  expect(shanghaiYearMonth(at)).toEqual({ year, month: Number(month.slice(5)) });
  expect(shanghaiDateTime(at)).toBe(shown);
});

test('a Shanghai day begins at 16:00 UTC the day before and ends a millisecond before the next', () => {
  expect(startOfShanghaiDay('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  expect(endOfShanghaiDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z');
  expect(endOfShanghaiDay('2028-02-29').toISOString()).toBe('2028-02-29T15:59:59.999Z');
});

test('months and years begin at Shanghai midnight; month 13 is January of the next year', () => {
  expect(startOfShanghaiMonth(2026, 3).toISOString()).toBe('2026-02-28T16:00:00.000Z');
  expect(startOfShanghaiMonth(2026, 13).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  expect(startOfShanghaiYear(2027).toISOString()).toBe('2026-12-31T16:00:00.000Z');
});

test('calendar days add across months, years and leap days, and know their weekday', () => {
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
  expect(weekday('2026-11-26')).toBe(4);
  expect(weekday('2027-02-06')).toBe(6);
});

test.each([
  ['2028-02-29', true],
  ['2027-02-29', false],
  ['2027-02-30', false],
  ['2027-13-01', false],
  ['2027-2-6', false],
  ['', false],
])('%j is a calendar day: %s', (text, real) => {
  expect(isCalendarDay(text)).toBe(real);
});

test('a span whose end is exclusive shows its last day; a stamp has no separators', () => {
  expect(shanghaiDaySpan('2026-02-28T16:00:00.000Z', '2026-03-07T16:00:00.000Z')).toBe(
    '2026-03-01 至 2026-03-07',
  );
  expect(shanghaiStamp('2026-11-26T02:03:04Z')).toBe('20261126100304');
});
