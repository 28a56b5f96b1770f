/** The result envelope every cloud function answers with. */

/** Error codes of the contract (DESIGN.md, "Contract"). */
export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'INTERNAL';

export interface Ok<T> {
  ok: true;
  data: T;
}

export interface Fail {
  ok: false;
  code: ErrorCode;
  /** Plain Chinese a resident understands. */
  message: string;
  /** Present on INTERNAL so that support can find the log line. */
  requestId?: string;
}

export type Result<T> = Ok<T> | Fail;
