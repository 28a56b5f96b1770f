import type { AnswerValue, DeclarationWindow, Project, StageKey } from './catalogue';

export type DeclarationStatus =
  /** Failed a mandatory rule: kept and counted as received, never reviewed. */
  | 'invalid'
  | 'in_review'
  /** 打回: waiting for the resident to correct and resubmit. */
  | 'returned'
  | 'publicity'
  /** An objection (异议) during the notice holds the item until supervisors handle it. */
  | 'objection_hold'
  | 'approved'
  | 'rejected'
  | 'withdrawn';

export interface RuleResult {
  id: string;
  text: string;
  mandatory: boolean;
  passed: boolean;
  /** Why, in plain words: "出生于1950年3月，申报时76周岁，未满80周岁". */
  reason: string;
}

export interface ProjectCard {
  code: string;
  name: string;
  department: string;
  standardText: string;
  /** Whether a window is open now. */
  open: boolean;
  /** The open window, else the next one, else null. */
  window: DeclarationWindow | null;
  demo: boolean;
  /** Whether a cadre may declare on a resident's behalf (代办). */
  proxyAllowed: boolean;
  /** The caller's household's open declaration for the current period, if any. */
  myOpenDeclarationId: string | null;
}

export interface ListProjectsResponse {
  items: ProjectCard[];
}

export interface GetProjectRequest {
  code: string;
}

/** The 申报须知: the whole project as the public may read it. */
export type GetProjectResponse = Project & { open: boolean; currentWindow: DeclarationWindow | null };

export interface AttachmentRef {
  materialKey: string;
  /** cloud:// file id from wx.cloud.uploadFile under `declarations/<userId>/`. */
  fileID: string;
}

export interface PrecheckRequest {
  code: string;
  answers: Record<string, AnswerValue>;
  /** The household member the declaration is for; the caller when absent. */
  applicantMemberId?: string;
}

export interface PrecheckResponse {
  eligible: boolean;
  rules: RuleResult[];
  /** Per-field problems of the answers, by field key. */
  fieldErrors: Record<string, string>;
  period: string | null;
  /** What the household may receive per unit if approved. */
  standardText: string;
}

export interface SubmitRequest {
  code: string;
  answers: Record<string, AnswerValue>;
  attachments: AttachmentRef[];
  applicantMemberId?: string;
}

export interface SubmitResponse {
  declarationId: string;
  status: DeclarationStatus;
  valid: boolean;
  rules: RuleResult[];
  /** What happens next, in plain words. */
  nextStep: string;
}

export type ProxyReason = 'elderly' | 'disabled';

export interface ProxySubmitRequest {
  code: string;
  /** The resident declared for, identified as on their ID card. */
  applicantIdNumber: string;
  applicantName: string;
  reason: ProxyReason;
  answers: Record<string, AnswerValue>;
  attachments: AttachmentRef[];
}

export interface MineRequest {
  page?: number;
  pageSize?: number;
}

export interface DeclarationSummary {
  declarationId: string;
  projectCode: string;
  projectName: string;
  period: string;
  status: DeclarationStatus;
  /** The status in words: 村级初审中, 已打回待修改, 公示中… */
  statusText: string;
  stage: StageKey | null;
  applicantMaskedName: string;
  submittedAt: string;
  valid: boolean;
  /** Declared by a cadre on the resident's behalf (代办). */
  proxy: boolean;
  /** Due time of the current stage, ISO UTC. */
  dueAt: string | null;
  /** The deadline counts working days in a year whose holidays are not entered yet: 暂定. */
  dueProvisional: boolean;
}

export interface MineResponse {
  items: DeclarationSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface DeclarationDetailRequest {
  declarationId: string;
}

export type TimelineEvent =
  | 'submitted'
  | 'resubmitted'
  | 'invalid'
  | 'approved'
  | 'returned'
  | 'rejected'
  | 'withdrawn'
  | 'objection'
  | 'pending';

/** One step of the timeline the resident sees: stage, handling unit and person, time, outcome, opinion. */
export interface TimelineEntry {
  stage: StageKey | null;
  stageLabel: string;
  event: TimelineEvent;
  eventText: string;
  unit: string;
  actorMaskedName: string;
  /** ISO UTC; null for a stage not reached yet. */
  at: string | null;
  opinion: string | null;
  dueAt: string | null;
  dueProvisional: boolean;
}

export interface DeclarationDetail extends DeclarationSummary {
  answers: Record<string, AnswerValue>;
  attachments: Array<AttachmentRef & { label: string }>;
  rules: RuleResult[];
  timeline: TimelineEntry[];
  proxyBy: { unit: string; maskedName: string; reason: ProxyReason } | null;
  /** Whether the caller may withdraw or resubmit now. */
  canWithdraw: boolean;
  canResubmit: boolean;
}

export interface WithdrawRequest {
  declarationId: string;
  reason?: string;
}

export interface ResubmitRequest {
  declarationId: string;
  answers: Record<string, AnswerValue>;
  attachments: AttachmentRef[];
}
