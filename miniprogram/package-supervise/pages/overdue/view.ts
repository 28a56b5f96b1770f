/** What 超期督办 shows of overdue units and 约谈 records, and the checks before one is recorded. Pure. */
import type { InterviewView, OverdueItem, OverdueUnit } from '../../../../typings/api';
import { PROVISIONAL_NOTE, shanghaiDateTime, shanghaiDay, startOfShanghaiDay } from '../../../shared/time';
import { checkRealName } from '../../../shared/validators';
import { textProblem } from '../../view';

export interface OverdueItemRow {
  key: string;
  /** 申报 or 举报 */
  kindText: string;
  title: string;
  /** 超期3天 */
  days: string;
  /** 应于 2026-03-10 10:00 前办结 */
  due: string;
  /** a tip-off opens its detail; '' for an approval */
  tipoffId: string;
}

export interface UnitRow {
  key: string;
  unit: string;
  regionCode: string;
  /** 超期5件 · 最长超期12天 */
  figures: string;
  items: OverdueItemRow[];
}

function itemRow(item: OverdueItem): OverdueItemRow {
  return {
    key: `${item.kind}:${item.id}`,
    kindText: item.kind === 'approval' ? '申报' : '举报',
    title: item.title,
    days: `超期${item.overdueDays}天`,
    due: `应于 ${shanghaiDateTime(item.dueAt)} 前办结${item.dueProvisional ? PROVISIONAL_NOTE : ''}`,
    tipoffId: item.kind === 'tipoff' ? item.id : '',
  };
}

export function unitRow(u: OverdueUnit): UnitRow {
  return {
    key: u.unitKey,
    unit: u.unit,
    regionCode: u.regionCode,
    figures: `超期${u.count}件 · 最长超期${u.longestDays}天`,
    items: u.items.map(itemRow),
  };
}

export interface InterviewRow {
  id: string;
  unit: string;
  /** 约谈 王*（负责人）, 2026-03-10 */
  held: string;
  reason: string;
  recordedBy: string;
  /** the follow-up and when, '' before one is noted */
  followUp: string;
  followUpAt: string;
}

export function interviewRow(i: InterviewView): InterviewRow {
  return {
    id: i.interviewId,
    unit: i.unit,
    held: `${shanghaiDay(new Date(i.heldAt))} 约谈负责人 ${i.headMaskedName}`,
    reason: i.reason,
    recordedBy: `记录单位：${i.recordedByUnit}`,
    followUp: i.followUp ?? '',
    followUpAt: i.followUpAt ? `跟进于 ${shanghaiDateTime(i.followUpAt)}` : '',
  };
}

export interface InterviewForm {
  headName: string;
  reason: string;
  /** YYYY-MM-DD, the day in Shanghai */
  day: string;
}

/** Why the 约谈 cannot be recorded yet; '' when it can. */
export function interviewProblem(form: InterviewForm): string {
  const name = checkRealName(form.headName);
  if (name) return name === '请填写真实姓名' ? '请填写被约谈负责人的姓名' : name;
  const reason = textProblem(form.reason, '约谈事由', 5);
  if (reason) return reason;
  return /^\d{4}-\d{2}-\d{2}$/.test(form.day) ? '' : '请选择约谈日期';
}

export function followUpProblem(text: string): string {
  return textProblem(text, '整改跟进情况', 2);
}

/** The start of a day in Shanghai, as the ISO UTC time the cloud stores. */
export function heldAtOf(day: string): string {
  return startOfShanghaiDay(day).toISOString();
}
