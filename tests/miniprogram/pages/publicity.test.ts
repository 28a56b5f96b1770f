import type { PublicityItem } from '../../../typings/api';
import {
  LUOJIANG_VILLAGES,
  publicityDetail,
  publicityItem,
  townshipCadre,
} from '../helpers/approval-fixtures';
import { card, gaoling, gengdi } from '../helpers/declaration-fixtures';
import { residentLogin, staffLogin } from '../helpers/fixtures';
import { openPage, type Rendered, render, settle, textOf } from '../helpers/render';
import { buttonLabels, find, isDisabled, tapButton, typeIntoTextarea } from '../helpers/steps';
import {
  type Answer,
  type Answers,
  eventsOf,
  mockActions,
  mockApi,
  mockModal,
  ok,
} from '../helpers/wx-mocks';

const LIST = 'pages/publicity/index';
const DETAIL = 'pages/publicity/detail';

/** The public list answered page by page from these lines. */
function lines(all: PublicityItem[]): Answer<'publicity.list'> {
  return (event) => {
    const page = Number(event.page ?? 1);
    const pageSize = Number(event.pageSize ?? 20);
    const items = all.slice((page - 1) * pageSize, page * pageSize);
    return ok({ items, total: all.length, page, pageSize });
  };
}

function cloud(answers: Answers = {}) {
  return mockActions({
    'user.login': ok(residentLogin()),
    'declaration.listProjects': ok({ items: [card(gaoling()), card(gengdi())] }),
    'publicity.list': lines([publicityItem(1), publicityItem(2)]),
    'publicity.detail': ok(publicityDetail()),
    'publicity.object': (event) =>
      ok({ trackingCode: 'GS7K2M9Q', secret: event.anonymous ? 'h4x-92kd-q7' : null }),
    ...answers,
  });
}

async function openList(): Promise<Rendered> {
  const page = render(LIST);
  await settle();
  return page;
}

/** The list component inside the page. */
const listOf = (page: Rendered): Rendered => find(page, '.list');

/** The region and project of the last publicity.list call. */
function lastQuery(calls: ReturnType<typeof cloud>): Record<string, unknown> {
  const { page: _p, pageSize: _s, action: _a, ...query } = eventsOf(calls, 'publicity.list').at(-1) ?? {};
  return query;
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('stopPullDownRefresh');
});

describe('公示公开', () => {
  test('the home page’s 公示公开 opens the public lists', async () => {
    cloud();
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const home = render('pages/home/index');
    await settle();
    find(home, '.service--publicity').querySelector('.t-grid-item')?.dispatchEvent('tap');
    await settle();
    expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/publicity/index' }));
  });

  test('opens on the resident’s own village, all projects', async () => {
    const calls = cloud();
    await openList();
    expect(lastQuery(calls)).toEqual({ regionCode: '511702001001' });
  });

  test('全乡镇 asks for the township of the resident’s village', async () => {
    const calls = cloud();
    const page = await openList();
    await tapButton(page, '.scope--township');
    expect(lastQuery(calls)).toEqual({ regionCode: '511702001000' });
  });

  test('choosing a project asks for that project’s list only', async () => {
    const calls = cloud();
    const page = await openList();
    expect(buttonLabels(page, '.filter-project')).toEqual(['全部项目', '高龄津贴', '耕地地力保护补贴']);
    await tapButton(page, '.filter-project--GENGDI');
    expect(lastQuery(calls)).toEqual({ regionCode: '511702001001', projectCode: 'GENGDI' });
  });

  test('each line shows the masked name, village and project, the amount in 元 and the notice period', async () => {
    cloud({ 'publicity.list': lines([publicityItem(1, { amountFen: 60050 })]) });
    const list = listOf(await openList());
    expect(textOf(find(list, '.row__name'))).toBe('李*1');
    expect(textOf(find(list, '.row__project'))).toBe('青龙村 · 高龄津贴');
    expect(textOf(find(list, '.row__amount'))).toBe('600.50元');
    expect(textOf(find(list, '.row__period'))).toBe('公示期 2026-03-02 至 2026-03-08');
    expect(textOf(find(list, '.row__state').querySelector('.t-tag__text'))).toBe('公示中');
  });

  test('加载更多 adds the next page of the list', async () => {
    const all = Array.from({ length: 23 }, (_, i) => publicityItem(i + 1));
    const calls = cloud({ 'publicity.list': lines(all) });
    const list = listOf(await openList());
    expect(list.querySelectorAll('.row')).toHaveLength(20);
    await tapButton(list, '.load-more');
    expect(list.querySelectorAll('.row')).toHaveLength(23);
    expect(eventsOf(calls, 'publicity.list').map((e) => e.page)).toEqual([1, 2]);
  });

  test('a line opens its detail', async () => {
    cloud();
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const list = listOf(await openList());
    find(list, '.row--p2').dispatchEvent('tap');
    await settle();
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/publicity/detail?id=p2' }),
    );
  });
});

