import type { PendingResident, VerificationQueueResponse } from '../../../typings/api';
import { cadre, staffLogin } from '../helpers/fixtures';
import { type Rendered, render, settle, textOf } from '../helpers/render';
import {
  find,
  idNumber,
  isDisabled,
  tapButton,
  tapCell,
  tipsOf,
  typeInto,
  wrongChecksum,
} from '../helpers/steps';
import {
  type Answer,
  type Answers,
  eventsOf,
  fail,
  mockActions,
  mockApi,
  mockModal,
  ok,
} from '../helpers/wx-mocks';

const VERIFY = 'package-staff/pages/verify/index';
const SEEN_ID = idNumber('51170219580303123');

function resident(n: number): PendingResident {
  return {
    userId: `u${n}`,
    maskedName: '王*',
    name: `王${'一二三四五六七八九十'[(n - 1) % 10]}`,
    maskedIdNumber: `5117**********${String(1000 + n)}`,
    maskedMobile: '138****5678',
    villageCode: '511702101001',
    villageName: '罗江镇青龙村',
    registeredAt: '2026-02-28T17:30:00.000Z',
  };
}

/** The queue of `total` pending residents, answered page by page. */
function queue(total: number): Answer<'user.verificationQueue'> {
  return (event) => {
    const page = Number(event.page ?? 1);
    const pageSize = Number(event.pageSize ?? 20);
    const items = Array.from({ length: total }, (_, i) => resident(i + 1)).slice(
      (page - 1) * pageSize,
      page * pageSize,
    );
    return ok({ items, total, page, pageSize } satisfies VerificationQueueResponse);
  };
}

function cadreCloud(answers: Answers = {}) {
  return mockActions({
    'user.login': ok(staffLogin(cadre)),
    'user.verificationQueue': queue(2),
    'user.verify': (event) =>
      ok({ userId: event.userId, verification: event.decision === 'confirm' ? 'verified' : 'rejected' }),
    ...answers,
  });
}

async function openVerify(): Promise<Rendered> {
  const page = render(VERIFY);
  await settle();
  return page;
}

async function openFirst(page: Rendered): Promise<void> {
  await tapCell(page, page.querySelectorAll('.resident')[0]);
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('stopPullDownRefresh');
});

test('the list shows each pending resident with full name, masked ID and mobile, village and time', async () => {
  cadreCloud();
  const page = await openVerify();
  expect(textOf(find(page, '.count'))).toBe('待核验 2 人');
  expect(
    page.querySelectorAll('.resident').map((cell) => textOf(cell.querySelector('.t-cell__title-text'))),
  ).toEqual(['王一', '王二']);
  expect(textOf(find(page, '.resident__id'))).toBe('5117**********1001 · 138****5678');
  expect(textOf(find(page, '.resident__village'))).toBe('罗江镇青龙村 · 注册于 2026-03-01 01:30');
});

test('more residents are loaded page by page at the bottom of the list', async () => {
  const cloud = cadreCloud({ 'user.verificationQueue': queue(25) });
  const page = await openVerify();
  expect(page.querySelectorAll('.resident')).toHaveLength(20);
  await tapButton(page, '.load-more');
  expect(page.querySelectorAll('.resident')).toHaveLength(25);
  expect(page.querySelector('.load-more')).toBeUndefined();
  expect(eventsOf(cloud, 'user.verificationQueue').map((e) => e.page)).toEqual([1, 2]);
});

test('pulling down asks for the list again', async () => {
  const cloud = cadreCloud();
  const stop = mockApi('stopPullDownRefresh');
  const page = await openVerify();
  await (page.instance as unknown as { onPullDownRefresh(): Promise<void> }).onPullDownRefresh();
  expect(eventsOf(cloud, 'user.verificationQueue')).toHaveLength(2);
  expect(stop).toHaveBeenCalled();
});

test('confirming sends the ID number typed off the person’s card', async () => {
  const cloud = cadreCloud();
  const page = await openVerify();
  await openFirst(page);
  expect(isDisabled(page, '.confirm')).toBe(true);
  await typeInto(page, '.seen-id', SEEN_ID.toLowerCase());
  await tapButton(page, '.confirm');
  expect(eventsOf(cloud, 'user.verify')).toEqual([
    { action: 'verify', userId: 'u1', decision: 'confirm', idNumber: SEEN_ID },
  ]);
});

