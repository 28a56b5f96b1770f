import type { DeclarationStatus } from './declaration';

export interface PublicityListRequest {
  /** A village or a township (12 digits). */
  regionCode: string;
  projectCode?: string;
  page?: number;
  pageSize?: number;
}

/** One line of a public list (公示名单): masked name, village, project, amount and the period only. */
export interface PublicityItem {
  publicityId: string;
  maskedName: string;
  villageName: string;
  projectCode: string;
  projectName: string;
  /** The project's standard in words, e.g. 每人每年600元. */
  standardText: string;
  amountFen: number;
  /** ISO UTC. */
  startsAt: string;
  endsAt: string;
  /** 公示中 or 公示结束 (and, during an objection, 异议核查中). */
  stateText: string;
  status: DeclarationStatus;
}

export interface PublicityListResponse {
  items: PublicityItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PublicityDetailRequest {
  publicityId: string;
}

export interface PublicityDetailResponse extends PublicityItem {
  /** Where and how to object, in plain words. */
  objectionHint: string;
  canObject: boolean;
}

export interface SchedulerTickResponse {
  noticesEnded: number;
  markedOverdue: number;
  /** Returned declarations whose household was reminded to correct them. */
  reminded: number;
  /** Notices delivered beyond the app in this run. */
  delivery: { sent: number; skipped: number; failed: number; sms: number };
  /** New risk alerts by rule when the periodic scan ran in this tick, else null. */
  riskScan: Partial<Record<import('./supervision').RiskRule, number>> | null;
  /** The dashboard rollup when it ran in this tick: townships recounted, and whether the cycle is done. */
  stats: { townships: number; state: 'done' | 'running' } | null;
  /** Audit entries written since the last tick and sealed into their chains in this one. */
  auditSealed: number;
  /**
   * 节假日安排: provisional deadlines counted again now that their year is entered, and the years whose
   * missing-calendar alert to admins this run raised or resolved.
   */
  calendar: { settled: number; alertsRaised: number[]; alertsResolved: number[] };
}

export interface PublicityObjectRequest {
  publicityId: string;
  /** What is wrong with this line of the list, up to 2000 characters. */
  content: string;
  /** Anonymous objections store nothing that identifies the caller. */
  anonymous: boolean;
}

export interface PublicityObjectResponse {
  /** The tip-off's tracking code (查询码). */
  trackingCode: string;
  /** For an anonymous objection only: shown once, needed with the code to follow it. */
  secret: string | null;
}
