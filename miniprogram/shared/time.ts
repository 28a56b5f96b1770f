/**
 * The one time module of both sides. Times are UTC in storage and Asia/Shanghai on screen: China has one
 * zone and no daylight saving, so Shanghai is UTC with a fixed `utcOffset(480)` (dayjs's `utc` plugin).
 * Not the `timezone` plugin: it needs `Intl` zone data that WeChat's Android runtime lacks, and Node's
 * full ICU in the tests would hide that.
 *
 * Days are `YYYY-MM-DD` strings of the Shanghai calendar, months `YYYY-MM`; instants are `Date`s or ISO
 * strings.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

const SHANGHAI_OFFSET_MINUTES = 480;

/** An instant as Shanghai sees it (a dayjs value fixed at UTC+8). */
export function shanghai(at: Date | string | number): Dayjs {
  return dayjs.utc(at).utcOffset(SHANGHAI_OFFSET_MINUTES);
}

/** The Shanghai calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDay(at: Date | string | number): string {
  return shanghai(at).format('YYYY-MM-DD');
}

/** YYYY-MM of the Shanghai calendar. */
export function shanghaiMonth(at: Date | string | number): string {
  return shanghai(at).format('YYYY-MM');
}

/** The Shanghai calendar year of an instant. */
export function shanghaiYear(at: Date | string | number): number {
  return shanghai(at).year();
}

/** The Shanghai year and month (1–12) of an instant. */
export function shanghaiYearMonth(at: Date | string | number): { year: number; month: number } {
  const d = shanghai(at);
  return { year: d.year(), month: d.month() + 1 };
}

/** YYYY-MM-DD HH:mm in Shanghai. */
export function shanghaiDateTime(at: Date | string | number): string {
  return shanghai(at).format('YYYY-MM-DD HH:mm');
}

/** YYYYMMDDHHmmss in Shanghai, for file names and batch numbers. */
export function shanghaiStamp(at: Date | string | number): string {
  return shanghai(at).format('YYYYMMDDHHmmss');
}

/** The instant a Shanghai calendar day (YYYY-MM-DD) begins. */
export function startOfShanghaiDay(day: string): Date {
  return dayjs.utc(`${day}T00:00:00`).subtract(SHANGHAI_OFFSET_MINUTES, 'minute').toDate();
}

/** The last millisecond of a Shanghai calendar day (YYYY-MM-DD), as a UTC instant. */
export function endOfShanghaiDay(day: string): Date {
  return new Date(startOfShanghaiDay(addDays(day, 1)).getTime() - 1);
}

/** The instant a Shanghai month (month 1–12; 13 is January of the next year) begins. */
export function startOfShanghaiMonth(year: number, month: number): Date {
  return dayjs
    .utc(Date.UTC(year, month - 1, 1))
    .subtract(SHANGHAI_OFFSET_MINUTES, 'minute')
    .toDate();
}

/** The instant a Shanghai year begins. */
export function startOfShanghaiYear(year: number): Date {
  return startOfShanghaiMonth(year, 1);
}

/** A calendar day `n` days after (or before, if negative) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return dayjs.utc(`${day}T00:00:00`).add(n, 'day').format('YYYY-MM-DD');
}

/** Day of the week of a YYYY-MM-DD day: 0 Sunday … 6 Saturday. */
export function weekday(day: string): number {
  return dayjs.utc(`${day}T00:00:00`).day();
}

/** Whether a YYYY-MM-DD text is a real calendar day (2027-02-30 is not). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = dayjs.utc(`${text}T00:00:00`);
  return d.isValid() && d.format('YYYY-MM-DD') === text;
}

/**
 * The Shanghai days of a span whose end is exclusive (a window closing or a notice ending at midnight):
 * `2026-03-01 至 2026-03-07`.
 */
export function shanghaiDaySpan(from: Date | string, toExclusive: Date | string): string {
  const last = new Date(new Date(toExclusive).getTime() - 1);
  return `${shanghaiDay(from)} 至 ${shanghaiDay(last)}`;
}

/** Said after a deadline counted in working days of a year whose holidays are not entered yet. */
export const PROVISIONAL_NOTE = '（暂定，待节假日安排公布后确定）';

/** 办理期限 as shown: the time in Shanghai, marked while it is provisional. */
export function dueText(dueAt: string, provisional: boolean): string {
  return `办理期限 ${shanghaiDateTime(dueAt)}${provisional ? PROVISIONAL_NOTE : ''}`;
}
