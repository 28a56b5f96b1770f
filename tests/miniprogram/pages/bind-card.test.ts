import { luhnValid } from '../../../miniprogram/shared/validators';
import type { HouseholdResponse } from '../../../typings/api';
import { residentHousehold, residentLogin } from '../helpers/fixtures';
import { type Rendered, render, settle, textOf } from '../helpers/render';
import { find, isDisabled, leave, tapButton, tipsOf, typeInto } from '../helpers/steps';
import {
  type Answers,
  type Envelope,
  eventsOf,
  fail,
  mockActions,
  mockApi,
  mockModal,
  ok,
} from '../helpers/wx-mocks';

const BIND_CARD = 'pages/bind-card/index';

/** A UnionPay number with a right check digit, from its first digits. */
function unionPay(first: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${first}${d}`)) return `${first}${d}`;
  throw new Error('unreachable');
}
const GOOD_CARD = unionPay('621700000000123456');
const BAD_CARD = `${GOOD_CARD.slice(0, -1)}${(Number(GOOD_CARD.slice(-1)) + 1) % 10}`;

const boundCard: Envelope<'user.bindCard'> = ok({
  card: {
    kind: 'bank',
    bank: '中国农业银行',
    maskedNumber: `**** ${GOOD_CARD.slice(-4)}`,
    tail: GOOD_CARD.slice(-4),
    holderMaskedName: '李*',
    boundAt: '2026-03-01T02:00:00.000Z',
  },
});

function headCloud(answers: Answers = {}) {
  return mockActions({
    'user.login': ok(residentLogin()),
    'user.household': ok(residentHousehold()),
    'user.bindCard': boundCard,
    ...answers,
  });
}

async function openBindCard(): Promise<Rendered> {
  const page = render(BIND_CARD);
  await settle();
  return page;
}

async function tapChoice(page: Rendered, selector: string, label: string): Promise<void> {
  const button = page
    .querySelectorAll(selector)
    .find((b) => textOf(b.querySelector('.t-button__content')) === label);
  if (!button) throw new Error(`${label} is not offered`);
  button.querySelector('.t-button')?.dispatchEvent('tap');
  await settle();
}

async function fillBankCard(page: Rendered): Promise<void> {
  await tapChoice(page, '.kind', '银行卡');
  await tapChoice(page, '.bank', '中国农业银行');
  await typeInto(page, '.field-card', GOOD_CARD.replace(/(\d{4})/g, '$1 ').trim());
  await tapChoice(page, '.holder', '李*（配偶）');
}

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
});

test('the holder is chosen among the household members, the head chosen first', async () => {
  headCloud();
  const page = await openBindCard();
  const holders = page.querySelectorAll('.holder');
  expect(holders.map((h) => textOf(h.querySelector('.t-button__content')))).toEqual([
    '张*三（户主）',
    '李*（配偶）',
    '张*明（孙子女）',
  ]);
  expect(holders.map((h) => (h.data as { theme: string }).theme)).toEqual(['primary', 'default', 'default']);
});

test('a UnionPay number with a wrong check digit is refused as soon as the field is left', async () => {
  headCloud();
  const page = await openBindCard();
  await typeInto(page, '.field-card', BAD_CARD);
  await leave(page, '.field-card');
  expect(tipsOf(page, '.field-card')).toBe('卡号有误，请对照卡面重新输入');
  expect(isDisabled(page, '.submit')).toBe(true);
});

test('a number typed to its full 19 digits is checked at once', async () => {
  headCloud();
  const page = await openBindCard();
  await typeInto(page, '.field-card', BAD_CARD);
  expect(tipsOf(page, '.field-card')).toBe('卡号有误，请对照卡面重新输入');
});

test('a right number, typed with spaces, is confirmed as typed', async () => {
  headCloud();
  const page = await openBindCard();
  await typeInto(page, '.field-card', GOOD_CARD.replace(/(\d{4})/g, '$1 ').trim());
  expect(tipsOf(page, '.field-card')).toBe('卡号校验通过');
});

test('changing the card asks first, then sends the digits and shows the new card masked', async () => {
  const cloud = headCloud();
  const showModal = mockModal(true);
  const page = await openBindCard();
  await fillBankCard(page);
  await tapButton(page, '.submit');
  expect(showModal.mock.calls[0][0].content).toMatch(/^更换后，今后的补贴将发放到新卡/);
  expect(eventsOf(cloud, 'user.bindCard')).toEqual([
    { action: 'bindCard', kind: 'bank', bank: '中国农业银行', cardNumber: GOOD_CARD, holderMemberId: 'm2' },
  ]);
  expect(textOf(find(page, '.result__card'))).toBe(`**** ${GOOD_CARD.slice(-4)}`);
  expect(textOf(find(page, '.result').querySelector('.t-result__title'))).toBe('更换成功');
});

test('cancelling the confirmation sends nothing', async () => {
  const cloud = headCloud();
  mockModal(false);
  const page = await openBindCard();
  await fillBankCard(page);
  await tapButton(page, '.submit');
  expect(eventsOf(cloud, 'user.bindCard')).toEqual([]);
  expect(page.querySelector('.result')).toBeUndefined();
});

test('the server’s refusal is shown with its message', async () => {
  headCloud({ 'user.bindCard': fail('CONFLICT', '这张卡已经绑定在您家，无需重复绑定') });
  mockModal(true);
  const showToast = mockApi<{ title: string }>('showToast');
  const page = await openBindCard();
  await fillBankCard(page);
  await tapButton(page, '.submit');
  expect(showToast).toHaveBeenCalledWith(
    expect.objectContaining({ title: '这张卡已经绑定在您家，无需重复绑定' }),
  );
  expect(page.querySelector('.result')).toBeUndefined();
});

test('a member who is not the head is told only the head binds the card', async () => {
  const notHead: HouseholdResponse = { ...residentHousehold(), isHead: false };
  headCloud({ 'user.household': ok(notHead) });
  const page = await openBindCard();
  expect(textOf(find(page, '.refusal').querySelector('.t-result__description'))).toBe(
    '只有户主可以绑定或更换全家的一卡通',
  );
  expect(page.querySelector('.field-card')).toBeUndefined();
});

test('a first card is bound with 绑定 words', async () => {
  headCloud({ 'user.household': ok({ ...residentHousehold(), card: null, cardHistory: [] }) });
  const showModal = mockModal(true);
  const page = await openBindCard();
  expect(textOf(find(page, '.submit').querySelector('.t-button__content'))).toBe('绑定一卡通');
  await fillBankCard(page);
  await tapButton(page, '.submit');
  expect(showModal.mock.calls[0][0].content).toMatch(/^绑定后，今后的补贴将发放到这张卡/);
});
