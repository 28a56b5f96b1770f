import type { QueueItem } from '../../../typings/api';
import {
  approvalDetail,
  hoursAgo,
  LUOJIANG_VILLAGES,
  queueItem,
  townshipCadre,
} from '../helpers/approval-fixtures';
import { card, gaoling, gengdi } from '../helpers/declaration-fixtures';
import { staffLogin } from '../helpers/fixtures';
import { openPage, type Rendered, render, settle, textOf } from '../helpers/render';
import { buttonLabels, find, isDisabled, tapButton, typeIntoTextarea } from '../helpers/steps';
import {
  type Answer,
  type Answers,
  eventsOf,
  fail,
  mockActions,
  mockApi,
  mockModal,
  ok,
} from '../helpers/wx-mocks';

const QUEUE = 'package-staff/pages/queue/index';
const REVIEW = 'package-staff/pages/review/index';

/** The queue answered page by page from these items. */
function queue(all: QueueItem[]): Answer<'approval.queue'> {
  return (event) => {
    const page = Number(event.page ?? 1);
    const pageSize = Number(event.pageSize ?? 20);
    const items = all.slice((page - 1) * pageSize, page * pageSize);
    return ok({ items, total: all.length, page, pageSize });
  };
}

function cadreCloud(answers: Answers = {}) {
  return mockActions({
    'user.login': ok(staffLogin(townshipCadre)),
    'declaration.listProjects': ok({ items: [card(gaoling()), card(gengdi())] }),
    'declaration.getProject': ok(gaoling()),
    'admin.listRegions': ok({ items: LUOJIANG_VILLAGES }),
    'approval.queue': queue([queueItem(1), queueItem(2)]),
    'approval.detail': ok(approvalDetail()),
    'approval.review': (event) =>
      ok({ item: queueItem(1, { status: 'publicity', statusText: '公示中', ...event }) }),
    ...answers,
  });
}

async function openQueue(): Promise<Rendered> {
  const page = render(QUEUE);
  await settle();
  return page;
}

/** The query of the last approval.queue call, without paging. */
function lastQuery(cloud: ReturnType<typeof cadreCloud>): Record<string, unknown> {
  const { page: _p, pageSize: _s, ...query } = eventsOf(cloud, 'approval.queue').at(-1) ?? {};
  return query;
}

async function tap(page: Rendered, selector: string): Promise<void> {
  find(page, selector).dispatchEvent('tap');
  await settle();
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('stopPullDownRefresh');
});

