/** How a tip-off reads: to its reporter (no names of handlers) and to supervisors. */
import type {
  TipoffDetail,
  TipoffKind,
  TipoffStatus,
  TipoffSummary,
  TipoffTrackView,
} from '../../typings/api';
import type { TipoffDoc } from '../_shared/domain/tipoffs';

export const KIND_TEXT: Record<TipoffKind, string> = {
  publicity: '公示投诉',
  payment: '发放投诉',
  conduct: '作风问题',
  other: '其他',
};

export const STATUS_TEXT: Record<TipoffStatus, string> = {
  submitted: '待受理',
  accepted: '已受理，核查中',
  closed: '已办结，待答复',
  replied: '已答复',
};

export const ESCALATION_HINT =
  '如仍不满意，可拨打12345政务服务便民热线，或向纪检监察机关信访举报（12388）反映。';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function isOverdue(t: Pick<TipoffDoc, 'dueAt'>, now: Date): boolean {
  return t.dueAt !== null && new Date(t.dueAt) < now;
}

/** While the tip-off waits for acceptance its deadline is the acceptance date, provisional or not. */
export function acceptByProvisional(t: Pick<TipoffDoc, 'status' | 'dueProvisional'>): boolean {
  return t.status === 'submitted' && Boolean(t.dueProvisional);
}

export function trackView(t: TipoffDoc): TipoffTrackView {
  const canRate = t.status === 'replied' && t.rating === null;
  return {
    trackingCode: t.code,
    kind: t.kind,
    kindText: KIND_TEXT[t.kind],
    status: t.status,
    statusText: STATUS_TEXT[t.status],
    createdAt: new Date(t.createdAt).toISOString(),
    acceptBy: new Date(t.acceptBy).toISOString(),
    acceptByProvisional: acceptByProvisional(t),
    reply: t.reply,
    events: t.events.map((e) => ({
      event: e.event,
      at: new Date(e.at).toISOString(),
      unit: e.unit,
      text: e.event === 'replied' || e.event === 'closed' ? null : e.text,
    })),
    canRate,
    rating: t.rating,
    canReopen: canRate && t.reopenCount === 0,
    escalationHint: t.rating === 'dissatisfied' && t.reopenCount > 0 ? ESCALATION_HINT : null,
  };
}

export function summaryView(
  t: TipoffDoc,
  regionName: string,
  projectName: string | null,
  now: Date,
): TipoffSummary {
  const chars = Array.from(t.content);
  return {
    tipoffId: t._id,
    trackingCode: t.code,
    kind: t.kind,
    kindText: KIND_TEXT[t.kind],
    status: t.status,
    statusText: STATUS_TEXT[t.status],
    regionCode: t.regionCode,
    regionName,
    projectName,
    anonymous: t.anonymous,
    excerpt: chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : t.content,
    createdAt: new Date(t.createdAt).toISOString(),
    dueAt: iso(t.dueAt),
    dueProvisional: Boolean(t.dueAt && t.dueProvisional),
    overdue: isOverdue(t, now),
    reopened: t.reopenCount > 0,
  };
}

export function detailView(
  t: TipoffDoc,
  summary: TipoffSummary,
  reporter: TipoffDetail['reporter'],
  urls: Map<string, string>,
  actorNames: Map<string, string>,
): TipoffDetail {
  return {
    ...summary,
    content: t.content,
    attachments: t.attachments.map((a) => ({ ...a, url: urls.get(a.fileID) ?? '' })),
    reporter,
    accused: t.accused ? { maskedName: t.accused.nameMasked, unit: t.accused.unit } : null,
    declarationId: t.declarationId,
    events: t.events.map((e) => ({
      event: e.event,
      at: new Date(e.at).toISOString(),
      unit: e.unit,
      text: e.text,
      actor: t.anonymous && e.event === 'submitted' ? '匿名举报人' : (actorNames.get(e.actorId) ?? e.unit),
    })),
    conclusion: t.conclusion,
    reply: t.reply,
    rating: t.rating,
    version: t.version,
  };
}
