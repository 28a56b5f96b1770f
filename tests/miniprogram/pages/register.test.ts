import { DRAFT_KEY } from '../../../miniprogram/pages/register/draft';
import type { RegionView } from '../../../typings/api';
import { residentLogin, unregisteredLogin } from '../helpers/fixtures';
import { close, type Rendered, render, settle, textOf } from '../helpers/render';
import {
  find,
  idNumber,
  isDisabled,
  leave,
  tapButton,
  tapCell,
  tipsOf,
  typeInto,
  wrongChecksum,
} from '../helpers/steps';
import { type Answer, type Envelope, eventsOf, fail, mockActions, mockApi, ok } from '../helpers/wx-mocks';

const REGISTER = 'pages/register/index';
const MY_ID = idNumber('51170219580303123');
const HEAD_ID = idNumber('51170219550101121');
const NEXT_STEP =
  '请联系本村（社区）干部上门核验，或带身份证到村便民服务点核验；核验后即可查询补贴、在线申报';
const DAY_MS = 24 * 60 * 60 * 1000;

const region = (code: string, name: string, level: RegionView['level'], demo = false): RegionView => ({
  code,
  name,
  level,
  parentCode: null,
  demo,
});

/** 达州's counties, one township of 通川区 and its demo villages, by parent code ('' for the city). */
const REGIONS: Record<string, RegionView[]> = {
  '': [region('511702000000', '通川区', 'county'), region('511722000000', '宣汉县', 'county')],
  '511702000000': [region('511702101000', '罗江镇', 'township')],
  '511702101000': [
    region('511702101001', '青龙村', 'village', true),
    region('511702101002', '白鹤村', 'village', true),
  ],
};

const registered: Envelope<'user.register'> = ok({
  userId: 'u1',
  householdId: 'h1',
  verification: 'pending',
  nextStep: NEXT_STEP,
});

/** A visitor's cloud: not registered yet, the regions above, and user.register answering `answer`. */
function visitorCloud(answer: Answer<'user.register'> = registered) {
  return mockActions({
    'user.login': ok(unregisteredLogin()),
    'admin.listRegions': (event) => ok({ items: REGIONS[String(event.parentCode ?? '')] ?? [] }),
    'user.register': answer,
  });
}

async function openRegister(): Promise<Rendered> {
  const page = render(REGISTER);
  await settle();
  return page;
}

/** Walks the village picker: county, township, village, by the names shown. */
async function pickVillage(page: Rendered, ...names: string[]): Promise<void> {
  await tapCell(page, '.field-village');
  const picker = find(page, '.village-picker');
  for (const name of names) {
    const option = picker
      .querySelectorAll('.region-option')
      .find((o) => textOf(o.querySelector('.t-cell__title-text')).startsWith(name));
    if (!option) throw new Error(`${name} is not offered`);
    await tapCell(picker, option);
  }
}

function offeredRegions(page: Rendered): string[] {
  return find(page, '.village-picker')
    .querySelectorAll('.region-option')
    .map((o) => textOf(o.querySelector('.t-cell__title-text')));
}

async function fillAsHead(page: Rendered): Promise<void> {
  await typeInto(page, '.field-name', '张三');
  await typeInto(page, '.field-id', MY_ID);
  await typeInto(page, '.field-mobile', '13800138000');
  await pickVillage(page, '通川区', '罗江镇', '青龙村');
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('switchTab');
});