test('a mistyped ID number is shown wrong and cannot be sent', async () => {
  const cloud = cadreCloud();
  const page = await openVerify();
  await openFirst(page);
  await typeInto(page, '.seen-id', wrongChecksum(SEEN_ID));
  expect(tipsOf(page, '.seen-id')).toBe('身份证号码校验位不正确');
  await tapButton(page, '.confirm');
  expect(eventsOf(cloud, 'user.verify')).toEqual([]);
});

test('after the cloud confirms, the list is asked again rather than edited on the phone', async () => {
  const cloud = cadreCloud();
  const page = await openVerify();
  await openFirst(page);
  await typeInto(page, '.seen-id', SEEN_ID);
  await tapButton(page, '.confirm');
  expect(eventsOf(cloud, 'user.verificationQueue')).toHaveLength(2);
});

test('不通过 needs a reason before it can be sent', async () => {
  const cloud = cadreCloud();
  mockModal(true);
  const page = await openVerify();
  await openFirst(page);
  expect(isDisabled(page, '.refuse')).toBe(true);
  await tapButton(page, '.refuse');
  expect(eventsOf(cloud, 'user.verify')).toEqual([]);
});

test('不通过 with a chosen reason and a note sends both as the reason', async () => {
  const cloud = cadreCloud();
  mockModal(true);
  const page = await openVerify();
  await openFirst(page);
  const reason = page
    .querySelectorAll('.reason')
    .find((b) => textOf(b.querySelector('.t-button__content')) === '非本人注册');
  reason?.querySelector('.t-button')?.dispatchEvent('tap');
  await settle();
  await typeInto(page, '.reason-text', '请本人带身份证到村便民服务点');
  await tapButton(page, '.refuse');
  expect(eventsOf(cloud, 'user.verify')).toEqual([
    {
      action: 'verify',
      userId: 'u1',
      decision: 'refuse',
      reason: '非本人注册：请本人带身份证到村便民服务点',
    },
  ]);
});

test('a CONFLICT shows the message and refreshes the list: someone else handled the resident', async () => {
  const message = '这位居民的信息刚刚被其他人处理，请刷新列表';
  const cloud = cadreCloud({ 'user.verify': fail('CONFLICT', message) });
  const showToast = mockApi<{ title: string }>('showToast');
  const page = await openVerify();
  await openFirst(page);
  await typeInto(page, '.seen-id', SEEN_ID);
  cloud.mockClear();
  await tapButton(page, '.confirm');
  await settle();
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: message }));
  expect(eventsOf(cloud, 'user.verificationQueue')).toHaveLength(1);
  expect(page.data).toMatchObject({ selected: null });
});

test('an ID number that does not match keeps the sheet open with the server’s message', async () => {
  const message = '现场核对的身份证号码与注册信息不一致，不能通过核验';
  cadreCloud({ 'user.verify': fail('INVALID_ARGUMENT', message) });
  const showToast = mockApi<{ title: string }>('showToast');
  const page = await openVerify();
  await openFirst(page);
  await typeInto(page, '.seen-id', SEEN_ID);
  await tapButton(page, '.confirm');
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: message }));
  expect(page.data).toMatchObject({ selected: { userId: 'u1' } });
});

test('a cadre who may not verify sees the server’s reason instead of a list', async () => {
  cadreCloud({
    'user.verificationQueue': fail('FORBIDDEN', '只有村（社区）和乡镇（街道）干部可以核验居民身份'),
  });
  const page = await openVerify();
  expect(textOf(find(page, '.failure').querySelector('.t-empty__description'))).toBe(
    '只有村（社区）和乡镇（街道）干部可以核验居民身份',
  );
});

test('an empty queue says there is nobody to verify', async () => {
  cadreCloud({ 'user.verificationQueue': queue(0) });
  const page = await openVerify();
  expect(textOf(find(page, '.empty').querySelector('.t-empty__description'))).toBe('没有待核验的居民');
});
