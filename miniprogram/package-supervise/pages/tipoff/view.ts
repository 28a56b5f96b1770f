/** What the tip-off detail shows and what its actions allow and send. Pure, so every branch is testable. */
import type { TipoffDetail, TipoffEvent, TipoffStatus } from '../../../../typings/api';
import { extensionOf, MATERIAL_EXTENSIONS } from '../../../shared/materials';
import { normalizeRegionCode } from '../../../shared/region';
import { shanghaiDateTime } from '../../../shared/time';
import { textProblem } from '../../view';
import { type TipoffRow, tipoffRow } from '../tipoffs/view';

export type TipoffAction = 'accept' | 'close' | 'reply' | 'transfer';
/** The actions that need words first, in a sheet. */
export type SheetAction = Exclude<TipoffAction, 'accept'>;

export const ACTION_LABELS: Readonly<Record<TipoffAction, string>> = {
  accept: '受理',
  close: '办结',
  reply: '答复举报人',
  transfer: '转办',
};

/** What the cloud allows in each status (it checks again). */
const ACTIONS: Readonly<Record<TipoffStatus, readonly TipoffAction[]>> = {
  submitted: ['accept', 'transfer'],
  accepted: ['close', 'transfer'],
  closed: ['reply'],
  replied: [],
};

export function actionsFor(status: TipoffStatus): TipoffAction[] {
  return [...ACTIONS[status]];
}

const EVENT_TITLES: Readonly<Record<TipoffEvent['event'], string>> = {
  submitted: '收到举报',
  accepted: '受理',
  transferred: '转办',
  closed: '办结',
  replied: '答复举报人',
  rated: '举报人评价',
  reopened: '举报人不满意，重新办理',
};

export interface EventRow {
  key: string;
  title: string;
  at: string;
  /** 通川区纪委监委 · 李*, or the unit alone */
  who: string;
  text: string;
}

export interface AttachmentRow {
  key: string;
  name: string;
  url: string;
  /** images are shown and previewed; other files are downloaded and opened */
  kind: 'image' | 'file';
}

export interface TipoffView extends TipoffRow {
  version: number;
  regionCode: string;
  content: string;
  attachments: AttachmentRow[];
  /** 张*三 138****5678, or 匿名举报 */
  reporter: string;
  /** 王* · 青龙村村委会, or 未指明具体人员 */
  accused: string;
  events: EventRow[];
  conclusion: string;
  reply: string;
  /** 满意 / 不满意, '' before the reporter rated */
  rating: string;
  actions: Array<{ value: TipoffAction; label: string }>;
  /** an objection to a public list: closing it says whether it was founded */
  asksObjection: boolean;
}

function attachmentKind(name: string): AttachmentRow['kind'] {
  return MATERIAL_EXTENSIONS.image.includes(extensionOf(name)) ? 'image' : 'file';
}

function reporterText(d: TipoffDetail): string {
  if (d.reporter) return `${d.reporter.maskedName} ${d.reporter.mobile}`.trim();
  return d.anonymous ? '匿名举报' : '实名举报（未能读取举报人信息）';
}

export function tipoffView(d: TipoffDetail, now: Date): TipoffView {
  return {
    ...tipoffRow(d, now),
    version: d.version,
    regionCode: d.regionCode,
    content: d.content,
    attachments: d.attachments.map((a) => ({
      key: a.fileID,
      name: a.name,
      url: a.url,
      kind: attachmentKind(a.name),
    })),
    reporter: reporterText(d),
    accused: d.accused ? `${d.accused.maskedName} · ${d.accused.unit}` : '未指明具体人员',
    events: d.events.map((e, i) => ({
      key: String(i),
      title: EVENT_TITLES[e.event],
      at: shanghaiDateTime(e.at),
      who: e.actor ? `${e.unit} · ${e.actor}` : e.unit,
      text: e.text ?? '',
    })),
    conclusion: d.conclusion ?? '',
    reply: d.reply ?? '',
    rating: d.rating === 'satisfied' ? '满意' : d.rating === 'dissatisfied' ? '不满意' : '',
    actions: actionsFor(d.status).map((value) => ({ value, label: ACTION_LABELS[value] })),
    asksObjection: d.kind === 'publicity' && d.declarationId !== null,
  };
}

/** What the sheet holds while the supervisor writes. */
export interface SheetForm {
  /** the conclusion, the reply or the reason for transferring */
  text: string;
  /** 异议是否属实, closing an objection only */
  upheld: '' | 'yes' | 'no';
  /** where to transfer it */
  regionCode: string;
}

export const EMPTY_FORM: SheetForm = { text: '', upheld: '', regionCode: '' };

/** The words the cloud asks for, at least this long. */
const TEXT_RULES: Readonly<Record<SheetAction, { what: string; min: number }>> = {
  close: { what: '办结情况', min: 5 },
  reply: { what: '答复内容', min: 5 },
  transfer: { what: '转办理由', min: 2 },
};

export function textRule(action: SheetAction): { what: string; min: number } {
  return TEXT_RULES[action];
}

/** Why the sheet cannot be sent yet, in words the supervisor acts on; '' when it can. */
export function sheetProblem(
  action: SheetAction,
  form: SheetForm,
  view: Pick<TipoffView, 'asksObjection' | 'regionCode'>,
): string {
  if (action === 'transfer') {
    const code = form.regionCode.trim();
    if (!code) return '请填写转办地区的行政区划代码';
    const normalized = normalizeRegionCode(code);
    if (!normalized) return '行政区划代码应为6位或12位数字';
    if (normalized === normalizeRegionCode(view.regionCode)) return '这件举报已在该地区办理，请填写其他地区';
  }
  const rule = TEXT_RULES[action];
  const problem = textProblem(form.text, rule.what, rule.min);
  if (problem) return problem;
  if (action === 'close' && view.asksObjection && !form.upheld) return '请选择公示异议是否属实';
  return '';
}
