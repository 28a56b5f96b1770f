import {
  type ChartRow,
  chartGeometry,
  chartHeight,
  drawChart,
  type Painter,
} from '../../../miniprogram/package-supervise/pages/index/chart';
import type {
  AlertView,
  AuditVerifyResponse,
  DashboardFigures,
  DashboardResponse,
  InterviewView,
  OverdueResponse,
  TipoffDetail,
  TipoffSummary,
} from '../../../typings/api';
import { staffLogin, supervisor } from '../helpers/fixtures';
import { openPage, type Rendered, render, settle, textOf } from '../helpers/render';
import { buttonLabels, find, tapButton, typeInto, typeIntoTextarea } from '../helpers/steps';
import {
  type ActionKey,
  type Answers,
  type Envelope,
  type EventAt,
  eventsOf,
  fail,
  mockActions,
  mockApi,
  mockLogin,
  mockModal,
  ok,
} from '../helpers/wx-mocks';

const INDEX = 'package-supervise/pages/index/index';
const TIPOFFS = 'package-supervise/pages/tipoffs/index';
const TIPOFF = 'package-supervise/pages/tipoff/index';
const OVERDUE = 'package-supervise/pages/overdue/index';
const ALERTS = 'package-supervise/pages/alerts/index';
const AUDIT = 'package-supervise/pages/audit/index';

const HOUR = 60 * 60 * 1000;
const hoursAgo = (hours: number): string => new Date(Date.now() - hours * HOUR).toISOString();

/** The n-th tip-off of 通川区, a named payment complaint waiting for acceptance, in time. */
function tipoffSummary(n: number, changes: Partial<TipoffSummary> = {}): TipoffSummary {
  return {
    tipoffId: `t${n}`,
    trackingCode: `JB${String(n).padStart(6, '0')}`,
    kind: 'payment',
    kindText: '发放投诉',
    status: 'submitted',
    statusText: '待受理',
    regionCode: '511702101001',
    regionName: '罗江镇青龙村',
    projectName: '高龄津贴',
    anonymous: false,
    excerpt: `第${n}件：高龄津贴三个月没有到账`,
    createdAt: '2026-03-01T02:00:00.000Z',
    dueAt: new Date(Date.now() + 5 * 24 * HOUR).toISOString(),
    dueProvisional: false,
    overdue: false,
    reopened: false,
    ...changes,
  };
}

function tipoffDetail(changes: Partial<TipoffDetail> = {}): TipoffDetail {
  return {
    ...tipoffSummary(1),
    content: '我家高龄津贴从去年12月起就没有到账，村里说已经报上去了。',
    attachments: [
      { fileID: 'cloud://env/tipoffs/a.jpg', name: '存折.jpg', url: 'https://files.local/tmp/a.jpg?sign=1' },
      { fileID: 'cloud://env/tipoffs/b.png', name: '截图.png', url: 'https://files.local/tmp/b.png?sign=1' },
      { fileID: 'cloud://env/tipoffs/c.pdf', name: '名单.pdf', url: 'https://files.local/tmp/c.pdf?sign=1' },
    ],
    reporter: { maskedName: '张*三', mobile: '138****5678' },
    accused: { maskedName: '王*', unit: '青龙村村民委员会' },
    declarationId: null,
    events: [
      { event: 'submitted', at: '2026-03-01T02:00:00.000Z', unit: '罗江镇青龙村', text: null, actor: '' },
    ],
    conclusion: null,
    reply: null,
    rating: null,
    version: 2,
    ...changes,
  };
}

/** The list answered page by page from these tip-offs. */
function tipoffList(all: TipoffSummary[]): (event: EventAt<'tipoff.list'>) => Envelope<'tipoff.list'> {
  return (event) => {
    const page = Number(event.page ?? 1);
    const pageSize = Number(event.pageSize ?? 20);
    const items = all.slice((page - 1) * pageSize, page * pageSize);
    return ok({ items, total: all.length, page, pageSize });
  };
}

function figures(changes: Partial<DashboardFigures> = {}): DashboardFigures {
  return {
    registeredUsers: 258000,
    declarationsReceived: 5862,
    declarationsValid: 2824,
    approvalsCompleted: 2600,
    approvalsPending: 224,
    payments: [
      { projectCode: 'GAOLING', projectName: '高龄津贴', count: 1200, amountFen: 6000000 },
      { projectCode: 'GENGDI', projectName: '耕地地力保护补贴', count: 300, amountFen: 1500050 },
    ],
    paymentsCount: 1500,
    paymentsFen: 7500050,
    tipoffsReceived: 40,
    tipoffsHandled: 31,
    tipoffsOverdue: 3,
    alertsOpen: 7,
    ...changes,
  };
}

const TONGCHUAN = { regionCode: '511702000000', regionName: '通川区' };
const LUOJIANG = { regionCode: '511702101000', regionName: '罗江镇' };
const PUJIA = { regionCode: '511702102000', regionName: '蒲家镇' };

