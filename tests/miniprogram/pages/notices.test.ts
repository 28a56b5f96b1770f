import { config } from '../../../miniprogram/config';
import { askToSubscribe } from '../../../miniprogram/services/subscribe';
import type { NoticeItem, NoticesResponse } from '../../../typings/api';
import { gaoling, loginWithUserId, returnedDeclaration } from '../helpers/declaration-fixtures';
import { residentHousehold, residentLogin, residentProfile, unregisteredLogin } from '../helpers/fixtures';
import { openPage, type Rendered, render, settle, textOf } from '../helpers/render';
import { find, isDisabled, tapButton, tapCell } from '../helpers/steps';
import { type Answers, eventsOf, fail, mockActions, mockApi, ok } from '../helpers/wx-mocks';

const NOTICES = 'pages/notices/index';

const notice = (changes: Partial<NoticeItem> = {}): NoticeItem => ({
  id: 'n1',
  kind: 'declaration',
  title: '申报已通过村级初审',
  body: '您的高龄津贴申报已通过村级初审，等待乡镇审核。',
  // 00:30 on 3 March in Shanghai
  at: '2026-03-02T16:30:00.000Z',
  read: false,
  page: '/pages/declarations/detail?id=d1',
  ...changes,
});

const payment = (): NoticeItem =>
  notice({
    id: 'n2',
    kind: 'payment',
    title: '补贴已发放',
    body: '【达州一卡通】您家2026年2月高龄津贴50.00元已发放至尾号1234的社保卡',
    at: '2026-02-28T02:05:00.000Z',
    read: true,
    page: null,
  });

const answer = (items: NoticeItem[], changes: Partial<NoticesResponse> = {}): NoticesResponse => ({
  items,
  total: items.length,
  unread: items.filter((n) => !n.read).length,
  page: 1,
  pageSize: 20,
  ...changes,
});

function cloud(answers: Answers) {
  return mockActions({ 'user.login': ok(residentLogin()), ...answers });
}

async function openNotices(): Promise<Rendered> {
  const page = render(NOTICES);
  await settle();
  return page;
}

const texts = (page: Rendered, selector: string): string[] =>
  page.querySelectorAll(selector).map((node) => textOf(node));

/** Whether each notice, in order, shows the unread dot (a plain view: looked up in the notice's DOM). */
const dots = (page: Rendered): boolean[] =>
  page.querySelectorAll('.notice').map((node) => Boolean(node.dom?.querySelector('[class*="notice__dot"]')));

const emptyText = (page: Rendered, selector: string): string =>
  textOf(find(page, selector).querySelector('.t-empty__description'));

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('navigateTo');
  mockApi('stopPullDownRefresh');
});

