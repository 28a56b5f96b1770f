/**
 * Stage deadlines (办理时限): due at the end of the N-th day after the start, in Asia/Shanghai, counting
 * calendar days or working days per the official holiday calendar (法定节假日与调休), which admins keep
 * as data, one list per year. Pure: the calendar comes in as an argument (`holiday-calendar.ts` reads it).
 *
 * A weekday is a working day and a weekend a rest day unless the year's list says otherwise. A working-day
 * count that passes through a year the calendar does not hold falls back to weekends only and is
 * provisional (暂定): it is counted again once that year is entered.
 */

import { isWeekend } from '../../../miniprogram/shared/holiday-calendar';
import { addDays, endOfShanghaiDay, shanghaiDay } from '../../../miniprogram/shared/time';
import type { CalendarDayKind } from '../../../typings/api';

/** The holiday calendar as the deadline arithmetic needs it: the years held and their listed days. */
export interface Calendar {
  years: ReadonlySet<number>;
  /** Listed days only (YYYY-MM-DD): holidays, and weekend days that are working days (调休上班). */
  days: ReadonlyMap<string, CalendarDayKind>;
}

export interface CalendarYear {
  year: number;
  days: ReadonlyArray<{ date: string; kind: CalendarDayKind }>;
}

export function calendarOf(years: readonly CalendarYear[]): Calendar {
  const days = new Map<string, CalendarDayKind>();
  for (const y of years) for (const d of y.days) days.set(d.date, d.kind);
  return { years: new Set(years.map((y) => y.year)), days };
}

/** A calendar that holds no year: every working-day count is provisional. */
export const NO_CALENDAR: Calendar = calendarOf([]);

export { endOfShanghaiDay };

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Whether people work on a day, by the calendar's list, else by the day of the week. */
export function isWorkingDay(calendar: Calendar, day: string): boolean {
  const listed = calendar.days.get(day);
  if (listed) return listed === 'workday';
  return !isWeekend(day);
}

export interface Due {
  at: Date;
  /** Some day counted lies in a year the calendar does not hold: weekends only, counted again later. */
  provisional: boolean;
  /** The first such year, or null. */
  missingYear: number | null;
}

export function dueAt(calendar: Calendar, from: Date, days: number, workingDays: boolean): Due {
  let day = shanghaiDay(from);
  if (!workingDays) {
    for (let i = 0; i < days; i++) day = addDays(day, 1);
    return { at: endOfShanghaiDay(day), provisional: false, missingYear: null };
  }
  let missingYear: number | null = null;
  let counted = 0;
  while (counted < days) {
    day = addDays(day, 1);
    if (missingYear === null && !calendar.years.has(yearOf(day))) missingYear = yearOf(day);
    if (isWorkingDay(calendar, day)) counted++;
  }
  return { at: endOfShanghaiDay(day), provisional: missingYear !== null, missingYear };
}

/**
 * What a stored deadline keeps besides the instant when it is provisional: enough to count it again
 * (`missingYear` is the year whose entry settles it, the field the scheduler looks it up by).
 */
export interface ProvisionalDue {
  from: Date;
  days: number;
  missingYear: number;
}

/** The fields a declaration or tip-off stores for a deadline. */
export function storedDue(
  calendar: Calendar,
  from: Date,
  days: number,
  workingDays: boolean,
): { dueAt: Date; dueProvisional: ProvisionalDue | null } {
  const due = dueAt(calendar, from, days, workingDays);
  return {
    dueAt: due.at,
    dueProvisional: due.missingYear === null ? null : { from, days, missingYear: due.missingYear },
  };
}

/**
 * The years an admin must be told about on a Shanghai day: the current year when it has no calendar,
 * and from 1 November the next year too (the State Council's notice usually comes out in November).
 */
export function calendarYearsDue(now: Date, held: ReadonlySet<number>): number[] {
  const today = shanghaiDay(now);
  const year = yearOf(today);
  const wanted = today.slice(5) >= '11-01' ? [year, year + 1] : [year];
  return wanted.filter((y) => !held.has(y));
}
