/**
 * 节假日安排 as a clerk types it from the State Council's notice, one line per day or per stretch of days:
 *
 *   2027-02-06至2027-02-13 放假 春节
 *   2027-02-20 上班 春节调休
 *
 * Forgiving about what a keyboard gives (full-width spaces and digits, commas, 2027/2/6, 2027年2月6日,
 * `holiday`/`workday`), strict about what the server would refuse: every problem is named by its line
 * before anything is sent. Pure: no wx.*.
 */
import type { CalendarDay, CalendarDayKind } from '../../../../typings/api';
import {
  calendarDayProblem,
  MAX_CALENDAR_DAYS,
  MAX_HOLIDAY_NAME,
  weekdayName,
} from '../../../shared/holiday-calendar';
import { addDays, isCalendarDay } from '../../../shared/time';

/** The most days one import may hold (the server's limit). */
export const MAX_DAYS = MAX_CALENDAR_DAYS;
/** A stretch longer than this is a typing mistake, not a holiday. */
const MAX_RANGE_DAYS = 31;
/** The server's limit on a holiday's name. */
const MAX_NAME_LENGTH = MAX_HOLIDAY_NAME;

/** The words for each kind, longest first so that 调休上班 is read before 上班. */
const KIND_WORDS: ReadonlyArray<[string, CalendarDayKind]> = [
  ['调休上班', 'workday'],
  ['workday', 'workday'],
  ['holiday', 'holiday'],
  ['上班', 'workday'],
  ['补班', 'workday'],
  ['放假', 'holiday'],
  ['休息', 'holiday'],
  ['休假', 'holiday'],
];
/** One-character words, read only when they stand alone (a name may start with them). */
const SHORT_WORDS: Readonly<Record<string, CalendarDayKind>> = { 休: 'holiday', 班: 'workday' };

export interface ParsedCalendar {
  /** The year's days, sorted by date; empty when there are problems. */
  days: CalendarDay[];
  /** One line each: 第3行：… */
  problems: string[];
}

/** Full-width digits and punctuation as ASCII; commas, 、 and tabs as spaces; spaces collapsed. */
function normalise(line: string): string {
  return line
    .replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－]/g, '-')
    .replace(/[—–]/g, '~')
    .replace(/[／]/g, '/')
    .replace(/[．。]/g, '.')
    .replace(/[～〜]/g, '~')
    .replace(/[\u3000\t,，、;；:：]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A full date: 2027-02-06, 2027-2-6, 2027/2/6, 2027.2.6, 2027年2月6日. */
const FULL_DATE = String.raw`(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?`;
/** The end of a stretch within the same year: 2-13, 2月13日; or within the month: 13日. */
const MONTH_DAY = String.raw`(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?`;
const DAY_ONLY = String.raw`(\d{1,2})\s*日`;
/** 至, 到, ~, or a plain hyphen before a full date (2027-02-06-2027-02-13). */
const RANGE_WORD = String.raw`\s*(?:至|到|~|--|-(?=\d{4}))\s*`;
const DATE_AT_START = new RegExp(
  `^${FULL_DATE}(?:${RANGE_WORD}(?:${FULL_DATE}|${MONTH_DAY}|${DAY_ONLY}))?(?!\\d)`,
);

/** Whether y-m-d is a day of the calendar. */
function realDate(y: number, m: number, d: number): string | null {
  const date = `${y}-${pad(m)}-${pad(d)}`;
  return isCalendarDay(date) ? date : null;
}

export const weekdayOf = weekdayName;

/** Days from one YYYY-MM-DD day to another. */
function daysBetween(from: string, to: string): number {
  let n = 0;
  for (let day = from; day < to && n <= MAX_RANGE_DAYS; day = addDays(day, 1)) n++;
  return n;
}

/** The kind named among the words after the date, and the words left for the name. */
function readKind(words: string[]): { kind: CalendarDayKind | null; rest: string[] } {
  for (let i = 0; i < words.length; i++) {
    const word = words[i].toLowerCase();
    const short = SHORT_WORDS[word];
    if (short) return { kind: short, rest: [...words.slice(0, i), ...words.slice(i + 1)] };
    for (const [label, kind] of KIND_WORDS) {
      if (word === label) return { kind, rest: [...words.slice(0, i), ...words.slice(i + 1)] };
      // 放假春节 typed without a space
      if (word.startsWith(label)) {
        return { kind, rest: [...words.slice(0, i), words[i].slice(label.length), ...words.slice(i + 1)] };
      }
    }
  }
  return { kind: null, rest: words };
}

type LineResult = { days: CalendarDay[] } | { problem: string; otherYear?: number };

function parseLine(year: number, text: string): LineResult {
  const found = DATE_AT_START.exec(text);
  if (!found) {
    return { problem: `看不懂开头的日期，请按“2027-02-06 放假 春节”的格式填写` };
  }
  const [whole, y1, m1, d1, y2, m2, d2, em, ed, eday] = found;
  const from = realDate(Number(y1), Number(m1), Number(d1));
  if (!from) return { problem: `${y1}年${Number(m1)}月${Number(d1)}日这一天不存在，请核对日期` };
  let to = from;
  if (y2 || em || eday) {
    const end = y2
      ? realDate(Number(y2), Number(m2), Number(d2))
      : em
        ? realDate(Number(y1), Number(em), Number(ed))
        : realDate(Number(y1), Number(m1), Number(eday));
    if (!end) return { problem: `结束日期不存在，请核对日期` };
    to = end;
  }
  for (const date of [from, to]) {
    const otherYear = Number(date.slice(0, 4));
    if (otherYear !== year) return { problem: `${date} 不在${year}年内`, otherYear };
  }
  if (to < from) return { problem: `起止日期前后颠倒了，请把早的日期写在前面` };
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
    return { problem: `${from}至${to}超过${MAX_RANGE_DAYS}天，请核对起止日期` };
  }

  const words = text.slice(whole.length).trim().split(' ').filter(Boolean);
  const { kind, rest } = readKind(words);
  if (!kind) return { problem: `请写明“放假”还是“上班”，如“2027-02-06 放假 春节”` };
  const name = rest.join('');
  if (!name) return { problem: `请写上节日名称，如“春节”` };
  if (/\d/.test(name)) {
    return { problem: `看不懂“${name}”：日期范围请写成“2027-02-06至2027-02-13”` };
  }
  if (name.length > MAX_NAME_LENGTH) return { problem: `节日名称不能超过${MAX_NAME_LENGTH}个字` };

  const days: CalendarDay[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const problem = calendarDayProblem(year, { date, kind, name });
    if (problem) return { problem };
    days.push({ date, kind, name });
  }
  return { days };
}