describe('我的消息', () => {
  test('lists the notices as the cloud orders them, newest first, with the time in Shanghai', async () => {
    const calls = cloud({ 'user.notices': ok(answer([notice(), payment()])) });
    const page = await openNotices();
    expect(eventsOf(calls, 'user.notices')).toEqual([{ action: 'notices', page: 1, pageSize: 20 }]);
    expect(texts(page, '.notice__title')).toEqual(['申报已通过村级初审', '补贴已发放']);
    expect(texts(page, '.notice__body')[1]).toBe(
      '【达州一卡通】您家2026年2月高龄津贴50.00元已发放至尾号1234的社保卡',
    );
    expect(texts(page, '.notice__time')).toEqual(['2026-03-03 00:30', '2026-02-28 10:05']);
  });

  test('an unread notice has a dot and a read one has none, with the unread count above', async () => {
    cloud({ 'user.notices': ok(answer([notice(), payment()])) });
    const page = await openNotices();
    expect(dots(page)).toEqual([true, false]);
    expect(textOf(find(page, '.unread-count'))).toBe('未读 1 条');
  });

  test('tapping an unread notice marks it read and opens what it is about', async () => {
    const calls = cloud({
      'user.notices': ok(answer([notice(), payment()])),
      'user.readNotices': ok({ marked: 1, unread: 0 }),
    });
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openNotices();
    find(page, '.notice').dispatchEvent('tap');
    await settle();
    expect(eventsOf(calls, 'user.readNotices')).toEqual([{ action: 'readNotices', ids: ['n1'] }]);
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/declarations/detail?id=d1' }),
    );
    expect(dots(page)).toEqual([false, false]);
    expect(textOf(find(page, '.unread-count'))).toBe('没有未读消息');
  });

  test('the notice opens at once, without waiting for the read mark', async () => {
    cloud({
      'user.notices': ok(answer([notice()])),
      'user.readNotices': () => new Promise(() => undefined),
    });
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openNotices();
    find(page, '.notice').dispatchEvent('tap');
    await settle();
    expect(navigateTo).toHaveBeenCalledTimes(1);
  });

  test('a notice about a tab page switches to that tab', async () => {
    cloud({
      'user.notices': ok(answer([notice({ read: true, page: '/pages/mine/index' })])),
    });
    const switchTab = mockApi<{ url: string }>('switchTab');
    const page = await openNotices();
    find(page, '.notice').dispatchEvent('tap');
    await settle();
    expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/mine/index' }));
  });

  test('tapping a read notice with nowhere to go sends nothing and stays', async () => {
    const calls = cloud({ 'user.notices': ok(answer([payment()])) });
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openNotices();
    find(page, '.notice').dispatchEvent('tap');
    await settle();
    expect(eventsOf(calls, 'user.readNotices')).toEqual([]);
    expect(navigateTo).not.toHaveBeenCalled();
  });

  test('全部已读 marks every notice read and then has nothing left to do', async () => {
    const calls = cloud({
      'user.notices': ok(answer([notice(), notice({ id: 'n3', title: '申报已打回' }), payment()])),
      'user.readNotices': ok({ marked: 2, unread: 0 }),
    });
    const page = await openNotices();
    expect(dots(page)).toEqual([true, true, false]);
    await tapButton(page, '.read-all');
    expect(eventsOf(calls, 'user.readNotices')).toEqual([{ action: 'readNotices' }]);
    expect(dots(page)).toEqual([false, false, false]);
    expect(isDisabled(page, '.read-all')).toBe(true);
  });

  test('全部已读 is disabled when everything is read', async () => {
    cloud({ 'user.notices': ok(answer([payment()])) });
    const page = await openNotices();
    expect(isDisabled(page, '.read-all')).toBe(true);
  });

  test('a household without notices is told there are none', async () => {
    cloud({ 'user.notices': ok(answer([])) });
    const page = await openNotices();
    expect(emptyText(page, '.empty')).toBe('暂无消息');
    expect(page.querySelector('.read-all')).toBeUndefined();
  });

  test('a failure shows its message with 重试, which asks again', async () => {
    let calls = 0;
    cloud({
      'user.notices': () => {
        calls += 1;
        return calls === 1 ? fail('INTERNAL', '系统繁忙，请稍后重试') : ok(answer([notice()]));
      },
    });
    const page = await openNotices();
    expect(emptyText(page, '.failure__message')).toBe('系统繁忙，请稍后重试');
    await tapButton(page, '.retry');
    expect(page.querySelector('.failure')).toBeUndefined();
    expect(texts(page, '.notice__title')).toEqual(['申报已通过村级初审']);
  });

  test('pulling down asks for the newest notices again', async () => {
    let unread = 1;
    const calls = cloud({ 'user.notices': () => ok(answer([notice()], { unread })) });
    const stop = mockApi('stopPullDownRefresh');
    const page = await openNotices();
    unread = 4;
    await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
    await settle();
    expect(eventsOf(calls, 'user.notices')).toHaveLength(2);
    expect(textOf(find(page, '.unread-count'))).toBe('未读 4 条');
    expect(stop).toHaveBeenCalled();
  });

  test('the next page is added below the first', async () => {
    const calls = cloud({
      'user.notices': (event) =>
        ok(
          event.page === 1
            ? answer([notice()], { total: 2 })
            : answer([payment()], { total: 2, page: 2, unread: 1 }),
        ),
    });
    const page = await openNotices();
    await tapButton(page, '.load-more');
    expect(eventsOf(calls, 'user.notices').map((e) => e.page)).toEqual([1, 2]);
    expect(texts(page, '.notice__title')).toEqual(['申报已通过村级初审', '补贴已发放']);
  });

  test('opens in elder mode when 适老化 is on', async () => {
    wx.setStorageSync('ykt.elderMode', true);
    cloud({ 'user.notices': ok(answer([notice()])) });
    const page = await openNotices();
    const root = find(page, '.page').dom?.className.split(/\s+/) ?? [];
    expect(root.some((c) => c.endsWith('--elder'))).toBe(true);
  });
});

