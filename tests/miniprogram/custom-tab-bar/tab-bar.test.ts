import type { LoginResponse } from '../../../typings/api';
import { admin, cadre, residentLogin, staffLogin, supervisor, unregisteredLogin } from '../helpers/fixtures';
import { type Rendered, renderTabPage, settle, textOf } from '../helpers/render';
import { eventsOf, mockApi, mockCloud, mockLogin } from '../helpers/wx-mocks';

/** The labels of the tabs the user sees, in order (the text t-tab-bar-item renders). */
function tabLabels(tabBar: Rendered): string[] {
  return tabBar
    .querySelectorAll('.tab-bar__item')
    .map((item) => textOf(item.querySelector('.t-tab-bar-item__text')));
}

async function tabsFor(login: LoginResponse): Promise<string[]> {
  mockLogin(login);
  const { tabBar } = renderTabPage('pages/home/index');
  await settle();
  return tabLabels(tabBar);
}

test('a resident sees 首页 and 我的 only', async () => {
  expect(await tabsFor(residentLogin())).toEqual(['首页', '我的']);
});

test('a visitor who has not registered sees 首页 and 我的 only', async () => {
  expect(await tabsFor(unregisteredLogin())).toEqual(['首页', '我的']);
});

test('a cadre also sees the 审批 tab', async () => {
  expect(await tabsFor(staffLogin(cadre))).toEqual(['首页', '审批', '我的']);
});

test('a supervisor also sees the 监督 tab, and no 审批', async () => {
  expect(await tabsFor(staffLogin(supervisor))).toEqual(['首页', '监督', '我的']);
});

test('an admin sees both staff tabs', async () => {
  expect(await tabsFor(staffLogin(admin))).toEqual(['首页', '审批', '监督', '我的']);
});

test('while login has not answered, no staff tab is shown', async () => {
  mockCloud(() => new Promise(() => undefined));
  const { tabBar } = renderTabPage('pages/home/index');
  await settle();
  expect(tabLabels(tabBar)).toEqual(['首页', '我的']);
});

test('the tab bar and the page ask the cloud who the user is once', async () => {
  const callFunction = mockLogin(staffLogin(cadre));
  renderTabPage('pages/home/index');
  await settle();
  // the home page also asks for its 明白账 card; who the user is, only once
  expect(eventsOf(callFunction, 'user.login')).toHaveLength(1);
});

test('tapping a tab switches to its page', async () => {
  mockLogin(staffLogin(cadre));
  const switchTab = mockApi<{ url: string }>('switchTab');
  const { tabBar } = renderTabPage('pages/home/index');
  await settle();
  const approval = tabBar.querySelectorAll('.tab-bar__item')[1];
  approval.querySelector('.t-tab-bar-item__content')?.dispatchEvent('tap');
  await settle();
  expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/approval/index' }));
});

test('showing 我的 marks 我的 as the selected tab', async () => {
  mockLogin(residentLogin());
  const { page, tabBar } = renderTabPage('pages/mine/index');
  await settle();
  // the runtime gives each tab page getTabBar(); simulate does not, so the test hands it over
  const instance = page.instance as unknown as { getTabBar: () => unknown; onShow: () => void };
  instance.getTabBar = () => tabBar.instance;
  instance.onShow();
  await settle();
  const checked = tabBar
    .querySelectorAll('.tab-bar__item')
    .filter((item) => item.querySelector('.t-tab-bar-item__content')?.dom?.className.includes('--checked'));
  expect(checked.map((item) => textOf(item.querySelector('.t-tab-bar-item__text')))).toEqual(['我的']);
});
