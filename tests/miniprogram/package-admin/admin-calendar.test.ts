/**
 * 节假日安排 as an admin uses it: the years held and missing, a year's days, and entering a year from the
 * State Council's notice — typed as lines, checked on the phone, reviewed, imported with the version
 * last read. Then the parser on its own, table by table.
 */
import {
  formatCalendarText,
  parseCalendarText,
} from '../../../miniprogram/package-admin/pages/calendar/parse';
import type {
  CalendarDay,
  CalendarResponse,
  CalendarYearSummary,
  ImportCalendarResponse,
  Ok,
} from '../../../typings/api';
import { type Rendered, render, settle, textOf } from '../helpers/render';
import { buttonLabels, find, isDisabled, tapButton, tapCell, typeIntoTextarea } from '../helpers/steps';
import {
  type Answers,
  type EventAt,
  eventsOf,
  fail,
  mockActions,
  mockApi,
  mockModal,
  ok,
} from '../helpers/wx-mocks';

const CALENDAR = 'package-admin/pages/calendar/index';
// The tests' day (tests/helpers/test-day.ts) is 26 November 2026: next year is due from 1 November.

const SPRING_2027 = '2027-02-06至2027-02-13 放假 春节\n2027-02-20 上班 春节调休';

function summary(year: number, over: Partial<CalendarYearSummary> = {}): CalendarYearSummary {
  return {
    year,
    source: 'chinese-days',
    version: 1,
    updatedAt: '2026-01-05T02:00:00.000Z',
    dayCount: 2,
    ...over,
  };
}

const NATIONAL_2026: CalendarDay[] = [
  { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-02', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-10', kind: 'workday', name: '国庆节' },
  { date: '2026-01-01', kind: 'holiday', name: '元旦' },
];

/** The cloud holding 2026 (and 2025) but not 2027, as the server answers `admin.calendar`. */
function calendarAnswer(
  held: Record<number, CalendarDay[]> = { 2026: NATIONAL_2026 },
): (event: EventAt<'admin.calendar'>) => Ok<CalendarResponse> {
  return (event) => {
    const years = Object.keys(held)
      .map(Number)
      .sort((a, b) => b - a)
      .map((y) =>
        summary(y, { dayCount: held[y].length, ...(y === 2026 ? { version: 3, source: 'admin' } : {}) }),
      );
    const asked = Number(event.year ?? 2026);
    const found = years.find((y) => y.year === asked);
    return ok({
      years,
      year: found ? { ...found, days: held[asked] } : null,
      missingYears: [2026, 2027].filter((y) => !held[y]),
      alerts: [],
    });
  };
}

function adminCloud(answers: Answers = {}) {
  return mockActions({
    'admin.calendar': calendarAnswer(),
    'admin.importCalendar': (event) =>
      ok({
        year: {
          ...summary(Number(event.year), { source: 'admin', version: Number(event.version) + 1 }),
          days: event.rows as CalendarDay[],
        },
      } satisfies ImportCalendarResponse),
    ...answers,
  });
}

async function openCalendar(): Promise<Rendered> {
  const page = render(CALENDAR);
  await settle();
  return page;
}

/** The days shown, holiday by holiday: name, count, and each day as `2月6日 周六 放假`. */
function daysShown(page: Rendered): Array<{ name: string; summary: string; days: string[] }> {
  // inside a group, read the rendered DOM: simulate finds classes from the page down only
  const texts = (group: Rendered, name: string) =>
    Array.from(group.dom?.querySelectorAll(`[class$="--${name}"]`) ?? []).map((el) =>
      el.children.length
        ? Array.from(el.children, (part) => (part.textContent ?? '').trim()).join(' ')
        : (el.textContent ?? '').trim(),
    );
  return page.querySelectorAll('.holiday-group').map((group) => ({
    name: texts(group, 'holiday__name')[0],
    summary: texts(group, 'holiday__summary')[0],
    days: texts(group, 'day'),
  }));
}