describe('我的消息 on 我的', () => {
  function residentCloud(answers: Answers = {}) {
    return cloud({
      'user.profile': ok(residentProfile()),
      'user.household': ok(residentHousehold()),
      ...answers,
    });
  }

  const badgeOf = (page: Rendered): string =>
    textOf(page.querySelector('.notices__badge')?.querySelector('.t-badge__count'));

  /** The page shown again, as coming back to it does. */
  const showAgain = (page: Rendered) =>
    (page as unknown as { triggerPageLifeTime(name: 'show'): void }).triggerPageLifeTime('show');

  test('shows the unread count on 我的消息, asked for with a page of one', async () => {
    const calls = residentCloud({ 'user.notices': ok(answer([notice()], { total: 9, unread: 3 })) });
    const page = render('pages/mine/index');
    await settle();
    expect(eventsOf(calls, 'user.notices')).toEqual([{ action: 'notices', pageSize: 1 }]);
    expect(badgeOf(page)).toBe('3');
  });

  test('no badge when everything is read', async () => {
    residentCloud({ 'user.notices': ok(answer([payment()])) });
    const page = render('pages/mine/index');
    await settle();
    expect(page.querySelector('.notices__badge')).toBeUndefined();
  });

  test('tapping 我的消息 opens the list', async () => {
    residentCloud({ 'user.notices': ok(answer([])) });
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = render('pages/mine/index');
    await settle();
    await tapCell(page, '.notices');
    expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/notices/index' }));
  });

  test('coming back to 我的 asks for the count again', async () => {
    let unread = 3;
    residentCloud({ 'user.notices': () => ok(answer([notice()], { unread })) });
    const page = render('pages/mine/index');
    await settle();
    expect(badgeOf(page)).toBe('3');
    unread = 0;
    showAgain(page);
    await settle();
    expect(page.querySelector('.notices__badge')).toBeUndefined();
  });

  test('a visitor has no 我的消息 and asks for no notices', async () => {
    const calls = residentCloud({ 'user.login': ok(unregisteredLogin()) });
    const page = render('pages/mine/index');
    await settle();
    showAgain(page);
    await settle();
    expect(page.querySelector('.notices')).toBeUndefined();
    expect(eventsOf(calls, 'user.notices')).toEqual([]);
  });
});

