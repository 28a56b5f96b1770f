import type { ErrorCode } from '../../../typings/api';

/** An expected failure of the domain: answered to the client as `{ok:false, code, message}`. */
export class DomainError extends Error {
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL'>,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string) => new DomainError('INVALID_ARGUMENT', message);
export const unauthenticated = (message = '请先完成实名注册') => new DomainError('UNAUTHENTICATED', message);
export const forbidden = (message = '您没有办理此事项的权限') => new DomainError('FORBIDDEN', message);
export const notFound = (message = '没有找到相关记录') => new DomainError('NOT_FOUND', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const precondition = (message: string) => new DomainError('FAILED_PRECONDITION', message);
export const exhausted = (message = '请求过于频繁，请稍后再试') =>
  new DomainError('RESOURCE_EXHAUSTED', message);

/** What the client sees for anything unexpected: no detail, only a request id to quote. */
export const INTERNAL_MESSAGE = '系统繁忙，请稍后再试';
