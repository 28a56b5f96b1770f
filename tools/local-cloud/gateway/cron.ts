/**
 * The 7-field cron of CloudBase timer triggers: `second minute hour day month weekday year`,
 * e.g. `0 0 2 * * * *` (every day at 02:00:00). Fields accept `*`, `?` (same as `*`), numbers,
 * ranges `a-b`, lists `a,b`, steps `* /n` and `a-b/n`, month names JAN-DEC and weekday names SUN-SAT.
 * Weekday 0 (or 7) is Sunday. Times are matched in Beijing time (UTC+8), as the cloud does.
 */
import { shanghai } from '../../../miniprogram/shared/time';

interface FieldSpec {
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: readonly FieldSpec[] = [
  { min: 0, max: 59 }, // second
  { min: 0, max: 59 }, // minute
  { min: 0, max: 23 }, // hour
  { min: 1, max: 31 }, // day of month
  { min: 1, max: 12, names: MONTHS }, // month (names map to 1..12)
  { min: 0, max: 7, names: WEEKDAYS }, // weekday (7 folds into 0)
  { min: 1970, max: 2099 }, // year
];

/** A parsed expression: for each field the allowed values, and whether day/weekday were restricted. */
export interface CronSchedule {
  readonly source: string;
  readonly fields: ReadonlyArray<ReadonlySet<number>>;
  readonly dayRestricted: boolean;
  readonly weekdayRestricted: boolean;
}

export class CronError extends Error {}

function parseValue(text: string, spec: FieldSpec, index: number): number {
  const upper = text.toUpperCase();
  if (spec.names) {
    const named = spec.names.indexOf(upper);
    // Months are 1-based, weekdays 0-based.
    if (named >= 0) return index === 4 ? named + 1 : named;
  }
  if (!/^\d+$/.test(text)) throw new CronError(`不合法的 cron 取值 "${text}"`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw new CronError(`cron 取值 ${value} 超出范围 ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(text: string, index: number): { values: Set<number>; restricted: boolean } {
  const spec = FIELDS[index]!;
  const values = new Set<number>();
  let restricted = true;
  for (const part of text.split(',')) {
    if (part === '') throw new CronError(`cron 字段 "${text}" 为空`);
    const [rangeText, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronError(`不合法的 cron 步长 "${part}"`);
    let from: number;
    let to: number;
    if (rangeText === '*' || rangeText === '?') {
      from = spec.min;
      to = index === 5 ? 6 : spec.max;
      if (stepText === undefined) restricted = false;
    } else if (rangeText.includes('-')) {
      const [a, b] = rangeText.split('-') as [string, string];
      from = parseValue(a, spec, index);
      to = parseValue(b, spec, index);
      if (from > to) throw new CronError(`不合法的 cron 区间 "${rangeText}"`);
    } else {
      from = parseValue(rangeText, spec, index);
      // `a/n` means "from a, every n" as in Quartz.
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(index === 5 && v === 7 ? 0 : v);
  }
  return { values, restricted };
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 7) {
    throw new CronError(
      `cron 表达式需要 7 个字段（秒 分 时 日 月 星期 年），收到 ${parts.length} 个："${expression}"`,
    );
  }
  const parsed = parts.map((part, i) => parseField(part, i));
  return {
    source: expression,
    fields: parsed.map((p) => p.values),
    dayRestricted: parsed[3]!.restricted,
    weekdayRestricted: parsed[5]!.restricted,
  };
}

/** Whether the schedule fires in the second that contains `at`. */
export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  const t = shanghai(at);
  const [sec, min, hour, day, month, weekday, year] = schedule.fields as [
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
  ];
  if (!sec.has(t.second()) || !min.has(t.minute()) || !hour.has(t.hour())) return false;
  if (!month.has(t.month() + 1) || !year.has(t.year())) return false;
  const dayOk = day.has(t.date());
  const weekdayOk = weekday.has(t.day());
  // Classic cron rule: when both day-of-month and weekday are restricted, either one suffices.
  if (schedule.dayRestricted && schedule.weekdayRestricted) return dayOk || weekdayOk;
  return dayOk && weekdayOk;
}

/** The next second strictly after `after` at which the schedule fires, searching up to `horizonDays`. */
export function nextCronTime(schedule: CronSchedule, after: Date, horizonDays = 366): Date | undefined {
  let t = Math.floor(after.getTime() / 1000) * 1000 + 1000;
  const end = t + horizonDays * 86400 * 1000;
  // Walk minute by minute while the second set can't match this minute, else second by second.
  while (t < end) {
    const d = new Date(t);
    if (cronMatches(schedule, d)) return d;
    const beijing = shanghai(t);
    const [, min, hour] = schedule.fields as [ReadonlySet<number>, ReadonlySet<number>, ReadonlySet<number>];
    if (!hour.has(beijing.hour())) {
      t += (3600 - beijing.minute() * 60 - beijing.second()) * 1000;
    } else if (!min.has(beijing.minute())) {
      t += (60 - beijing.second()) * 1000;
    } else {
      t += 1000;
    }
  }
  return undefined;
}
