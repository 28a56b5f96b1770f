import type { TipoffMineResponse, TipoffTrackView } from '../../../typings/api';
import { card, gaoling, gengdi } from '../helpers/declaration-fixtures';
import { residentLogin, unregisteredLogin } from '../helpers/fixtures';
import { openPage, type Rendered, render, settle, textOf } from '../helpers/render';
import { buttonLabels, find, tapButton, typeInto, typeIntoTextarea } from '../helpers/steps';
import {
  type Answers,
  eventsOf,
  fail,
  mockActions,
  mockApi,
  mockChooseMedia,
  mockLogin,
  mockModal,
  mockUpload,
  ok,
} from '../helpers/wx-mocks';

const FORM = 'pages/tipoff/index';
const TRACK = 'pages/tipoff/track';
const CONTENT = '村干部在发放耕地补贴时要求每户交二十元手续费';
const CODE = 'JB7K2M9QXW4R';
const SECRET = 'h4xQ92kdq7Zp';
const ESCALATION = '如仍不满意，可拨打12345政务服务便民热线，或向纪检监察机关信访举报（12388）反映。';

/** A tip-off as its reporter sees it: submitted on 2026-03-02 (Shanghai), not yet accepted. */
function tracked(changes: Partial<TipoffTrackView> = {}): TipoffTrackView {
  return {
    trackingCode: CODE,
    kind: 'payment',
    kindText: '发放投诉',
    status: 'submitted',
    statusText: '待受理',
    createdAt: '2026-03-02T01:30:00.000Z',
    acceptBy: '2026-03-20T15:59:59.000Z',
    acceptByProvisional: false,
    reply: null,
    events: [{ event: 'submitted', at: '2026-03-02T01:30:00.000Z', unit: '举报人', text: null }],
    canRate: false,
    rating: null,
    canReopen: false,
    escalationHint: null,
    ...changes,
  };
}

/** Accepted, closed and answered: waiting for the reporter's rating. */
function replied(changes: Partial<TipoffTrackView> = {}): TipoffTrackView {
  return tracked({
    status: 'replied',
    statusText: '已答复',
    reply: '经核查，反映问题属实，已责令退还并对相关人员批评教育。',
    events: [
      ...tracked().events,
      { event: 'accepted', at: '2026-03-03T02:00:00.000Z', unit: '通川区纪委监委', text: null },
      { event: 'closed', at: '2026-03-10T02:00:00.000Z', unit: '通川区纪委监委', text: null },
      { event: 'replied', at: '2026-03-10T03:00:00.000Z', unit: '通川区纪委监委', text: null },
    ],
    canRate: true,
    canReopen: true,
    ...changes,
  });
}

function cloud(answers: Answers = {}) {
  return mockActions({
    'user.login': ok(residentLogin()),
    'declaration.listProjects': ok({ items: [card(gaoling()), card(gengdi())] }),
    'tipoff.staff': ok({
      items: [
        { staffId: 's1', maskedName: '李*华', unit: '青龙村村委会' },
        { staffId: 's2', maskedName: '王*', unit: '罗江镇人民政府' },
      ],
    }),
    'tipoff.submit': (event) =>
      ok({
        trackingCode: CODE,
        secret: event.anonymous ? SECRET : null,
        acceptBy: '2026-03-20T15:59:59.000Z',
        acceptByProvisional: false,
      }),
    'tipoff.mine': ok({ items: [], total: 0, page: 1, pageSize: 20 } satisfies TipoffMineResponse),
    ...answers,
  });
}

/** The texts of these nodes, a t-tag's label for a tag. */
function texts(page: Rendered, selector: string): string[] {
  return page.querySelectorAll(selector).map((node) => textOf(node.querySelector('.t-tag__text') ?? node));
}

async function openForm(): Promise<Rendered> {
  const page = render(FORM);
  await settle();
  return page;
}

async function tap(page: Rendered, selector: string): Promise<void> {
  find(page, selector).dispatchEvent('tap');
  await settle();
}

/** A payment complaint about the resident's own village, written out in full. */
async function fill(page: Rendered, identity: 'named' | 'anonymous', content = CONTENT): Promise<void> {
  await tap(page, '.kind--payment');
  await tapButton(page, `.identity--${identity}`);
  await typeIntoTextarea(page, '.content', content);
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('stopPullDownRefresh');
});