/** Picks a year in the editor's picker, as the platform's picker answers with its index. */
async function pickYear(page: Rendered, year: number): Promise<void> {
  const labels = (page.instance as unknown as { data: { pickerLabels: string[] } }).data.pickerLabels;
  find(page, '.year-picker').dispatchEvent('change', { detail: { value: labels.indexOf(`${year}年`) } });
  await settle();
}

async function openEditorFor2027(page: Rendered): Promise<void> {
  await tapButton(page, '.missing--2027 .missing__enter');
}

const problemsShown = (page: Rendered) => page.querySelectorAll('.problem').map((p) => textOf(p));

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('stopPullDownRefresh');
  mockApi('pageScrollTo');
});

describe('the years held and missing', () => {
  test('each year held shows where it came from, its version, when it was updated and its size', async () => {
    adminCloud({
      'admin.calendar': calendarAnswer({ 2026: NATIONAL_2026, 2025: NATIONAL_2026.slice(0, 1) }),
    });
    const page = await openCalendar();
    const years = page.querySelectorAll('.year');
    expect(years.map((y) => textOf(y.querySelector('.t-cell__title-text')))).toEqual(['2026年', '2025年']);
    expect(textOf(find(page, '.year--2026 .year__source'))).toBe('管理员录入 · 第3版 · 4天');
    expect(textOf(find(page, '.year--2025 .year__source'))).toBe('系统导入 · 第1版 · 1天');
    expect(textOf(find(page, '.year--2026 .year__updated'))).toBe('2026-01-05 10:00 更新');
  });

  test('years before last year are listed only on asking', async () => {
    adminCloud({
      'admin.calendar': calendarAnswer({ 2026: NATIONAL_2026, 2025: [], 2024: [], 2023: [] }),
    });
    const page = await openCalendar();
    const listed = () =>
      page.querySelectorAll('.year').map((y) => textOf(y.querySelector('.t-cell__title-text')));
    expect(listed()).toEqual(['2026年', '2025年']);
    expect(buttonLabels(page, '.show-older')).toEqual(['显示更早的2个年份']);
    await tapButton(page, '.show-older');
    expect(listed()).toEqual(['2026年', '2025年', '2024年', '2023年']);
    expect(page.querySelector('.show-older')).toBeUndefined();
  });

  test('next year, missing in late November, is called out with the reason and what to do', async () => {
    adminCloud();
    const page = await openCalendar();
    expect(page.querySelectorAll('.missing').length).toBe(1);
    expect(textOf(find(page, '.missing--2027 .missing__title'))).toBe('2027年节假日安排尚未录入');
    expect(textOf(find(page, '.missing--2027 .missing__reason'))).toContain('暂定');
    expect(textOf(find(page, '.missing--2027 .missing__advice'))).toContain('国务院办公厅');
  });

  test('this year’s days are shown by holiday, each with its weekday and whether it is off or worked', async () => {
    adminCloud();
    const page = await openCalendar();
    expect(textOf(find(page, '.shown-title'))).toBe('2026年的放假和调休上班日期');
    expect(daysShown(page)).toEqual([
      { name: '元旦', summary: '放假 1 天', days: ['1月1日 周四 放假'] },
      {
        name: '国庆节',
        summary: '放假 2 天 · 调休上班 1 天',
        days: ['10月1日 周四 放假', '10月2日 周五 放假', '10月10日 周六 调休上班'],
      },
    ]);
  });

  test('tapping another year shows its days', async () => {
    const cloud = adminCloud({
      'admin.calendar': calendarAnswer({
        2026: NATIONAL_2026,
        2025: [{ date: '2025-05-01', kind: 'holiday', name: '劳动节' }],
      }),
    });
    const page = await openCalendar();
    await tapCell(page, '.year--2025');
    expect(eventsOf(cloud, 'admin.calendar').at(-1)).toEqual({ action: 'calendar', year: 2025 });
    expect(textOf(find(page, '.shown-title'))).toBe('2025年的放假和调休上班日期');
    expect(daysShown(page)).toEqual([{ name: '劳动节', summary: '放假 1 天', days: ['5月1日 周四 放假'] }]);
  });

  test('someone who is not an admin is told so instead of a list', async () => {
    adminCloud({ 'admin.calendar': fail('FORBIDDEN', '只有管理员可以维护节假日安排') });
    const page = await openCalendar();
    expect(textOf(find(page, '.failure').querySelector('.t-empty__description'))).toBe(
      '只有管理员可以维护节假日安排',
    );
    expect(page.querySelector('.open-editor')).toBeUndefined();
  });
});