describe('审批待办', () => {
  test('opens on the whole queue, without filters', async () => {
    const cloud = cadreCloud();
    await openQueue();
    expect(lastQuery(cloud)).toEqual({ action: 'queue' });
  });

  test('choosing a project asks for that project’s items only', async () => {
    const cloud = cadreCloud();
    const page = await openQueue();
    await tapButton(page, '.filter-project--GENGDI');
    expect(lastQuery(cloud)).toEqual({ action: 'queue', projectCode: 'GENGDI' });
  });

  test('choosing a stage asks for that stage’s items only', async () => {
    const cloud = cadreCloud();
    const page = await openQueue();
    await tapButton(page, '.filter-stage--township_review');
    expect(lastQuery(cloud)).toEqual({ action: 'queue', stage: 'township_review' });
  });

  test('the villages offered are those of the cadre’s township, and one narrows the query', async () => {
    const cloud = cadreCloud();
    const page = await openQueue();
    expect(eventsOf(cloud, 'admin.listRegions')).toEqual([
      { action: 'listRegions', parentCode: '511702101000' },
    ]);
    expect(buttonLabels(page, '.filter-village')).toEqual(['全部', '青龙村', '白塔村']);
    await tapButton(page, '.filter-village--511702101002');
    expect(lastQuery(cloud)).toEqual({ action: 'queue', villageCode: '511702101002' });
  });

  test('只看超期 asks for overdue items, and tapping it again drops the filter', async () => {
    const cloud = cadreCloud();
    const page = await openQueue();
    await tapButton(page, '.filter-overdue');
    expect(lastQuery(cloud)).toEqual({ action: 'queue', overdueOnly: true });
    await tapButton(page, '.filter-overdue');
    expect(lastQuery(cloud)).toEqual({ action: 'queue' });
  });

  test('filters add up: project, stage, village and overdue together', async () => {
    const cloud = cadreCloud();
    const page = await openQueue();
    await tapButton(page, '.filter-project--GAOLING');
    await tapButton(page, '.filter-stage--village_review');
    await tapButton(page, '.filter-village--511702101001');
    await tapButton(page, '.filter-overdue');
    expect(lastQuery(cloud)).toEqual({
      action: 'queue',
      projectCode: 'GAOLING',
      stage: 'village_review',
      villageCode: '511702101001',
      overdueOnly: true,
    });
  });

  test('an overdue item carries a 超期 badge saying how long, an item in time none', async () => {
    cadreCloud({
      'approval.queue': queue([
        queueItem(1, { overdue: true, dueAt: hoursAgo(3 * 24 + 2) }),
        queueItem(2, { overdue: true, dueAt: hoursAgo(5.5) }),
        queueItem(3),
      ]),
    });
    const page = await openQueue();
    const badge = (id: string) =>
      textOf(page.querySelector(`.item--${id} .item__overdue`)?.querySelector('.t-tag__text'));
    expect([badge('d1'), badge('d2'), badge('d3')]).toEqual(['超期3天', '超期5小时', '']);
  });

  test('each item shows applicant, project, village, stage and its due time in Shanghai', async () => {
    cadreCloud({ 'approval.queue': queue([queueItem(1, { dueAt: '2026-03-10T16:00:00.000Z' })]) });
    const page = await openQueue();
    expect(textOf(find(page, '.item__name'))).toBe('王*1 · 高龄津贴');
    expect(textOf(find(page, '.item__village'))).toBe('青龙村 · 2026 · 乡镇审核中');
    expect(textOf(find(page, '.item__due'))).toBe('办理期限 2026-03-11 00:00');
  });

  test('a deadline counted before its year’s holidays were entered is marked 暂定', async () => {
    cadreCloud({
      'approval.queue': queue([queueItem(1, { dueAt: '2027-02-20T15:59:59.999Z', dueProvisional: true })]),
    });
    const page = await openQueue();
    expect(textOf(find(page, '.item__due'))).toBe(
      '办理期限 2027-02-20 23:59（暂定，待节假日安排公布后确定）',
    );
  });

  test('加载更多 adds the next page to the list', async () => {
    const all = Array.from({ length: 25 }, (_, i) => queueItem(i + 1));
    const cloud = cadreCloud({ 'approval.queue': queue(all) });
    const page = await openQueue();
    expect(page.querySelectorAll('.item')).toHaveLength(20);
    await tapButton(page, '.load-more');
    expect(page.querySelectorAll('.item')).toHaveLength(25);
    expect(page.querySelector('.load-more')).toBeUndefined();
    expect(eventsOf(cloud, 'approval.queue').map((e) => e.page)).toEqual([1, 2]);
  });

  test('pulling down asks for the first page again', async () => {
    const cloud = cadreCloud();
    const stop = mockApi('stopPullDownRefresh');
    const page = await openQueue();
    await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
    expect(eventsOf(cloud, 'approval.queue').map((e) => e.page)).toEqual([1, 1]);
    expect(stop).toHaveBeenCalled();
  });

  test('tapping an item opens its detail', async () => {
    cadreCloud();
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openQueue();
    await tap(page, '.item--d2 .item__body');
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/package-staff/pages/review/index?id=d2' }),
    );
  });
});

describe('批量通过', () => {
  test('after confirming, the selected items are sent with their versions as one approval', async () => {
    const cloud = cadreCloud({
      'approval.queue': queue([queueItem(1, { version: 3 }), queueItem(2, { version: 7 }), queueItem(3)]),
      'approval.batchReview': ok({
        results: [
          { declarationId: 'd1', ok: true },
          { declarationId: 'd2', ok: true },
        ],
      }),
    });
    const modal = mockModal(true);
    const page = await openQueue();
    await tap(page, '.item--d1 .item__check');
    await tap(page, '.item--d2 .item__check');
    expect(textOf(find(page, '.batch-bar__count'))).toBe('已选 2 件');
    await tapButton(page, '.batch-approve');
    expect(modal).toHaveBeenCalledTimes(1);
    expect(eventsOf(cloud, 'approval.batchReview')).toEqual([
      {
        action: 'batchReview',
        outcome: 'approve',
        items: [
          { declarationId: 'd1', version: 3 },
          { declarationId: 'd2', version: 7 },
        ],
      },
    ]);
  });

  test('the results say which items were approved and why the others failed', async () => {
    cadreCloud({
      'approval.batchReview': ok({
        results: [
          { declarationId: 'd1', ok: true },
          {
            declarationId: 'd2',
            ok: false,
            code: 'CONFLICT',
            message: '这份申报已被他人处理，当前状态：公示中',
          },
        ],
      }),
    });
    mockModal(true);
    const page = await openQueue();
    await tap(page, '.item--d1 .item__check');
    await tap(page, '.item--d2 .item__check');
    await tapButton(page, '.batch-approve');
    const results = (selector: string) => [
      ...page.querySelectorAll(`${selector} .batch-result__label`).map(textOf),
      ...page.querySelectorAll(`${selector} .batch-result__text`).map(textOf),
    ];
    expect(results('.batch-result--ok')).toEqual(['✓ 王*1 · 高龄津贴 · 青龙村', '已通过']);
    expect(results('.batch-result--failed')).toEqual([
      '✗ 王*2 · 高龄津贴 · 青龙村',
      '这份申报已被他人处理，当前状态：公示中',
    ]);
  });

  test('after a batch the queue is asked again and the selection cleared', async () => {
    const cloud = cadreCloud({
      'approval.batchReview': ok({ results: [{ declarationId: 'd1', ok: true }] }),
    });
    mockModal(true);
    const page = await openQueue();
    await tap(page, '.item--d1 .item__check');
    await tapButton(page, '.batch-approve');
    expect(eventsOf(cloud, 'approval.queue')).toHaveLength(2);
    expect(page.querySelector('.batch-bar')).toBeUndefined();
  });

  test('cancelling the confirmation sends nothing', async () => {
    const cloud = cadreCloud();
    mockModal(false);
    const page = await openQueue();
    await tap(page, '.item--d1 .item__check');
    await tapButton(page, '.batch-approve');
    expect(eventsOf(cloud, 'approval.batchReview')).toEqual([]);
  });
});

