/**
 * 节假日安排 for the years the `chinese-days` library knows (2004–2026 in 1.5.7), read from its data
 * table. The only place the library is used: functions count with the `calendar` collection, which
 * admins keep up for later years. A year already held (an admin's entry, or an earlier seed) is left alone.
 */
import { createRequire } from 'node:module';
import { insertNew } from '../../cloudfunctions/_shared/db/bulk';
import type { Database } from '../../cloudfunctions/_shared/db/database';
import { type Calendar, calendarOf } from '../../cloudfunctions/_shared/domain/deadlines';
import { CALENDAR, type CalendarDoc, calendarId } from '../../cloudfunctions/_shared/domain/holiday-calendar';
import type { CalendarDay, CalendarDayKind } from '../../typings/api';

/** The library's table: date → "English name,中文名,天数". */
interface ChineseDaysTable {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function table(): ChineseDaysTable {
  return createRequire(__filename)('chinese-days/dist/chinese-days.json') as ChineseDaysTable;
}

/** Each year the library lists, with its holidays and 调休 working days. */
export function libraryCalendarYears(): Array<{ year: number; days: CalendarDay[] }> {
  const { holidays, workdays } = table();
  const byYear = new Map<number, CalendarDay[]>();
  const add = (entries: Record<string, string>, kind: CalendarDayKind) => {
    for (const [date, text] of Object.entries(entries)) {
      const year = Number(date.slice(0, 4));
      const days = byYear.get(year) ?? [];
      days.push({ date, kind, name: text.split(',')[1] ?? text });
      byYear.set(year, days);
    }
  };
  add(holidays, 'holiday');
  add(workdays, 'workday');
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({ year, days: days.sort((a, b) => (a.date < b.date ? -1 : 1)) }));
}

/** The library's years as a calendar, for data seeded without a database round (demo tip-offs). */
export function libraryCalendar(): Calendar {
  return calendarOf(libraryCalendarYears());
}

/** Writes the library's years that are not held yet; returns the years written. */
export async function seedCalendar(db: Database, at: Date): Promise<number[]> {
  const docs: CalendarDoc[] = libraryCalendarYears().map((y) => ({
    _id: calendarId(y.year),
    year: y.year,
    days: y.days,
    source: 'chinese-days',
    version: 1,
    updatedAt: at,
    updatedBy: 'system:seed',
  }));
  const inserted = await insertNew(db, CALENDAR, docs);
  return docs.filter((d) => inserted.has(d._id)).map((d) => d.year);
}
