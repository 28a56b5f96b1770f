import { card, dibao, gaoling, gengdi, loginWithUserId } from '../helpers/declaration-fixtures';
import { cadre, staffLogin } from '../helpers/fixtures';
import { type Rendered, render, settle, textOf } from '../helpers/render';
import { find, idNumber, leave, tapButton, tapCell, tipsOf, typeInto, wrongChecksum } from '../helpers/steps';
import { eventsOf, mockActions, mockApi, ok } from '../helpers/wx-mocks';

const PROXY = 'package-staff/pages/proxy/index';
const ELDER_ID = idNumber('51170219400303123');

function cadreCloud() {
  return mockActions({
    'user.login': ok(loginWithUserId('c1', staffLogin(cadre))),
    'declaration.listProjects': ok({
      items: [
        card(dibao()),
        card(gaoling()),
        card(gengdi()),
        card(dibao(), { code: 'SHUT', open: false }),
        // Listed as allowing 代办, but the catalogue changed before the cadre picked it.
        card(gengdi(), { code: 'WITHDRAWN', name: '耕地地力保护补贴', proxyAllowed: true }),
      ],
    }),
    'declaration.getProject': (event) => ok(event.code === 'WITHDRAWN' ? gengdi() : dibao()),
    'declaration.proxySubmit': ok({
      declarationId: 'd7',
      status: 'in_review',
      valid: true,
      rules: [],
      nextStep: '等待村级初审',
    }),
  });
}

async function pickProject(page: Rendered, code: string): Promise<void> {
  await tapCell(page, `.project--${code}`);
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
});

test('only the projects open now that allow 代办 are offered', async () => {
  cadreCloud();
  const page = render(PROXY);
  await settle();
  expect(page.querySelectorAll('.project').map((c) => (c.data as { title: string }).title)).toEqual([
    '城乡居民最低生活保障',
    '高龄津贴',
    '耕地地力保护补贴',
  ]);
  expect(page.querySelector('.project--GENGDI')).toBeUndefined();
});

test('a project whose 代办 was withdrawn after listing is refused in plain words', async () => {
  cadreCloud();
  const page = render(PROXY);
  await settle();
  await pickProject(page, 'WITHDRAWN');
  expect(textOf(find(page, '.refusal'))).toBe('耕地地力保护补贴不能代办，请本人申报');
  expect(page.querySelector('.declaration-form')).toBeUndefined();
});

test('a mistyped ID number of the resident is named at once', async () => {
  cadreCloud();
  const page = render(PROXY);
  await settle();
  await pickProject(page, 'DIBAO');
  await typeInto(page, '.applicant-id', wrongChecksum(ELDER_ID));
  expect(tipsOf(page, '.applicant-id')).toBe('身份证号码校验位不正确');
});

test('a name in Latin letters is refused once the field is left', async () => {
  cadreCloud();
  const page = render(PROXY);
  await settle();
  await pickProject(page, 'DIBAO');
  await typeInto(page, '.applicant-name', 'Wang');
  await leave(page, '.applicant-name');
  expect(tipsOf(page, '.applicant-name')).toBe('姓名只能是汉字，少数民族姓名可用“·”分隔');
});

test('without a reason for 代办 nothing is sent', async () => {
  const calls = cadreCloud();
  const page = render(PROXY);
  await settle();
  await pickProject(page, 'DIBAO');
  await typeInto(page, '.applicant-id', ELDER_ID);
  await typeInto(page, '.applicant-name', '王大爷');
  const form = find(page, '.declaration-form');
  await typeInto(form, '.field-input--incomePerCapita', '300');
  await tapButton(form, '.next');
  expect(eventsOf(calls, 'declaration.proxySubmit')).toEqual([]);
  expect(textOf(find(page, '.reason-error'))).toBe('请选择代办原因');
});

test('a complete 代办 is sent with proxySubmit: the resident, the reason and the form in fen', async () => {
  const calls = cadreCloud();
  const page = render(PROXY);
  await settle();
  await pickProject(page, 'DIBAO');
  await typeInto(page, '.applicant-id', ELDER_ID);
  await typeInto(page, '.applicant-name', '王大爷');
  await tapButton(page, '.reason--elderly');
  const form = find(page, '.declaration-form');
  await typeInto(form, '.field-input--incomePerCapita', '300');
  await tapButton(form, '.next');
  expect(eventsOf(calls, 'declaration.proxySubmit')).toEqual([
    {
      action: 'proxySubmit',
      code: 'DIBAO',
      applicantIdNumber: ELDER_ID,
      applicantName: '王大爷',
      reason: 'elderly',
      answers: { incomePerCapita: 30000 },
      attachments: [],
    },
  ]);
  expect(textOf(find(page, '.result').querySelector('.t-result__title'))).toBe('申报已提交，进入审核');
});
