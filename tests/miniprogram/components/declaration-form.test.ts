import { FORM_DRAFT_PREFIX } from '../../../miniprogram/components/declaration-form/draft';
import type { GetProjectResponse } from '../../../typings/api';
import { dibao, failed, gaoling, gengdi, loginWithUserId, passed } from '../helpers/declaration-fixtures';
import { residentHousehold } from '../helpers/fixtures';
import { openPage, type Rendered, textOf } from '../helpers/render';
import { find, isDisabled, leave, tapButton, tipsOf, typeInto } from '../helpers/steps';
import {
  type Answers,
  type Envelope,
  eventsOf,
  mockActions,
  mockApi,
  mockChooseMedia,
  mockUpload,
  ok,
} from '../helpers/wx-mocks';

const FORM = 'pages/declare/form';
const FILE_ID = 'cloud://env.bucket/declarations/u1/idCard/1-1.jpg';

const eligibleCheck: Envelope<'declaration.precheck'> = ok({
  eligible: true,
  rules: [passed('age80', '年满80周岁', '出生于1940年3月，申报时86周岁')],
  fieldErrors: {},
  period: '2026',
  standardText: '80至89周岁每人每月50元（演示）',
});

const submitted: Envelope<'declaration.submit'> = ok({
  declarationId: 'd9',
  status: 'in_review',
  valid: true,
  rules: [],
  nextStep: '等待村级初审，7个工作日内办结',
});

/** The cloud of 张三 (a household head, userId u1) declaring for `project`. */
function residentCloud(project: GetProjectResponse, answers: Answers = {}) {
  return mockActions({
    'user.login': ok(loginWithUserId('u1')),
    'user.household': ok(residentHousehold()),
    'declaration.getProject': ok(project),
    'declaration.precheck': eligibleCheck,
    'declaration.submit': submitted,
    ...answers,
  });
}

const formOf = (page: Rendered): Rendered => find(page, '.declaration-form');

/** The texts of the nodes with this class; of a t-button, its label. */
function labels(form: Rendered, selector: string): string[] {
  return form
    .querySelectorAll(selector)
    .map((node) => textOf(node.querySelector('.t-button__content') ?? node));
}

function resultOf(page: Rendered): { title: string; description: string } {
  const result = find(page, '.result');
  return {
    title: textOf(result.querySelector('.t-result__title')),
    description: textOf(result.querySelector('.t-result__description')),
  };
}

/** 高龄津贴 filled in: 独居, and the ID photo uploaded. */
async function fillGaoling(form: Rendered): Promise<void> {
  const uploads = mockUpload();
  mockChooseMedia([{ path: 'wxfile://tmp/front.jpg', size: 800 * 1024 }]);
  await tapButton(form, '.option--alone');
  await tapButton(form, '.add-image');
  uploads[0]!.succeed(FILE_ID);
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('setNavigationBarTitle');
});

describe('one form for any project', () => {
  test('高龄津贴 shows its one choice and the ID photo to upload', async () => {
    residentCloud(gaoling());
    const form = formOf(await openPage(FORM, { code: 'GAOLING' }));
    expect(labels(form, '.field__label')).toEqual(['居住情况']);
    expect(labels(form, '.option')).toEqual(['独居', '与家人同住']);
    expect(labels(form, '.material__label')).toEqual(['申报人身份证正反面照片']);
    expect(textOf(find(form, '.material__count'))).toBe('已上传 0/2');
  });

  test('耕地地力保护补贴 asks the area in 亩, the crop and a yes/no, with no materials', async () => {
    residentCloud(gengdi());
    const form = formOf(await openPage(FORM, { code: 'GENGDI' }));
    expect(textOf(find(form, '.field-input--area').querySelector('.t-input__label'))).toBe(
      '确权承包耕地面积',
    );
    expect(textOf(find(form, '.field-input--area').querySelector('.t-input__wrap--suffix'))).toBe('亩');
    expect(labels(form, '.option')).toEqual(['水稻', '玉米']);
    expect(labels(form, '.choice')).toEqual(['是', '否']);
    expect(form.querySelector('.material')).toBeUndefined();
  });

  test('an incomplete form cannot go on, and says what is missing', async () => {
    const cloud = residentCloud(gengdi());
    const form = formOf(await openPage(FORM, { code: 'GENGDI' }));
    await typeInto(form, '.field-input--area', '3.5');
    expect(isDisabled(form, '.next')).toBe(true);
    expect(textOf(find(form, '.submit-hint'))).toBe('还需填写或更正：主要种植作物、耕地仍在耕种，未撂荒');
    await tapButton(form, '.next');
    expect(eventsOf(cloud, 'declaration.precheck')).toEqual([]);
  });

  test('a household head chooses the member the declaration is for', async () => {
    const cloud = residentCloud(gaoling());
    const form = formOf(await openPage(FORM, { code: 'GAOLING' }));
    expect(labels(form, '.member')).toEqual(['张*三（本人）', '李*（配偶）', '张*明（孙子女）']);
    await tapButton(form, '.member--m2');
    await fillGaoling(form);
    await tapButton(form, '.next');
    expect(eventsOf(cloud, 'declaration.precheck')[0]).toMatchObject({ applicantMemberId: 'm2' });
  });
});

