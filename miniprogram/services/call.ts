/**
 * The typed caller of every cloud function. Pages call the per-function services (user.ts, ...), which
 * call this. The transport is chosen by config.transport; both send the same event `{ action, ...params }`.
 */
import type { ActionName, ErrorCode, FunctionName, RequestOf, ResponseOf } from '../../typings/api';
import { config } from '../config';
import { ApiError, NETWORK_MESSAGE, UNAVAILABLE_MESSAGE } from './api-error';

type Event = Record<string, unknown> & { action: string };

const ERROR_CODES: readonly ErrorCode[] = [
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'FAILED_PRECONDITION',
  'RESOURCE_EXHAUSTED',
  'INTERNAL',
];

export async function callFunction<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  params: RequestOf<F, A>,
): Promise<ResponseOf<F, A>> {
  const event: Event = { action, ...(params as object) };
  const answer = config.transport === 'gateway' ? await viaGateway(name, event) : await viaCloud(name, event);
  return unwrap(answer) as ResponseOf<F, A>;
}

async function viaCloud(name: string, event: Event): Promise<unknown> {
  try {
    const res = await wx.cloud.callFunction({ name, data: event });
    return res.result;
  } catch (cause) {
    throw new ApiError('NETWORK', NETWORK_MESSAGE, undefined, cause);
  }
}

function viaGateway(name: string, event: Event): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.gatewayBase}/functions/${name}`,
      method: 'POST',
      data: event,
      dataType: 'json',
      timeout: config.requestTimeout,
      header: { 'content-type': 'application/json', 'X-WX-OPENID': config.devOpenid },
      success: (res) => {
        // the gateway answers an envelope on any status; anything else is a proxy or server fault
        if (isEnvelope(res.data)) resolve(res.data);
        else reject(new ApiError('INTERNAL', UNAVAILABLE_MESSAGE, undefined, res));
      },
      fail: (cause) => reject(new ApiError('NETWORK', NETWORK_MESSAGE, undefined, cause)),
    });
  });
}

function isEnvelope(value: unknown): value is { ok: boolean } {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** `{ok:true,data}` → data; `{ok:false,code,message}` → ApiError; anything else is a fault of the server. */
function unwrap(answer: unknown): unknown {
  if (!isEnvelope(answer)) throw new ApiError('INTERNAL', UNAVAILABLE_MESSAGE, undefined, answer);
  const envelope = answer as {
    ok: boolean;
    data?: unknown;
    code?: unknown;
    message?: unknown;
    requestId?: unknown;
  };
  if (envelope.ok) return envelope.data;
  const code = ERROR_CODES.find((c) => c === envelope.code) ?? 'INTERNAL';
  const message =
    typeof envelope.message === 'string' && envelope.message ? envelope.message : UNAVAILABLE_MESSAGE;
  const requestId = typeof envelope.requestId === 'string' ? envelope.requestId : undefined;
  throw new ApiError(code, message, requestId);
}
