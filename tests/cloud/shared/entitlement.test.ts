import fc from 'fast-check';
import { amountForPeriod, parsePeriod, periodEnd, periodText } from '../../../miniprogram/shared/entitlement';
import type { Standard } from '../../../typings/api';

const std = (amountFen: number, unit: Standard['unit'], quantityField?: string): Standard => ({
  amountFen,
  unit,
  text: '',
  demo: true,
  ...(quantityField ? { quantityField } : {}),
});

const months = (y: number) => Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}`);

test('a yearly standard paid monthly adds up to the year exactly, in integer fen', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 20 }), (fen, persons) => {
      const s = std(fen, 'person_year', 'size');
      const parts = months(2026).map((p) => amountForPeriod(s, 'monthly', { size: persons }, p));
      const amounts = parts.map((r) => (r.ok ? r.amountFen : Number.NaN));
      expect(amounts.every(Number.isSafeInteger)).toBe(true);
      expect(amounts.reduce((a, b) => a + b, 0)).toBe(fen * persons);
      expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(1);
    }),
  );
  // 生态护林员补助 10000元/年 → 833.33 per month, December takes the last fen.
  const ranger = months(2026).map((p) => amountForPeriod(std(1_000_000, 'person_year'), 'monthly', {}, p));
  expect(ranger.map((r) => (r.ok ? r.amountFen : 0)).reduce((a, b) => a + b, 0)).toBe(1_000_000);
});

test('quantities multiply the standard: persons, and 亩 with two decimals rounded to the fen', () => {
  expect(
    amountForPeriod(std(60_000, 'person_month', 'householdSize'), 'monthly', { householdSize: 3 }, '2026-03'),
  ).toEqual({ ok: true, amountFen: 180_000 });
  expect(amountForPeriod(std(10_500, 'mu_year', 'area'), 'yearly', { area: 3.35 }, '2026')).toEqual({
    ok: true,
    amountFen: 35_175,
  });
  expect(amountForPeriod(std(10_500, 'mu_year', 'area'), 'yearly', { area: 0.33 }, '2026')).toEqual({
    ok: true,
    amountFen: 3_465,
  });
  expect(amountForPeriod(std(9_000, 'person_month'), 'quarterly', {}, '2026-Q2')).toEqual({
    ok: true,
    amountFen: 27_000,
  });
  expect(amountForPeriod(std(100_000, 'household_year', 'size'), 'yearly', { size: 9 }, '2026')).toEqual({
    ok: true,
    amountFen: 100_000,
  });
  expect(amountForPeriod(std(10_500, 'mu_year', 'area'), 'yearly', {}, '2026')).toEqual({
    ok: false,
    reason: '申报表中没有有效的计发数量（人数或面积）',
  });
  expect(amountForPeriod(std(5_000, 'person_month'), 'monthly', {}, '2026-3')).toMatchObject({
    ok: false,
    reason: expect.stringContaining('2026-03'),
  });
});

test('periods: format per frequency, their words and their end in Asia/Shanghai', () => {
  expect(parsePeriod('monthly', '2026-12')).toMatchObject({ fromMonth: 12, toMonth: 12 });
  expect(parsePeriod('monthly', '2026')).toBeNull();
  expect(parsePeriod('quarterly', '2026-Q4')).toMatchObject({ fromMonth: 10, toMonth: 12, part: 4 });
  expect(parsePeriod('yearly', '2026-01')).toBeNull();
  expect(periodText('2026-03')).toBe('2026年3月');
  expect(periodText('2026-Q1')).toBe('2026年第1季度');
  expect(periodText('2026')).toBe('2026年度');
  expect(periodEnd(parsePeriod('monthly', '2026-12')!).toISOString()).toBe('2026-12-31T16:00:00.000Z');
});
