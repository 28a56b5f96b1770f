/** The tip-off form (我要举报) as plain rules, the same limits the cloud checks. Pure. */
import type { TipoffKind, TipoffSubmitResponse } from '../../../typings/api';
import { extensionOf, MATERIAL_EXTENSIONS, sizeText } from '../../shared/materials';
import { PROVISIONAL_NOTE, shanghaiDay } from '../../shared/time';

export const CONTENT_MIN = 10;
export const CONTENT_MAX = 2000;
/** 被反映人 typed in: name and unit together. */
export const ACCUSED_TEXT_MAX = 60;
export const PICTURES_MAX = 9;
export const PICTURE_MAX_KB = 10240;

export interface KindOption {
  value: TipoffKind;
  label: string;
  description: string;
}

export const KINDS: readonly KindOption[] = [
  { value: 'publicity', label: '公示投诉', description: '公示名单中有人不符合条件' },
  { value: 'payment', label: '发放投诉', description: '补贴少发、漏发、冒领或被截留' },
  { value: 'conduct', label: '作风问题', description: '吃拿卡要、优亲厚友、办事推诿' },
  { value: 'other', label: '其他', description: '其他问题' },
];

export type Identity = 'named' | 'anonymous' | '';

/** Whether the person holds a registered account, as far as the login has told. */
export type Account = 'registered' | 'unregistered' | 'unknown';

export interface TipoffDraft {
  kind: TipoffKind | '';
  identity: Identity;
  account: Account;
  regionCode: string;
  content: string;
  accusedText: string;
}

/** What still stops the tip-off from being sent, or '' when it can go. */
export function tipoffProblem(d: TipoffDraft): string {
  if (!d.kind) return '请选择举报类别';
  if (!d.identity) return '请选择实名举报或匿名举报';
  if (d.identity === 'named' && d.account === 'unregistered')
    return '实名举报需要先实名注册，您也可以选择匿名举报';
  if (d.identity === 'named' && d.account === 'unknown')
    return '暂时无法确认您的账户，请稍后重试，或选择匿名举报';
  if (!d.regionCode) return '请选择反映问题所在的村（社区）';
  const length = d.content.trim().length;
  if (length < CONTENT_MIN)
    return `请写明举报内容，至少${CONTENT_MIN}个字（还差${CONTENT_MIN - length}个字）`;
  if (length > CONTENT_MAX) return `举报内容不能超过${CONTENT_MAX}个字`;
  if (d.accusedText.trim().length > ACCUSED_TEXT_MAX)
    return `被反映人的姓名和单位不能超过${ACCUSED_TEXT_MAX}个字`;
  return '';
}

/** Why this picture cannot be sent, or null when it can. */
export function pictureProblem(file: { name: string; sizeBytes: number }): string | null {
  if (!MATERIAL_EXTENSIONS.image.includes(extensionOf(file.name))) return '只能上传图片';
  if (file.sizeBytes > PICTURE_MAX_KB * 1024) return `图片太大：每张不能超过${sizeText(PICTURE_MAX_KB)}`;
  return null;
}

/** What the person copies after sending: both are needed to follow an anonymous tip-off. */
export function clipboardText(trackingCode: string, secret: string | null): string {
  return secret ? `查询码：${trackingCode} 查询密钥：${secret}` : `查询码：${trackingCode}`;
}

export interface SentView {
  trackingCode: string;
  /** anonymous only: shown on this page once, never stored */
  secret: string | null;
  /** 受理期限, a Shanghai day */
  acceptBy: string;
  /** after it: the 暂定 note, or '' */
  acceptNote: string;
}

export function sentView(answer: TipoffSubmitResponse): SentView {
  return {
    trackingCode: answer.trackingCode,
    secret: answer.secret,
    acceptBy: shanghaiDay(new Date(answer.acceptBy)),
    acceptNote: answer.acceptByProvisional ? PROVISIONAL_NOTE : '',
  };
}

const TRACKING_CODE = /^JB[0-9A-Z]{10}$/;

/** The code as typed, in the form the cloud reads (upper case, no spaces). */
export function normalizeCode(code: string): string {
  return code.replace(/\s/g, '').toUpperCase();
}

/** What is wrong with a typed tracking code, or ''. */
export function codeProblem(code: string): string {
  if (!code) return '请输入查询码';
  if (!TRACKING_CODE.test(code)) return '查询码应为JB开头的12位字母和数字，请核对';
  return '';
}
