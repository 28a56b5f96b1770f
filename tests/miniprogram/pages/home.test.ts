import { cadre, residentLogin, staffLogin, unregisteredLogin } from '../helpers/fixtures';
import { paymentSummary, THIS_YEAR } from '../helpers/payment-fixtures';
import { type Rendered, render, renderTabPage, settle, textOf } from '../helpers/render';
import { eventsOf, fail, mockActions, mockApi, mockCloud, mockLogin, ok } from '../helpers/wx-mocks';

const HOME = 'pages/home/index';

/** The account card: the t-cell's title and description, and the t-tag beside them. */
function account(page: Rendered) {
  const cell = page.querySelector('.account__state');
  return {
    title: textOf(cell?.querySelector('.t-cell__title-text')),
    description: textOf(cell?.querySelector('.t-cell__description-text')),
    tag: textOf(page.querySelector('.account__tag')?.querySelector('.t-tag__text')),
  };
}

function tabLabels(tabBar: Rendered): string[] {
  return tabBar
    .querySelectorAll('.tab-bar__item')
    .map((item) => textOf(item.querySelector('.t-tab-bar-item__text')));
}

test('the home page lists the six services as tdesign grid items', async () => {
  mockLogin(residentLogin());
  const page = render(HOME);
  await settle();
  const services = page.querySelectorAll('.service');
  expect(services.map((item) => textOf(item.querySelector('.t-grid-item__text')))).toEqual([
    '阳光申报',
    '我的申报',
    '补贴查询',
    '公示公开',
    '举报投诉',
    '我的',
  ]);
  // each item is tdesign's grid item with its icon rendered through t-icon
  expect(page.dom?.querySelectorAll('.t-grid-item--t-grid-item__icon')).toHaveLength(6);
  expect(page.dom?.querySelector('.t-icon--t-icon-wallet')).not.toBeNull();
});

test('a verified resident sees the masked name, the card tail and 已实名', async () => {
  mockLogin(residentLogin());
  const page = render(HOME);
  await settle();
  expect(account(page)).toEqual({ title: '张*三', description: '一卡通尾号 1234', tag: '已实名' });
});

test('a resident whose verification is pending sees 核验中', async () => {
  mockLogin({ ...residentLogin(), verification: 'pending' });
  const page = render(HOME);
  await settle();
  expect(account(page).tag).toBe('核验中');
});

test('a visitor who has not registered is asked to register', async () => {
  mockLogin(unregisteredLogin());
  const page = render(HOME);
  await settle();
  expect(account(page)).toEqual({
    title: '您还没有注册',
    description: '实名注册后即可申报补贴、查询发放',
    tag: '未注册',
  });
  expect(textOf(page.querySelector('.account__register')?.querySelector('.t-button__content'))).toBe(
    '实名注册',
  );
});

test('while login is under way the card says so', async () => {
  mockCloud(() => new Promise(() => undefined));
  const page = render(HOME);
  await settle();
  expect(account(page).title).toBe('正在登录…');
});