describe('审核详情', () => {
  test('shows the applicant in full with the ID masked, the answers by their labels and each rule with its reason', async () => {
    cadreCloud();
    const page = await openPage(REVIEW, { id: 'd1' });
    expect(textOf(find(page, '.summary__applicant'))).toBe('申报人 张三 · 5117**********1234');
    expect(page.querySelectorAll('.answer').map((c) => c.data)).toEqual([
      expect.objectContaining({ title: '居住情况', note: '与家人同住' }),
    ]);
    expect(textOf(find(page, '.rule__text'))).toBe('✓ 年满80周岁（必须满足）');
    expect(textOf(find(page, '.rule__reason'))).toBe('出生于1940年3月，申报时86周岁');
  });

  test('images are previewed among the other images; a PDF is downloaded and opened', async () => {
    cadreCloud();
    const previewImage = mockApi<{ urls: string[]; current: string }>('previewImage');
    mockApi('showLoading');
    mockApi('hideLoading');
    const openDocument = mockApi<{ filePath: string; fileType: string }>('openDocument');
    const downloadFile = mockApi<{ url: string; success(res: { tempFilePath: string }): void }>(
      'downloadFile',
    );
    downloadFile.mockImplementation((options) => options.success({ tempFilePath: 'wxfile://tmp/hukou.pdf' }));
    const page = await openPage(REVIEW, { id: 'd1' });
    await tap(page, '.material__image');
    expect(previewImage).toHaveBeenCalledWith({
      urls: ['https://files.local/tmp/id-front.jpg?sign=1', 'https://files.local/tmp/id-back.jpg?sign=1'],
      current: 'https://files.local/tmp/id-front.jpg?sign=1',
    });
    await tap(page, '.material__pdf');
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://files.local/tmp/hukou.pdf?sign=1' }),
    );
    expect(openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/hukou.pdf', fileType: 'pdf' }),
    );
  });

  test('lists the household’s other declarations and the timeline as steps', async () => {
    cadreCloud();
    const page = await openPage(REVIEW, { id: 'd1' });
    expect(page.querySelectorAll('.other').map((c) => (c.data as { note: string }).note)).toEqual([
      '已审批通过',
    ]);
    expect(page.querySelectorAll('.step').map((s) => (s.data as { title: string }).title)).toEqual([
      '提交申报',
      '村级初审',
      '乡镇审核',
    ]);
  });
});

