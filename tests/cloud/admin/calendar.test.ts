/**
 * 节假日安排 as data (issue 17): working-day deadlines count with the calendar admins enter; a year
 * without one gives provisional deadlines and an alert to admins; entering the year settles them.
 *
 * The functions run on the local cloud's clock, so the test learns "this year" from an answer (a
 * declaration's submittedAt), never from its own clock, and the 2027 case starts from a fixed instant.
 */

import {
  calendarOf,
  dueAt,
  endOfShanghaiDay,
  NO_CALENDAR,
} from '../../../cloudfunctions/_shared/domain/deadlines';
import { DECLARATIONS } from '../../../cloudfunctions/_shared/domain/declarations';
import {
  CALENDAR,
  type CalendarAlertDoc,
  SYSTEM_ALERTS,
} from '../../../cloudfunctions/_shared/domain/holiday-calendar';
import { shanghaiDay } from '../../../miniprogram/shared/time';
import type { CalendarDay, Result, SchedulerTickResponse } from '../../../typings/api';
import { startWorld, type World } from '../../helpers/world';

const ADMIN = 'demo-admin';
const LUOYONG = 'demo-resident-luoyong';
const SUPERVISOR = 'demo-supervisor';

let world: World;

async function tick(): Promise<SchedulerTickResponse> {
  const res = await world.trigger<Result<SchedulerTickResponse>>('scheduler');
  if (!res.ok) throw new Error(`scheduler failed: ${res.code} ${res.message}`);
  return res.data;
}

/** A plain year: 国庆节 1–7 October off, no 调休 (enough for any year the test may run in). */
const plainYear = (year: number): CalendarDay[] =>
  ['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
    date: `${year}-10-${d}`,
    kind: 'holiday',
    name: '国庆节',
  }));

/** The test's 2027: 春节 6–13 February off, Saturday 20 February worked. */
const SPRING_2027: CalendarDay[] = [
  ...['06', '07', '08', '09', '10', '11', '12', '13'].map(
    (d): CalendarDay => ({ date: `2027-02-${d}`, kind: 'holiday', name: '春节' }),
  ),
  { date: '2027-02-20', kind: 'workday', name: '春节' },
];

let declarationId = '';
let submittedAt = '';
let thisYear = 0;
let tipoffCode = '';

beforeAll(async () => {
  world = await startWorld();
  // A cloud whose calendar ends before these years, and a project whose stages count working days.
  await world.db
    .collection(CALENDAR)
    .where({ year: world.db.command.gte(2020) })
    .remove();
  const { data } = await world.db
    .collection<{ _id: string; chain: Array<Record<string, unknown>> }>('projects')
    .where({ code: 'YIMIN' })
    .limit(1)
    .get();
  const chain = (data[0]?.chain ?? []).map((s) => ({ ...s, workingDays: s.key !== 'publicity' }));
  await world.db.collection('projects').doc('YIMIN').update({ data: { chain } });
});
afterAll(() => world.close());

test('without the year’s calendar a working-day deadline is provisional, and the answers say so', async () => {
  const sent = await world.ok(
    'declaration',
    'submit',
    {
      code: 'YIMIN',
      answers: { registeredMigrant: true, reservoir: '江口水库' },
      attachments: [
        {
          materialKey: 'idCard',
          fileID: 'cloud://ykt-local.local/declarations/u-demo-resident-luoyong/idCard/1.jpg',
        },
      ],
    },
    LUOYONG,
  );
  declarationId = sent.declarationId;
  const detail = await world.ok('declaration', 'detail', { declarationId }, LUOYONG);
  submittedAt = detail.submittedAt;
  thisYear = Number(shanghaiDay(new Date(submittedAt)).slice(0, 4));
  expect(detail.dueProvisional).toBe(true);
  // Weekends only, in the meantime.
  expect(detail.dueAt).toBe(dueAt(NO_CALENDAR, new Date(submittedAt), 7, true).at.toISOString());
  expect(detail.timeline.find((t) => t.dueAt)?.dueProvisional).toBe(true);
  const mine = await world.ok('declaration', 'mine', {}, LUOYONG);
  expect(mine.items.find((d) => d.declarationId === declarationId)?.dueProvisional).toBe(true);

  const tip = await world.ok(
    'tipoff',
    'submit',
    {
      kind: 'other',
      anonymous: false,
      regionCode: '511702001001',
      content: '村务公开栏长期没有更新，请核实。',
    },
    LUOYONG,
  );
  tipoffCode = tip.trackingCode;
  expect(tip.acceptByProvisional).toBe(true);
  const list = await world.ok('tipoff', 'list', { pageSize: 50 }, SUPERVISOR);
  expect(list.items.find((t) => t.trackingCode === tipoffCode)?.dueProvisional).toBe(true);
});

