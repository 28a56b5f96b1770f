/**
 * The API contract: every cloud function, its actions, and their request/response types.
 * Both the mini program (services/) and the cloud functions type-check against this map.
 */

import type {
  CalendarRequest,
  CalendarResponse,
  GrantRoleRequest,
  ImportCalendarRequest,
  ImportCalendarResponse,
  ListRegionsRequest,
  ListRegionsResponse,
  ListStaffRequest,
  ListStaffResponse,
  RevokeRoleRequest,
  RoleChangeResponse,
} from './admin';
import type {
  ApprovalDetail,
  ApprovalDetailRequest,
  BatchReviewRequest,
  BatchReviewResponse,
  QueueRequest,
  QueueResponse,
  ReviewRequest,
  ReviewResponse,
} from './approval';
import type { UpsertProjectRequest, UpsertProjectResponse } from './catalogue';
import type {
  DeclarationDetail,
  DeclarationDetailRequest,
  DeclarationSummary,
  GetProjectRequest,
  GetProjectResponse,
  ListProjectsResponse,
  MineRequest,
  MineResponse,
  PrecheckRequest,
  PrecheckResponse,
  ProxySubmitRequest,
  ResubmitRequest,
  SubmitRequest,
  SubmitResponse,
  WithdrawRequest,
} from './declaration';
import type {
  NoticesRequest,
  NoticesResponse,
  ReadNoticesRequest,
  ReadNoticesResponse,
  SubscribeRequest,
  SubscribeResponse,
} from './notice';
import type {
  BatchesRequest,
  BatchesResponse,
  BatchSummary,
  CancelBatchRequest,
  CreateBatchRequest,
  CreateBatchResponse,
  ExportBatchRequest,
  ExportBatchResponse,
  ImportLedgerRequest,
  ImportProgress,
  ImportResultsRequest,
  PaymentMineRequest,
  PaymentMineResponse,
  PaymentStatementRequest,
  PaymentStatementResponse,
  PaymentSummaryResponse,
} from './payment';
import type {
  PublicityDetailRequest,
  PublicityDetailResponse,
  PublicityListRequest,
  PublicityListResponse,
  PublicityObjectRequest,
  PublicityObjectResponse,
  SchedulerTickResponse,
} from './publicity';
import type {
  AlertsRequest,
  AlertsResponse,
  AlertView,
  AuditVerifyResponse,
  DashboardRequest,
  DashboardResponse,
  InterviewsRequest,
  InterviewsResponse,
  OverdueRequest,
  OverdueResponse,
  RegisterImportRequest,
  RegisterImportResponse,
  ResolveAlertRequest,
  RiskScanResponse,
} from './supervision';
import type {
  TipoffActRequest,
  TipoffCloseRequest,
  TipoffDetail,
  TipoffListRequest,
  TipoffListResponse,
  TipoffMineRequest,
  TipoffMineResponse,
  TipoffRateRequest,
  TipoffReplyRequest,
  TipoffStaffRequest,
  TipoffStaffResponse,
  TipoffSubmitRequest,
  TipoffSubmitResponse,
  TipoffTrackRequest,
  TipoffTrackView,
  TipoffTransferRequest,
} from './tipoff';
import type {
  BindCardRequest,
  BindCardResponse,
  FaceVerifyRequest,
  HouseholdResponse,
  LoginRequest,
  LoginResponse,
  ProfileResponse,
  RegisterRequest,
  RegisterResponse,
  UpdateProfileRequest,
  VerificationQueueRequest,
  VerificationQueueResponse,
  VerifyRequest,
  VerifyResponse,
} from './user';

export type * from './admin';
export type * from './approval';
export type * from './catalogue';
export type * from './declaration';
export type { ErrorCode, Fail, Ok, Result } from './envelope';
export type * from './notice';
export type * from './payment';
export type * from './publicity';
export type { CadreLevel, RoleGrant, RoleName } from './roles';
export type * from './supervision';
export type * from './tipoff';
export type * from './user';

interface Action<Req, Res> {
  req: Req;
  res: Res;
}

type Empty = Record<string, never>;