describe('subscription messages (订阅消息)', () => {
  const initial = { ...config, templates: { ...config.templates } };
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    Object.assign(config, { ...initial, templates: { ...initial.templates } });
    warn.mockRestore();
  });

  interface SubscribeOptions {
    tmplIds: string[];
    success(res: Record<string, string>): void;
    fail(err: { errMsg: string; errCode: number }): void;
  }

  /** wx.requestSubscribeMessage answering each template id with `choices[id]` ('accept', 'reject', ...). */
  function mockSubscribe(choices: Record<string, string>) {
    const request = mockApi<SubscribeOptions>('requestSubscribeMessage');
    request.mockImplementation((options) =>
      options.success({ errMsg: 'requestSubscribeMessage:ok', ...choices }),
    );
    return request;
  }

  test('reports the kinds whose template was accepted, and not the rejected ones', async () => {
    config.templates = { declaration: 'T-DECL', payment: 'T-PAY', tipoff: 'T-TIP' };
    const calls = mockActions({
      'user.subscribe': ok({ allowance: { declaration: 1, payment: 0, tipoff: 0 } }),
    });
    const request = mockSubscribe({ 'T-DECL': 'accept', 'T-PAY': 'reject' });
    await askToSubscribe(['declaration', 'payment']);
    expect(request.mock.calls[0]![0].tmplIds).toEqual(['T-DECL', 'T-PAY']);
    expect(eventsOf(calls, 'user.subscribe')).toEqual([{ action: 'subscribe', accepted: ['declaration'] }]);
  });

  test('a kind without a template id is not asked for', async () => {
    config.templates = { declaration: '', payment: 'T-PAY', tipoff: '' };
    const calls = mockActions({
      'user.subscribe': ok({ allowance: { declaration: 0, payment: 1, tipoff: 0 } }),
    });
    const request = mockSubscribe({ 'T-PAY': 'accept' });
    await askToSubscribe(['declaration', 'payment']);
    expect(request.mock.calls[0]![0].tmplIds).toEqual(['T-PAY']);
    expect(eventsOf(calls, 'user.subscribe')).toEqual([{ action: 'subscribe', accepted: ['payment'] }]);
  });

  test('nothing is asked while no template id is configured', async () => {
    const calls = mockActions({});
    const request = mockSubscribe({});
    await askToSubscribe(['declaration', 'payment', 'tipoff']);
    expect(request).not.toHaveBeenCalled();
    expect(calls).not.toHaveBeenCalled();
  });

  test('nothing is reported when every template is rejected', async () => {
    config.templates = { ...config.templates, declaration: 'T-DECL' };
    const calls = mockActions({});
    mockSubscribe({ 'T-DECL': 'reject' });
    await askToSubscribe(['declaration']);
    expect(calls).not.toHaveBeenCalled();
  });

  test('WeChat is asked at once, inside the tap, before any answer', () => {
    config.templates = { ...config.templates, declaration: 'T-DECL' };
    mockActions({});
    const request = mockApi<SubscribeOptions>('requestSubscribeMessage');
    askToSubscribe(['declaration']);
    expect(request).toHaveBeenCalledTimes(1);
  });

  test('a failure of WeChat is logged and swallowed', async () => {
    config.templates = { ...config.templates, declaration: 'T-DECL' };
    const calls = mockActions({});
    mockApi<SubscribeOptions>('requestSubscribeMessage').mockImplementation((options) =>
      options.fail({
        errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
        errCode: 20004,
      }),
    );
    await expect(askToSubscribe(['declaration'])).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();
    expect(calls).not.toHaveBeenCalled();
  });

  test('a failure of the cloud is logged and swallowed', async () => {
    config.templates = { ...config.templates, declaration: 'T-DECL' };
    mockActions({ 'user.subscribe': fail('INTERNAL', '系统繁忙') });
    mockSubscribe({ 'T-DECL': 'accept' });
    await expect(askToSubscribe(['declaration'])).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();
  });

  test('a WeChat without requestSubscribeMessage is no failure either', async () => {
    config.templates = { ...config.templates, declaration: 'T-DECL' };
    (wx as unknown as Record<string, unknown>).requestSubscribeMessage = undefined;
    await expect(askToSubscribe(['declaration'])).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalled();
  });

  test('sending a declaration asks for its template first, and does not wait for the answer', async () => {
    const calls = mockActions({
      'user.login': ok(loginWithUserId('u1')),
      'declaration.detail': ok(returnedDeclaration()),
      'declaration.getProject': ok(gaoling()),
      'declaration.precheck': ok({
        eligible: true,
        rules: [],
        fieldErrors: {},
        period: '2026',
        standardText: '',
      }),
      'declaration.resubmit': ok({
        declarationId: 'd1',
        status: 'in_review',
        valid: true,
        rules: [],
        nextStep: '等待村级初审',
      }),
    });
    mockApi('setNavigationBarTitle');
    // never answered: the resident has not chosen yet
    const request = mockApi<SubscribeOptions>('requestSubscribeMessage');
    const page = await openPage('pages/declare/form', { declarationId: 'd1' });
    // the page's own config: every render is a fresh launch with fresh modules
    const launched = require('../../../miniprogram/config') as typeof import('../../../miniprogram/config');
    launched.config.templates = { ...launched.config.templates, declaration: 'T-DECL' };
    const form = find(page, '.declaration-form');
    await tapButton(form, '.next');
    expect(request).not.toHaveBeenCalled();
    await tapButton(form, '.confirm');
    expect(request.mock.calls.map(([options]) => options.tmplIds)).toEqual([['T-DECL']]);
    expect(eventsOf(calls, 'declaration.resubmit')).toHaveLength(1);
  });
});
