/**
 * 节假日安排 rows, as both sides check them: the admin's page before sending, the server before storing.
 * A holiday may fall on a weekend (the notice lists the whole break, 春节 2月6日至13日); a 调休 working
 * day must be a Saturday or Sunday, since a weekday is worked anyway. Pure; dates through the time module.
 */
import type { CalendarDay } from '../../typings/api';
import { isCalendarDay, weekday } from './time';

/** The most days one year's list may hold. */
export const MAX_CALENDAR_DAYS = 100;
/** The longest name of a holiday. */
export const MAX_HOLIDAY_NAME = 20;

const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** 周一 … 周日 of a YYYY-MM-DD day. */
export function weekdayName(day: string): string {
  return WEEKDAY_NAMES[weekday(day)] ?? '';
}

/** Saturday or Sunday. */
export function isWeekend(day: string): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

/** What is wrong with one day of `year`'s list, in a clerk's words, or null. */
export function calendarDayProblem(year: number, day: CalendarDay): string | null {
  if (!isCalendarDay(day.date)) return '日期不正确，请按 2027-02-06 的格式填写';
  if (Number(day.date.slice(0, 4)) !== year) return `${day.date} 不在${year}年内`;
  if (day.kind === 'workday' && !isWeekend(day.date)) {
    return `${day.date} 是${weekdayName(day.date)}，本来就要上班；调休上班日只能是周六或周日`;
  }
  return null;
}

/**
 * The first problem of a whole list, named by its row (第3行：…), or null: an empty list, a bad day,
 * a date listed twice, too many days.
 */
export function calendarRowsProblem(year: number, rows: readonly CalendarDay[]): string | null {
  if (rows.length === 0) return `请填写${year}年的放假日期和调休上班日期`;
  const seen = new Map<string, number>();
  for (const [i, row] of rows.entries()) {
    const n = i + 1;
    const day = { ...row, date: row.date.trim() };
    const problem = calendarDayProblem(year, day);
    if (problem) return `第${n}行：${problem}`;
    const first = seen.get(day.date);
    if (first !== undefined) return `第${n}行：${day.date} 与第${first}行重复`;
    seen.set(day.date, n);
  }
  if (rows.length > MAX_CALENDAR_DAYS) {
    return `一共${rows.length}天，超过了${MAX_CALENDAR_DAYS}天，请只填写放假和调休上班的日期`;
  }
  return null;
}