describe('我要举报', () => {
  test('the counter follows what is typed, out of 2000', async () => {
    cloud();
    const page = await openForm();
    expect(textOf(find(page, '.counter'))).toBe('0/2000');
    await typeIntoTextarea(page, '.content', CONTENT);
    expect(textOf(find(page, '.counter'))).toBe(`${CONTENT.length}/2000`);
  });

  test('content shorter than ten characters is refused with a plain message, without calling the cloud', async () => {
    const calls = cloud();
    const modal = mockModal(true);
    const page = await openForm();
    await fill(page, 'anonymous', '乱收费');
    await tapButton(page, '.submit');
    expect(textOf(find(page, '.problem'))).toBe('请写明举报内容，至少10个字（还差7个字）');
    expect(eventsOf(calls, 'tipoff.submit')).toEqual([]);
    expect(modal).not.toHaveBeenCalled();
  });

  test('an anonymous tip-off shows its code and secret once, with the warning to keep the secret', async () => {
    const calls = cloud();
    mockModal(true);
    const page = await openForm();
    await fill(page, 'anonymous');
    await tapButton(page, '.submit');
    expect(eventsOf(calls, 'tipoff.submit')).toEqual([
      { action: 'submit', kind: 'payment', anonymous: true, regionCode: '511702001001', content: CONTENT },
    ]);
    expect(textOf(find(page, '.sent__code'))).toBe(CODE);
    expect(textOf(find(page, '.sent__secret'))).toBe(SECRET);
    expect(textOf(find(page, '.sent__warning'))).toContain('密钥只显示这一次，请抄写或复制保存');
    expect(textOf(find(page, '.sent__accept'))).toBe('将在 2026-03-20 前受理');
    expect(page.querySelector('.content')).toBeUndefined();
  });

  test('the copy button copies the code and the secret together', async () => {
    cloud();
    mockModal(true);
    const setClipboardData = mockApi<{ data: string }>('setClipboardData');
    const page = await openForm();
    await fill(page, 'anonymous');
    await tapButton(page, '.submit');
    expect(buttonLabels(page, '.copy')).toEqual(['复制查询码和密钥']);
    await tapButton(page, '.copy');
    expect(setClipboardData).toHaveBeenCalledWith({ data: `查询码：${CODE} 查询密钥：${SECRET}` });
  });

  test('the secret is not kept on the phone: opening the form again shows an empty form', async () => {
    cloud();
    mockModal(true);
    // a spy, not a mock: the storage keeps working for the tests after this one
    const setStorageSync = jest.spyOn(wx, 'setStorageSync');
    const first = await openForm();
    await fill(first, 'anonymous');
    await tapButton(first, '.submit');
    const again = await openForm();
    expect(again.querySelector('.sent')).toBeUndefined();
    expect(JSON.stringify(setStorageSync.mock.calls)).not.toContain(SECRET);
  });

  test('查询进度 after an anonymous tip-off opens the query with the code only, never the secret', async () => {
    cloud();
    mockModal(true);
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openForm();
    await fill(page, 'anonymous');
    await tapButton(page, '.submit');
    await tapButton(page, '.track');
    expect(navigateTo).toHaveBeenCalledWith({ url: `/pages/tipoff/track?code=${CODE}&anonymous=1` });
  });

  test('a named tip-off uploads its pictures to the reporter’s folder and sends them with it', async () => {
    const calls = cloud();
    mockModal(true);
    const uploads = mockUpload();
    mockChooseMedia([
      { path: 'wxfile://tmp/receipt.jpg', size: 300 * 1024 },
      { path: 'wxfile://tmp/list.png', size: 500 * 1024 },
    ]);
    const page = await openForm();
    await fill(page, 'named');
    await tapButton(page, '.add-picture');
    expect(page.querySelectorAll('.picture')).toHaveLength(2);
    expect(uploads).toEqual([]);
    await tapButton(page, '.submit');
    expect(uploads.map((u) => u.cloudPath)).toEqual([
      expect.stringMatching(/^tipoffs\/u-resident\/\d+-1\.jpg$/),
      expect.stringMatching(/^tipoffs\/u-resident\/\d+-2\.png$/),
    ]);
    for (const upload of uploads) upload.succeed(`cloud://env-1/${upload.cloudPath}`);
    await settle();
    const [sent] = eventsOf(calls, 'tipoff.submit');
    expect(sent).toMatchObject({ anonymous: false });
    expect(sent?.attachments).toEqual([
      { fileID: `cloud://env-1/${uploads[0]!.cloudPath}`, name: '图片1' },
      { fileID: `cloud://env-1/${uploads[1]!.cloudPath}`, name: '图片2' },
    ]);
    expect(textOf(find(page, '.sent__code'))).toBe(CODE);
    expect(page.querySelector('.sent__secret')).toBeUndefined();
  });

  test('an anonymous tip-off’s pictures go to a random folder under anonymous/ that never holds the user id', async () => {
    const calls = cloud();
    mockModal(true);
    const uploads = mockUpload();
    mockChooseMedia([
      { path: 'wxfile://tmp/a.jpg', size: 1000 },
      { path: 'wxfile://tmp/b.jpg', size: 1000 },
    ]);
    const page = await openForm();
    await fill(page, 'anonymous');
    await tapButton(page, '.add-picture');
    await tapButton(page, '.submit');
    const paths = uploads.map((u) => u.cloudPath);
    expect(paths).toEqual([
      expect.stringMatching(/^tipoffs\/anonymous\/[a-z0-9]+\/\d+-1\.jpg$/),
      expect.stringMatching(/^tipoffs\/anonymous\/[a-z0-9]+\/\d+-2\.jpg$/),
    ]);
    expect(paths.join(' ')).not.toContain('u-resident');
    // one folder for the pictures of one tip-off
    expect(new Set(paths.map((p) => p.split('/')[2])).size).toBe(1);
    for (const upload of uploads) upload.succeed(`cloud://env-1/${upload.cloudPath}`);
    await settle();
    expect(eventsOf(calls, 'tipoff.submit')[0]).toMatchObject({ anonymous: true });
    expect(textOf(find(page, '.sent__secret'))).toBe(SECRET);
  });

  test('a picture that failed to upload leaves the form as it was, to send again', async () => {
    const calls = cloud();
    mockModal(true);
    const showToast = mockApi<{ title: string }>('showToast');
    const uploads = mockUpload();
    mockChooseMedia([{ path: 'wxfile://tmp/a.jpg', size: 1000 }]);
    const page = await openForm();
    await fill(page, 'named');
    await tapButton(page, '.add-picture');
    await tapButton(page, '.submit');
    uploads[0]!.fail();
    await settle();
    expect(eventsOf(calls, 'tipoff.submit')).toEqual([]);
    expect(showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '上传失败：网络不给力，请稍后重试' }),
    );
    expect(page.querySelectorAll('.picture')).toHaveLength(1);
    expect(buttonLabels(page, '.submit')).toEqual(['提交举报']);
  });

  test('tapping submit twice sends the tip-off once', async () => {
    const calls = cloud();
    mockModal(true);
    const page = await openForm();
    await fill(page, 'anonymous');
    const button = find(find(page, '.submit'), '.t-button');
    button.dispatchEvent('tap');
    button.dispatchEvent('tap');
    await settle();
    expect(eventsOf(calls, 'tipoff.submit')).toHaveLength(1);
  });

  test('the region’s staff are offered masked with their unit; the one picked is sent', async () => {
    const calls = cloud();
    mockModal(true);
    const page = await openForm();
    expect(eventsOf(calls, 'tipoff.staff')).toEqual([{ action: 'staff', regionCode: '511702001001' }]);
    expect(buttonLabels(page, '.accused')).toEqual([
      '不从名单中选',
      '李*华（青龙村村委会）',
      '王*（罗江镇人民政府）',
    ]);
    await fill(page, 'named');
    await tapButton(page, '.accused--s1');
    await tapButton(page, '.project--GENGDI');
    await tapButton(page, '.submit');
    expect(eventsOf(calls, 'tipoff.submit')[0]).toMatchObject({
      accusedStaffId: 's1',
      projectCode: 'GENGDI',
    });
  });

  test('a person not on the list is named in words, which replaces a pick', async () => {
    const calls = cloud();
    mockModal(true);
    const page = await openForm();
    await fill(page, 'named');
    await tapButton(page, '.accused--s1');
    await typeInto(page, '.accused-text', '赵某，青龙村三组组长');
    await tapButton(page, '.submit');
    const [sent] = eventsOf(calls, 'tipoff.submit');
    expect(sent).toMatchObject({ accusedText: '赵某，青龙村三组组长' });
    expect(sent).not.toHaveProperty('accusedStaffId');
  });

  test('a visitor choosing 实名 is offered registration or 匿名, and nothing is sent', async () => {
    const calls = cloud({ 'user.login': ok(unregisteredLogin()) });
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openForm();
    await fill(page, 'named');
    expect(textOf(find(page, '.need-register__text'))).toBe(
      '实名举报需要先实名注册。您可以先注册，也可以改为匿名举报。',
    );
    await tapButton(page, '.register');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/register/index' });
    await tapButton(page, '.submit');
    expect(textOf(find(page, '.problem'))).toBe('实名举报需要先实名注册，您也可以选择匿名举报');
    expect(eventsOf(calls, 'tipoff.submit')).toEqual([]);
    expect(eventsOf(calls, 'tipoff.staff')).toEqual([]);
    await tapButton(page, '.go-anonymous');
    expect(page.querySelector('.need-register')).toBeUndefined();
    expect(textOf(find(page, '.identity-note'))).toContain('匿名举报不记录您的任何身份信息');
  });
});

