/**
 * The rows of a year's 节假日安排 as an admin enters them, checked before anything is stored by the same
 * rules the admin's page applies before sending (`miniprogram/shared/holiday-calendar.ts`).
 */
import { calendarRowsProblem } from '../../miniprogram/shared/holiday-calendar';
import type { CalendarDay } from '../../typings/api';
import { invalid } from '../_shared/runtime/errors';

/** The year's list, trimmed and sorted by date, or INVALID_ARGUMENT naming the first bad row. */
export function checkCalendarRows(year: number, rows: readonly CalendarDay[]): CalendarDay[] {
  const problem = calendarRowsProblem(year, rows);
  if (problem) throw invalid(problem);
  return rows
    .map((r) => ({ date: r.date.trim(), kind: r.kind, name: r.name.trim() }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}