describe('instant validation', () => {
  test('typing an ID number with a wrong check character shows 身份证号码校验位不正确', async () => {
    visitorCloud();
    const page = await openRegister();
    await typeInto(page, '.field-id', wrongChecksum(MY_ID));
    expect(tipsOf(page, '.field-id')).toBe('身份证号码校验位不正确');
  });

  test('correcting the ID number clears its error', async () => {
    visitorCloud();
    const page = await openRegister();
    await typeInto(page, '.field-id', wrongChecksum(MY_ID));
    await typeInto(page, '.field-id', MY_ID);
    expect(tipsOf(page, '.field-id')).toBe('');
  });

  test('a lower-case x at the end of an ID number is taken as X', async () => {
    visitorCloud();
    const page = await openRegister();
    const withX = idNumber('51170219800229104');
    expect(withX.endsWith('X')).toBe(true); // born on 29 February 1980, a leap year
    await typeInto(page, '.field-id', withX.toLowerCase());
    expect(tipsOf(page, '.field-id')).toBe('');
    expect((page.data as { form: { idNumber: string } }).form.idNumber).toBe(withX);
  });

  test('a field half typed shows no error until the person leaves it', async () => {
    visitorCloud();
    const page = await openRegister();
    await typeInto(page, '.field-mobile', '1380');
    expect(tipsOf(page, '.field-mobile')).toBe('');
    await leave(page, '.field-mobile');
    expect(tipsOf(page, '.field-mobile')).toBe('手机号码应为11位数字，以1开头');
  });

  test('a name in Latin letters is refused in plain words once the field is left', async () => {
    visitorCloud();
    const page = await openRegister();
    await typeInto(page, '.field-name', 'Zhang San');
    await leave(page, '.field-name');
    expect(tipsOf(page, '.field-name')).toBe('姓名只能是汉字，少数民族姓名可用“·”分隔');
  });

  test('the submit button stays disabled, naming what is missing, until every field is valid', async () => {
    visitorCloud();
    const page = await openRegister();
    expect(isDisabled(page, '.submit')).toBe(true);
    await typeInto(page, '.field-name', '张三');
    await typeInto(page, '.field-id', MY_ID);
    expect(isDisabled(page, '.submit')).toBe(true);
    expect(textOf(find(page, '.submit-hint'))).toBe('还需填写或更正：手机号码、所在村（社区）');
    await typeInto(page, '.field-mobile', '13800138000');
    await pickVillage(page, '通川区', '罗江镇', '青龙村');
    expect(isDisabled(page, '.submit')).toBe(false);
    expect(page.querySelector('.submit-hint')).toBeUndefined();
  });

  test('tapping the disabled button sends nothing', async () => {
    const cloud = visitorCloud();
    const page = await openRegister();
    await typeInto(page, '.field-name', '张三');
    await tapButton(page, '.submit');
    expect(eventsOf(cloud, 'user.register')).toEqual([]);
  });
});

describe('the village picker', () => {
  test('asks listRegions for each level only when the person gets there', async () => {
    const cloud = visitorCloud();
    const page = await openRegister();
    expect(eventsOf(cloud, 'admin.listRegions')).toEqual([]);
    await tapCell(page, '.field-village');
    expect(offeredRegions(page)).toEqual(['通川区', '宣汉县']);
    await pickVillage(page, '通川区', '罗江镇', '白鹤村');
    expect(eventsOf(cloud, 'admin.listRegions')).toEqual([
      { action: 'listRegions' },
      { action: 'listRegions', parentCode: '511702000000' },
      { action: 'listRegions', parentCode: '511702101000' },
    ]);
  });

  test('marks demo villages with （演示） and shows the path picked', async () => {
    visitorCloud();
    const page = await openRegister();
    await pickVillage(page, '通川区', '罗江镇');
    expect(offeredRegions(page)).toEqual(['青龙村（演示）', '白鹤村（演示）']);
    await tapCell(
      find(page, '.village-picker'),
      find(page, '.village-picker').querySelectorAll('.region-option')[0],
    );
    expect(textOf(find(page, '.field-village').querySelector('.t-cell__description-text'))).toBe(
      '通川区 罗江镇 青龙村（演示）',
    );
  });

  test('closing the picker without a village asks for one', async () => {
    visitorCloud();
    const page = await openRegister();
    await tapCell(page, '.field-village');
    find(page, '.village-picker').querySelector('.picker__close')?.dispatchEvent('tap');
    await settle();
    expect(textOf(find(page, '.field-village__error'))).toBe('请选择所在村（社区）');
  });
});

describe('joining a household', () => {
  test('加入已有家庭 asks for the head’s ID number, name and the relation', async () => {
    visitorCloud();
    const page = await openRegister();
    expect(page.querySelector('.field-head-id')).toBeUndefined();
    await tapButton(page, '.mode--join');
    expect(page.querySelector('.field-head-id')).toBeDefined();
    expect(page.querySelector('.field-head-name')).toBeDefined();
    expect(
      page.querySelectorAll('.relation').map((r) => textOf(r.querySelector('.t-button__content'))),
    ).toEqual(['配偶', '子女', '父母', '孙子女', '兄弟姐妹', '其他']);
  });

  test('the head’s ID number is checked as it is typed', async () => {
    visitorCloud();
    const page = await openRegister();
    await tapButton(page, '.mode--join');
    await typeInto(page, '.field-head-id', wrongChecksum(HEAD_ID));
    expect(tipsOf(page, '.field-head-id')).toBe('户主身份证号码校验位不正确');
  });

  test('one’s own ID number is not accepted as the head’s', async () => {
    visitorCloud();
    const page = await openRegister();
    await typeInto(page, '.field-id', MY_ID);
    await tapButton(page, '.mode--join');
    await typeInto(page, '.field-head-id', MY_ID);
    expect(tipsOf(page, '.field-head-id')).toBe('加入家庭时，户主身份证号码不能是您本人的');
  });

  test('registering as a member sends the head’s ID number, name and the relation', async () => {
    const cloud = visitorCloud();
    const page = await openRegister();
    await fillAsHead(page);
    await tapButton(page, '.mode--join');
    expect(isDisabled(page, '.submit')).toBe(true);
    await typeInto(page, '.field-head-id', HEAD_ID);
    await typeInto(page, '.field-head-name', '张大山');
    await tapButton(page, '.relation--child');
    await tapButton(page, '.submit');
    expect(eventsOf(cloud, 'user.register')[0]).toMatchObject({
      household: { mode: 'join', headIdNumber: HEAD_ID, headName: '张大山', relation: 'child' },
    });
  });
});