/** The dashboard of the region asked for (通川区 when none), with its townships below 通川区. */
const dashboardAnswer = (event: EventAt<'supervision.dashboard'>): Envelope<'supervision.dashboard'> => {
  const region = event.regionCode === LUOJIANG.regionCode ? LUOJIANG : TONGCHUAN;
  const answer: DashboardResponse = {
    ...region,
    year: Number(event.year),
    figures: region === TONGCHUAN ? figures() : figures({ tipoffsOverdue: 1, alertsOpen: 0 }),
    breakdown:
      region === TONGCHUAN
        ? [
            { ...LUOJIANG, figures: figures({ tipoffsOverdue: 1, alertsOpen: 0 }) },
            { ...PUJIA, figures: figures({ tipoffsOverdue: 0, alertsOpen: 0 }) },
          ]
        : [],
    asOf: '2026-03-01T02:00:00.000Z',
    countedAt: event.refresh ? '2026-03-01T02:00:00.000Z' : '2026-03-01T01:50:00.000Z',
    file: event.export
      ? {
          fileID: 'cloud://env/exports/dashboard.xlsx',
          url: 'https://files.local/exports/dashboard.xlsx?sign=1',
          fileName: '数据看板-通川区-2026.xlsx',
        }
      : null,
  };
  return ok(answer);
};

function alertView(n: number, changes: Partial<AlertView> = {}): AlertView {
  return {
    alertId: `a${n}`,
    rule: 'card_several_households',
    ruleText: '同一张卡绑定在多个家庭',
    regionCode: '511702101001',
    regionName: '罗江镇青龙村',
    records: [
      { type: 'household', id: 'h1', label: '张*三家（青龙村）' },
      { type: 'household', id: 'h2', label: '李*家（白塔村）' },
    ],
    why: '尾号1234的社保卡绑定在2个家庭',
    status: 'open',
    note: null,
    createdAt: '2026-03-01T02:00:00.000Z',
    resolvedAt: null,
    version: 1,
    ...changes,
  };
}

const OVERDUE_ANSWER: OverdueResponse = {
  units: [
    {
      unitKey: 'township:511702101000',
      unit: '罗江镇人民政府',
      regionCode: '511702101000',
      count: 2,
      longestDays: 12,
      items: [
        {
          kind: 'approval',
          id: 'd1',
          title: '王*1 · 高龄津贴',
          overdueDays: 12,
          dueAt: '2026-02-17T02:00:00.000Z',
          dueProvisional: false,
        },
        {
          kind: 'tipoff',
          id: 't9',
          title: '发放投诉 JB000009',
          overdueDays: 3,
          dueAt: '2026-02-26T02:00:00.000Z',
          dueProvisional: false,
        },
      ],
    },
  ],
  total: 2,
  asOf: '2026-03-01T02:00:00.000Z',
};

function interview(changes: Partial<InterviewView> = {}): InterviewView {
  return {
    interviewId: 'i1',
    unitKey: 'township:511702101000',
    unit: '罗江镇人民政府',
    regionCode: '511702101000',
    headMaskedName: '赵*',
    reason: '多件申报超期未审核',
    heldAt: '2026-02-20T16:00:00.000Z',
    followUp: null,
    followUpAt: null,
    recordedByUnit: '通川区纪委监委',
    ...changes,
  };
}

function supervisorCloud(answers: Answers = {}) {
  return mockActions({
    'user.login': ok(staffLogin(supervisor)),
    'tipoff.list': tipoffList([tipoffSummary(1), tipoffSummary(2)]),
    'tipoff.detail': ok(tipoffDetail()),
    'supervision.dashboard': dashboardAnswer,
    'supervision.alerts': (event) =>
      ok({ items: [alertView(1), alertView(2)], total: 2, page: event.page ?? 1, pageSize: 20 }),
    'supervision.overdue': ok(OVERDUE_ANSWER),
    'supervision.interviews': ok({ items: [interview()], total: 1 }),
    ...answers,
  });
}

/** The query of the last call of an action, without paging. */
function lastQuery(cloud: ReturnType<typeof supervisorCloud>, key: ActionKey): Record<string, unknown> {
  const { page: _p, pageSize: _s, ...query }: Record<string, unknown> = { ...eventsOf(cloud, key).at(-1) };
  return query;
}

async function tap(page: Rendered, selector: string): Promise<void> {
  find(page, selector).dispatchEvent('tap');
  await settle();
}

const texts = (page: Rendered, selector: string): string[] => page.querySelectorAll(selector).map(textOf);
/** The description of the t-empty with this class. */
const emptyText = (page: Rendered, selector: string): string =>
  textOf(find(page, selector).querySelector('.t-empty__description'));
const tagText = (page: Rendered, selector: string): string =>
  textOf(page.querySelector(selector)?.querySelector('.t-tag__text'));

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('stopPullDownRefresh');
});

describe('监督 tab', () => {
  test('a supervisor finds 工作台, 举报件, 超期督办, 存疑数据 and 审计核验', async () => {
    mockLogin(staffLogin(supervisor));
    const page = render('pages/supervise/index');
    await settle();
    expect(
      page.querySelectorAll('.screen').map((cell) => textOf(cell.querySelector('.t-cell__title-text'))),
    ).toEqual(['工作台', '举报件', '超期督办', '存疑数据', '审计核验']);
    expect(page.querySelectorAll('.screen').map((cell) => (cell.data as { url: string }).url)).toEqual([
      '/package-supervise/pages/index/index',
      '/package-supervise/pages/tipoffs/index',
      '/package-supervise/pages/overdue/index',
      '/package-supervise/pages/alerts/index',
      '/package-supervise/pages/audit/index',
    ]);
  });
});

