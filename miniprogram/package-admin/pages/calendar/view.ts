/** What the 节假日安排 screen shows, from the `admin.calendar` answer. Pure: no wx.*. */
import type { CalendarAlertView, CalendarDay, CalendarYearSummary } from '../../../../typings/api';
import { shanghaiDateTime } from '../../../shared/time';
import { weekdayOf } from './parse';

const SOURCE_TEXT: Record<CalendarYearSummary['source'], string> = {
  'chinese-days': '系统导入',
  admin: '管理员录入',
};

export interface YearRow {
  year: number;
  title: string;
  /** 管理员录入 · 第2版 · 24天 */
  description: string;
  /** 2026-11-20 10:00 更新 */
  updated: string;
}

export function yearRow(summary: CalendarYearSummary): YearRow {
  return {
    year: summary.year,
    title: `${summary.year}年`,
    description: `${SOURCE_TEXT[summary.source]} · 第${summary.version}版 · ${summary.dayCount}天`,
    updated: `${shanghaiDateTime(summary.updatedAt)} 更新`,
  };
}

/** Years before this are listed only on asking: the seed holds twenty of them. */
export function isRecentYear(year: number, thisYear: number): boolean {
  return year >= thisYear - 1;
}

/** What the screen says about a year, read before an import: what is there and what importing does. */
export function heldText(year: number, summary: CalendarYearSummary | null): string {
  if (!summary) return `${year}年还没有录入，导入后按工作日计算的期限才是准的。`;
  return `${year}年已有${SOURCE_TEXT[summary.source]}的第${summary.version}版（${summary.dayCount}天），导入会整体替换。`;
}

export interface MissingNotice {
  year: number;
  title: string;
  reason: string;
  advice: string;
}

/**
 * The years to enter now: this year when it is missing, and next year from 1 November (the State
 * Council's notice usually comes out then), as well as any year the scheduler raised an alert for.
 */
export function missingNotices(
  missingYears: readonly number[],
  alerts: readonly CalendarAlertView[],
  today: string,
): MissingNotice[] {
  const thisYear = Number(today.slice(0, 4));
  const fromNovember = today.slice(5) >= '11-01';
  const due = new Set(missingYears.filter((y) => y === thisYear || (y === thisYear + 1 && fromNovember)));
  for (const alert of alerts) due.add(alert.year);
  return [...due]
    .sort((a, b) => a - b)
    .map((year) => ({
      year,
      title: `${year}年节假日安排尚未录入`,
      reason:
        year <= thisYear
          ? '今年的举报受理（15个工作日）、审批各环节等按工作日计算的期限，现在只按周末休息计算，是暂定的。'
          : '明年的放假安排一般在11月公布；跨到明年的办理期限现在只按周末休息计算，是暂定的。',
      advice: `请按国务院办公厅关于${year}年部分节假日安排的通知，逐条录入放假和调休上班的日期。录入后，暂定的期限会自动重新计算。`,
    }));
}

export interface DayRow {
  date: string;
  /** 2月6日 */
  day: string;
  weekday: string;
  kind: CalendarDay['kind'];
  /** 放假 or 调休上班 */
  kindText: string;
  theme: 'success' | 'warning';
}

export interface DayGroup {
  name: string;
  /** ['放假 8 天', '调休上班 1 天'], each kept on one line */
  counts: string[];
  rows: DayRow[];
}

/** The holiday a day belongs to: 春节调休 and 春节补班 are 春节's. */
function holidayName(name: string): string {
  return name.replace(/(调休上班|调休|补班|上班)$/, '') || name;
}

/** A year's days by holiday, in the order of the year, each with its weekday. */
export function dayGroups(days: readonly CalendarDay[]): DayGroup[] {
  const groups = new Map<string, DayRow[]>();
  for (const d of [...days].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    const key = holidayName(d.name);
    const rows = groups.get(key) ?? [];
    rows.push({
      date: d.date,
      day: `${Number(d.date.slice(5, 7))}月${Number(d.date.slice(8, 10))}日`,
      weekday: weekdayOf(d.date),
      kind: d.kind,
      kindText: d.kind === 'holiday' ? '放假' : '调休上班',
      theme: d.kind === 'holiday' ? 'success' : 'warning',
    });
    groups.set(key, rows);
  }
  return [...groups].map(([name, rows]) => ({ name, counts: counts(rows), rows }));
}

/** ['放假 8 天', '调休上班 1 天'] */
export function counts(days: ReadonlyArray<Pick<CalendarDay, 'kind'>>): string[] {
  const holidays = days.filter((d) => d.kind === 'holiday').length;
  const workdays = days.length - holidays;
  return [holidays ? `放假 ${holidays} 天` : '', workdays ? `调休上班 ${workdays} 天` : ''].filter(Boolean);
}

/** The years the picker offers: last year to two years ahead (older years are history, not work). */
export function yearOptions(thisYear: number): number[] {
  return [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];
}

/** The year the editor starts on: the first one missing, else the one on screen if offered, else this year. */
export function defaultEditYear(missing: readonly MissingNotice[], shown: number | null, thisYear: number) {
  const offered = shown !== null && yearOptions(thisYear).includes(shown);
  return missing[0]?.year ?? (offered ? shown : thisYear);
}
