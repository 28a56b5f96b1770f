/**
 * Stage deadlines (办理时限): due at the end of the N-th day after the start, in Asia/Shanghai, counting
 * calendar days or working days per the official holiday calendar (法定节假日与调休, from `chinese-days`).
 */
import { findWorkday } from 'chinese-days';
import { shanghaiDay } from '../../miniprogram/shared/time';

const DAY_MS = 24 * 60 * 60 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The last millisecond of a Shanghai calendar day (YYYY-MM-DD), as a UTC instant. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS + DAY_MS - 1);
}

export function dueAt(from: Date, days: number, workingDays: boolean): Date {
  const start = shanghaiDay(from);
  const day = workingDays
    ? findWorkday(days, start)
    : shanghaiDay(new Date(Date.parse(`${start}T00:00:00.000Z`) + days * DAY_MS));
  return endOfShanghaiDay(day);
}
