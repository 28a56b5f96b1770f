import type { LoginResponse, ProfileResponse } from '../../../typings/api';
import {
  admin,
  finance,
  residentHousehold,
  residentLogin,
  residentProfile,
  staffLogin,
  unregisteredLogin,
} from '../helpers/fixtures';
import { type Rendered, render, settle, textOf } from '../helpers/render';
import { find, tapButton, tapCell } from '../helpers/steps';
import { type Answers, eventsOf, mockActions, mockApi, mockModal, ok } from '../helpers/wx-mocks';

const MINE = 'pages/mine/index';

/** A resident's cloud: login, profile and household of the fixtures, each replaceable. */
function residentCloud(answers: Answers = {}) {
  return mockActions({
    'user.login': ok(residentLogin()),
    'user.profile': ok(residentProfile()),
    'user.household': ok(residentHousehold()),
    ...answers,
  });
}

async function openMine(): Promise<Rendered> {
  const page = render(MINE);
  await settle();
  return page;
}

const noteOf = (page: Rendered, selector: string) =>
  textOf(find(page, selector).querySelector('.t-cell__note'));
const titleOf = (cell: Rendered) => textOf(cell.querySelector('.t-cell__title-text'));
const descriptionOf = (cell: Rendered) => textOf(cell.querySelector('.t-cell__description-text'));

function verificationText(page: Rendered): { tag: string; advice: string } {
  return {
    tag: textOf(find(page, '.account__tag').querySelector('.t-tag__text')),
    advice: page.querySelector('.verification') ? descriptionOf(find(page, '.verification')) : '',
  };
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('navigateTo');
});

test('a registered resident sees the profile masked: name, ID number, mobile and village', async () => {
  residentCloud();
  const page = await openMine();
  expect({
    name: noteOf(page, '.profile__name'),
    id: noteOf(page, '.profile__id'),
    mobile: noteOf(page, '.profile__mobile'),
    village: noteOf(page, '.profile__village'),
  }).toEqual({ name: '张*三', id: '5117**********1234', mobile: '138****5678', village: '罗江镇青龙村' });
});

test('a verified resident sees 已实名核验 with the date in Shanghai', async () => {
  // verified at 2026-02-28 17:30 UTC, which is 1 March in Shanghai
  residentCloud();
  const page = await openMine();
  expect(verificationText(page)).toEqual({ tag: '已实名核验', advice: '核验日期 2026-03-01' });
});

test('a pending resident is told to ask the village cadre or go to the service point', async () => {
  const pending: ProfileResponse = { ...residentProfile(), verification: 'pending', verifiedAt: null };
  residentCloud({
    'user.login': ok({ ...residentLogin(), verification: 'pending' }),
    'user.profile': ok(pending),
  });
  const page = await openMine();
  expect(verificationText(page)).toEqual({
    tag: '待核验',
    advice: '请联系本村干部上门核验，或带身份证到村便民服务点',
  });
});

test('a refused account learns it was not verified and may register again', async () => {
  const refused: LoginResponse = { ...unregisteredLogin(), verification: 'rejected' };
  residentCloud({ 'user.login': ok(refused) });
  const navigateTo = mockApi<{ url: string }>('navigateTo');
  const page = await openMine();
  expect(verificationText(page)).toEqual({
    tag: '实名核验未通过',
    advice: '您可以核对信息后重新注册；如有疑问，请带身份证到村便民服务点办理。',
  });
  await tapButton(page, '.register');
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/register/index' }));
});

test('a refused account sees the cadre’s reason from its login answer', async () => {
  const refused: LoginResponse = {
    ...unregisteredLogin(),
    verification: 'rejected',
    verificationNote: '证件信息不符',
  };
  residentCloud({ 'user.login': ok(refused) });
  const page = await openMine();
  expect(verificationText(page).advice).toBe(
    '原因：证件信息不符。您可以核对信息后重新注册；如有疑问，请带身份证到村便民服务点办理。',
  );
});

test('a refusal with the cadre’s reason shows the reason', async () => {
  residentCloud({
    'user.login': ok({ ...residentLogin(), verification: 'rejected' }),
    'user.profile': ok({
      ...residentProfile(),
      verification: 'rejected',
      verificationNote: '现场核实非本人注册',
    }),
  });
  const page = await openMine();
  expect(verificationText(page).advice).toBe(
    '原因：现场核实非本人注册。您可以核对信息后重新注册；如有疑问，请带身份证到村便民服务点办理。',
  );
});

test('the household lists its members masked, with the relation in Chinese and 我 marked', async () => {
  residentCloud();
  const page = await openMine();
  const members = page.querySelectorAll('.member').map((cell) => ({
    name: titleOf(cell),
    id: descriptionOf(cell),
    role: textOf(cell.querySelector('.t-cell__note')),
  }));
  expect(members).toEqual([
    { name: '张*三（我）', id: '5117**********1234', role: '户主' },
    { name: '李*', id: '5117**********2345', role: '配偶' },
    { name: '张*明', id: '5117**********3456', role: '孙子女' },
  ]);
});

