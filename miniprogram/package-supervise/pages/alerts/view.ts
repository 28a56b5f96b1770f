/** What 存疑数据 shows of risk alerts and scans, and sends as its query. Pure, so every branch is testable. */
import type { AlertsRequest, AlertView, RiskRule, RiskScanResponse } from '../../../../typings/api';
import { shanghaiDateTime } from '../../../shared/time';
import type { TagTheme } from '../../../types/tag';
import { textProblem } from '../../view';

export type AlertStatus = AlertView['status'];
export type Outcome = 'confirmed' | 'dismissed';

/** Short names of the rules for the filter; each alert carries the full text. */
export const RULE_OPTIONS: ReadonlyArray<{ value: RiskRule; label: string }> = [
  { value: 'person_two_households', label: '一人多户' },
  { value: 'card_several_households', label: '一卡多户' },
  { value: 'paid_after_death', label: '死亡后领取' },
  { value: 'above_standard', label: '超标准发放' },
  { value: 'paid_twice', label: '重复发放' },
  { value: 'staff_relative', label: '干部亲属领取' },
  { value: 'paid_without_approval', label: '无审批发放' },
];

export const STATUS_OPTIONS: ReadonlyArray<{ value: AlertStatus | ''; label: string }> = [
  { value: 'open', label: '待核查' },
  { value: 'confirmed', label: '已确认' },
  { value: 'dismissed', label: '已排除' },
  { value: '', label: '全部' },
];

const STATUS_TEXT: Readonly<Record<AlertStatus, { text: string; theme: TagTheme }>> = {
  open: { text: '待核查', theme: 'warning' },
  confirmed: { text: '已确认属实', theme: 'danger' },
  dismissed: { text: '已排除', theme: 'success' },
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  confirmed: '确认属实',
  dismissed: '排除',
};

export interface AlertFilters {
  rule: RiskRule | '';
  status: AlertStatus | '';
}

/** Opens on what waits for the supervisor: the open alerts of every rule. */
export const DEFAULT_FILTERS: AlertFilters = { rule: '', status: 'open' };

export function alertsRequest(filters: AlertFilters, page: number, pageSize: number): AlertsRequest {
  const request: AlertsRequest = { page, pageSize };
  if (filters.rule) request.rule = filters.rule;
  if (filters.status) request.status = filters.status;
  return request;
}

export interface AlertRow {
  id: string;
  version: number;
  ruleText: string;
  regionName: string;
  records: Array<{ key: string; label: string }>;
  why: string;
  statusText: string;
  theme: TagTheme;
  open: boolean;
  /** 发现于 2026-03-01 10:00 */
  found: string;
  /** the note and when it was resolved, '' while open */
  note: string;
  resolved: string;
}

export function alertRow(a: AlertView): AlertRow {
  return {
    id: a.alertId,
    version: a.version,
    ruleText: a.ruleText,
    regionName: a.regionName,
    records: a.records.map((r) => ({ key: `${r.type}:${r.id}`, label: r.label })),
    why: a.why,
    statusText: STATUS_TEXT[a.status].text,
    theme: STATUS_TEXT[a.status].theme,
    open: a.status === 'open',
    found: `发现于 ${shanghaiDateTime(a.createdAt)}`,
    note: a.note ?? '',
    resolved: a.resolvedAt ? `核查于 ${shanghaiDateTime(a.resolvedAt)}` : '',
  };
}

export function noteProblem(note: string): string {
  return textProblem(note, '核查说明', 5);
}

export interface ScanResult {
  /** 新发现3条存疑数据 / 没有发现新的存疑数据 */
  title: string;
  lines: Array<{ key: string; text: string }>;
  /** 已有的2条不重复提示; 扫描尚未完成… */
  notes: string[];
}

export function scanResult(scan: RiskScanResponse): ScanResult {
  const lines = RULE_OPTIONS.filter((o) => (scan.found[o.value] ?? 0) > 0).map((o) => ({
    key: o.value,
    text: `${o.label}：${scan.found[o.value]}条`,
  }));
  const count = lines.reduce((sum, l) => sum + (scan.found[l.key as RiskRule] ?? 0), 0);
  const notes: string[] = [];
  if (scan.known > 0) notes.push(`已提示过的${scan.known}条不再重复列出`);
  if (scan.state === 'running') notes.push('数据较多，扫描尚未全部完成，其余部分由定时任务继续');
  return { title: count > 0 ? `新发现${count}条存疑数据` : '没有发现新的存疑数据', lines, notes };
}