describe('公示异议', () => {
  const REASON = '该户家中有两人在外务工，收入较高，不符合条件';

  async function fill(page: Rendered, identity: 'named' | 'anonymous'): Promise<void> {
    await typeIntoTextarea(page, '.content', REASON);
    await tapButton(page, `.identity--${identity}`);
  }

  test('the counter follows what is typed, out of 2000', async () => {
    cloud();
    const page = await openPage(DETAIL, { id: 'p1' });
    expect(textOf(find(page, '.counter'))).toBe('0/2000');
    await typeIntoTextarea(page, '.content', REASON);
    expect(textOf(find(page, '.counter'))).toBe(`${REASON.length}/2000`);
  });

  test('an objection needs ten characters and a choice of 实名 or 匿名 before it can be sent', async () => {
    cloud();
    const page = await openPage(DETAIL, { id: 'p1' });
    await typeIntoTextarea(page, '.content', '不符合条件');
    expect(textOf(find(page, '.problem'))).toBe('请写明异议的理由，至少10个字（还差5个字）');
    await typeIntoTextarea(page, '.content', REASON);
    expect(textOf(find(page, '.problem'))).toBe('请选择实名或匿名');
    expect(isDisabled(page, '.send')).toBe(true);
    await tapButton(page, '.identity--named');
    expect(isDisabled(page, '.send')).toBe(false);
  });

  test('an anonymous objection is sent as anonymous, and its code and secret are shown with the warning', async () => {
    const calls = cloud();
    mockModal(true);
    const page = await openPage(DETAIL, { id: 'p1' });
    await fill(page, 'anonymous');
    await tapButton(page, '.send');
    expect(eventsOf(calls, 'publicity.object')).toEqual([
      { action: 'object', publicityId: 'p1', content: REASON, anonymous: true },
    ]);
    expect(textOf(find(page, '.sent__code'))).toBe('GS7K2M9Q');
    expect(textOf(find(page, '.sent__secret'))).toBe('h4x-92kd-q7');
    expect(textOf(find(page, '.sent__warning'))).toContain('查询密码只显示这一次');
  });

  test('the code and secret can be copied', async () => {
    cloud();
    mockModal(true);
    const setClipboardData = mockApi<{ data: string }>('setClipboardData');
    const page = await openPage(DETAIL, { id: 'p1' });
    await fill(page, 'anonymous');
    await tapButton(page, '.send');
    await tapButton(page, '.copy');
    expect(setClipboardData).toHaveBeenCalledWith({ data: '查询码：GS7K2M9Q 查询密码：h4x-92kd-q7' });
  });

  test('the secret is shown once: it is not kept on the phone and opening the page again does not show it', async () => {
    let objected = false;
    cloud({
      'publicity.detail': () =>
        ok(
          objected ? publicityDetail({ canObject: false, stateText: '收到异议，核查中' }) : publicityDetail(),
        ),
      'publicity.object': () => {
        objected = true;
        return ok({ trackingCode: 'GS7K2M9Q', secret: 'h4x-92kd-q7' });
      },
    });
    mockModal(true);
    const setStorageSync = mockApi('setStorageSync');
    const first = await openPage(DETAIL, { id: 'p1' });
    await fill(first, 'anonymous');
    await tapButton(first, '.send');
    expect(textOf(find(first, '.sent__secret'))).toBe('h4x-92kd-q7');
    const again = await openPage(DETAIL, { id: 'p1' });
    expect(again.querySelector('.sent')).toBeUndefined();
    expect(JSON.stringify(setStorageSync.mock.calls)).not.toContain('h4x-92kd-q7');
  });

  test('a named objection gets a tracking code and no secret', async () => {
    const calls = cloud();
    mockModal(true);
    const page = await openPage(DETAIL, { id: 'p1' });
    await fill(page, 'named');
    await tapButton(page, '.send');
    expect(eventsOf(calls, 'publicity.object')[0]).toMatchObject({ anonymous: false });
    expect(textOf(find(page, '.sent__code'))).toBe('GS7K2M9Q');
    expect(page.querySelector('.sent__secret')).toBeUndefined();
  });

  test('after the notice period there is no form, only the hint', async () => {
    cloud({
      'publicity.detail': ok(
        publicityDetail({
          canObject: false,
          stateText: '公示结束',
          status: 'approved',
          objectionHint: '公示期已结束；如发现问题，仍可通过“举报投诉”反映',
        }),
      ),
    });
    const page = await openPage(DETAIL, { id: 'p1' });
    expect(page.querySelector('.objection')).toBeUndefined();
    expect(textOf(find(page, '.hint'))).toBe('公示期已结束；如发现问题，仍可通过“举报投诉”反映');
  });
});

describe('公示管理', () => {
  function cadreCloud() {
    return cloud({
      'user.login': ok(staffLogin(townshipCadre)),
      'admin.listRegions': ok({ items: LUOJIANG_VILLAGES }),
    });
  }

  test('a township cadre sees the whole township’s list first, and can narrow it to a village', async () => {
    const calls = cadreCloud();
    const page = render('package-staff/pages/publicity/index');
    await settle();
    expect(buttonLabels(page, '.filter-region')).toEqual(['全乡镇（街道）', '青龙村', '白塔村']);
    expect(lastQuery(calls)).toEqual({ regionCode: '511702101000' });
    await tapButton(page, '.filter-region--511702101002');
    expect(lastQuery(calls)).toEqual({ regionCode: '511702101002' });
  });
});