describe('instant field errors', () => {
  test('letters in the area show 应为数字 once the field is left', async () => {
    residentCloud(gengdi());
    const form = formOf(await openPage(FORM, { code: 'GENGDI' }));
    await typeInto(form, '.field-input--area', '三亩');
    expect(tipsOf(form, '.field-input--area')).toBe('');
    await leave(form, '.field-input--area');
    expect(tipsOf(form, '.field-input--area')).toBe('确权承包耕地面积应为数字');
  });

  test('an area above the limit is refused as it is corrected', async () => {
    residentCloud(gengdi());
    const form = formOf(await openPage(FORM, { code: 'GENGDI' }));
    await typeInto(form, '.field-input--area', '3');
    await leave(form, '.field-input--area');
    await typeInto(form, '.field-input--area', '3000');
    expect(tipsOf(form, '.field-input--area')).toBe('确权承包耕地面积不能大于1000');
  });
});

describe('money', () => {
  test('an income typed in 元 is sent as integer fen', async () => {
    const cloud = residentCloud(dibao());
    const form = formOf(await openPage(FORM, { code: 'DIBAO' }));
    await typeInto(form, '.field-input--incomePerCapita', '580.5');
    await tapButton(form, '.next');
    expect(eventsOf(cloud, 'declaration.precheck')[0]).toMatchObject({
      code: 'DIBAO',
      answers: { incomePerCapita: 58050 },
    });
  });
});

describe('the pre-check before the final submit', () => {
  test('each rule is shown with 符合 or 不符合 and its reason', async () => {
    residentCloud(gaoling(), {
      'declaration.precheck': ok({
        eligible: false,
        rules: [
          failed('age80', '年满80周岁', '出生于1950年3月，申报时76周岁，未满80周岁'),
          passed('verified', '已完成实名核验', '已完成实名核验'),
        ],
        fieldErrors: {},
        period: '2026',
        standardText: '',
      }),
    });
    const form = formOf(await openPage(FORM, { code: 'GAOLING' }));
    await fillGaoling(form);
    await tapButton(form, '.next');
    expect(labels(form, '.rule__mark')).toEqual(['✗ 不符合', '✓ 符合']);
    expect(labels(form, '.rule__text')).toEqual(['年满80周岁', '已完成实名核验']);
    expect(labels(form, '.rule__reason')).toEqual([
      '出生于1950年3月，申报时76周岁，未满80周岁',
      '已完成实名核验',
    ]);
    expect(textOf(find(form, '.precheck__summary'))).toContain('提交后将作为无效申报保留');
    expect(labels(form, '.confirm')).toEqual(['仍然提交申报']);
  });

  test('nothing is submitted until the person confirms after the pre-check', async () => {
    const cloud = residentCloud(gaoling());
    const form = formOf(await openPage(FORM, { code: 'GAOLING' }));
    await fillGaoling(form);
    await tapButton(form, '.next');
    expect(eventsOf(cloud, 'declaration.submit')).toEqual([]);
    await tapButton(form, '.confirm');
    expect(eventsOf(cloud, 'declaration.submit')).toEqual([
      {
        action: 'submit',
        code: 'GAOLING',
        answers: { livingWith: 'alone' },
        attachments: [{ materialKey: 'idCard', fileID: FILE_ID }],
        applicantMemberId: 'm1',
      },
    ]);
  });

  test('a valid declaration says it is in review and what comes next', async () => {
    residentCloud(gaoling());
    const page = await openPage(FORM, { code: 'GAOLING' });
    await fillGaoling(formOf(page));
    await tapButton(formOf(page), '.next');
    await tapButton(formOf(page), '.confirm');
    expect(resultOf(page)).toEqual({
      title: '申报已提交，进入审核',
      description: '等待村级初审，7个工作日内办结',
    });
  });

  test('an invalid declaration is kept and names the failed rules plainly', async () => {
    residentCloud(gaoling(), {
      'declaration.submit': ok({
        declarationId: 'd9',
        status: 'invalid',
        valid: false,
        rules: [failed('age80', '年满80周岁', '出生于1950年3月，申报时76周岁，未满80周岁')],
        nextStep: '如有疑问请咨询村干部',
      }),
    });
    const page = await openPage(FORM, { code: 'GAOLING' });
    await fillGaoling(formOf(page));
    await tapButton(formOf(page), '.next');
    await tapButton(formOf(page), '.confirm');
    expect(resultOf(page).description).toContain('本次申报作为无效申报保留');
    expect(textOf(find(page, '.failure-rule__text'))).toBe('✗ 年满80周岁');
    expect(textOf(find(page, '.failure-rule__reason'))).toBe('出生于1950年3月，申报时76周岁，未满80周岁');
  });
});

