/** What 举报件 shows of the supervisor's tip-offs and sends as its query. Pure, so every branch is testable. */
import type { TipoffKind, TipoffListRequest, TipoffStatus, TipoffSummary } from '../../../../typings/api';
import { dueText, shanghaiDateTime } from '../../../shared/time';
import type { TagTheme } from '../../../types/tag';
import { overdueBadge } from '../../view';

export const STATUS_OPTIONS: ReadonlyArray<{ value: TipoffStatus; label: string }> = [
  { value: 'submitted', label: '待受理' },
  { value: 'accepted', label: '核查中' },
  { value: 'closed', label: '待答复' },
  { value: 'replied', label: '已答复' },
];

export const KIND_OPTIONS: ReadonlyArray<{ value: TipoffKind; label: string }> = [
  { value: 'publicity', label: '公示投诉' },
  { value: 'payment', label: '发放投诉' },
  { value: 'conduct', label: '作风问题' },
  { value: 'other', label: '其他' },
];

export const STATUS_THEMES: Readonly<Record<TipoffStatus, TagTheme>> = {
  submitted: 'warning',
  accepted: 'primary',
  closed: 'primary',
  replied: 'success',
};

export interface TipoffFilters {
  status: TipoffStatus | '';
  kind: TipoffKind | '';
  overdueOnly: boolean;
}

export const NO_FILTERS: TipoffFilters = { status: '', kind: '', overdueOnly: false };

/** The query of one page: filters left at 全部 are left out. */
export function listRequest(filters: TipoffFilters, page: number, pageSize: number): TipoffListRequest {
  const request: TipoffListRequest = { page, pageSize };
  if (filters.status) request.status = filters.status;
  if (filters.kind) request.kind = filters.kind;
  if (filters.overdueOnly) request.overdueOnly = true;
  return request;
}

export interface TipoffRow {
  id: string;
  code: string;
  kindText: string;
  statusText: string;
  theme: TagTheme;
  /** 罗江镇青龙村 · 高龄津贴 */
  where: string;
  excerpt: string;
  /** 收到于 2026-03-01 10:00 */
  received: string;
  /** 办理期限 2026-03-20 10:00, or '' */
  due: string;
  /** the overdue badge, '' while in time */
  overdue: string;
  anonymous: boolean;
  reopened: boolean;
}

export function tipoffRow(t: TipoffSummary, now: Date): TipoffRow {
  return {
    id: t.tipoffId,
    code: t.trackingCode,
    kindText: t.kindText,
    statusText: t.statusText,
    theme: STATUS_THEMES[t.status],
    where: t.projectName ? `${t.regionName} · ${t.projectName}` : t.regionName,
    excerpt: t.excerpt,
    received: `收到于 ${shanghaiDateTime(t.createdAt)}`,
    due: t.dueAt ? dueText(t.dueAt, t.dueProvisional) : '',
    overdue: overdueBadge(t.dueAt, t.overdue, now),
    anonymous: t.anonymous,
    reopened: t.reopened,
  };
}
