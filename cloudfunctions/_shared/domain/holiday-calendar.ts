/**
 * The official holiday calendar (节假日安排) as stored: one document per year, `cal-<year>`, entered by
 * admins (or seeded from `chinese-days` for the years it knows). Like regions it is reference data, so a
 * function instance keeps what it read for ten minutes; an import is seen everywhere within that time,
 * and the scheduler, which settles provisional deadlines, always reads it afresh.
 */

import { shanghaiDay } from '../../../miniprogram/shared/time';
import type { CalendarDay } from '../../../typings/api';
import type { Database, Doc } from '../db/database';
import { type Calendar, calendarOf, NO_CALENDAR, yearOf } from './deadlines';

export const CALENDAR = 'calendar';
/** Alerts to admins raised by the scheduler (节假日安排缺失), one document per subject with a fixed id. */
export const SYSTEM_ALERTS = 'system_alerts';

export interface CalendarDoc extends Doc {
  _id: string;
  year: number;
  days: CalendarDay[];
  source: 'chinese-days' | 'admin';
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

export const CALENDAR_ALERT_KIND = 'calendar_missing';

export interface CalendarAlertDoc extends Doc {
  _id: string;
  kind: typeof CALENDAR_ALERT_KIND;
  year: number;
  status: 'open' | 'resolved';
  message: string;
  raisedAt: Date;
  resolvedAt: Date | null;
}

export const calendarId = (year: number) => `cal-${year}`;
export const calendarAlertId = (year: number) => `calendar-missing-${year}`;

export function calendarAlertMessage(year: number): string {
  return `${year}年节假日安排尚未录入，按工作日计算的办理期限暂按周末休息计算（暂定）。请在国务院办公厅通知发布后到“节假日安排”导入。`;
}

const KEEP_MS = 10 * 60 * 1000;

let kept: { calendar: Calendar; until: number } | null = null;

/** The calendar this instance holds, if it read one in the last ten minutes; never reads. */
export function heldCalendar(now = Date.now()): Calendar | null {
  return kept && kept.until > now ? kept.calendar : null;
}

/** Drops what this instance holds, after this instance changed the calendar. */
export function forgetCalendar(): void {
  kept = null;
}

/**
 * The years from last year on: deadlines start now and run forward, and a provisional one is settled
 * within months of its start.
 */
export async function readCalendar(db: Database, now: Date): Promise<Calendar> {
  const since = yearOf(shanghaiDay(now)) - 1;
  const { data } = await db
    .collection<CalendarDoc>(CALENDAR)
    .where({ year: db.command.gte(since) })
    .limit(100)
    .get();
  const calendar = calendarOf(data);
  kept = { calendar, until: Date.now() + KEEP_MS };
  return calendar;
}

/** The calendar held, or read when none is. */
export function loadCalendar(db: Database, now: Date): Promise<Calendar> {
  return Promise.resolve(heldCalendar() ?? readCalendar(db, now));
}

/**
 * The calendar for deadlines over these stages: read only when one of them counts working days and
 * none is held (calendar days need none), so an action can ask for it beside a read it already does.
 */
export function calendarFor(
  db: Database,
  now: Date,
  stages: ReadonlyArray<{ workingDays: boolean }>,
): Promise<Calendar> {
  if (!stages.some((s) => s.workingDays)) return Promise.resolve(heldCalendar() ?? NO_CALENDAR);
  return loadCalendar(db, now);
}