export interface Api {
  user: {
    login: Action<LoginRequest, LoginResponse>;
    register: Action<RegisterRequest, RegisterResponse>;
    profile: Action<Empty, ProfileResponse>;
    updateProfile: Action<UpdateProfileRequest, ProfileResponse>;
    household: Action<Empty, HouseholdResponse>;
    bindCard: Action<BindCardRequest, BindCardResponse>;
    /** 居民核验: a village cadre's list of unverified residents. */
    verificationQueue: Action<VerificationQueueRequest, VerificationQueueResponse>;
    verify: Action<VerifyRequest, VerifyResponse>;
    /** 刷脸核验 through the deployment's provider (a port; none ships). */
    faceVerify: Action<FaceVerifyRequest, VerifyResponse>;
    /** 我的消息: the household's notices, newest first, with the unread count. */
    notices: Action<NoticesRequest, NoticesResponse>;
    readNotices: Action<ReadNoticesRequest, ReadNoticesResponse>;
    /** What `wx.requestSubscribeMessage` answered: one message allowed per accepted template. */
    subscribe: Action<SubscribeRequest, SubscribeResponse>;
  };
  admin: {
    grantRole: Action<GrantRoleRequest, RoleChangeResponse>;
    revokeRole: Action<RevokeRoleRequest, RoleChangeResponse>;
    listStaff: Action<ListStaffRequest, ListStaffResponse>;
    listRegions: Action<ListRegionsRequest, ListRegionsResponse>;
    upsertProject: Action<UpsertProjectRequest, UpsertProjectResponse>;
    /** 节假日安排: the years held, a year's days, the years missing, open alerts. */
    calendar: Action<CalendarRequest, CalendarResponse>;
    /** Replaces one year's list of holidays and 调休 working days. */
    importCalendar: Action<ImportCalendarRequest, ImportCalendarResponse>;
  };
  /** 阳光申报 */
  declaration: {
    listProjects: Action<Empty, ListProjectsResponse>;
    getProject: Action<GetProjectRequest, GetProjectResponse>;
    precheck: Action<PrecheckRequest, PrecheckResponse>;
    submit: Action<SubmitRequest, SubmitResponse>;
    mine: Action<MineRequest, MineResponse>;
    detail: Action<DeclarationDetailRequest, DeclarationDetail>;
    withdraw: Action<WithdrawRequest, DeclarationSummary>;
    resubmit: Action<ResubmitRequest, SubmitResponse>;
    /** 代办: a cadre declares for an elderly or disabled resident of their area. */
    proxySubmit: Action<ProxySubmitRequest, SubmitResponse>;
  };
  /** 阳光审批 */
  approval: {
    queue: Action<QueueRequest, QueueResponse>;
    detail: Action<ApprovalDetailRequest, ApprovalDetail>;
    review: Action<ReviewRequest, ReviewResponse>;
    batchReview: Action<BatchReviewRequest, BatchReviewResponse>;
  };
  /** 公示公开 */
  publicity: {
    list: Action<PublicityListRequest, PublicityListResponse>;
    detail: Action<PublicityDetailRequest, PublicityDetailResponse>;
    /** 异议: becomes a 公示投诉 tip-off and holds the item until supervisors handle it. */
    object: Action<PublicityObjectRequest, PublicityObjectResponse>;
  };
  /** 阳光发放 (finance) and 明白账 (residents). */
  payment: {
    mine: Action<PaymentMineRequest, PaymentMineResponse>;
    summary: Action<Empty, PaymentSummaryResponse>;
    statement: Action<PaymentStatementRequest, PaymentStatementResponse>;
    createBatch: Action<CreateBatchRequest, CreateBatchResponse>;
    /** Withdraws a batch that was not exported; its households are free again. */
    cancelBatch: Action<CancelBatchRequest, BatchSummary>;
    exportBatch: Action<ExportBatchRequest, ExportBatchResponse>;
    /** Call again with the same file until `state` is `done`: large files go in chunks. */
    importResults: Action<ImportResultsRequest, ImportProgress>;
    importLedger: Action<ImportLedgerRequest, ImportProgress>;
    batches: Action<BatchesRequest, BatchesResponse>;
  };
  /** 举报投诉 */
  tipoff: {
    submit: Action<TipoffSubmitRequest, TipoffSubmitResponse>;
    /** The staff of a region a reporter may name (masked), for the form's picker. */
    staff: Action<TipoffStaffRequest, TipoffStaffResponse>;
    track: Action<TipoffTrackRequest, TipoffTrackView>;
    mine: Action<TipoffMineRequest, TipoffMineResponse>;
    rate: Action<TipoffRateRequest, TipoffTrackView>;
    list: Action<TipoffListRequest, TipoffListResponse>;
    detail: Action<{ tipoffId: string }, TipoffDetail>;
    accept: Action<TipoffActRequest, TipoffDetail>;
    reply: Action<TipoffReplyRequest, TipoffDetail>;
    close: Action<TipoffCloseRequest, TipoffDetail>;
    transfer: Action<TipoffTransferRequest, TipoffDetail>;
  };
  /** 监督管理 */
  supervision: {
    dashboard: Action<DashboardRequest, DashboardResponse>;
    overdue: Action<OverdueRequest, OverdueResponse>;
    alerts: Action<AlertsRequest, AlertsResponse>;
    resolveAlert: Action<ResolveAlertRequest, AlertView>;
    runRiskScan: Action<Empty, RiskScanResponse>;
    /** 死亡人员名单 / 干部及亲属名单 for the risk rules. */
    importRegister: Action<RegisterImportRequest, RegisterImportResponse>;
    auditVerify: Action<Empty, AuditVerifyResponse>;
    interviews: Action<InterviewsRequest, InterviewsResponse>;
  };
  /** Timer-triggered: ends notice periods, marks overdue stages, reminds, delivers messages. */
  scheduler: {
    tick: Action<Empty, SchedulerTickResponse>;
  };
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
type ActionOf<F extends FunctionName, A extends ActionName<F>> =
  Api[F][A] extends Action<infer Q, infer S> ? { req: Q; res: S } : never;
export type RequestOf<F extends FunctionName, A extends ActionName<F>> = ActionOf<F, A>['req'];
export type ResponseOf<F extends FunctionName, A extends ActionName<F>> = ActionOf<F, A>['res'];
/** The event a function receives: the action name beside its parameters. */
export type EventOf<F extends FunctionName, A extends ActionName<F>> = { action: A } & RequestOf<F, A>;
