/** What 查询进度 and 我的举报 say about a tip-off. Pure, so every branch is testable. */
import type { TipoffEvent, TipoffStatus, TipoffTrackView } from '../../../typings/api';
import { PROVISIONAL_NOTE, shanghaiDateTime, shanghaiDay } from '../../shared/time';
import type { TagTheme } from '../../types/tag';
import type { StepView } from '../declarations/view';

const STATUS_THEMES: Readonly<Record<TipoffStatus, TagTheme>> = {
  submitted: 'warning',
  accepted: 'primary',
  closed: 'primary',
  replied: 'success',
};

const EVENT_TITLES: Readonly<Record<TipoffEvent['event'], string>> = {
  submitted: '提交举报',
  accepted: '已受理',
  transferred: '转交办理',
  closed: '办结',
  replied: '答复',
  rated: '评价',
  reopened: '不满意，重新办理',
};

export interface TipoffRow {
  code: string;
  kindText: string;
  statusText: string;
  theme: TagTheme;
  createdAt: string;
  /** reopened after a first dissatisfaction */
  reopened: boolean;
  /** answered and waiting for the reporter's rating */
  toRate: boolean;
}

export function tipoffRow(v: TipoffTrackView): TipoffRow {
  return {
    code: v.trackingCode,
    kindText: v.kindText,
    statusText: v.statusText,
    theme: STATUS_THEMES[v.status],
    createdAt: shanghaiDateTime(v.createdAt),
    reopened: v.events.some((e) => e.event === 'reopened'),
    toRate: v.canRate,
  };
}

export interface TrackView extends TipoffRow {
  /** 受理期限, a Shanghai day */
  acceptBy: string;
  /** after it: the 暂定 note, or '' */
  acceptNote: string;
  reply: string;
  steps: StepView[];
  current: number;
  canRate: boolean;
  /** whether 不满意 reopens it (the first dissatisfaction only) */
  canReopen: boolean;
  /** what 不满意 leads to */
  rateHint: string;
  /** 您的评价：满意 */
  ratingText: string;
  escalationHint: string;
}

function stepOf(e: TipoffEvent): StepView {
  return {
    title: EVENT_TITLES[e.event],
    lines: [e.unit, shanghaiDateTime(e.at)].filter((line) => line !== ''),
    opinion: e.text ?? '',
    status: e.event === 'reopened' ? 'error' : 'finish',
  };
}

/** The step still ahead, shown last while the tip-off is being handled. */
function pendingStep(status: TipoffStatus, acceptBy: string, note: string): StepView | null {
  switch (status) {
    case 'submitted':
      return { title: '等待受理', lines: [`受理期限 ${acceptBy} 前${note}`], opinion: '', status: 'process' };
    case 'accepted':
      return { title: '核查办理中', lines: [], opinion: '', status: 'process' };
    case 'closed':
      return { title: '等待答复', lines: [], opinion: '', status: 'process' };
    case 'replied':
      return null;
  }
}

export function trackView(v: TipoffTrackView): TrackView {
  const acceptBy = shanghaiDay(new Date(v.acceptBy));
  const acceptNote = v.acceptByProvisional ? PROVISIONAL_NOTE : '';
  const pending = pendingStep(v.status, acceptBy, acceptNote);
  const steps = [...v.events.map(stepOf), ...(pending ? [pending] : [])];
  return {
    ...tipoffRow(v),
    acceptBy,
    acceptNote,
    reply: v.reply ?? '',
    steps,
    current: Math.max(0, steps.length - 1),
    canRate: v.canRate,
    canReopen: v.canReopen,
    rateHint: v.canReopen
      ? '如对答复不满意，可以要求重新办理一次：第一次选择“不满意”，纪检监察部门将重新核查并再次答复。'
      : '这是重新办理后的答复，评价后办理结束。',
    ratingText: v.rating ? `您的评价：${v.rating === 'satisfied' ? '满意' : '不满意'}` : '',
    escalationHint: v.escalationHint ?? '',
  };
}
