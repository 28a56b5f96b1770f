/**
 * How a call's outcome is answered: to a client of `/functions/<name>` as the contract's envelope
 * (DESIGN.md "Contract"), and to a function's own `cloud.callFunction` in the SDK's wire shape.
 */
import type { CallResult } from './gateway';
import type { FailureKind } from './instance';

export interface Answer {
  status: number;
  body: unknown;
}

export const BUSY_MESSAGE = '系统繁忙，请稍后再试';

/** The body of `/functions/<name>` is limited like the cloud's callFunction. */
export const MAX_FUNCTION_BODY_BYTES = 100 * 1024;

export function failure(code: string, message: string, requestId?: string): Record<string, unknown> {
  return requestId ? { ok: false, code, message, requestId } : { ok: false, code, message };
}

const CLIENT_FAILURES: Record<FailureKind, { status: number; code: string; message: string }> = {
  error: { status: 500, code: 'INTERNAL', message: BUSY_MESSAGE },
  crash: { status: 500, code: 'INTERNAL', message: BUSY_MESSAGE },
  load: { status: 500, code: 'INTERNAL', message: BUSY_MESSAGE },
  timeout: { status: 504, code: 'INTERNAL', message: '请求超时，请稍后再试' },
  busy: { status: 429, code: 'RESOURCE_EXHAUSTED', message: '当前访问人数较多，请稍后再试' },
  not_found: { status: 404, code: 'NOT_FOUND', message: '' },
  shutdown: { status: 503, code: 'INTERNAL', message: '服务正在关闭，请稍后再试' },
  invalid: { status: 400, code: 'INVALID_ARGUMENT', message: '请求内容层级过多，请检查后重试' },
};

/** The answer to a gateway client. A stack trace never leaves the server: it is in the log. */
export function clientAnswer(result: CallResult): Answer {
  const { outcome } = result;
  if (outcome.ok) return { status: 200, body: JSON.parse(outcome.json) as unknown };
  const mapped = CLIENT_FAILURES[outcome.kind];
  const message = outcome.kind === 'not_found' ? `云函数 ${result.functionName} 不存在` : mapped.message;
  return { status: mapped.status, body: failure(mapped.code, message, result.requestId) };
}

/** SDK error codes (wx-server-sdk maps them to errCode -50xxxx). */
const SDK_FAILURES: Record<FailureKind, string> = {
  error: 'FUNCTIONS_EXECUTE_FAIL',
  crash: 'FUNCTIONS_EXECUTE_FAIL',
  load: 'FUNCTIONS_EXECUTE_FAIL',
  timeout: 'FUNCTIONS_EXECUTE_FAIL',
  busy: 'EXCEED_CONCURRENT_REQUEST_LIMIT',
  not_found: 'FUNCTIONS_REQUEST_FAIL',
  shutdown: 'FUNCTIONS_REQUEST_FAIL',
  invalid: 'INVALID_PARAM',
};

/** The answer to `functions.invokeFunction`: `{data: {response_data}}` or `{code, message}`. */
export function sdkInvokeAnswer(result: CallResult): unknown {
  const { outcome } = result;
  if (outcome.ok) return { data: { response_data: outcome.json }, requestId: result.requestId };
  return { code: SDK_FAILURES[outcome.kind], message: outcome.message, requestId: result.requestId };
}

/** An SDK-shaped error for the `/admin` API (HTTP 200, as the cloud answers them). */
export function sdkError(code: string, message: string, requestId: string): Record<string, unknown> {
  return { code, message, requestId };
}