test('the one card shows masked with its bank and holder, and the replaced card in 更换记录', async () => {
  residentCloud();
  const page = await openMine();
  expect(titleOf(find(page, '.card'))).toBe('社保卡 **** 1234');
  expect(descriptionOf(find(page, '.card'))).toBe('四川农信 · 持卡人 张*三');
  expect(page.querySelectorAll('.card-history').map((cell) => [titleOf(cell), descriptionOf(cell)])).toEqual([
    ['银行卡 **** 9876', '中国邮政储蓄银行 · 持卡人 李* · 2026-01-10 更换'],
  ]);
});

test('the verified head may change the card', async () => {
  residentCloud();
  const navigateTo = mockApi<{ url: string }>('navigateTo');
  const page = await openMine();
  expect(textOf(find(page, '.bind-card').querySelector('.t-button__content'))).toBe('更换一卡通');
  await tapButton(page, '.bind-card');
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/bind-card/index' }));
});

test('a member who is not the head has no card button and is told the head binds it', async () => {
  residentCloud({
    'user.household': ok({
      ...residentHousehold(),
      isHead: false,
      members: residentHousehold().members.map((m) => ({ ...m, isMe: m.memberId === 'm3' })),
    }),
  });
  const page = await openMine();
  expect(page.querySelector('.bind-card')).toBeUndefined();
  expect(textOf(find(page, '.card-note'))).toBe('一卡通由户主绑定或更换');
});

test('a head still waiting for verification cannot bind a card yet', async () => {
  residentCloud({
    'user.login': ok({ ...residentLogin(), verification: 'pending' }),
    'user.profile': ok({ ...residentProfile(), verification: 'pending', verifiedAt: null }),
  });
  const page = await openMine();
  expect(page.querySelector('.bind-card')).toBeUndefined();
});

test('a visitor is asked to register and sees no personal data', async () => {
  const cloud = residentCloud({ 'user.login': ok(unregisteredLogin()) });
  const navigateTo = mockApi<{ url: string }>('navigateTo');
  const page = await openMine();
  expect(page.querySelector('.profile')).toBeUndefined();
  expect(eventsOf(cloud, 'user.profile')).toEqual([]);
  await tapButton(page, '.register');
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/register/index' }));
});

test('changing the mobile number sends it and shows the new masked number', async () => {
  const cloud = residentCloud({
    'user.updateProfile': ok({ ...residentProfile(), maskedMobile: '139****0000' }),
  });
  mockModal(true, '139 0000 0000');
  const page = await openMine();
  await tapCell(page, '.profile__mobile');
  await settle();
  expect(eventsOf(cloud, 'user.updateProfile')).toEqual([{ action: 'updateProfile', mobile: '13900000000' }]);
  expect(noteOf(page, '.profile__mobile')).toBe('139****0000');
});

test('a wrong mobile number is refused on the phone, not sent', async () => {
  const cloud = residentCloud();
  mockModal(true, '12345');
  const showToast = mockApi<{ title: string }>('showToast');
  const page = await openMine();
  await tapCell(page, '.profile__mobile');
  expect(eventsOf(cloud, 'user.updateProfile')).toEqual([]);
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '手机号码应为11位数字，以1开头' }));
});

describe('节假日安排 on an admin’s 我的', () => {
  const calendar = (years: number[]) =>
    ok({
      years: [],
      year: null,
      missingYears: years,
      alerts: years.map((year) => ({ year, raisedAt: '2026-11-01T00:00:00.000Z', message: '' })),
    });

  test('an admin is told which year’s holidays are missing', async () => {
    residentCloud({ 'user.login': ok(staffLogin(admin)), 'admin.calendar': calendar([2027]) });
    const page = await openMine();
    expect(textOf(find(page, '.calendar-notice'))).toBe(
      '2027年节假日安排尚未录入，按工作日计算的办理期限暂定，请在国务院办公厅通知发布后导入',
    );
  });

  test('nothing is said when every year is entered', async () => {
    residentCloud({ 'user.login': ok(staffLogin(admin)), 'admin.calendar': calendar([]) });
    const page = await openMine();
    expect(page.querySelector('.calendar-notice')).toBeFalsy();
  });

  test('an admin finds 节假日安排 among the work entries, opening the admin subpackage', async () => {
    residentCloud({ 'user.login': ok(staffLogin(admin)), 'admin.calendar': calendar([]) });
    const page = await openMine();
    const entry = find(page, '.work--calendar');
    expect(titleOf(entry)).toBe('节假日安排');
    expect(descriptionOf(entry)).toBe('录入每年的放假和调休上班日期，按工作日计算的期限以此为准');
    expect(entry.data).toMatchObject({ url: '/package-admin/pages/calendar/index' });
  });

  test('staff who are not admins have no 节假日安排 entry', async () => {
    residentCloud({ 'user.login': ok(staffLogin(finance)) });
    const page = await openMine();
    expect(page.querySelector('.work--finance')).toBeTruthy();
    expect(page.querySelector('.work--calendar')).toBeFalsy();
  });

  test('a resident is never asked about the calendar', async () => {
    const cloud = residentCloud();
    const page = await openMine();
    expect(page.querySelector('.calendar-notice')).toBeFalsy();
    expect(eventsOf(cloud, 'admin.calendar')).toEqual([]);
  });
});
