import type { DeclarationSummary } from '../../../typings/api';
import { card, gaoling, gengdi, loginWithUserId, returnedDeclaration } from '../helpers/declaration-fixtures';
import { residentLogin } from '../helpers/fixtures';
import { openPage, type Rendered, render, settle, textOf } from '../helpers/render';
import { find, tapButton } from '../helpers/steps';
import { type Answers, eventsOf, mockActions, mockApi, mockModal, ok } from '../helpers/wx-mocks';

const texts = (page: Rendered, selector: string): string[] =>
  page
    .querySelectorAll(selector)
    .map((node) =>
      textOf(node.querySelector('.t-button__content') ?? node.querySelector('.t-tag__text') ?? node),
    );

function cloud(answers: Answers) {
  return mockActions({ 'user.login': ok(residentLogin()), ...answers });
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('setNavigationBarTitle');
});

describe('阳光申报', () => {
  test('lists each project with its department, what it pays, its state and the window in Shanghai days', async () => {
    cloud({
      'declaration.listProjects': ok({
        items: [
          card(gaoling()),
          card(gengdi(), {
            open: false,
            window: {
              period: '2027',
              opensAt: '2026-12-31T16:00:00.000Z',
              closesAt: '2027-03-31T16:00:00.000Z',
            },
          }),
        ],
      }),
    });
    const page = render('pages/declare/index');
    await settle();
    expect(texts(page, '.project__name')).toEqual(['高龄津贴', '耕地地力保护补贴']);
    expect(texts(page, '.project__department')).toEqual(['主管部门：民政局', '主管部门：农业农村局']);
    expect(texts(page, '.project__standard')[0]).toContain('可享受：80至89周岁每人每月50元（演示）');
    expect(page.querySelectorAll('.project__demo')).toHaveLength(2);
    expect(texts(page, '.project__window')).toEqual([
      '申报时间 2026-01-01 至 2026-12-31',
      '下次开放 2027-01-01 至 2027-03-31',
    ]);
    expect(page.querySelectorAll('.project--open')).toHaveLength(1);
  });

  test('my open declaration of a project leads to its detail', async () => {
    cloud({ 'declaration.listProjects': ok({ items: [card(gaoling(), { myOpenDeclarationId: 'd1' })] }) });
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = render('pages/declare/index');
    await settle();
    find(page, '.project__mine').dispatchEvent('tap');
    await settle();
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/declarations/detail?id=d1' }),
    );
  });

  test('the 申报须知 lists who qualifies, the materials and the time limits, with 我要申报 while open', async () => {
    cloud({ 'declaration.getProject': ok(gaoling()) });
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openPage('pages/declare/notice', { code: 'GAOLING' });
    const titles = (selector: string) =>
      page.querySelectorAll(selector).map((c) => (c.data as { title: string; note?: string }).title);
    expect(titles('.rule')).toEqual(['年满80周岁', '已完成实名核验', '全家已绑定一卡通（社保卡或银行卡）']);
    expect(titles('.material')).toEqual(['申报人身份证正反面照片']);
    expect(page.querySelectorAll('.stage').map((c) => (c.data as { note: string }).note)).toEqual([
      '7个工作日内办结',
      '7个工作日内办结',
      '公示7天',
      '7个工作日内办结',
    ]);
    expect(textOf(find(page, '.policy__document'))).toBe('《四川省老年人高龄津贴办法》（川民发〔2020〕1号）');
    await tapButton(page, '.declare');
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/pages/declare/form?code=GAOLING' }),
    );
  });
});

const summary = (changes: Partial<DeclarationSummary>): DeclarationSummary => {
  const {
    answers: _a,
    attachments: _f,
    rules: _r,
    timeline: _t,
    proxyBy: _p,
    canWithdraw: _w,
    canResubmit: _s,
    ...rest
  } = returnedDeclaration();
  return { ...rest, ...changes };
};

describe('我的申报', () => {
  test('shows each declaration’s status in words with its tags', async () => {
    cloud({
      'declaration.mine': ok({
        items: [
          summary({ declarationId: 'd1', statusText: '已打回待修改' }),
          summary({
            declarationId: 'd2',
            status: 'invalid',
            statusText: '不符合条件',
            valid: false,
            proxy: false,
          }),
        ],
        total: 2,
        page: 1,
        pageSize: 20,
      }),
    });
    const page = render('pages/declarations/index');
    await settle();
    expect(texts(page, '.declaration__status')).toEqual(['已打回待修改', '不符合条件']);
    expect(page.querySelectorAll('.declaration__proxy')).toHaveLength(1);
    expect(page.querySelectorAll('.declaration__invalid')).toHaveLength(1);
  });

  test('the detail shows the timeline as steps with unit, person, time in Shanghai, outcome and opinion', async () => {
    cloud({ 'declaration.detail': ok(returnedDeclaration()) });
    const page = await openPage('pages/declarations/detail', { id: 'd1' });
    expect(page.querySelectorAll('.step').map((s) => (s.data as { title: string }).title)).toEqual([
      '提交申报',
      '村级初审',
      '乡镇审核',
    ]);
    expect(texts(page, '.step__line').slice(2, 4)).toEqual([
      '青龙村村委会 李*华',
      '打回补正 · 2026-03-03 14:30',
    ]);
    expect(textOf(find(page, '.step__opinion'))).toBe('意见：身份证照片不清楚，请重新拍照上传');
    expect(textOf(find(page, '.summary__proxy-text'))).toBe('代办：青龙村村委会 王*（高龄）');
  });

  test('withdrawing asks first and sends the reason given', async () => {
    const calls = cloud({
      'declaration.detail': ok(returnedDeclaration()),
      'declaration.withdraw': ok(summary({ status: 'withdrawn', statusText: '已撤回' })),
    });
    const modal = mockModal(true, '已经不需要了');
    const page = await openPage('pages/declarations/detail', { id: 'd1' });
    await tapButton(page, '.withdraw');
    expect(modal.mock.calls[0]![0]).toMatchObject({ title: '撤回申报', editable: true });
    expect(eventsOf(calls, 'declaration.withdraw')).toEqual([
      { action: 'withdraw', declarationId: 'd1', reason: '已经不需要了' },
    ]);
  });

  test('cancelling the withdrawal sends nothing', async () => {
    const calls = cloud({ 'declaration.detail': ok(returnedDeclaration()) });
    mockModal(false);
    const page = await openPage('pages/declarations/detail', { id: 'd1' });
    await tapButton(page, '.withdraw');
    expect(eventsOf(calls, 'declaration.withdraw')).toEqual([]);
  });

  test('a returned declaration opens the same form filled with what was sent, and resubmits it', async () => {
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
    const page = await openPage('pages/declare/form', { declarationId: 'd1' });
    const form = find(page, '.declaration-form');
    expect((find(form, '.option--family').data as { theme: string }).theme).toBe('primary');
    expect(textOf(find(form, '.material__count'))).toBe('已上传 1/2');
    await tapButton(form, '.next');
    await tapButton(form, '.confirm');
    expect(eventsOf(calls, 'declaration.resubmit')).toEqual([
      {
        action: 'resubmit',
        declarationId: 'd1',
        answers: { livingWith: 'family' },
        attachments: [{ materialKey: 'idCard', fileID: returnedDeclaration().attachments[0]!.fileID }],
      },
    ]);
  });
});
