/**
 * The rows of a year's 节假日安排 as an admin enters them, checked before anything is stored: each
 * problem named by its row, in words an office clerk understands.
 */
import type { CalendarDay } from '../../typings/api';
import { isWeekend } from '../_shared/deadline';
import { invalid } from '../_shared/errors';

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function realDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const at = new Date(`${date}T00:00:00.000Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === date;
}

/**
 * The year's list, sorted by date, or INVALID_ARGUMENT naming the first bad row. A holiday may fall on
 * a weekend (the notice lists the whole break, 春节 2月6日至13日); a 调休 working day must be a
 * Saturday or Sunday, since a weekday is worked anyway.
 */
export function checkCalendarRows(year: number, rows: readonly CalendarDay[]): CalendarDay[] {
  if (rows.length === 0) throw invalid(`请填写${year}年的放假日期和调休上班日期`);
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const n = i + 1;
    const date = row.date.trim();
    if (!realDate(date)) throw invalid(`第${n}行：日期不正确，请按 2027-02-06 的格式填写`);
    if (Number(date.slice(0, 4)) !== year) throw invalid(`第${n}行：${date} 不在${year}年内`);
    const first = seen.get(date);
    if (first !== undefined) throw invalid(`第${n}行：${date} 与第${first}行重复`);
    seen.set(date, n);
    if (row.kind === 'workday' && !isWeekend(date)) {
      const weekday = WEEKDAYS[new Date(`${date}T00:00:00.000Z`).getUTCDay()];
      throw invalid(`第${n}行：${date} 是${weekday}，本来就要上班；调休上班日只能是周六或周日`);
    }
  });
  return rows
    .map((r) => ({ date: r.date.trim(), kind: r.kind, name: r.name.trim() }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}
