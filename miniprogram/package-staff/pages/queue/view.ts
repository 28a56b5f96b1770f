/** What 审批待办 shows of the queue and sends as its query. Pure, so every branch is testable. */
import type { BatchReviewResponse, QueueItem, QueueRequest, StageKey } from '../../../../typings/api';
import { dueText } from '../../../shared/time';

/** The stages a cadre acts on (the public notice ends by time). */
export const STAGE_OPTIONS: ReadonlyArray<{ value: StageKey; label: string }> = [
  { value: 'village_review', label: '村级初审' },
  { value: 'township_review', label: '乡镇审核' },
  { value: 'county_approval', label: '县级审批' },
];

export interface QueueFilters {
  projectCode: string;
  stage: StageKey | '';
  villageCode: string;
  overdueOnly: boolean;
}

export const NO_FILTERS: QueueFilters = { projectCode: '', stage: '', villageCode: '', overdueOnly: false };

/** The query of one page: filters left at 全部 are left out. */
export function queueRequest(filters: QueueFilters, page: number, pageSize: number): QueueRequest {
  const request: QueueRequest = { page, pageSize };
  if (filters.projectCode) request.projectCode = filters.projectCode;
  if (filters.stage) request.stage = filters.stage;
  if (filters.villageCode) request.villageCode = filters.villageCode;
  if (filters.overdueOnly) request.overdueOnly = true;
  return request;
}

const HOUR_MS = 60 * 60 * 1000;

/** How long past its deadline: 超期3天, 超期5小时, 超期不到1小时. */
export function overdueText(dueAt: string, now: Date): string {
  const hours = Math.floor((now.getTime() - new Date(dueAt).getTime()) / HOUR_MS);
  if (hours >= 24) return `超期${Math.floor(hours / 24)}天`;
  return hours >= 1 ? `超期${hours}小时` : '超期不到1小时';
}

export interface QueueRow {
  id: string;
  version: number;
  applicant: string;
  projectName: string;
  period: string;
  villageName: string;
  statusText: string;
  /** 办理期限 2026-03-10 10:00, or '' without a deadline */
  due: string;
  /** the overdue badge, '' while in time */
  overdue: string;
  proxy: boolean;
}

export function queueRow(item: QueueItem, now: Date): QueueRow {
  return {
    id: item.declarationId,
    version: item.version,
    applicant: item.applicantMaskedName,
    projectName: item.projectName,
    period: item.period,
    villageName: item.villageName,
    statusText: item.statusText,
    due: item.dueAt ? dueText(item.dueAt, item.dueProvisional) : '',
    overdue: item.overdue && item.dueAt ? overdueText(item.dueAt, now) : item.overdue ? '超期' : '',
    proxy: item.proxy,
  };
}

export interface BatchResultRow {
  id: string;
  /** who and what, as the queue showed it */
  label: string;
  ok: boolean;
  /** 已通过, or the server's reason */
  text: string;
}

/** The server's answer per item, named as the queue showed it. */
export function batchResultRows(results: BatchReviewResponse['results'], rows: QueueRow[]): BatchResultRow[] {
  return results.map((r) => {
    const row = rows.find((x) => x.id === r.declarationId);
    return {
      id: r.declarationId,
      label: row ? `${row.applicant} · ${row.projectName} · ${row.villageName}` : r.declarationId,
      ok: r.ok,
      text: r.ok ? '已通过' : (r.message ?? '未能处理'),
    };
  });
}

/** At most this many items go in one 批量审核 (the contract's limit). */
export const BATCH_LIMIT = 50;