describe('the draft on the phone', () => {
  test('what was typed is there again after the page is closed and opened again', async () => {
    visitorCloud();
    const first = await openRegister();
    await typeInto(first, '.field-name', '张三');
    await typeInto(first, '.field-id', MY_ID);
    await pickVillage(first, '通川区', '罗江镇', '青龙村');
    close(first);

    const again = await openRegister();
    expect(again.data).toMatchObject({
      form: {
        name: '张三',
        idNumber: MY_ID,
        villageCode: '511702101001',
        villageLabel: '通川区 罗江镇 青龙村（演示）',
      },
    });
    expect(find(again, '.field-name').data).toMatchObject({ value: '张三' });
  });

  test('a restored draft shows the problems of what it holds at once', async () => {
    visitorCloud();
    const first = await openRegister();
    await typeInto(first, '.field-mobile', '1380013');
    close(first);

    const again = await openRegister();
    expect(tipsOf(again, '.field-mobile')).toBe('手机号码应为11位数字，以1开头');
  });

  test('a draft older than seven days is dropped', async () => {
    visitorCloud();
    wx.setStorageSync(DRAFT_KEY, {
      savedAt: Date.now() - 8 * DAY_MS,
      form: { name: '张三', idNumber: MY_ID, mobile: '', villageCode: '', villageLabel: '', mode: 'head' },
    });
    const page = await openRegister();
    expect(page.data).toMatchObject({ form: { name: '', idNumber: '' } });
    expect(wx.getStorageSync(DRAFT_KEY)).toBe('');
  });

  test('the draft is cleared after a successful registration', async () => {
    visitorCloud();
    const page = await openRegister();
    await fillAsHead(page);
    expect(wx.getStorageSync(DRAFT_KEY)).not.toBe('');
    await tapButton(page, '.submit');
    expect(wx.getStorageSync(DRAFT_KEY)).toBe('');
  });
});

describe('sending', () => {
  test('a registration sends the typed data and shows 待核验 with the next step of the answer', async () => {
    const cloud = visitorCloud();
    const page = await openRegister();
    await fillAsHead(page);
    await tapButton(page, '.submit');
    expect(eventsOf(cloud, 'user.register')).toEqual([
      {
        action: 'register',
        name: '张三',
        idNumber: MY_ID,
        mobile: '13800138000',
        villageCode: '511702101001',
        household: { mode: 'head' },
      },
    ]);
    expect(textOf(find(page, '.result').querySelector('.t-result__title'))).toBe('注册成功，待核验');
    expect(textOf(find(page, '.result').querySelector('.t-result__description'))).toBe(NEXT_STEP);
    expect(textOf(find(page, '.result__tag'))).toBe('待核验');
  });

  test('after registering, the session is asked again so the home page and tab bar follow', async () => {
    const cloud = visitorCloud();
    const page = await openRegister();
    await fillAsHead(page);
    const before = eventsOf(cloud, 'user.login').length;
    await tapButton(page, '.submit');
    expect(eventsOf(cloud, 'user.login')).toHaveLength(before + 1);
  });

  test('a CONFLICT is shown as a toast with its message, and the form and draft stay', async () => {
    const message =
      '该身份证号码已在其他微信账号上注册。如不是您本人注册的，请带身份证到村（社区）便民服务点办理';
    visitorCloud(fail('CONFLICT', message));
    const showToast = mockApi<{ title: string }>('showToast');
    const page = await openRegister();
    await fillAsHead(page);
    await tapButton(page, '.submit');
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: message, icon: 'none' }));
    expect(page.querySelector('.result')).toBeUndefined();
    expect(find(page, '.field-id').data).toMatchObject({ value: MY_ID });
    expect(wx.getStorageSync(DRAFT_KEY)).not.toBe('');
  });

  test('an account already registered is told so instead of the form', async () => {
    mockActions({ 'user.login': ok(residentLogin()) });
    const page = await openRegister();
    expect(textOf(find(page, '.already').querySelector('.t-result__title'))).toBe('您已完成实名注册');
    expect(page.querySelector('.field-name')).toBeUndefined();
  });
});