test('a failed login shows the message of the envelope as a toast and in the card', async () => {
  mockCloud(async () => ({
    result: { ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后重试', requestId: 'r1' },
  }));
  const showToast = mockApi<{ title: string }>('showToast');
  const page = render(HOME);
  await settle();
  expect(showToast).toHaveBeenCalledTimes(1);
  expect(showToast).toHaveBeenCalledWith(
    expect.objectContaining({ title: '系统繁忙，请稍后重试', icon: 'none' }),
  );
  expect(account(page)).toMatchObject({ title: '暂时无法登录', description: '系统繁忙，请稍后重试' });
});

test('after a failed login, 重新登录 asks again and shows the account', async () => {
  const callFunction = mockCloud(async () => ({
    result: { ok: false, code: 'INTERNAL', message: '系统繁忙' },
  }));
  mockApi('showToast');
  const page = render(HOME);
  await settle();
  callFunction.mockImplementation(async () => ({ result: { ok: true, data: residentLogin() } }));
  page.querySelector('.account__retry')?.querySelector('.t-button')?.dispatchEvent('tap');
  await settle();
  expect(eventsOf(callFunction, 'user.login')).toHaveLength(2);
  expect(account(page).title).toBe('张*三');
});

test('a resident sees no staff tab under the home page', async () => {
  mockLogin(residentLogin());
  const { page, tabBar } = renderTabPage(HOME);
  await settle();
  expect(account(page).title).toBe('张*三');
  expect(tabLabels(tabBar)).toEqual(['首页', '我的']);
});

test('a cadre sees the 审批 tab under the home page', async () => {
  mockLogin(staffLogin(cadre));
  const { page, tabBar } = renderTabPage(HOME);
  await settle();
  expect(page.querySelectorAll('.service')).toHaveLength(6);
  expect(tabLabels(tabBar)).toEqual(['首页', '审批', '我的']);
});

test('tapping 我的 switches to the 我的 tab', async () => {
  mockLogin(residentLogin());
  const switchTab = mockApi<{ url: string }>('switchTab');
  const page = render(HOME);
  await settle();
  page.querySelector('.service--mine')?.querySelector('.t-grid-item')?.dispatchEvent('tap');
  await settle();
  expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/mine/index' }));
});

test('tapping 举报投诉 opens the tip-off form', async () => {
  mockLogin(residentLogin());
  const navigateTo = mockApi<{ url: string }>('navigateTo');
  const page = render(HOME);
  await settle();
  page.querySelector('.service--tipoff')?.querySelector('.t-grid-item')?.dispatchEvent('tap');
  await settle();
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/tipoff/index' }));
});

test('tapping 补贴查询 opens the household’s 明白账', async () => {
  mockLogin(residentLogin());
  const navigateTo = mockApi<{ url: string }>('navigateTo');
  const page = render(HOME);
  await settle();
  page.querySelector('.service--payments')?.querySelector('.t-grid-item')?.dispatchEvent('tap');
  await settle();
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/payments/index' }));
});

describe('明白账 card', () => {
  const figures = (page: Rendered) => {
    const labels = page.querySelectorAll('.figure__label').map(textOf);
    return page.querySelectorAll('.figure__value').map((value, i) => `${textOf(value)} ${labels[i]}`);
  };

  test('a verified resident sees this year’s total, this month’s, what is in approval, the projects and the last payment', async () => {
    const calls = mockActions({
      'user.login': ok(residentLogin()),
      'payment.summary': ok(paymentSummary()),
    });
    const page = render(HOME);
    await settle();
    expect(eventsOf(calls, 'payment.summary')).toEqual([{ action: 'summary' }]);
    expect(figures(page)).toEqual([
      `150.50元 ${THIS_YEAR}年已发放 3笔`,
      '50.00元 本月到账 1笔',
      '2件 申报审批中',
      '2项 今年享受补贴项目',
    ]);
    expect(textOf(page.querySelector('.ledger__last'))).toBe(
      `最近一笔：高龄津贴 50.00元，${THIS_YEAR}-03-05 到账`,
    );
  });

  test('tapping the card opens the 明白账', async () => {
    mockActions({ 'user.login': ok(residentLogin()), 'payment.summary': ok(paymentSummary()) });
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = render(HOME);
    await settle();
    page.querySelector('.ledger')?.dispatchEvent('tap');
    await settle();
    expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/payments/index' }));
  });

  test('a household without payments this year is told so', async () => {
    mockActions({
      'user.login': ok(residentLogin()),
      'payment.summary': ok(
        paymentSummary({
          paidThisYear: { count: 0, totalFen: 0 },
          arrivedThisMonth: { count: 0, totalFen: 0 },
          projectsReceived: 0,
          lastPayment: null,
        }),
      ),
    });
    const page = render(HOME);
    await settle();
    expect(textOf(page.querySelector('.ledger__last'))).toBe('今年还没有收到补贴');
  });

  test('when the figures cannot be read the card says why and asks nothing more', async () => {
    mockActions({
      'user.login': ok(residentLogin()),
      'payment.summary': fail('INTERNAL', '系统繁忙，请稍后重试'),
    });
    const showToast = mockApi<{ title: string }>('showToast');
    const page = render(HOME);
    await settle();
    expect(textOf(page.querySelector('.ledger__failure'))).toBe('系统繁忙，请稍后重试');
    expect(showToast).not.toHaveBeenCalled();
  });

  test.each([
    ['an account waiting for verification', { ...residentLogin(), verification: 'pending' as const }],
    ['a visitor', unregisteredLogin()],
  ])('%s has no card and asks for no figures', async (_who, login) => {
    const calls = mockActions({ 'user.login': ok(login) });
    const page = render(HOME);
    await settle();
    expect(page.querySelector('.ledger')).toBeUndefined();
    expect(eventsOf(calls, 'payment.summary')).toEqual([]);
  });
});

test('tapping 阳光申报 opens the list of subsidy projects', async () => {
  mockLogin(residentLogin());
  const navigateTo = mockApi<{ url: string }>('navigateTo');
  const page = render(HOME);
  await settle();
  page.querySelector('.service--declare')?.querySelector('.t-grid-item')?.dispatchEvent('tap');
  await settle();
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/declare/index' }));
});

test('tapping 我的申报 opens the household’s declarations', async () => {
  mockLogin(residentLogin());
  const navigateTo = mockApi<{ url: string }>('navigateTo');
  const page = render(HOME);
  await settle();
  page.querySelector('.service--declarations')?.querySelector('.t-grid-item')?.dispatchEvent('tap');
  await settle();
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/declarations/index' }));
});

test('a visitor tapping 实名注册 opens the registration page', async () => {
  mockLogin(unregisteredLogin());
  const navigateTo = mockApi<{ url: string }>('navigateTo');
  const page = render(HOME);
  await settle();
  page.querySelector('.account__register')?.querySelector('.t-button')?.dispatchEvent('tap');
  await settle();
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/register/index' }));
});