/**
 * The year's days read from the text, or the problems, each with its line number (counting every line
 * of the box, empty ones too, so the number matches what the clerk sees).
 */
export function parseCalendarText(year: number, text: string): ParsedCalendar {
  const problems: string[] = [];
  const days: CalendarDay[] = [];
  const lineOf = new Map<string, number>();
  const otherYears = new Set<number>();
  let otherYearLines = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const n = i + 1;
    const line = normalise(raw);
    if (!line) return;
    const result = parseLine(year, line);
    if ('problem' in result) {
      problems.push(`第${n}行：${result.problem}`);
      if (result.otherYear) {
        otherYears.add(result.otherYear);
        otherYearLines++;
      }
      return;
    }
    for (const day of result.days) {
      const first = lineOf.get(day.date);
      if (first !== undefined) {
        problems.push(`第${n}行：${day.date} 与第${first}行重复`);
        return;
      }
    }
    for (const day of result.days) {
      lineOf.set(day.date, n);
      days.push(day);
    }
  });
  // every line of another year: the year picked is the mistake, not the lines
  if (
    otherYearLines > 0 &&
    otherYearLines === problems.length &&
    days.length === 0 &&
    otherYears.size === 1
  ) {
    const [other] = otherYears;
    return {
      days: [],
      problems: [`填写的日期都是${other}年的，上面选的却是${year}年：请点“更换年份”选${other}年`],
    };
  }
  if (problems.length === 0 && days.length === 0) {
    problems.push(`请填写${year}年的放假日期和调休上班日期，每行一条`);
  }
  if (problems.length === 0 && days.length > MAX_DAYS) {
    problems.push(`一共${days.length}天，超过了${MAX_DAYS}天，请只填写放假和调休上班的日期`);
  }
  if (problems.length > 0) return { days: [], problems };
  return { days: days.sort((a, b) => (a.date < b.date ? -1 : 1)), problems };
}

const KIND_TEXT: Record<CalendarDayKind, string> = { holiday: '放假', workday: '上班' };

/**
 * A year's days as text the parser reads back: a run of consecutive days of one kind and name on one
 * line (2027-02-06至2027-02-13 放假 春节), so that 修改 starts from what is held.
 */
export function formatCalendarText(days: readonly CalendarDay[]): string {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : 1));
  const lines: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i];
    let end = start;
    while (
      i + 1 < sorted.length &&
      sorted[i + 1].kind === start.kind &&
      sorted[i + 1].name === start.name &&
      sorted[i + 1].date === addDays(end.date, 1)
    ) {
      i++;
      end = sorted[i];
    }
    const dates = end === start ? start.date : `${start.date}至${end.date}`;
    lines.push(`${dates} ${KIND_TEXT[start.kind]} ${start.name}`);
    i++;
  }
  return lines.join('\n');
}