describe('举报件', () => {
  test('opens on every tip-off of the region, without filters', async () => {
    const cloud = supervisorCloud();
    await openPage(TIPOFFS);
    expect(lastQuery(cloud, 'tipoff.list')).toEqual({ action: 'list' });
  });

  test('choosing a status and a kind asks for those tip-offs only', async () => {
    const cloud = supervisorCloud();
    const page = await openPage(TIPOFFS);
    await tapButton(page, '.filter-status--accepted');
    expect(lastQuery(cloud, 'tipoff.list')).toEqual({ action: 'list', status: 'accepted' });
    await tapButton(page, '.filter-kind--publicity');
    expect(lastQuery(cloud, 'tipoff.list')).toEqual({
      action: 'list',
      status: 'accepted',
      kind: 'publicity',
    });
    await tapButton(page, '.filter-status--all');
    expect(lastQuery(cloud, 'tipoff.list')).toEqual({ action: 'list', kind: 'publicity' });
  });

  test('只看超期 asks for overdue tip-offs, and switching it off drops the filter', async () => {
    const cloud = supervisorCloud();
    const page = await openPage(TIPOFFS);
    await tap(find(page, '.filter-overdue'), '.t-switch');
    expect(lastQuery(cloud, 'tipoff.list')).toEqual({ action: 'list', overdueOnly: true });
    await tap(find(page, '.filter-overdue'), '.t-switch');
    expect(lastQuery(cloud, 'tipoff.list')).toEqual({ action: 'list' });
  });

  test('from the workbench with overdue=1 it opens on the overdue ones', async () => {
    const cloud = supervisorCloud();
    await openPage(TIPOFFS, { overdue: '1' });
    expect(eventsOf(cloud, 'tipoff.list').map(({ page: _p, pageSize: _s, ...q }) => q)).toEqual([
      { action: 'list', overdueOnly: true },
    ]);
  });

  test('an overdue tip-off carries a badge saying how many days, one in time none', async () => {
    supervisorCloud({
      'tipoff.list': tipoffList([
        tipoffSummary(1, { overdue: true, dueAt: hoursAgo(3 * 24 + 2) }),
        tipoffSummary(2),
      ]),
    });
    const page = await openPage(TIPOFFS);
    expect(tagText(page, '.tipoff--t1 .tipoff__overdue')).toBe('超期3天');
    expect(page.querySelector('.tipoff--t2 .tipoff__overdue')).toBeUndefined();
    expect(textOf(find(page, '.tipoff--t1 .tipoff__title'))).toBe('发放投诉 · JB000001');
    expect(textOf(find(page, '.tipoff--t1 .tipoff__received'))).toBe('收到于 2026-03-01 10:00');
  });

  test('加载更多 adds the next page', async () => {
    const all = Array.from({ length: 25 }, (_, i) => tipoffSummary(i + 1));
    const cloud = supervisorCloud({ 'tipoff.list': tipoffList(all) });
    const page = await openPage(TIPOFFS);
    expect(page.querySelectorAll('.tipoff')).toHaveLength(20);
    const setData = jest.spyOn(page.instance as unknown as { setData(d: object): void }, 'setData');
    await tapButton(page, '.load-more');
    expect(page.querySelectorAll('.tipoff')).toHaveLength(25);
    expect(eventsOf(cloud, 'tipoff.list').map((e) => e.page)).toEqual([1, 2]);
    // Only the new rows cross to the view, not the 20 already shown.
    const shown = setData.mock.calls
      .map(([d]) => Object.keys(d))
      .find((k) => k.some((x) => x.startsWith('items')));
    expect(shown?.filter((k) => k.startsWith('items'))).toEqual(
      [20, 21, 22, 23, 24].map((i) => `items[${i}]`),
    );
    expect(textOf(find(page, '.tipoff--t25 .tipoff__title'))).toBe('发放投诉 · JB000025');
  });

  test('tapping a tip-off opens its detail', async () => {
    supervisorCloud();
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openPage(TIPOFFS);
    await tap(page, '.tipoff--t2');
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/package-supervise/pages/tipoff/index?id=t2' }),
    );
  });

  test('a failure is shown with 重试, which asks again', async () => {
    let calls = 0;
    const cloud = supervisorCloud({
      'tipoff.list': (event) => {
        calls += 1;
        return calls === 1 ? fail('INTERNAL', '系统繁忙，请稍后重试') : tipoffList([tipoffSummary(1)])(event);
      },
    });
    const page = await openPage(TIPOFFS);
    expect(emptyText(page, '.failure__message')).toBe('系统繁忙，请稍后重试');
    await tapButton(page, '.retry');
    expect(eventsOf(cloud, 'tipoff.list')).toHaveLength(2);
    expect(page.querySelectorAll('.tipoff')).toHaveLength(1);
  });

  test('with nothing to show it says so', async () => {
    supervisorCloud({ 'tipoff.list': tipoffList([]) });
    const page = await openPage(TIPOFFS);
    expect(emptyText(page, '.empty')).toBe('没有符合条件的举报');
  });
});