describe('审核决定', () => {
  async function openSheet(page: Rendered): Promise<void> {
    await tapButton(page, '.open-sheet');
  }

  test('offers only the outcomes the cloud allows now', async () => {
    cadreCloud({ 'approval.detail': ok(approvalDetail({ allowedOutcomes: ['approve', 'return'] })) });
    const page = await openPage(REVIEW, { id: 'd1' });
    await openSheet(page);
    expect(buttonLabels(page, '.outcome')).toEqual(['通过', '打回补正']);
  });

  test('an item the cadre may not decide has no decision button', async () => {
    cadreCloud({ 'approval.detail': ok(approvalDetail({ allowedOutcomes: [] })) });
    const page = await openPage(REVIEW, { id: 'd1' });
    expect(page.querySelector('.open-sheet')).toBeUndefined();
    expect(textOf(find(page, '.not-yours'))).toBe('这份申报当前不由您这一级办理，仅可查看');
  });

  test.each([
    ['return', '打回补正'],
    ['reject', '不予通过'],
  ])('%s cannot be sent without an opinion', async (outcome, label) => {
    const cloud = cadreCloud();
    mockModal(true);
    const page = await openPage(REVIEW, { id: 'd1' });
    await openSheet(page);
    await tapButton(page, `.outcome--${outcome}`);
    expect(textOf(find(page, '.problem'))).toBe(`${label}须填写审核意见，告诉群众原因和怎么办`);
    expect(isDisabled(page, '.decide')).toBe(true);
    await tapButton(page, '.decide');
    expect(eventsOf(cloud, 'approval.review')).toEqual([]);
  });

  test('an opinion template fills the opinion; the decision goes with the version seen', async () => {
    const cloud = cadreCloud();
    mockModal(true);
    const page = await openPage(REVIEW, { id: 'd1' });
    await openSheet(page);
    await tapButton(page, '.outcome--return');
    expect(buttonLabels(page, '.template')).toEqual(['材料不清晰，请重新上传']);
    await tapButton(page, '.template');
    await tapButton(page, '.decide');
    expect(eventsOf(cloud, 'approval.review')).toEqual([
      {
        action: 'review',
        declarationId: 'd1',
        version: 4,
        outcome: 'return',
        opinion: '材料不清晰，请重新上传',
      },
    ]);
  });

  test('a typed opinion is sent as typed, trimmed', async () => {
    const cloud = cadreCloud();
    mockModal(true);
    const page = await openPage(REVIEW, { id: 'd1' });
    await openSheet(page);
    await tapButton(page, '.outcome--reject');
    await typeIntoTextarea(page, '.opinion', '  家庭收入超过保障标准 ');
    await tapButton(page, '.decide');
    expect(eventsOf(cloud, 'approval.review')[0]).toMatchObject({
      outcome: 'reject',
      opinion: '家庭收入超过保障标准',
    });
  });

  test('approving needs no opinion', async () => {
    const cloud = cadreCloud();
    mockModal(true);
    const page = await openPage(REVIEW, { id: 'd1' });
    await openSheet(page);
    await tapButton(page, '.outcome--approve');
    await tapButton(page, '.decide');
    expect(eventsOf(cloud, 'approval.review')).toEqual([
      { action: 'review', declarationId: 'd1', version: 4, outcome: 'approve' },
    ]);
  });

  test('cancelling the confirmation sends nothing', async () => {
    const cloud = cadreCloud();
    mockModal(false);
    const page = await openPage(REVIEW, { id: 'd1' });
    await openSheet(page);
    await tapButton(page, '.outcome--approve');
    await tapButton(page, '.decide');
    expect(eventsOf(cloud, 'approval.review')).toEqual([]);
  });

  test('after the cloud decides, the detail is read again to show the state it answered', async () => {
    const cloud = cadreCloud();
    mockModal(true);
    const showToast = mockApi<{ title: string }>('showToast');
    const page = await openPage(REVIEW, { id: 'd1' });
    await openSheet(page);
    await tapButton(page, '.outcome--approve');
    cloud.mockClear();
    await tapButton(page, '.decide');
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已通过，公示中' }));
    expect(eventsOf(cloud, 'approval.detail')).toHaveLength(1);
    expect(page.data).toMatchObject({ sheetOpen: false });
  });

  test('a CONFLICT shows its message and reloads the detail: another cadre decided first', async () => {
    const message = '这份申报已被他人处理，当前状态：公示中';
    let decided = false;
    const cloud = cadreCloud({
      'approval.detail': () =>
        ok(
          decided
            ? approvalDetail({ statusText: '公示中', allowedOutcomes: [], version: 5 })
            : approvalDetail(),
        ),
      'approval.review': () => {
        decided = true;
        return fail('CONFLICT', message);
      },
    });
    mockModal(true);
    const showToast = mockApi<{ title: string }>('showToast');
    const page = await openPage(REVIEW, { id: 'd1' });
    await openSheet(page);
    await tapButton(page, '.outcome--approve');
    await tapButton(page, '.decide');
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: message }));
    expect(eventsOf(cloud, 'approval.detail')).toHaveLength(2);
    expect(textOf(find(page, '.summary__status').querySelector('.t-tag__text'))).toBe('公示中');
    expect(page.querySelector('.open-sheet')).toBeUndefined();
  });
});