describe('entering a year', () => {
  test('a missing year is entered, reviewed as a table and imported with version 0', async () => {
    const cloud = adminCloud();
    const page = await openCalendar();
    await openEditorFor2027(page);
    expect(textOf(find(page, '.year-picker__value'))).toContain('2027年');
    expect(textOf(find(page, '.editor__held'))).toBe('2027年还没有录入，导入后按工作日计算的期限才是准的。');

    await typeIntoTextarea(page, '.calendar-text', SPRING_2027);
    await tapButton(page, '.check');
    expect(textOf(find(page, '.review__count'))).toBe('2027年共 9 天：放假 8 天 · 调休上班 1 天');
    expect(daysShown(page)[0].days.slice(0, 2)).toEqual(['2月6日 周六 放假', '2月7日 周日 放假']);
    expect(daysShown(page)[0].days.at(-1)).toBe('2月20日 周六 调休上班');

    await tapButton(page, '.import');
    const [sent] = eventsOf(cloud, 'admin.importCalendar');
    expect(sent).toMatchObject({ action: 'importCalendar', year: 2027, version: 0 });
    expect(sent.rows).toHaveLength(9);
    expect((sent.rows as CalendarDay[])[8]).toEqual({
      date: '2027-02-20',
      kind: 'workday',
      name: '春节调休',
    });
    expect(wx.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '2027年已导入' }));
    // back on the list, asked again for the year just entered
    expect(eventsOf(cloud, 'admin.calendar').at(-1)).toEqual({ action: 'calendar', year: 2027 });
  });

  test('mistakes are listed by line and nothing is sent', async () => {
    const cloud = adminCloud();
    const page = await openCalendar();
    await openEditorFor2027(page);
    await typeIntoTextarea(
      page,
      '.calendar-text',
      '2027-02-06 放假 春节\n2027-02-30 放假 春节\n2027-02-22 上班 春节',
    );
    await tapButton(page, '.check');
    expect(problemsShown(page)).toEqual([
      '第2行：2027年2月30日这一天不存在，请核对日期',
      '第3行：2027-02-22 是周一，本来就要上班；调休上班日只能是周六或周日',
    ]);
    expect(page.querySelector('.review')).toBeUndefined();
    expect(eventsOf(cloud, 'admin.importCalendar')).toEqual([]);
  });

  test('修改 a year held starts from its days and carries the version read', async () => {
    const cloud = adminCloud();
    const page = await openCalendar();
    await tapButton(page, '.open-editor');
    await pickYear(page, 2026);
    expect(textOf(find(page, '.editor__held'))).toBe('2026年已有管理员录入的第3版（4天），导入会整体替换。');
    const text = (page.instance as unknown as { data: { text: string } }).data.text;
    expect(text).toBe('2026-01-01 放假 元旦\n2026-10-01至2026-10-02 放假 国庆节\n2026-10-10 上班 国庆节');
    await typeIntoTextarea(page, '.calendar-text', `${text}\n2026-10-03 放假 国庆节`);
    await tapButton(page, '.check');
    await tapButton(page, '.import');
    expect(eventsOf(cloud, 'admin.importCalendar')[0]).toMatchObject({ year: 2026, version: 3 });
    expect(eventsOf(cloud, 'admin.importCalendar')[0].rows).toHaveLength(5);
  });

  test('when someone else changed the year meanwhile, the admin is told, the version is read again, the text kept', async () => {
    let version = 3;
    const held = () => calendarAnswer({ 2026: NATIONAL_2026 });
    const cloud = adminCloud({
      'admin.calendar': (event) => {
        const answer = held()(event);
        if (answer.data.year) answer.data.year.version = version;
        return answer;
      },
      'admin.importCalendar': (event) =>
        event.version === version
          ? ok({ year: { ...summary(2026, { version: version + 1 }), days: [] } })
          : fail('CONFLICT', '2026年的节假日安排刚刚被他人修改，请刷新后重新导入'),
    });
    const showModal = mockModal(true);
    const page = await openCalendar();
    await tapButton(page, '.open-editor');
    await pickYear(page, 2026);
    const typed = '2026-10-01至2026-10-07 放假 国庆节';
    await typeIntoTextarea(page, '.calendar-text', typed);
    await tapButton(page, '.check');
    version = 4; // another admin imports 2026 now
    await tapButton(page, '.import');

    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '别人刚刚修改过' }));
    expect(page.querySelector('.editor')).toBeDefined();
    expect((page.instance as unknown as { data: { text: string } }).data.text).toBe(typed);
    expect(textOf(find(page, '.editor__held'))).toContain('第4版');

    await tapButton(page, '.check');
    await tapButton(page, '.import');
    expect(eventsOf(cloud, 'admin.importCalendar').map((e) => e.version)).toEqual([3, 4]);
  });

  test('a refusal of the server is shown in its own words on the review screen', async () => {
    adminCloud({
      'admin.importCalendar': fail('INVALID_ARGUMENT', '第1行：2027-02-06 不在2028年内'),
    });
    const page = await openCalendar();
    await openEditorFor2027(page);
    await typeIntoTextarea(page, '.calendar-text', SPRING_2027);
    await tapButton(page, '.check');
    await tapButton(page, '.import');
    expect(textOf(find(page, '.server-problem'))).toBe('第1行：2027-02-06 不在2028年内');
    expect(isDisabled(page, '.import')).toBe(false);
  });

  test('what was typed survives the app being killed, until the server confirms the import', async () => {
    adminCloud();
    const first = await openCalendar();
    await openEditorFor2027(first);
    await typeIntoTextarea(first, '.calendar-text', SPRING_2027);

    // the app is killed and opened again
    const again = await openCalendar();
    await openEditorFor2027(again);
    expect((again.instance as unknown as { data: { text: string } }).data.text).toBe(SPRING_2027);
    expect(textOf(find(again, '.editor__draft'))).toBe('已恢复您上次没有导入的内容。');

    await tapButton(again, '.check');
    await tapButton(again, '.import');
    const afterImport = await openCalendar();
    await tapButton(afterImport, '.open-editor');
    await pickYear(afterImport, 2027);
    expect((afterImport.instance as unknown as { data: { text: string } }).data.text).toBe('');
    expect(afterImport.querySelector('.editor__draft')).toBeUndefined();
  });

  test('a draft stays when the import is refused', async () => {
    adminCloud({ 'admin.importCalendar': fail('INTERNAL', '服务暂时不可用，请稍后重试') });
    const page = await openCalendar();
    await openEditorFor2027(page);
    await typeIntoTextarea(page, '.calendar-text', SPRING_2027);
    await tapButton(page, '.check');
    await tapButton(page, '.import');
    const again = await openCalendar();
    await openEditorFor2027(again);
    expect((again.instance as unknown as { data: { text: string } }).data.text).toBe(SPRING_2027);
  });
});