describe('举报详情', () => {
  test('shows the content, the reporter of a named tip-off, whom it is about and the events', async () => {
    supervisorCloud();
    const page = await openPage(TIPOFF, { id: 't1' });
    expect(textOf(find(page, '.content'))).toBe('我家高龄津贴从去年12月起就没有到账，村里说已经报上去了。');
    expect(textOf(find(page, '.reporter'))).toBe('举报人：张*三 138****5678');
    expect(textOf(find(page, '.accused'))).toBe('被举报人：王* · 青龙村村民委员会');
    expect(texts(page, '.event__title')).toEqual(['收到举报']);
    expect(texts(page, '.event__line')).toEqual(['2026-03-01 10:00 · 罗江镇青龙村']);
  });

  test('an anonymous tip-off names no reporter', async () => {
    supervisorCloud({ 'tipoff.detail': ok(tipoffDetail({ anonymous: true, reporter: null })) });
    const page = await openPage(TIPOFF, { id: 't1' });
    expect(textOf(find(page, '.reporter'))).toBe('举报人：匿名举报');
  });

  test('images are previewed among the other images; another file is downloaded and opened', async () => {
    supervisorCloud();
    const previewImage = mockApi<{ urls: string[]; current: string }>('previewImage');
    mockApi('showLoading');
    mockApi('hideLoading');
    const downloadFile = mockApi<{ url: string; success(res: { tempFilePath: string }): void }>(
      'downloadFile',
    );
    downloadFile.mockImplementation((options) => options.success({ tempFilePath: 'wxfile://tmp/c.pdf' }));
    const openDocument = mockApi<{ filePath: string }>('openDocument');
    const page = await openPage(TIPOFF, { id: 't1' });
    await tap(page, '.attachment__image');
    expect(previewImage).toHaveBeenCalledWith({
      urls: ['https://files.local/tmp/a.jpg?sign=1', 'https://files.local/tmp/b.png?sign=1'],
      current: 'https://files.local/tmp/a.jpg?sign=1',
    });
    await tap(page, '.attachment__file');
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://files.local/tmp/c.pdf?sign=1' }),
    );
    expect(openDocument).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp/c.pdf' }));
  });

  test.each([
    ['submitted', ['受理', '转办']],
    ['accepted', ['办结', '转办']],
    ['closed', ['答复举报人']],
    ['replied', []],
  ] as const)('a %s tip-off offers %j', async (status, labels) => {
    supervisorCloud({ 'tipoff.detail': ok(tipoffDetail({ status })) });
    const page = await openPage(TIPOFF, { id: 't1' });
    expect(buttonLabels(page, '.action')).toEqual(labels);
  });

  test('受理 after confirming sends the version seen and shows the tip-off as answered', async () => {
    const cloud = supervisorCloud({
      'tipoff.accept': ok(tipoffDetail({ status: 'accepted', statusText: '已受理，核查中', version: 3 })),
    });
    mockModal(true);
    const page = await openPage(TIPOFF, { id: 't1' });
    await tapButton(page, '.action--accept');
    expect(eventsOf(cloud, 'tipoff.accept')).toEqual([{ action: 'accept', tipoffId: 't1', version: 2 }]);
    expect(tagText(page, '.summary__status')).toBe('已受理，核查中');
    expect(buttonLabels(page, '.action')).toEqual(['办结', '转办']);
  });

  test('a CONFLICT reads the tip-off again and says another supervisor handled it', async () => {
    let accepted = false;
    const cloud = supervisorCloud({
      'tipoff.detail': () =>
        ok(
          accepted
            ? tipoffDetail({ status: 'accepted', statusText: '已受理，核查中', version: 3 })
            : tipoffDetail(),
        ),
      'tipoff.accept': () => {
        accepted = true;
        return fail('CONFLICT', '这件举报已被他人处理，请刷新后查看');
      },
    });
    mockModal(true);
    const showToast = mockApi<{ title: string }>('showToast');
    const page = await openPage(TIPOFF, { id: 't1' });
    await tapButton(page, '.action--accept');
    expect(eventsOf(cloud, 'tipoff.detail')).toHaveLength(2);
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已被他人处理，已刷新' }));
    expect(buttonLabels(page, '.action')).toEqual(['办结', '转办']);
  });

  test('办结 is not sent without a conclusion', async () => {
    const cloud = supervisorCloud({ 'tipoff.detail': ok(tipoffDetail({ status: 'accepted' })) });
    const page = await openPage(TIPOFF, { id: 't1' });
    await tapButton(page, '.action--close');
    await tapButton(page, '.send');
    expect(textOf(find(page, '.problem'))).toBe('请填写办结情况');
    await typeIntoTextarea(page, '.sheet-text', '已核');
    await tapButton(page, '.send');
    expect(textOf(find(page, '.problem'))).toBe('办结情况至少5个字');
    expect(eventsOf(cloud, 'tipoff.close')).toEqual([]);
  });

  test('办结 sends the conclusion, trimmed, with the version', async () => {
    const cloud = supervisorCloud({
      'tipoff.detail': ok(tipoffDetail({ status: 'accepted', version: 4 })),
      'tipoff.close': ok(tipoffDetail({ status: 'closed', conclusion: '经核查，津贴已于3月补发到位。' })),
    });
    const page = await openPage(TIPOFF, { id: 't1' });
    await tapButton(page, '.action--close');
    await typeIntoTextarea(page, '.sheet-text', '  经核查，津贴已于3月补发到位。 ');
    await tapButton(page, '.send');
    expect(eventsOf(cloud, 'tipoff.close')).toEqual([
      { action: 'close', tipoffId: 't1', version: 4, conclusion: '经核查，津贴已于3月补发到位。' },
    ]);
    expect(textOf(find(page, '.conclusion .card__text'))).toBe('经核查，津贴已于3月补发到位。');
    expect(page.data).toMatchObject({ sheet: '' });
  });

  test('closing an objection to a public list asks whether it was founded and sends the answer', async () => {
    const cloud = supervisorCloud({
      'tipoff.detail': ok(
        tipoffDetail({ status: 'accepted', kind: 'publicity', kindText: '公示投诉', declarationId: 'd7' }),
      ),
      'tipoff.close': ok(tipoffDetail({ status: 'closed' })),
    });
    const page = await openPage(TIPOFF, { id: 't1' });
    await tapButton(page, '.action--close');
    await typeIntoTextarea(page, '.sheet-text', '经入户核实，该户家庭收入超过标准。');
    await tapButton(page, '.send');
    expect(textOf(find(page, '.problem'))).toBe('请选择公示异议是否属实');
    expect(eventsOf(cloud, 'tipoff.close')).toEqual([]);
    await tapButton(page, '.upheld--yes');
    await tapButton(page, '.send');
    expect(eventsOf(cloud, 'tipoff.close')[0]).toMatchObject({ objectionUpheld: true });
  });

  test('答复举报人 sends the reply', async () => {
    const cloud = supervisorCloud({
      'tipoff.detail': ok(tipoffDetail({ status: 'closed' })),
      'tipoff.reply': ok(tipoffDetail({ status: 'replied', reply: '您反映的问题已查实并补发。' })),
    });
    const page = await openPage(TIPOFF, { id: 't1' });
    await tapButton(page, '.action--reply');
    await typeIntoTextarea(page, '.sheet-text', '您反映的问题已查实并补发。');
    await tapButton(page, '.send');
    expect(eventsOf(cloud, 'tipoff.reply')).toEqual([
      { action: 'reply', tipoffId: 't1', version: 2, reply: '您反映的问题已查实并补发。' },
    ]);
  });

  test('转办 checks the region code and the reason before sending them', async () => {
    const cloud = supervisorCloud({ 'tipoff.transfer': ok(tipoffDetail({ regionCode: '511702102000' })) });
    const page = await openPage(TIPOFF, { id: 't1' });
    await tapButton(page, '.action--transfer');
    await typeInto(page, '.region-code', '5117');
    await tapButton(page, '.send');
    expect(textOf(find(page, '.problem'))).toBe('行政区划代码应为6位或12位数字');
    await typeInto(page, '.region-code', '511702102000');
    await tapButton(page, '.send');
    expect(textOf(find(page, '.problem'))).toBe('请填写转办理由');
    expect(eventsOf(cloud, 'tipoff.transfer')).toEqual([]);
    await typeIntoTextarea(page, '.sheet-text', '属蒲家镇管辖');
    await tapButton(page, '.send');
    expect(eventsOf(cloud, 'tipoff.transfer')).toEqual([
      { action: 'transfer', tipoffId: 't1', version: 2, regionCode: '511702102000', reason: '属蒲家镇管辖' },
    ]);
  });

  test('a tip-off that cannot be read says why, and 重试 asks again', async () => {
    const cloud = supervisorCloud({ 'tipoff.detail': fail('NOT_FOUND', '没有找到这件举报') });
    const page = await openPage(TIPOFF, { id: 't1' });
    expect(emptyText(page, '.failure__message')).toBe('没有找到这件举报');
    await tapButton(page, '.retry');
    expect(eventsOf(cloud, 'tipoff.detail')).toHaveLength(2);
  });
});

