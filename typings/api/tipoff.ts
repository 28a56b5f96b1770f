/** 举报投诉: tip-offs from residents (anonymous or by name), handled by discipline-inspection supervisors. */

export type TipoffKind = 'publicity' | 'payment' | 'conduct' | 'other';
export type TipoffStatus = 'submitted' | 'accepted' | 'closed' | 'replied';

export interface TipoffAttachment {
  fileID: string;
  name: string;
}

export interface TipoffSubmitRequest {
  kind: TipoffKind;
  anonymous: boolean;
  /** The village, township or county concerned. */
  regionCode: string;
  projectCode?: string;
  /** A staff member picked from `tipoff.staff`, when the reporter names one. */
  accusedStaffId?: string;
  /** The person reported, in the reporter's words (name and unit), when not picked from the list. */
  accusedText?: string;
  content: string;
  attachments?: TipoffAttachment[];
}

export interface TipoffSubmitResponse {
  trackingCode: string;
  /** Anonymous only: shown once; with the code it is the only way to follow the tip-off. */
  secret: string | null;
  /** The date by which it will be accepted (15 working days), ISO. */
  acceptBy: string;
  /** 暂定: counted before the holidays of a year it spans were known here; settled within minutes. */
  acceptByProvisional: boolean;
}

export interface TipoffStaffRequest {
  regionCode: string;
}

export interface TipoffStaffResponse {
  items: Array<{ staffId: string; maskedName: string; unit: string }>;
}

export interface TipoffEvent {
  event: 'submitted' | 'accepted' | 'transferred' | 'closed' | 'replied' | 'rated' | 'reopened';
  at: string;
  /** The handling unit, never a supervisor's name to the reporter. */
  unit: string;
  text: string | null;
}

/** What the reporter sees. */
export interface TipoffTrackView {
  trackingCode: string;
  kind: TipoffKind;
  kindText: string;
  status: TipoffStatus;
  statusText: string;
  createdAt: string;
  acceptBy: string;
  acceptByProvisional: boolean;
  /** The answer to the reporter, once replied. */
  reply: string | null;
  events: TipoffEvent[];
  canRate: boolean;
  /** Satisfied or not, once rated; reopened tip-offs can be rated once more. */
  rating: 'satisfied' | 'dissatisfied' | null;
  canReopen: boolean;
  /** After a second dissatisfaction: where else to turn (12345 / 12388). */
  escalationHint: string | null;
}

export interface TipoffTrackRequest {
  trackingCode: string;
  /** Anonymous tip-offs only. */
  secret?: string;
}

export interface TipoffMineRequest {
  page?: number;
  pageSize?: number;
}

export interface TipoffMineResponse {
  items: TipoffTrackView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TipoffRateRequest {
  trackingCode: string;
  secret?: string;
  satisfied: boolean;
  comment?: string;
}

/** What a supervisor sees in the list. */
export interface TipoffSummary {
  tipoffId: string;
  trackingCode: string;
  kind: TipoffKind;
  kindText: string;
  status: TipoffStatus;
  statusText: string;
  regionCode: string;
  regionName: string;
  projectName: string | null;
  anonymous: boolean;
  excerpt: string;
  createdAt: string;
  /** The deadline of the current step (acceptance, then reply), ISO; null when none. */
  dueAt: string | null;
  /** The deadline counts working days in a year whose holidays are not entered yet: 暂定. */
  dueProvisional: boolean;
  overdue: boolean;
  reopened: boolean;
}

export interface TipoffListRequest {
  status?: TipoffStatus;
  kind?: TipoffKind;
  overdueOnly?: boolean;
  page?: number;
  pageSize?: number;
}

export interface TipoffListResponse {
  items: TipoffSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TipoffDetail extends TipoffSummary {
  content: string;
  attachments: Array<TipoffAttachment & { url: string }>;
  /** Named tip-offs only, and only to supervisors: who reported it. */
  reporter: { maskedName: string; mobile: string } | null;
  accused: { maskedName: string; unit: string } | null;
  declarationId: string | null;
  events: Array<TipoffEvent & { actor: string }>;
  conclusion: string | null;
  reply: string | null;
  rating: 'satisfied' | 'dissatisfied' | null;
  version: number;
}

export interface TipoffActRequest {
  tipoffId: string;
  version: number;
}

export interface TipoffReplyRequest extends TipoffActRequest {
  /** The answer to the reporter. */
  reply: string;
}

export interface TipoffCloseRequest extends TipoffActRequest {
  /** What was found and done. */
  conclusion: string;
  /** For an objection to a public list: whether it was founded (the item is then rejected). */
  objectionUpheld?: boolean;
}

export interface TipoffTransferRequest extends TipoffActRequest {
  /** The region whose supervisors take it over. */
  regionCode: string;
  reason: string;
}
