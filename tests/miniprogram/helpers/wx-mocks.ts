/**
 * Mocks of the wx APIs the mini program calls. Set them before rendering or after: miniprogram-simulate
 * copies the current global `wx` into its own whenever it is imported.
 */
import type { LoginResponse } from '../../../typings/api';

const runtime = (): Record<string, unknown> => wx as unknown as Record<string, unknown>;

export interface CallFunctionOptions {
  name: string;
  data: Record<string, unknown>;
}

export interface RequestOptions {
  url: string;
  method: string;
  data: unknown;
  header: Record<string, string>;
  success: (res: { statusCode: number; data: unknown }) => void;
  fail: (err: { errMsg: string }) => void;
}

/** wx.cloud.callFunction answering with `answer(options)`; returns the mock to inspect the calls. */
export function mockCloud(
  answer: (options: CallFunctionOptions) => Promise<{ result: unknown }>,
): jest.Mock<Promise<{ result: unknown }>, [CallFunctionOptions]> {
  const callFunction = jest.fn(answer);
  runtime().cloud = { callFunction };
  return callFunction;
}

/** The cloud answers user.login with this result. */
export function mockLogin(
  login: LoginResponse,
): jest.Mock<Promise<{ result: unknown }>, [CallFunctionOptions]> {
  return mockCloud(async () => ({ result: { ok: true, data: login } }));
}

/** wx.request handing its options to `respond`, which calls success or fail. */
export function mockRequest(respond: (options: RequestOptions) => void): jest.Mock<void, [RequestOptions]> {
  const request = jest.fn(respond);
  runtime().request = request;
  return request;
}

/** A jest mock in place of a wx API that takes one options object (showToast, switchTab, ...). */
export function mockApi<T = Record<string, unknown>>(name: string): jest.Mock<void, [T]> {
  const api = jest.fn<void, [T]>();
  runtime()[name] = api;
  return api;
}