describe('监督工作台', () => {
  async function openBoard(): Promise<Rendered> {
    const page = render(INDEX);
    await settle();
    return page;
  }

  test('opens on the supervisor’s own region for this year', async () => {
    const cloud = supervisorCloud();
    await openBoard();
    expect(eventsOf(cloud, 'supervision.dashboard')).toEqual([
      { action: 'dashboard', year: Number(new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 4)) },
    ]);
  });

  test('shows the region’s figures, payments in 元 and each project', async () => {
    supervisorCloud();
    const page = await openBoard();
    expect(textOf(find(page, '.board-head__title'))).toMatch(/^通川区 · \d{4}年$/);
    expect(texts(page, '.tile__value')).toEqual([
      '258000人',
      '5862件',
      '2600件',
      '75000.50元',
      '40件',
      '7条',
    ]);
    expect(textOf(find(page, '.tile--declarations .tile__hint'))).toBe('有效2824件');
    expect(textOf(find(page, '.tile--tipoffs .tile__hint'))).toBe('已办结31件 · 超期3件');
    expect(texts(page, '.project__name')).toEqual(['高龄津贴', '耕地地力保护补贴']);
    expect(texts(page, '.project__figures')).toEqual(['1200笔 · 60000.00元', '300笔 · 15000.50元']);
  });

  test('the entries show what waits: overdue tip-offs and open alerts', async () => {
    supervisorCloud();
    const page = await openBoard();
    const note = (key: string) =>
      textOf(page.querySelector(`.screen--${key}`)?.querySelector('.t-cell__note'));
    expect([note('tipoffs'), note('overdue'), note('alerts'), note('audit')]).toEqual([
      '超期3件',
      '举报超期3件',
      '待核查7条',
      '',
    ]);
  });

  test('tapping a township shows its figures, and the path leads back up', async () => {
    const cloud = supervisorCloud();
    const page = await openBoard();
    await tap(page, `.region--${LUOJIANG.regionCode}`);
    expect(lastQuery(cloud, 'supervision.dashboard')).toMatchObject({ regionCode: LUOJIANG.regionCode });
    expect(textOf(find(page, '.board-head__title'))).toMatch(/^罗江镇 · /);
    expect(texts(page, '.crumb')).toEqual(['通川区 ›', '罗江镇']);
    await tapButton(page, '.up');
    expect(lastQuery(cloud, 'supervision.dashboard')).toMatchObject({ regionCode: TONGCHUAN.regionCode });
    expect(textOf(find(page, '.board-head__title'))).toMatch(/^通川区 · /);
    expect(page.querySelector('.crumbs')).toBeUndefined();
  });

  test('switching the year asks for that year of the region shown', async () => {
    const cloud = supervisorCloud();
    const page = await openBoard();
    const years = (page.data as { years: number[] }).years;
    await tap(page, `.region--${LUOJIANG.regionCode}`);
    await tapButton(page, `.year--${years[1]}`);
    expect(lastQuery(cloud, 'supervision.dashboard')).toEqual({
      action: 'dashboard',
      year: years[1],
      regionCode: LUOJIANG.regionCode,
    });
  });

  test('the board says when its figures were counted, and 重新统计 counts the region shown again', async () => {
    const cloud = supervisorCloud();
    const page = await openBoard();
    expect(textOf(find(page, '.board-head__as-of'))).toBe('举报、存疑数据截至 2026-03-01 10:00');
    expect(textOf(find(page, '.board-head__counted'))).toBe('用户、申报、发放统计于 2026-03-01 09:50');
    await tap(page, `.region--${LUOJIANG.regionCode}`);
    await tapButton(page, '.recount');
    expect(lastQuery(cloud, 'supervision.dashboard')).toMatchObject({
      regionCode: LUOJIANG.regionCode,
      refresh: true,
    });
    expect(textOf(find(page, '.board-head__counted'))).toBe('用户、申报、发放统计于 2026-03-01 10:00');
  });

  test('figures not yet counted say so and point to 重新统计', async () => {
    supervisorCloud({
      'supervision.dashboard': (event) => {
        const answer = dashboardAnswer(event) as { ok: true; data: DashboardResponse };
        return ok({ ...answer.data, countedAt: null });
      },
    });
    const page = await openBoard();
    expect(textOf(find(page, '.board-head__counted'))).toBe('用户、申报、发放尚未统计，请点“重新统计”');
  });

  test('导出Excel asks for the file of the region and year shown and opens it with its menu', async () => {
    const cloud = supervisorCloud();
    const downloadFile = mockApi<{
      url: string;
      success(res: { statusCode: number; tempFilePath: string }): void;
    }>('downloadFile');
    downloadFile.mockImplementation((options) =>
      options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/dashboard.xlsx' }),
    );
    const openDocument = mockApi<{ filePath: string; showMenu: boolean; success(): void }>('openDocument');
    openDocument.mockImplementation((options) => options.success());
    const page = await openBoard();
    await tapButton(page, '.export');
    expect(lastQuery(cloud, 'supervision.dashboard')).toMatchObject({
      regionCode: TONGCHUAN.regionCode,
      export: true,
    });
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://files.local/exports/dashboard.xlsx?sign=1' }),
    );
    expect(openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/dashboard.xlsx', showMenu: true }),
    );
  });

  test('a spreadsheet the phone cannot open has its link copied', async () => {
    supervisorCloud();
    mockApi<{ fail(): void }>('downloadFile').mockImplementation((options) => options.fail());
    const setClipboardData = mockApi<{ data: string; success(): void }>('setClipboardData');
    setClipboardData.mockImplementation((options) => options.success());
    const page = await openBoard();
    await tapButton(page, '.export');
    expect(setClipboardData).toHaveBeenCalledWith(
      expect.objectContaining({ data: 'https://files.local/exports/dashboard.xlsx?sign=1' }),
    );
  });

  test('a failure is shown with 重试, which asks again', async () => {
    let calls = 0;
    const cloud = supervisorCloud({
      'supervision.dashboard': (event) => {
        calls += 1;
        return calls === 1 ? fail('INTERNAL', '系统繁忙，请稍后重试') : dashboardAnswer(event);
      },
    });
    const page = await openBoard();
    expect(emptyText(page, '.failure__message')).toBe('系统繁忙，请稍后重试');
    await tapButton(page, '.retry');
    expect(eventsOf(cloud, 'supervision.dashboard')).toHaveLength(2);
    expect(page.querySelectorAll('.tile')).toHaveLength(6);
  });
});

