import type { ErrorCode } from '../../typings/api';

/** The contract's codes, plus NETWORK for a call that never got an answer. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

export const NETWORK_MESSAGE = '网络不给力，请稍后重试';
export const UNAVAILABLE_MESSAGE = '服务暂时不可用，请稍后重试';

/** A failed call: `message` is plain Chinese fit for the user; `cause` is kept for the developer only. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly requestId?: string,
    readonly cause?: unknown,
  ) {
    super(message);
  }
}
