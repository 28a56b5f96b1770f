/**
 * What a household is owed for one payment period, in integer fen, from the project's standard and
 * the approved declaration's answers. Written once for the payment batches (server) and for what a
 * resident is told to expect (client). Yearly standards paid monthly or quarterly are split so that the
 * year adds up exactly: month m gets floor(Y·m/12) − floor(Y·(m−1)/12).
 */
import type { AnswerValue, PaymentFrequency, Standard } from '../../typings/api';
import { startOfShanghaiMonth } from './time';

export interface PeriodSpan {
  year: number;
  /** 1-based first and last month the period covers. */
  fromMonth: number;
  toMonth: number;
  /** Which part of the year it is (month 1–12, quarter 1–4, or 1 for a year). */
  part: number;
  parts: number;
}

/** Parses a payment period of the project's frequency: 2026-03, 2026-Q1 or 2026; null if it does not fit. */
export function parsePeriod(frequency: PaymentFrequency, period: string): PeriodSpan | null {
  if (frequency === 'monthly') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
    if (!m) return null;
    const month = Number(m[2]);
    return { year: Number(m[1]), fromMonth: month, toMonth: month, part: month, parts: 12 };
  }
  if (frequency === 'quarterly') {
    const m = /^(\d{4})-Q([1-4])$/.exec(period);
    if (!m) return null;
    const q = Number(m[2]);
    return { year: Number(m[1]), fromMonth: q * 3 - 2, toMonth: q * 3, part: q, parts: 4 };
  }
  const m = /^(\d{4})$/.exec(period);
  if (!m) return null;
  return { year: Number(m[1]), fromMonth: 1, toMonth: 12, part: 1, parts: 1 };
}

/** How a period of this frequency is written, for error messages and input hints. */
export function periodHint(frequency: PaymentFrequency): string {
  if (frequency === 'monthly') return '按月发放，期次写作“2026-03”';
  if (frequency === 'quarterly') return '按季度发放，期次写作“2026-Q1”';
  if (frequency === 'yearly') return '按年发放，期次写作“2026”';
  return '一次性发放，期次写作申报年度，如“2026”';
}

/** 2026-03 → 2026年3月; 2026-Q1 → 2026年第1季度; 2026 → 2026年度. */
export function periodText(period: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`;
  return /^\d{4}$/.test(period) ? `${period}年度` : period;
}

/** The instant a period ends: midnight after its last day in Asia/Shanghai, as a UTC Date. */
export function periodEnd(span: PeriodSpan): Date {
  return startOfShanghaiMonth(span.year, span.toMonth + 1);
}

/** The standard's multiplier in hundredths (3.5 亩 → 350), or a reason it cannot be computed. */
export function quantityHundredths(
  standard: Standard,
  answers: Record<string, AnswerValue>,
): { ok: true; value: number } | { ok: false; reason: string } {
  if (standard.unit.startsWith('household') || !standard.quantityField) return { ok: true, value: 100 };
  const raw = answers[standard.quantityField];
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0) {
    return { ok: false, reason: '申报表中没有有效的计发数量（人数或面积）' };
  }
  return { ok: true, value: Math.round(raw * 100) };
}

const perMonth = (unit: Standard['unit']) => unit === 'person_month' || unit === 'household_month';

/** The whole year's entitlement in fen for the quantity given (in hundredths). */
function yearly(standard: Standard, hundredths: number): number {
  const base = Math.floor((standard.amountFen * hundredths + 50) / 100);
  return perMonth(standard.unit) ? base * 12 : base;
}

/** Fen owed for one period; exact integers, never floats. */
export function amountForPeriod(
  standard: Standard,
  frequency: PaymentFrequency,
  answers: Record<string, AnswerValue>,
  period: string,
): { ok: true; amountFen: number } | { ok: false; reason: string } {
  const span = parsePeriod(frequency, period);
  if (!span) return { ok: false, reason: `期次格式不对：${periodHint(frequency)}` };
  const q = quantityHundredths(standard, answers);
  if (!q.ok) return q;
  if (standard.unit === 'once' || frequency === 'once') {
    return { ok: true, amountFen: Math.floor((standard.amountFen * q.value + 50) / 100) };
  }
  if (perMonth(standard.unit)) {
    const monthly = Math.floor((standard.amountFen * q.value + 50) / 100);
    return { ok: true, amountFen: monthly * (span.toMonth - span.fromMonth + 1) };
  }
  const year = yearly(standard, q.value);
  const share = (k: number) => Math.floor((year * k) / span.parts);
  return { ok: true, amountFen: share(span.part) - share(span.part - 1) };
}