describe('存疑数据', () => {
  async function openAlerts(): Promise<Rendered> {
    const page = render(ALERTS);
    await settle();
    return page;
  }

  test('opens on the open alerts; a rule narrows them', async () => {
    const cloud = supervisorCloud();
    const page = await openAlerts();
    expect(lastQuery(cloud, 'supervision.alerts')).toEqual({ action: 'alerts', status: 'open' });
    await tapButton(page, '.filter-rule--paid_after_death');
    expect(lastQuery(cloud, 'supervision.alerts')).toEqual({
      action: 'alerts',
      status: 'open',
      rule: 'paid_after_death',
    });
    await tapButton(page, '.filter-status--all');
    expect(lastQuery(cloud, 'supervision.alerts')).toEqual({ action: 'alerts', rule: 'paid_after_death' });
  });

  test('each alert says its rule, the records and why', async () => {
    supervisorCloud();
    const page = await openAlerts();
    expect(textOf(find(page, '.alert--a1 .alert__rule'))).toBe('同一张卡绑定在多个家庭');
    expect(texts(page, '.alert--a1 .alert__record')).toEqual(['· 张*三家（青龙村）', '· 李*家（白塔村）']);
    expect(textOf(find(page, '.alert--a1 .alert__why'))).toBe('尾号1234的社保卡绑定在2个家庭');
  });

  test('确认 or 排除 is not sent without a note', async () => {
    const cloud = supervisorCloud();
    const page = await openAlerts();
    await tapButton(page, '.alert--a1 .dismiss');
    await tapButton(page, '.resolve');
    expect(textOf(find(page, '.problem'))).toBe('请填写核查说明');
    expect(eventsOf(cloud, 'supervision.resolveAlert')).toEqual([]);
  });

  test('the note goes with the outcome and the version seen, and the list is read again', async () => {
    const cloud = supervisorCloud({
      'supervision.resolveAlert': ok(alertView(1, { status: 'confirmed', version: 2 })),
    });
    const page = await openAlerts();
    await tapButton(page, '.alert--a1 .confirm');
    await typeIntoTextarea(page, '.note', '经入户核实，确为重复绑定');
    await tapButton(page, '.resolve');
    expect(eventsOf(cloud, 'supervision.resolveAlert')).toEqual([
      {
        action: 'resolveAlert',
        alertId: 'a1',
        version: 1,
        outcome: 'confirmed',
        note: '经入户核实，确为重复绑定',
      },
    ]);
    expect(eventsOf(cloud, 'supervision.alerts')).toHaveLength(2);
  });

  test('a CONFLICT reads the list again and says another supervisor handled it', async () => {
    const cloud = supervisorCloud({
      'supervision.resolveAlert': fail('CONFLICT', '这条存疑数据已被他人处理'),
    });
    const showToast = mockApi<{ title: string }>('showToast');
    const page = await openAlerts();
    await tapButton(page, '.alert--a1 .dismiss');
    await typeIntoTextarea(page, '.note', '同名不同人，不存在问题');
    await tapButton(page, '.resolve');
    expect(eventsOf(cloud, 'supervision.alerts')).toHaveLength(2);
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已被他人处理，已刷新' }));
    expect(page.data).toMatchObject({ target: null });
  });

  test('立即扫描 says what it found per rule', async () => {
    const cloud = supervisorCloud({
      'supervision.runRiskScan': ok({ found: { paid_twice: 2, above_standard: 1 }, known: 4, state: 'done' }),
    });
    const page = await openAlerts();
    await tapButton(page, '.scan');
    expect(eventsOf(cloud, 'supervision.runRiskScan')).toHaveLength(1);
    expect(textOf(find(page, '.scan-result__title'))).toBe('新发现3条存疑数据');
    expect(texts(page, '.scan-result__line')).toEqual(['超标准发放：1条', '重复发放：2条']);
    expect(texts(page, '.scan-result__note')).toEqual(['已提示过的4条不再重复列出']);
  });

  test('a scan stopped by the time limit is continued and its findings added up', async () => {
    let calls = 0;
    const cloud = supervisorCloud({
      'supervision.runRiskScan': () => {
        calls += 1;
        return ok({ found: { paid_twice: 1 }, known: 0, state: calls < 2 ? 'running' : 'done' });
      },
    });
    const page = await openAlerts();
    await tapButton(page, '.scan');
    await settle();
    expect(eventsOf(cloud, 'supervision.runRiskScan')).toHaveLength(2);
    expect(texts(page, '.scan-result__line')).toEqual(['重复发放：2条']);
  });
});

