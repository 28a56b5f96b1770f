/** Declarations (申报) as stored, and how they read to the resident. */
import type {
  AnswerValue,
  AttachmentRef,
  DeclarationDetail,
  DeclarationStatus,
  DeclarationSummary,
  ProxyReason,
  RuleResult,
  StageSpec,
  TimelineEntry,
  TimelineEvent,
} from '../../../typings/api';
import type { Doc } from '../db/database';
import type { ProvisionalDue } from './deadlines';

export const DECLARATIONS = 'declarations';
export const LOCKS = 'declaration_locks';

export interface TimelineRecord {
  stage: StageSpec['key'] | null;
  event: Exclude<TimelineEvent, 'pending'>;
  unit: string;
  actorId: string;
  actorMaskedName: string;
  at: Date;
  opinion: string | null;
}

export interface DeclarationDoc extends Doc {
  _id: string;
  projectCode: string;
  projectName: string;
  period: string;
  householdId: string;
  villageCode: string;
  applicant: {
    memberId: string;
    userId: string | null;
    nameMasked: string;
    idMasked: string;
    birthDate: string;
  };
  submittedBy: string;
  proxy: { userId: string; unit: string; nameMasked: string; reason: ProxyReason } | null;
  answers: Record<string, AnswerValue>;
  attachments: Array<AttachmentRef & { label: string }>;
  rules: RuleResult[];
  valid: boolean;
  status: DeclarationStatus;
  /** The project's chain as it was when submitted: later catalogue edits do not move running items. */
  chain: StageSpec[];
  stageIndex: number | null;
  /** Who acts now (derived from the chain and stageIndex, stored for the queue's index). */
  stageLevel: StageSpec['level'] | 'resident' | null;
  dueAt: Date | null;
  /** Set when `dueAt` is provisional (暂定); absent on items stored before calendars were data. */
  dueProvisional?: ProvisionalDue | null;
  /** When the current stage went past its deadline (set by the scheduler). */
  overdueSince: Date | null;
  /** When the last stage approved it: payments are owed from the period it falls in. */
  approvedAt?: Date | null;
  /** Returned items only: when the household is reminded to correct it (cleared once reminded). */
  remindAt?: Date | null;
  /**
   * Set when the item enters its public notice: what the public list shows. The village's name and
   * the standard as published are kept with it (older items without them are looked up).
   */
  publicity: {
    villageCode: string;
    startsAt: Date;
    endsAt: Date;
    villageName?: string;
    standard?: { text: string; amountFen: number } | null;
  } | null;
  timeline: TimelineRecord[];
  /** Earlier answers and attachments, kept when the resident corrects a returned declaration. */
  revisions: Array<{ answers: Record<string, AnswerValue>; attachments: AttachmentRef[]; replacedAt: Date }>;
  lockId: string | null;
  version: number;
  submittedAt: Date;
  updatedAt: Date;
}

/** One open declaration per household, project and period. */
export interface DeclarationLock extends Doc {
  _id: string;
  householdId: string;
  declarationId: string;
  at: Date;
}

export const lockId = (householdId: string, projectCode: string, period: string) =>
  `${householdId}:${projectCode}:${period}`;

/** Statuses in which the declaration still holds its household's place for the period. */
export const OPEN_STATUSES: readonly DeclarationStatus[] = [
  'in_review',
  'returned',
  'publicity',
  'objection_hold',
];

/** Who acts on an item in this place of the chain: a level of cadres, the resident (returned), or nobody. */
export function stageLevelOf(
  chain: readonly StageSpec[],
  status: DeclarationStatus,
  stageIndex: number | null,
): DeclarationDoc['stageLevel'] {
  if (status === 'returned') return 'resident';
  if (status !== 'in_review' || stageIndex === null) return null;
  return chain[stageIndex]?.level ?? null;
}

export function currentStage(d: Pick<DeclarationDoc, 'stageIndex' | 'chain'>): StageSpec | null {
  return d.stageIndex === null ? null : (d.chain[d.stageIndex] ?? null);
}

export function statusText(d: DeclarationDoc): string {
  switch (d.status) {
    case 'invalid':
      return '不符合申报条件（已受理，未进入审核）';
    case 'in_review':
      return `${currentStage(d)?.label ?? '审核'}中`;
    case 'returned':
      return '已打回，待修改后重新提交';
    case 'publicity':
      return '公示中';
    case 'objection_hold':
      return '公示期收到异议，核查中';
    case 'approved':
      return '审批通过';
    case 'rejected':
      return '未通过';
    case 'withdrawn':
      return '已撤回';
  }
}

const EVENT_TEXT: Record<TimelineEvent, string> = {
  submitted: '提交申报',
  resubmitted: '修改后重新提交',
  invalid: '不符合申报条件',
  approved: '通过',
  returned: '打回修改',
  rejected: '不通过',
  withdrawn: '撤回申报',
  objection: '收到异议，暂停办理',
  pending: '待办理',
};

export function summary(d: DeclarationDoc): DeclarationSummary {
  return {
    declarationId: d._id,
    projectCode: d.projectCode,
    projectName: d.projectName,
    period: d.period,
    status: d.status,
    statusText: statusText(d),
    stage: currentStage(d)?.key ?? null,
    applicantMaskedName: d.applicant.nameMasked,
    submittedAt: new Date(d.submittedAt).toISOString(),
    valid: d.valid,
    proxy: d.proxy !== null,
    dueAt: d.dueAt ? new Date(d.dueAt).toISOString() : null,
    dueProvisional: Boolean(d.dueAt && d.dueProvisional),
  };
}

/** The timeline the resident sees: what happened, then the stages still ahead. */
export function timeline(d: DeclarationDoc): TimelineEntry[] {
  const label = (key: StageSpec['key'] | null) => d.chain.find((s) => s.key === key)?.label ?? '申报';
  const past: TimelineEntry[] = d.timeline.map((t) => ({
    stage: t.stage,
    stageLabel: label(t.stage),
    event: t.event,
    eventText: EVENT_TEXT[t.event],
    unit: t.unit,
    actorMaskedName: t.actorMaskedName,
    at: new Date(t.at).toISOString(),
    opinion: t.opinion,
    dueAt: null,
    dueProvisional: false,
  }));
  if (d.stageIndex === null || !OPEN_STATUSES.includes(d.status)) return past;
  const ahead = d.chain.slice(d.stageIndex).map((s, i) => ({
    stage: s.key,
    stageLabel: s.label,
    event: 'pending' as const,
    eventText: i === 0 && d.status === 'returned' ? '待您修改后重新提交' : EVENT_TEXT.pending,
    unit: '',
    actorMaskedName: '',
    at: null,
    opinion: null,
    dueAt: i === 0 && d.dueAt ? new Date(d.dueAt).toISOString() : null,
    dueProvisional: i === 0 && Boolean(d.dueAt && d.dueProvisional),
  }));
  return [...past, ...ahead];
}

export function detail(d: DeclarationDoc): DeclarationDetail {
  return {
    ...summary(d),
    answers: d.answers,
    attachments: d.attachments,
    rules: d.rules,
    timeline: timeline(d),
    proxyBy: d.proxy ? { unit: d.proxy.unit, maskedName: d.proxy.nameMasked, reason: d.proxy.reason } : null,
    canWithdraw: d.status === 'in_review' || d.status === 'returned',
    canResubmit: d.status === 'returned',
  };
}
