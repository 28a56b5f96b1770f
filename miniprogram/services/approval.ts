/** The `approval` cloud function (阳光审批): the cadre's queue, one item in full, and decisions. */
import type {
  ApprovalDetail,
  BatchReviewRequest,
  BatchReviewResponse,
  QueueRequest,
  QueueResponse,
  ReviewRequest,
  ReviewResponse,
} from '../../typings/api';
import { callFunction } from './call';

/** 审批待办: what the caller may act on now, overdue first. */
export function approvalQueue(request: QueueRequest): Promise<QueueResponse> {
  return callFunction('approval', 'queue', request);
}

/** One declaration with its materials (short-lived links), the household's other declarations and what the caller may decide. */
export function approvalDetail(declarationId: string): Promise<ApprovalDetail> {
  return callFunction('approval', 'detail', { declarationId });
}

/** One decision with the version the cadre saw: CONFLICT when another cadre decided first. */
export function review(request: ReviewRequest): Promise<ReviewResponse> {
  return callFunction('approval', 'review', request);
}

/** 批量审核 (at most 50): each item succeeds or fails on its own. */
export function batchReview(request: BatchReviewRequest): Promise<BatchReviewResponse> {
  return callFunction('approval', 'batchReview', request);
}
