import { admin, cadre, finance, residentLogin, staffLogin, supervisor } from '../helpers/fixtures';
import { type Rendered, render, settle, textOf } from '../helpers/render';
import { mockLogin } from '../helpers/wx-mocks';

function screens(page: Rendered): string[] {
  return page.querySelectorAll('.screen').map((cell) => textOf(cell.querySelector('.t-cell__title-text')));
}

test('a cadre opening 审批 finds 审批待办, 公示管理, 居民核验, 代办申报 and the workbench of package-staff', async () => {
  mockLogin(staffLogin(cadre));
  const page = render('pages/approval/index');
  await settle();
  expect(screens(page)).toEqual(['审批待办', '公示管理', '居民核验', '代办申报', '阳光审批工作台']);
  expect(page.querySelectorAll('.screen').map((cell) => (cell.data as { url: string }).url)).toEqual([
    '/package-staff/pages/queue/index',
    '/package-staff/pages/publicity/index',
    '/package-staff/pages/verify/index',
    '/package-staff/pages/proxy/index',
    '/package-staff/pages/index/index',
  ]);
});

test('the workbench of package-staff links to 审批待办, 公示管理, 居民核验 and 代办申报', async () => {
  const page = render('package-staff/pages/index/index');
  await settle();
  expect(screens(page)).toEqual(['审批待办', '公示管理', '居民核验', '代办申报']);
  expect(page.querySelector('.screen--queue')?.data).toMatchObject({
    url: '/package-staff/pages/queue/index',
  });
  expect(page.querySelector('.screen--publicity')?.data).toMatchObject({
    url: '/package-staff/pages/publicity/index',
  });
  expect(page.querySelector('.screen--proxy')?.data).toMatchObject({
    url: '/package-staff/pages/proxy/index',
  });
  expect(page.querySelector('.screen--verify')?.data).toMatchObject({
    url: '/package-staff/pages/verify/index',
  });
});

test('a resident who reaches 审批 is told it is for cadres', async () => {
  mockLogin(residentLogin());
  const page = render('pages/approval/index');
  await settle();
  expect(screens(page)).toEqual([]);
  expect(textOf(page.querySelector('.closed')?.querySelector('.t-empty__description'))).toBe(
    '审批仅对经办干部开放',
  );
});

test('a supervisor opening 监督 finds the workbench of package-supervise', async () => {
  mockLogin(staffLogin(supervisor));
  const page = render('pages/supervise/index');
  await settle();
  expect(screens(page)).toEqual(['工作台', '举报件', '超期督办', '存疑数据', '审计核验']);
  expect(page.querySelector('.screen')?.data).toMatchObject({ url: '/package-supervise/pages/index/index' });
});

test('a cadre who reaches 监督 is told it is for supervisors', async () => {
  mockLogin(staffLogin(cadre));
  const page = render('pages/supervise/index');
  await settle();
  expect(screens(page)).toEqual([]);
  expect(textOf(page.querySelector('.closed')?.querySelector('.t-empty__description'))).toBe(
    '监督仅对纪检监察人员开放',
  );
});

test('finance staff find 阳光发放 among the work entries of 我的', async () => {
  mockLogin(staffLogin(finance));
  const page = render('pages/mine/index');
  await settle();
  const entry = page.querySelector('.work--finance');
  expect(textOf(entry?.querySelector('.t-cell__title-text'))).toBe('阳光发放');
  expect(entry?.data).toMatchObject({ url: '/package-finance/pages/index/index' });
});

test('a resident has no work entries in 我的', async () => {
  mockLogin(residentLogin());
  const page = render('pages/mine/index');
  await settle();
  expect(page.querySelectorAll('.work')).toHaveLength(0);
});

test('an admin finds 阳光发放 too', async () => {
  mockLogin(staffLogin(admin));
  const page = render('pages/mine/index');
  await settle();
  expect(page.querySelector('.work--finance')).toBeTruthy();
});
