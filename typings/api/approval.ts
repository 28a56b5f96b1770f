import type { StageKey } from './catalogue';
import type { DeclarationDetail, DeclarationSummary } from './declaration';

export type ReviewOutcome = 'approve' | 'return' | 'reject';

export interface QueueRequest {
  projectCode?: string;
  stage?: StageKey;
  villageCode?: string;
  /** Only items past their stage's deadline. */
  overdueOnly?: boolean;
  page?: number;
  pageSize?: number;
}

export interface QueueItem extends DeclarationSummary {
  villageCode: string;
  villageName: string;
  overdue: boolean;
  /** The version to send back with a decision (optimistic concurrency). */
  version: number;
}

export interface QueueResponse {
  items: QueueItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ApprovalDetailRequest {
  declarationId: string;
}

export interface ApprovalDetail extends DeclarationDetail {
  version: number;
  villageCode: string;
  villageName: string;
  /** The applicant's name in full: the cadre knows the household; the ID number stays masked. */
  applicantName: string;
  applicantMaskedIdNumber: string;
  /** Short-lived links to the materials, fetched server-side. */
  materialLinks: Array<{ materialKey: string; label: string; url: string }>;
  /** The household's other declarations, so double claims show. */
  otherDeclarations: DeclarationSummary[];
  /** What the caller may decide now. */
  allowedOutcomes: ReviewOutcome[];
  /** Common opinions offered in the decision sheet. */
  opinionTemplates: Record<ReviewOutcome, string[]>;
}

export interface ReviewRequest {
  declarationId: string;
  /** The version the cadre saw. */
  version: number;
  outcome: ReviewOutcome;
  /** Required to return or reject. */
  opinion?: string;
}

export interface ReviewResponse {
  item: QueueItem;
}

export interface BatchReviewRequest {
  items: Array<{ declarationId: string; version: number }>;
  outcome: ReviewOutcome;
  opinion?: string;
}

export interface BatchReviewResponse {
  results: Array<{ declarationId: string; ok: boolean; code?: string; message?: string }>;
}
