import {
  type CalendarYear,
  calendarOf,
  calendarYearsDue,
  dueAt,
  endOfShanghaiDay,
  NO_CALENDAR,
} from '../../../../cloudfunctions/_shared/domain/deadlines';

/** 2026 as the State Council's notice has it (国办发明电〔2025〕7号), written as data. */
const Y2026: CalendarYear = {
  year: 2026,
  days: [
    ...['01-01', '01-02', '01-03'].map((d) => ({ date: `2026-${d}`, kind: 'holiday' as const })),
    { date: '2026-01-04', kind: 'workday' },
    ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({
      date: `2026-02-${d}`,
      kind: 'holiday' as const,
    })),
    { date: '2026-02-14', kind: 'workday' },
    { date: '2026-02-28', kind: 'workday' },
    ...['04-04', '04-05', '04-06'].map((d) => ({ date: `2026-${d}`, kind: 'holiday' as const })),
    ...['01', '02', '03', '04', '05'].map((d) => ({ date: `2026-05-${d}`, kind: 'holiday' as const })),
    { date: '2026-05-09', kind: 'workday' },
    ...['19', '20', '21'].map((d) => ({ date: `2026-06-${d}`, kind: 'holiday' as const })),
    ...['25', '26', '27'].map((d) => ({ date: `2026-09-${d}`, kind: 'holiday' as const })),
    { date: '2026-09-20', kind: 'workday' },
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
      date: `2026-10-${d}`,
      kind: 'holiday' as const,
    })),
    { date: '2026-10-10', kind: 'workday' },
  ],
};

/** The test's own 2027: 元旦 1 January, 春节 6–13 February off, Saturday 20 February worked (调休). */
const Y2027: CalendarYear = {
  year: 2027,
  days: [
    { date: '2027-01-01', kind: 'holiday' },
    ...['06', '07', '08', '09', '10', '11', '12', '13'].map((d) => ({
      date: `2027-02-${d}`,
      kind: 'holiday' as const,
    })),
    { date: '2027-02-20', kind: 'workday' },
  ],
};

const WITH_2026 = calendarOf([Y2026]);
const BOTH = calendarOf([Y2026, Y2027]);

test('a deadline ends at midnight Beijing time', () => {
  expect(endOfShanghaiDay('2026-03-10').toISOString()).toBe('2026-03-10T15:59:59.999Z');
});

type Row = [
  what: string,
  calendar: ReturnType<typeof calendarOf>,
  from: string,
  days: number,
  workingDays: boolean,
  due: string,
  provisional: boolean,
];

const ROWS: Row[] = [
  // Submitted 2026-09-30 10:00 in Beijing.
  [
    'calendar days run through weekends and holidays',
    WITH_2026,
    '2026-09-30T02:00:00Z',
    7,
    false,
    '2026-10-07',
    false,
  ],
  // 1–7 October 2026 are holidays; 10 October (a Saturday) is a make-up working day.
  [
    'working days skip the National Day holiday',
    WITH_2026,
    '2026-09-30T02:00:00Z',
    1,
    true,
    '2026-10-08',
    false,
  ],
  [
    'the make-up Saturday counts as a working day',
    WITH_2026,
    '2026-09-30T02:00:00Z',
    3,
    true,
    '2026-10-10',
    false,
  ],
  // Friday 2026-03-13 → 5 working days → Friday 2026-03-20.
  ['working days skip an ordinary weekend', WITH_2026, '2026-03-13T01:00:00Z', 5, true, '2026-03-20', false],
  // 2026-03-13 23:30 Beijing is 15:30 UTC the same date; 2026-03-14 00:30 Beijing is the 14th.
  [
    'late evening in Beijing is already the next day there',
    WITH_2026,
    '2026-03-13T16:30:00Z',
    1,
    false,
    '2026-03-15',
    false,
  ],
  // Thursday 2027-02-04: 5 (Fri), then 春节 to the 13th, 15–19 February, then the worked Saturday 20th.
  [
    'a 2027 deadline skips 春节 and counts its 调休 Saturday',
    BOTH,
    '2027-02-04T02:00:00Z',
    7,
    true,
    '2027-02-20',
    false,
  ],
  [
    'without a 2027 calendar the same count sees weekends only',
    WITH_2026,
    '2027-02-04T02:00:00Z',
    7,
    true,
    '2027-02-15',
    true,
  ],
  // Monday 2026-12-28: 29, 30, 31 December, then 2027 from Friday 1 January.
  [
    'a span into a year with no calendar is provisional',
    WITH_2026,
    '2026-12-28T02:00:00Z',
    5,
    true,
    '2027-01-04',
    true,
  ],
  [
    'the same span with both years held skips 元旦',
    BOTH,
    '2026-12-28T02:00:00Z',
    5,
    true,
    '2027-01-05',
    false,
  ],
  [
    'a count that stays inside a held year is not provisional',
    WITH_2026,
    '2026-12-21T02:00:00Z',
    5,
    true,
    '2026-12-28',
    false,
  ],
  ['calendar days never need a calendar', NO_CALENDAR, '2027-02-04T02:00:00Z', 7, false, '2027-02-11', false],
  [
    'no calendar at all: weekends only, provisional',
    NO_CALENDAR,
    '2026-09-30T02:00:00Z',
    1,
    true,
    '2026-10-01',
    true,
  ],
];

test.each(ROWS)('%s', (_what, calendar, from, days, workingDays, due, provisional) => {
  const result = dueAt(calendar, new Date(from), days, workingDays);
  expect(result.at.toISOString()).toBe(endOfShanghaiDay(due).toISOString());
  expect(result.provisional).toBe(provisional);
});

test('a provisional deadline names the first year it lacked', () => {
  expect(dueAt(WITH_2026, new Date('2026-12-28T02:00:00Z'), 5, true).missingYear).toBe(2027);
  expect(dueAt(BOTH, new Date('2026-12-28T02:00:00Z'), 5, true).missingYear).toBeNull();
});

type AlertRow = [what: string, now: string, held: number[], years: number[]];

const ALERTS: AlertRow[] = [
  ['October: next year is not asked for yet', '2026-10-31T15:59:00Z', [2026], []],
  [
    '1 November in Beijing (still 31 October in UTC): next year is due',
    '2026-10-31T16:00:00Z',
    [2026],
    [2027],
  ],
  ['December with next year entered: nothing', '2026-12-04T02:00:00Z', [2026, 2027], []],
  ['a year running without its calendar is due at once', '2027-03-01T02:00:00Z', [2026], [2027]],
  ['November with neither year: both', '2027-11-02T02:00:00Z', [2026], [2027, 2028]],
];

test.each(ALERTS)('admin alert years: %s', (_what, now, held, years) => {
  expect(calendarYearsDue(new Date(now), new Set(held))).toEqual(years);
});