test('the scheduler alerts admins to the missing year once, and admins see it', async () => {
  const first = await tick();
  expect(first.calendar.alertsRaised).toContain(thisYear);
  const second = await tick();
  expect(second.calendar.alertsRaised).toEqual([]);
  const { data } = await world.db
    .collection<CalendarAlertDoc>(SYSTEM_ALERTS)
    .where({ kind: 'calendar_missing', status: 'open' })
    .limit(10)
    .get();
  expect(data.filter((a) => a.year === thisYear)).toHaveLength(1);

  const seen = await world.ok('admin', 'calendar', {}, ADMIN);
  expect(seen.missingYears).toContain(thisYear);
  expect(seen.year).toBeNull();
  expect(seen.alerts.map((a) => a.year)).toContain(thisYear);
  expect(seen.alerts[0]?.message).toMatch(/节假日安排尚未录入/);
  // The seeded years from the library are listed with their source.
  expect(seen.years.find((y) => y.year === 2019)).toMatchObject({ source: 'chinese-days', version: 1 });
});

test.each([
  ['a resident', LUOYONG, 'FORBIDDEN'],
  ['a supervisor', SUPERVISOR, 'FORBIDDEN'],
  ['a village cadre', 'demo-cadre-village', 'FORBIDDEN'],
  ['someone not registered', 'calendar-visitor', 'FORBIDDEN'],
])('%s may not enter a calendar, and nothing is written', async (_who, openid, code) => {
  const before = await world.snapshot(CALENDAR, SYSTEM_ALERTS);
  const res = await world.call(
    'admin',
    'importCalendar',
    { year: 2030, version: 0, rows: plainYear(2030) },
    openid,
  );
  expect(res).toMatchObject({ ok: false, code });
  expect(await world.call('admin', 'calendar', {}, openid)).toMatchObject({ ok: false, code });
  expect(await world.snapshot(CALENDAR, SYSTEM_ALERTS)).toBe(before);
});

test.each<[string, CalendarDay[], RegExp]>([
  [
    'a date that does not exist',
    [{ date: '2030-02-30', kind: 'holiday', name: '春节' }],
    /第1行：日期不正确/,
  ],
  [
    'a date outside the year',
    [{ date: '2031-01-01', kind: 'holiday', name: '元旦' }],
    /第1行：2031-01-01 不在2030年内/,
  ],
  [
    'the same date twice',
    [
      { date: '2030-01-01', kind: 'holiday', name: '元旦' },
      { date: '2030-01-01', kind: 'holiday', name: '元旦' },
    ],
    /第2行：2030-01-01 与第1行重复/,
  ],
  // 2030-10-08 is a Tuesday.
  [
    'a 调休 working day on a weekday',
    [{ date: '2030-10-08', kind: 'workday', name: '国庆节' }],
    /第1行：2030-10-08 是周二/,
  ],
  ['no rows at all', [], /请填写2030年的放假日期和调休上班日期/],
])('%s is refused in plain Chinese and writes nothing', async (_what, rows, message) => {
  const before = await world.snapshot(CALENDAR, SYSTEM_ALERTS);
  const res = await world.call('admin', 'importCalendar', { year: 2030, version: 0, rows }, ADMIN);
  expect(res).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  if (!res.ok) expect(res.message).toMatch(message);
  expect(await world.snapshot(CALENDAR, SYSTEM_ALERTS)).toBe(before);
});