describe('审计核验', () => {
  test('an intact log says so and how many entries were checked', async () => {
    supervisorCloud({
      'supervision.auditVerify': ok({
        ok: true,
        checked: 1024,
        firstBroken: null,
        headSeq: 1024,
        sealedNow: 3,
      } satisfies AuditVerifyResponse),
    });
    const page = render(AUDIT);
    await tapButton(page, '.verify');
    expect(textOf(find(page, '.result__title'))).toBe('✓ 审计日志完整，未发现篡改');
    expect(textOf(find(page, '.result__checked'))).toBe(
      '已核验1024条记录（共16条哈希链，其中3条是核验前刚封存入链的新记录）',
    );
  });

  test('a broken log names the first broken entry and its problem', async () => {
    supervisorCloud({
      'supervision.auditVerify': ok({
        ok: false,
        checked: 57,
        firstBroken: { seq: 57, lane: 3, problem: '第3号链第57条审计记录的内容与其哈希不符（可能被改动）' },
        headSeq: 1024,
        sealedNow: 0,
      } satisfies AuditVerifyResponse),
    });
    const page = render(AUDIT);
    await tapButton(page, '.verify');
    expect(textOf(find(page, '.result__title'))).toBe('✗ 发现审计日志被破坏');
    expect(textOf(find(page, '.result__seq'))).toBe('第一处问题：第3号链序号57');
    expect(textOf(find(page, '.result__problem'))).toBe(
      '第3号链第57条审计记录的内容与其哈希不符（可能被改动）',
    );
    expect(textOf(find(page, '.result__checked'))).toBe('已核验57条记录（共16条哈希链）');
  });

  test('a failed verification can be tried again', async () => {
    const cloud = supervisorCloud({ 'supervision.auditVerify': fail('INTERNAL', '系统繁忙，请稍后重试') });
    const page = render(AUDIT);
    await tapButton(page, '.verify');
    expect(emptyText(page, '.failure__message')).toBe('系统繁忙，请稍后重试');
    await tapButton(page, '.retry');
    expect(eventsOf(cloud, 'supervision.auditVerify')).toHaveLength(2);
  });
});