describe('the kept draft', () => {
  test('what was filled in is there again when the page is opened again', async () => {
    residentCloud(gengdi());
    const first = formOf(await openPage(FORM, { code: 'GENGDI' }));
    await typeInto(first, '.field-input--area', '3.5');
    await tapButton(first, '.option--corn');
    residentCloud(gengdi());
    const again = formOf(await openPage(FORM, { code: 'GENGDI' }));
    expect((find(again, '.field-input--area').data as { value: string }).value).toBe('3.5');
    expect((find(again, '.option--corn').data as { theme: string }).theme).toBe('primary');
  });

  test('a draft older than seven days is not restored', async () => {
    wx.setStorageSync(`${FORM_DRAFT_PREFIX}project.GENGDI`, {
      savedAt: Date.now() - 8 * 24 * 60 * 60 * 1000,
      form: { inputs: { area: '9' }, files: {}, applicantMemberId: 'm1' },
    });
    residentCloud(gengdi());
    const form = formOf(await openPage(FORM, { code: 'GENGDI' }));
    expect((find(form, '.field-input--area').data as { value: string }).value).toBe('');
  });

  test('the draft is cleared after a successful submit', async () => {
    residentCloud(gaoling());
    const page = await openPage(FORM, { code: 'GAOLING' });
    await fillGaoling(formOf(page));
    expect(wx.getStorageSync(`${FORM_DRAFT_PREFIX}project.GAOLING`)).not.toBe('');
    await tapButton(formOf(page), '.next');
    await tapButton(formOf(page), '.confirm');
    expect(wx.getStorageSync(`${FORM_DRAFT_PREFIX}project.GAOLING`)).toBe('');
  });
});

describe('uploading materials', () => {
  test('a photo larger than the material allows is refused before uploading', async () => {
    residentCloud(gaoling());
    const uploads = mockUpload();
    mockChooseMedia([{ path: 'wxfile://tmp/big.jpg', size: 6 * 1024 * 1024 }]);
    const form = formOf(await openPage(FORM, { code: 'GAOLING' }));
    await tapButton(form, '.add-image');
    expect(uploads).toEqual([]);
    expect(textOf(find(form, '.material-error--idCard'))).toBe(
      '文件太大：申报人身份证正反面照片每个不能超过5MB',
    );
  });

  test('a file of a type the material does not take is refused', async () => {
    residentCloud(gaoling());
    const uploads = mockUpload();
    mockChooseMedia([{ path: 'wxfile://tmp/scan.gif', size: 1024 }]);
    const form = formOf(await openPage(FORM, { code: 'GAOLING' }));
    await tapButton(form, '.add-image');
    expect(uploads).toEqual([]);
    expect(textOf(find(form, '.material-error--idCard'))).toBe('申报人身份证正反面照片只能上传图片');
  });

  test('an upload shows its progress and goes to the caller’s own folder', async () => {
    residentCloud(gaoling());
    const uploads = mockUpload();
    mockChooseMedia([{ path: 'wxfile://tmp/front.jpg', size: 800 * 1024 }]);
    const form = formOf(await openPage(FORM, { code: 'GAOLING' }));
    await tapButton(form, '.add-image');
    expect(uploads[0]!.cloudPath).toMatch(/^declarations\/u1\/idCard\/\d+-\d+\.jpg$/);
    uploads[0]!.progress(40);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((find(form, '.upload-progress').data as { percentage: number }).percentage).toBe(40);
    expect(textOf(find(form, '.submit-hint'))).toBe('材料正在上传，请稍候');
    uploads[0]!.succeed(FILE_ID);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(textOf(find(form, '.material__count'))).toBe('已上传 1/2');
    expect(form.querySelector('.upload-progress')).toBeUndefined();
  });
});
