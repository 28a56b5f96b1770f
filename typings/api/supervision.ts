/** 监督管理: overdue items, 约谈, risk alerts, the platform's figures and the audit trail. */

export interface OverdueItem {
  kind: 'approval' | 'tipoff';
  id: string;
  title: string;
  /** How long past its deadline, in whole days (at least 1). */
  overdueDays: number;
  dueAt: string;
  /** The deadline counts working days in a year whose holidays are not entered yet: 暂定. */
  dueProvisional: boolean;
}

export interface OverdueUnit {
  /** A stable key for the unit: level:regionCode[:project] */
  unitKey: string;
  unit: string;
  regionCode: string;
  count: number;
  longestDays: number;
  items: OverdueItem[];
}

export interface OverdueRequest {
  regionCode?: string;
}

export interface OverdueResponse {
  units: OverdueUnit[];
  total: number;
  /** ISO time the figures were taken. */
  asOf: string;
}

export interface InterviewView {
  interviewId: string;
  unitKey: string;
  unit: string;
  regionCode: string;
  /** The unit head talked to, masked. */
  headMaskedName: string;
  reason: string;
  heldAt: string;
  followUp: string | null;
  followUpAt: string | null;
  recordedByUnit: string;
}

export type InterviewsRequest =
  | { op: 'list'; regionCode?: string; page?: number; pageSize?: number }
  | {
      op: 'record';
      unitKey: string;
      unit: string;
      regionCode: string;
      headName: string;
      reason: string;
      heldAt: string;
    }
  | { op: 'followUp'; interviewId: string; followUp: string };

export interface InterviewsResponse {
  items: InterviewView[];
  total: number;
}

export type RiskRule =
  | 'person_two_households'
  | 'card_several_households'
  | 'paid_after_death'
  | 'above_standard'
  | 'paid_twice'
  | 'staff_relative'
  | 'paid_without_approval';

export interface AlertRecord {
  type: 'household' | 'payment' | 'declaration' | 'register';
  id: string;
  label: string;
}

export interface AlertView {
  alertId: string;
  rule: RiskRule;
  ruleText: string;
  regionCode: string;
  regionName: string;
  records: AlertRecord[];
  why: string;
  status: 'open' | 'confirmed' | 'dismissed';
  note: string | null;
  createdAt: string;
  resolvedAt: string | null;
  version: number;
}

export interface AlertsRequest {
  status?: AlertView['status'];
  rule?: RiskRule;
  page?: number;
  pageSize?: number;
}

export interface AlertsResponse {
  items: AlertView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ResolveAlertRequest {
  alertId: string;
  version: number;
  outcome: 'confirmed' | 'dismissed';
  note: string;
}

export interface RiskScanResponse {
  /** Alerts raised in this run, by rule. */
  found: Partial<Record<RiskRule, number>>;
  /** Alerts that already existed for the same records. */
  known: number;
  state: 'done' | 'running';
}

export interface RegisterImportRequest {
  kind: 'deaths' | 'staff_relatives';
  /** CSV uploaded to the caller's imports folder. */
  fileID: string;
  fileName: string;
}

export interface RegisterImportResponse {
  imported: number;
  unchanged: number;
  errors: Array<{ row: number; message: string }>;
}

export interface DashboardFigures {
  registeredUsers: number;
  declarationsReceived: number;
  declarationsValid: number;
  approvalsCompleted: number;
  approvalsPending: number;
  payments: Array<{ projectCode: string; projectName: string; count: number; amountFen: number }>;
  paymentsCount: number;
  paymentsFen: number;
  tipoffsReceived: number;
  tipoffsHandled: number;
  tipoffsOverdue: number;
  alertsOpen: number;
}

export interface DashboardRequest {
  /** The caller's region or one inside it; omitted: the caller's own. */
  regionCode?: string;
  year?: number;
  /** Also answer an xlsx of the figures and the breakdown. */
  export?: boolean;
  /** Recount users, declarations and payments of the region now instead of using the last rollup. */
  refresh?: boolean;
}

export interface DashboardResponse {
  regionCode: string;
  regionName: string;
  year: number;
  figures: DashboardFigures;
  /** The same figures for each region one level down (counties of the city, townships of a county). */
  breakdown: Array<{ regionCode: string; regionName: string; figures: DashboardFigures }>;
  /** Tip-offs and alerts are counted at this time. */
  asOf: string;
  /** Users, declarations and payments were counted by the rollup at this time (the oldest township's); null: not yet. */
  countedAt: string | null;
  file: { fileID: string; url: string; fileName: string } | null;
}

export interface AuditVerifyResponse {
  ok: boolean;
  checked: number;
  /** The first entry that is missing, altered or out of chain: its chain (0–15) and place in it. */
  firstBroken: { seq: number; lane: number; problem: string } | null;
  headSeq: number;
  /** Entries written since the last sealing, sealed into their chains by this verification first. */
  sealedNow: number;
}