test('both pages honour elder mode', async () => {
  cloud();
  wx.setStorageSync('ykt.elderMode', true);
  for (const path of [FORM, TRACK]) {
    const page = render(path);
    await settle();
    const root = find(page, '.page');
    expect(root.dom?.className.split(/\s+/).some((c) => c.endsWith('--elder'))).toBe(true);
  }
});

describe('查询举报进度', () => {
  test('opened from a notice, the named reporter’s tip-off shows at once with its status and timeline', async () => {
    const calls = cloud({ 'tipoff.track': ok(tracked()) });
    const page = await openPage(TRACK, { code: CODE });
    expect(eventsOf(calls, 'tipoff.track')).toEqual([{ action: 'track', trackingCode: CODE }]);
    expect(textOf(find(page, '.summary__name'))).toBe('发放投诉');
    expect(textOf(find(page, '.summary__status').querySelector('.t-tag__text'))).toBe('待受理');
    expect(textOf(find(page, '.summary__created'))).toBe('提交于 2026-03-02 09:30');
    expect(textOf(find(page, '.summary__accept'))).toBe('受理期限 2026-03-20 前');
    expect(page.querySelectorAll('.step').map((s) => (s.data as { title: string }).title)).toEqual([
      '提交举报',
      '等待受理',
    ]);
  });

  test('an anonymous tip-off is found with its code and secret', async () => {
    const calls = cloud({ 'tipoff.track': ok(replied()) });
    const page = await openPage(TRACK, { code: CODE, anonymous: '1' });
    expect(eventsOf(calls, 'tipoff.track')).toEqual([]);
    await typeInto(page, '.secret-input', SECRET);
    await tapButton(page, '.query-button');
    expect(eventsOf(calls, 'tipoff.track')).toEqual([
      { action: 'track', trackingCode: CODE, secret: SECRET },
    ]);
    expect(textOf(find(page, '.reply'))).toBe('经核查，反映问题属实，已责令退还并对相关人员批评教育。');
    expect(texts(page, '.step__line').slice(2, 4)).toEqual(['通川区纪委监委', '2026-03-03 10:00']);
  });

  test('a wrong secret shows the cloud’s message', async () => {
    cloud({ 'tipoff.track': fail('NOT_FOUND', '查询码或查询密钥不正确') });
    const page = await openPage(TRACK);
    await typeInto(page, '.code-input', CODE.toLowerCase());
    await typeInto(page, '.secret-input', 'wrong-secret');
    await tapButton(page, '.query-button');
    expect(textOf(find(page, '.query-error'))).toBe('查询码或查询密钥不正确');
    expect(page.querySelector('.summary')).toBeUndefined();
  });

  test('a code that cannot be one is refused before asking', async () => {
    const calls = cloud();
    const page = await openPage(TRACK);
    await typeInto(page, '.code-input', 'GS7K2M9Q');
    await tapButton(page, '.query-button');
    expect(textOf(find(page, '.query-error'))).toBe('查询码应为JB开头的12位字母和数字，请核对');
    expect(eventsOf(calls, 'tipoff.track')).toEqual([]);
  });

  test('不满意 sends satisfied false with the comment and shows the tip-off reopened', async () => {
    const reopened = tracked({
      status: 'accepted',
      statusText: '已受理，核查中',
      reply: replied().reply,
      events: [
        ...replied().events,
        { event: 'reopened', at: '2026-03-11T02:00:00.000Z', unit: '举报人', text: '退还不到位' },
      ],
    });
    const calls = cloud({ 'tipoff.track': ok(replied()), 'tipoff.rate': ok(reopened) });
    const modal = mockModal(true, '退还不到位');
    const page = await openPage(TRACK, { code: CODE });
    expect(textOf(find(page, '.rate__hint'))).toContain(
      '第一次选择“不满意”，纪检监察部门将重新核查并再次答复',
    );
    await tapButton(page, '.rate-dissatisfied');
    expect(modal.mock.calls[0]?.[0].content).toContain('提交后将重新办理');
    expect(eventsOf(calls, 'tipoff.rate')).toEqual([
      { action: 'rate', trackingCode: CODE, satisfied: false, comment: '退还不到位' },
    ]);
    expect(textOf(find(page, '.summary__status').querySelector('.t-tag__text'))).toBe('已受理，核查中');
    expect(textOf(find(page, '.summary__reopened').querySelector('.t-tag__text'))).toBe('已重新办理');
    expect(page.querySelector('.rate')).toBeUndefined();
    expect(page.querySelectorAll('.step').map((s) => (s.data as { title: string }).title)).toContain(
      '不满意，重新办理',
    );
  });

  test('an anonymous reporter’s rating carries the secret the tip-off was found with', async () => {
    const calls = cloud({
      'tipoff.track': ok(replied()),
      'tipoff.rate': ok(replied({ canRate: false, canReopen: false, rating: 'satisfied' })),
    });
    const page = await openPage(TRACK, { code: CODE, anonymous: '1' });
    await typeInto(page, '.secret-input', SECRET);
    await tapButton(page, '.query-button');
    await tapButton(page, '.rate-satisfied');
    expect(eventsOf(calls, 'tipoff.rate')).toEqual([
      { action: 'rate', trackingCode: CODE, secret: SECRET, satisfied: true },
    ]);
    expect(textOf(find(page, '.rating-text'))).toBe('您的评价：满意');
  });

  test('after a second dissatisfaction, where else to turn is shown', async () => {
    cloud({
      'tipoff.track': ok(
        replied({ canRate: false, canReopen: false, rating: 'dissatisfied', escalationHint: ESCALATION }),
      ),
    });
    const page = await openPage(TRACK, { code: CODE });
    expect(textOf(find(page, '.escalation'))).toBe(ESCALATION);
    expect(textOf(find(page, '.rating-text'))).toBe('您的评价：不满意');
  });

  test('我的举报 lists a registered reporter’s tip-offs, each opening its progress', async () => {
    const calls = cloud({
      'tipoff.mine': ok({
        items: [replied(), tracked({ trackingCode: 'JB2345678ABC' })],
        total: 2,
        page: 1,
        pageSize: 20,
      } satisfies TipoffMineResponse),
    });
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openPage(TRACK);
    expect(eventsOf(calls, 'tipoff.mine')).toEqual([{ action: 'mine', page: 1, pageSize: 20 }]);
    expect(texts(page, '.tipoff__status')).toEqual(['已答复', '待受理']);
    expect(page.querySelectorAll('.tipoff__to-rate')).toHaveLength(1);
    await tap(page, '.tipoff--JB2345678ABC');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/tipoff/track?code=JB2345678ABC' });
  });

  test('a visitor gets the query form without 我的举报', async () => {
    const calls = cloud({ 'user.login': ok(unregisteredLogin()) });
    const page = await openPage(TRACK);
    find(page, '.code-input');
    expect(page.querySelector('.tipoff')).toBeUndefined();
    expect(eventsOf(calls, 'tipoff.mine')).toEqual([]);
  });

  test('我的 has a 我的举报 entry that opens it', async () => {
    mockLogin(residentLogin());
    const mine = render('pages/mine/index');
    await settle();
    expect((find(mine, '.tipoffs').data as { url: string }).url).toBe('/pages/tipoff/track');
  });
});
