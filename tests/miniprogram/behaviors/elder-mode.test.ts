import { residentLogin } from '../helpers/fixtures';
import { type Rendered, render, renderTabPage, settle } from '../helpers/render';
import { mockLogin } from '../helpers/wx-mocks';

const STORAGE_KEY = 'ykt.elderMode';

/** Whether the root view of a page or of the tab bar carries the elder class. */
function isElder(component: Rendered, rootClass: string): boolean {
  return (
    component
      .querySelector(`.${rootClass}`)
      ?.dom?.className.split(/\s+/)
      .some((c) => c.endsWith('--elder')) ?? false
  );
}

async function toggleElderSwitch(mine: Rendered): Promise<void> {
  mine.querySelector('.elder-switch')?.querySelector('.t-switch')?.dispatchEvent('tap');
  await settle();
}

beforeEach(() => {
  wx.clearStorageSync();
  mockLogin(residentLogin());
});

test('pages start in the normal mode', async () => {
  const { page, tabBar } = renderTabPage('pages/home/index');
  await settle();
  expect(isElder(page, 'page')).toBe(false);
  expect(isElder(tabBar, 'tab-bar')).toBe(false);
});

test('turning on 适老化 in 我的 stores the choice on the device', async () => {
  const mine = render('pages/mine/index');
  await settle();
  await toggleElderSwitch(mine);
  expect(wx.getStorageSync(STORAGE_KEY)).toBe(true);
});

test('turning on 适老化 enlarges 我的 and its tab bar at once', async () => {
  const { page: mine, tabBar } = renderTabPage('pages/mine/index');
  await settle();
  await toggleElderSwitch(mine);
  expect(isElder(mine, 'page')).toBe(true);
  expect(isElder(tabBar, 'tab-bar')).toBe(true);
});

test('after turning on 适老化, the home page opens in elder mode', async () => {
  const mine = render('pages/mine/index');
  await settle();
  await toggleElderSwitch(mine);

  const { page: home, tabBar } = renderTabPage('pages/home/index');
  await settle();
  expect(isElder(home, 'page')).toBe(true);
  expect(isElder(tabBar, 'tab-bar')).toBe(true);
});

test('the staff and subpackage pages honour elder mode too', async () => {
  wx.setStorageSync(STORAGE_KEY, true);
  for (const path of [
    'pages/approval/index',
    'pages/supervise/index',
    'package-staff/pages/index/index',
    'package-staff/pages/verify/index',
    'package-staff/pages/queue/index',
    'package-staff/pages/review/index',
    'package-staff/pages/publicity/index',
    'pages/publicity/index',
    'pages/publicity/detail',
    'pages/register/index',
    'pages/bind-card/index',
    'pages/payments/index',
    'package-finance/pages/index/index',
    'package-finance/pages/batch/index',
    'package-finance/pages/import/index',
    'package-supervise/pages/index/index',
  ]) {
    const page = render(path);
    await settle();
    expect({ path, elder: isElder(page, 'page') }).toEqual({ path, elder: true });
  }
});

test('turning 适老化 off again restores the normal mode', async () => {
  wx.setStorageSync(STORAGE_KEY, true);
  const mine = render('pages/mine/index');
  await settle();
  expect(mine.querySelector('.elder-switch')?.data).toMatchObject({ value: true });
  await toggleElderSwitch(mine);
  expect(wx.getStorageSync(STORAGE_KEY)).toBe(false);
  expect(isElder(mine, 'page')).toBe(false);
});
