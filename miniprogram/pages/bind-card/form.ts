/**
 * The 绑定一卡通 form as plain data, checked as the cloud function checks it: 12–19 digits, and the Luhn
 * check digit for the schemes that carry one (UnionPay 62, Visa 4, Mastercard 5).
 */
import type { BindCardRequest, CardKind } from '../../../typings/api';
import { luhnValid } from '../../shared/validators';

/** Banks that issue the 社保卡 and most cards in 达州; anything else is typed in. */
export const BANKS = [
  '四川农信',
  '中国农业银行',
  '中国邮政储蓄银行',
  '中国建设银行',
  '中国工商银行',
  '中国银行',
  '达州银行',
];
export const OTHER_BANK = '其他银行';

export interface CardForm {
  kind: CardKind;
  /** one of BANKS, OTHER_BANK, or '' */
  bankChoice: string;
  otherBank: string;
  /** as typed: digits, spaces allowed */
  cardNumber: string;
  holderMemberId: string;
}

export type CardField = 'bank' | 'cardNumber' | 'holder';
export type CardErrors = Partial<Record<CardField, string>>;

const LUHN_SCHEMES = /^(62|4|5)/;
const MAX_DIGITS = 19;

export const digitsOf = (cardNumber: string): string => cardNumber.replace(/\s/g, '');

export function bankOf(form: CardForm): string {
  return form.bankChoice === OTHER_BANK ? form.otherBank.trim() : form.bankChoice;
}

export function checkCardNumber(cardNumber: string): string | null {
  const digits = digitsOf(cardNumber);
  if (!digits) return '请填写卡号';
  if (!/^\d+$/.test(digits)) return '卡号只能是数字';
  if (digits.length < 12 || digits.length > MAX_DIGITS) return '卡号应为12到19位数字';
  if (LUHN_SCHEMES.test(digits) && !luhnValid(digits)) return '卡号有误，请对照卡面重新输入';
  return null;
}

/** Whether the number carries a check digit that has just been found right: said at once, as reassurance. */
export function luhnConfirmed(cardNumber: string): boolean {
  const digits = digitsOf(cardNumber);
  return digits.length >= 16 && LUHN_SCHEMES.test(digits) && checkCardNumber(digits) === null;
}

/** A number typed to the longest length a card has is complete: its problems show without waiting. */
export const cardNumberComplete = (cardNumber: string): boolean => digitsOf(cardNumber).length >= MAX_DIGITS;

export function checkCardForm(form: CardForm): CardErrors {
  const errors: CardErrors = {};
  const bank = bankOf(form);
  if (!form.bankChoice) errors.bank = '请选择开户银行';
  else if (bank.length < 2 || bank.length > 30) errors.bank = '请填写开户银行的名称';
  const card = checkCardNumber(form.cardNumber);
  if (card) errors.cardNumber = card;
  if (!form.holderMemberId) errors.holder = '请选择持卡人';
  return errors;
}

export function toBindRequest(form: CardForm): BindCardRequest {
  return {
    kind: form.kind,
    bank: bankOf(form),
    cardNumber: digitsOf(form.cardNumber),
    holderMemberId: form.holderMemberId,
  };
}
