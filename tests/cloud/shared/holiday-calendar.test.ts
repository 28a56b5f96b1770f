import { calendarOf, dueAt, endOfShanghaiDay } from '../../../cloudfunctions/_shared/domain/deadlines';
import { checkCalendarRows } from '../../../cloudfunctions/admin/calendar-rows';
import { libraryCalendarYears } from '../../../tools/seed';
import type { CalendarDay } from '../../../typings/api';

const row = (date: string, kind: CalendarDay['kind'] = 'holiday', name = '春节'): CalendarDay => ({
  date,
  kind,
  name,
});

type Refused = [what: string, rows: CalendarDay[], message: string];

const REFUSED: Refused[] = [
  ['a date in another format', [row('2027/02/06')], '第1行：日期不正确，请按 2027-02-06 的格式填写'],
  ['a day that does not exist', [row('2027-02-29')], '第1行：日期不正确，请按 2027-02-06 的格式填写'],
  [
    'a date of another year',
    [row('2027-02-06'), row('2028-01-01', 'holiday', '元旦')],
    '第2行：2028-01-01 不在2027年内',
  ],
  [
    'a date listed twice',
    [row('2027-02-06'), row('2027-02-07'), row('2027-02-06', 'workday')],
    '第3行：2027-02-06 与第1行重复',
  ],
  // Monday 2027-02-15.
  [
    'a 调休 working day on a weekday',
    [row('2027-02-15', 'workday')],
    '第1行：2027-02-15 是周一，本来就要上班；调休上班日只能是周六或周日',
  ],
  ['an empty list', [], '请填写2027年的放假日期和调休上班日期'],
];

test.each(REFUSED)('%s is refused, naming the row', (_what, rows, message) => {
  expect(() => checkCalendarRows(2027, rows)).toThrow(message);
});

test('a holiday on a weekend is accepted: the notice lists the whole break', () => {
  // Saturday 6 and Sunday 7 February 2027.
  expect(checkCalendarRows(2027, [row('2027-02-07'), row('2027-02-06')]).map((d) => d.date)).toEqual([
    '2027-02-06',
    '2027-02-07',
  ]);
});

test('a 调休 Saturday is accepted, names and dates trimmed, sorted by date', () => {
  expect(checkCalendarRows(2027, [row(' 2027-02-20 ', 'workday', ' 春节 '), row('2027-02-08')])).toEqual([
    row('2027-02-08'),
    row('2027-02-20', 'workday'),
  ]);
});

test('the seed knows the library’s years, 2004 to 2026, with the 2026 National Day and its 调休', () => {
  const years = libraryCalendarYears();
  expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  const y2026 = years.find((y) => y.year === 2026);
  expect(y2026?.days).toContainEqual({ date: '2026-10-01', kind: 'holiday', name: '国庆节' });
  expect(y2026?.days).toContainEqual({ date: '2026-10-10', kind: 'workday', name: '国庆节' });
  // Counted with the seeded data, 2026-09-30 + 3 working days lands on the make-up Saturday.
  expect(dueAt(calendarOf(years), new Date('2026-09-30T02:00:00Z'), 3, true).at).toEqual(
    endOfShanghaiDay('2026-10-10'),
  );
});