describe('超期督办', () => {
  async function openOverdue(): Promise<Rendered> {
    const page = render(OVERDUE);
    await settle();
    return page;
  }

  test('lists each unit with its count and longest delay; tapping it shows the items', async () => {
    supervisorCloud();
    const page = await openOverdue();
    expect(textOf(find(page, '.unit__name'))).toBe('罗江镇人民政府');
    expect(textOf(find(page, '.unit__figures'))).toBe('超期2件 · 最长超期12天');
    expect(page.querySelector('.overdue-item')).toBeUndefined();
    await tap(page, '.unit__head');
    expect(texts(page, '.overdue-item__title')).toEqual(['王*1 · 高龄津贴', '发放投诉 JB000009']);
    expect(
      page.querySelectorAll('.overdue-item__days').map((t) => textOf(t.querySelector('.t-tag__text'))),
    ).toEqual(['超期12天', '超期3天']);
  });

  test('a 约谈 is not recorded without the head’s name and a reason', async () => {
    const cloud = supervisorCloud();
    const page = await openOverdue();
    await tapButton(page, '.record');
    await tapButton(page, '.send-record');
    expect(textOf(find(page, '.problem'))).toBe('请填写被约谈负责人的姓名');
    await typeInto(page, '.head-name', '赵六');
    await tapButton(page, '.send-record');
    expect(textOf(find(page, '.problem'))).toBe('请填写约谈事由');
    expect(eventsOf(cloud, 'supervision.interviews').filter((e) => e.op === 'record')).toEqual([]);
  });

  test('记录约谈 sends the unit, the head, the reason and the day held', async () => {
    const cloud = supervisorCloud();
    const page = await openOverdue();
    await tapButton(page, '.record');
    await typeInto(page, '.head-name', '赵六');
    await typeIntoTextarea(page, '.reason', '多件申报超期未审核');
    find(page, '.held-day').dispatchEvent('change', { detail: { value: '2026-02-21' } });
    await settle();
    await tapButton(page, '.send-record');
    expect(eventsOf(cloud, 'supervision.interviews').filter((e) => e.op === 'record')).toEqual([
      {
        action: 'interviews',
        op: 'record',
        unitKey: 'township:511702101000',
        unit: '罗江镇人民政府',
        regionCode: '511702101000',
        headName: '赵六',
        reason: '多件申报超期未审核',
        heldAt: '2026-02-20T16:00:00.000Z',
      },
    ]);
  });

  test('past 约谈 are listed, and 跟进 records the follow-up', async () => {
    const cloud = supervisorCloud();
    const page = await openOverdue();
    expect(eventsOf(cloud, 'supervision.interviews')[0]).toMatchObject({ op: 'list' });
    expect(textOf(find(page, '.interview__held'))).toBe('2026-02-21 约谈负责人 赵*');
    await tapButton(page, '.follow-up');
    await typeIntoTextarea(page, '.follow-up-text', '已全部办结');
    await tapButton(page, '.send-follow-up');
    expect(eventsOf(cloud, 'supervision.interviews').filter((e) => e.op === 'followUp')).toEqual([
      { action: 'interviews', op: 'followUp', interviewId: 'i1', followUp: '已全部办结' },
    ]);
  });
});

describe('发放图表', () => {
  const rows: ChartRow[] = [
    { label: '高龄津贴', value: 6000000, valueText: '60000.00元' },
    { label: '耕地地力保护补贴', value: 1500000, valueText: '15000.00元' },
    { label: '临时救助', value: 1, valueText: '0.01元' },
    { label: '未发放项目', value: 0, valueText: '0.00元' },
  ];
  const box = { width: 316, fontSize: 12 };

  test('bars are in proportion to the largest amount, which fills the width inside the padding', () => {
    const { bars } = chartGeometry(rows, box);
    expect(bars[0]).toMatchObject({ x: 8, width: 300 });
    expect(bars[1]?.width).toBe(75);
  });

  test('a tiny amount still shows, none shows nothing', () => {
    const { bars } = chartGeometry(rows, box);
    expect(bars[2]?.width).toBe(3);
    expect(bars[3]?.width).toBe(0);
  });

  test('rows stack one under another and the canvas is as tall as they need', () => {
    const geometry = chartGeometry(rows, box);
    const tops = geometry.bars.map((b) => b.y);
    expect(tops[1]! - tops[0]!).toBeCloseTo(12 * 3.2);
    expect(geometry.height).toBe(chartHeight(4, 12));
    expect(geometry.height).toBeGreaterThan(geometry.bars[3]!.y + geometry.bars[3]!.height);
    expect(chartHeight(0, 12)).toBe(0);
  });

  test('larger type makes the chart taller', () => {
    expect(chartHeight(4, 16)).toBeGreaterThan(chartHeight(4, 12));
  });

  test('a name too long for the row is cut with an ellipsis', () => {
    const { bars } = chartGeometry([{ label: '大中型水库移民后期扶持资金', value: 1, valueText: '0.01元' }], {
      width: 136,
      fontSize: 12,
    });
    expect(bars[0]?.label).toBe('大中型水库…');
  });

  test('drawing writes each name and amount and paints each bar with money', () => {
    const painter = {
      clearRect: jest.fn(),
      fillRect: jest.fn(),
      fillText: jest.fn(),
    } as unknown as Painter & { fillRect: jest.Mock; fillText: jest.Mock };
    const geometry = chartGeometry(rows, box);
    drawChart(painter, geometry, box, { track: '#eee', bar: '#00f', label: '#000', value: '#333' });
    expect(painter.fillText.mock.calls.map((c) => c[0])).toEqual([
      '高龄津贴',
      '60000.00元',
      '耕地地力保护补贴',
      '15000.00元',
      '临时救助',
      '0.01元',
      '未发放项目',
      '0.00元',
    ]);
    // a track under every row, a bar over it for the three with money
    expect(painter.fillRect).toHaveBeenCalledTimes(7);
  });
});