test('entering the year settles its provisional deadlines and resolves the alert', async () => {
  const years = [thisYear, thisYear + 1];
  for (const year of years) {
    const current = await world.ok('admin', 'calendar', { year }, ADMIN);
    await world.ok(
      'admin',
      'importCalendar',
      { year, version: current.year?.version ?? 0, rows: plainYear(year) },
      ADMIN,
    );
  }
  const seen = await world.ok('admin', 'calendar', { year: thisYear }, ADMIN);
  expect(seen.alerts.map((a) => a.year)).not.toContain(thisYear);
  expect(seen.year).toMatchObject({ year: thisYear, source: 'admin', version: 1, dayCount: 7 });

  const ran = await tick();
  expect(ran.calendar.settled).toBeGreaterThanOrEqual(2);
  const entered = calendarOf(years.map((year) => ({ year, days: plainYear(year) })));
  const detail = await world.ok('declaration', 'detail', { declarationId }, LUOYONG);
  expect(detail.dueProvisional).toBe(false);
  expect(detail.dueAt).toBe(dueAt(entered, new Date(submittedAt), 7, true).at.toISOString());
  const list = await world.ok('tipoff', 'list', { pageSize: 50 }, SUPERVISOR);
  expect(list.items.find((t) => t.trackingCode === tipoffCode)?.dueProvisional).toBe(false);
  // Nothing is left to settle.
  expect((await tick()).calendar.settled).toBe(0);
});

test('a 2027 deadline across 春节 honours the 2027 calendar; a re-import bumps the version and recounts', async () => {
  // A stage that began on Thursday 2027-02-04 and counted 7 working days without the 2027 calendar.
  const from = new Date('2027-02-04T02:00:00Z');
  const weekendsOnly = dueAt(NO_CALENDAR, from, 7, true);
  expect(weekendsOnly.at.toISOString()).toBe(endOfShanghaiDay('2027-02-15').toISOString());
  await world.db
    .collection(DECLARATIONS)
    .doc(declarationId)
    .update({ data: { dueAt: weekendsOnly.at, dueProvisional: { from, days: 7, missingYear: 2027 } } });
  const { version: before } = await world.db
    .collection<{ _id: string; version: number }>(DECLARATIONS)
    .doc(declarationId)
    .get()
    .then((r) => r.data);

  const held = await world.ok('admin', 'calendar', { year: 2027 }, ADMIN);
  const version = held.year?.version ?? 0;
  // A stale version is refused.
  expect(
    await world.call(
      'admin',
      'importCalendar',
      { year: 2027, version: version + 5, rows: SPRING_2027 },
      ADMIN,
    ),
  ).toMatchObject({
    ok: false,
    code: 'CONFLICT',
  });
  const imported = await world.ok(
    'admin',
    'importCalendar',
    { year: 2027, version, rows: SPRING_2027 },
    ADMIN,
  );
  expect(imported.year).toMatchObject({ year: 2027, version: version + 1, source: 'admin', dayCount: 9 });

  await tick();
  const detail = await world.ok('declaration', 'detail', { declarationId }, LUOYONG);
  // 5 February, then 15–19 February, then the worked Saturday.
  expect(detail.dueAt).toBe(endOfShanghaiDay('2027-02-20').toISOString());
  expect(detail.dueProvisional).toBe(false);
  const { version: after } = await world.db
    .collection<{ _id: string; version: number }>(DECLARATIONS)
    .doc(declarationId)
    .get()
    .then((r) => r.data);
  expect(after).toBe(before + 1);
});