describe('the parser', () => {
  const parse = (text: string, year = 2027) => parseCalendarText(year, text);
  const dates = (text: string) => parse(text).days.map((d) => `${d.date} ${d.kind} ${d.name}`);

  test.each([
    ['one day', '2027-04-05 放假 清明节', ['2027-04-05 holiday 清明节']],
    [
      'English kinds',
      '2027-04-05 holiday 清明节\n2027-04-10 workday 清明节',
      ['2027-04-05 holiday 清明节', '2027-04-10 workday 清明节'],
    ],
    [
      'full-width spaces and digits',
      '２０２７－０４－０５\u3000放假\u3000清明节',
      ['2027-04-05 holiday 清明节'],
    ],
    ['commas and 、', '2027-04-05，放假，清明节', ['2027-04-05 holiday 清明节']],
    ['slashes and no padding', '2027/4/5 放假 清明节', ['2027-04-05 holiday 清明节']],
    ['年月日', '2027年4月5日 放假 清明节', ['2027-04-05 holiday 清明节']],
    ['kind and name without a space', '2027-04-05 放假清明节', ['2027-04-05 holiday 清明节']],
    [
      '调休上班 and 休',
      '2027-04-10 调休上班 清明节\n2027-04-05 休 清明节',
      ['2027-04-05 holiday 清明节', '2027-04-10 workday 清明节'],
    ],
  ])('reads %s', (_, text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  test.each([
    ['至 with two full dates', '2027-10-01至2027-10-03 放假 国庆节'],
    ['到 with month and day', '2027-10-01到10-03 放假 国庆节'],
    ['~ with a day only', '2027年10月1日~3日 放假 国庆节'],
    ['a plain hyphen between full dates', '2027-10-01-2027-10-03 放假 国庆节'],
  ])('expands a range written with %s into its days', (_, text) => {
    expect(dates(text)).toEqual([
      '2027-10-01 holiday 国庆节',
      '2027-10-02 holiday 国庆节',
      '2027-10-03 holiday 国庆节',
    ]);
  });

  test('skips empty lines but counts them in line numbers', () => {
    const result = parse('\n2027-04-05 放假 清明节\n   \n2027-04-05 放假 清明节');
    expect(result.problems).toEqual(['第4行：2027-04-05 与第2行重复']);
  });

  test.each([
    ['a day that does not exist', '2027-02-29 放假 春节', '第1行：2027年2月29日这一天不存在，请核对日期'],
    [
      'no date at the start',
      '春节 2027-02-06 放假',
      '第1行：看不懂开头的日期，请按“2027-02-06 放假 春节”的格式填写',
    ],
    ['a day of another year', '2027-01-01 放假 元旦\n2026-12-31 放假 元旦', '第2行：2026-12-31 不在2027年内'],
    ['an unknown kind', '2027-02-06 请假 春节', '第1行：请写明“放假”还是“上班”，如“2027-02-06 放假 春节”'],
    ['no name', '2027-02-06 放假', '第1行：请写上节日名称，如“春节”'],
    [
      'a reversed range',
      '2027-02-13至2027-02-06 放假 春节',
      '第1行：起止日期前后颠倒了，请把早的日期写在前面',
    ],
    [
      'an overlong range',
      '2027-01-01至2027-03-01 放假 春节',
      '第1行：2027-01-01至2027-03-01超过31天，请核对起止日期',
    ],
    [
      'a weekday to be worked',
      '2027-02-22 上班 春节',
      '第1行：2027-02-22 是周一，本来就要上班；调休上班日只能是周六或周日',
    ],
    [
      'a day inside a range twice',
      '2027-02-06至2027-02-08 放假 春节\n2027-02-07 放假 春节',
      '第2行：2027-02-07 与第1行重复',
    ],
    ['nothing at all', ' \n\n', '请填写2027年的放假日期和调休上班日期，每行一条'],
  ])('refuses %s', (_, text, problem) => {
    const result = parse(text);
    expect(result.problems).toEqual([problem]);
    expect(result.days).toEqual([]);
  });

  test('dates all of another year point at the year picked, not at every line', () => {
    expect(parse('2027-02-06 放假 春节\n2027-02-20 上班 春节', 2026).problems).toEqual([
      '填写的日期都是2027年的，上面选的却是2026年：请点“更换年份”选2027年',
    ]);
  });

  test('names every bad line, not only the first', () => {
    expect(parse('2027-02-30 放假 春节\n2027-02-06 放假 春节\nabc').problems).toEqual([
      '第1行：2027年2月30日这一天不存在，请核对日期',
      '第3行：看不懂开头的日期，请按“2027-02-06 放假 春节”的格式填写',
    ]);
  });

  test('sorts the days by date whatever order they were typed in', () => {
    expect(dates('2027-10-01 放假 国庆节\n2027-01-01 放假 元旦')).toEqual([
      '2027-01-01 holiday 元旦',
      '2027-10-01 holiday 国庆节',
    ]);
  });

  test('what is held, written as text, reads back to the same days', () => {
    const days = parse(SPRING_2027).days;
    expect(formatCalendarText(days)).toBe(SPRING_2027);
    expect(parse(formatCalendarText(days)).days).toEqual(days);
  });
});
