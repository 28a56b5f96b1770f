/**
 * Mocks of the wx APIs the mini program calls. Set them before rendering or after: miniprogram-simulate
 * copies the current global `wx` into its own whenever it is imported.
 */
import type {
  ActionName,
  ErrorCode,
  EventOf,
  Fail,
  FunctionName,
  LoginResponse,
  Ok,
  ResponseOf,
  Result,
} from '../../../typings/api';
import { residentHousehold, residentProfile } from './fixtures';

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

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data });
export const fail = (code: ErrorCode, message: string): Fail => ({ ok: false, code, message });

/** Every action of the contract as `function.action`, e.g. 'payment.mine'. */
export type ActionKey = { [F in FunctionName]: `${F}.${ActionName<F>}` }[FunctionName];
type Split<K extends ActionKey> = K extends `${infer F extends FunctionName}.${infer A}`
  ? A extends ActionName<F>
    ? { event: EventOf<F, A>; response: ResponseOf<F, A> }
    : never
  : never;
/** What the page sends for `K`. */
export type EventAt<K extends ActionKey> = Split<K>['event'];
/** The envelope the contract lets the cloud answer `K` with. */
export type Envelope<K extends ActionKey> = Result<Split<K>['response']>;

/** The cloud's answer to `K`: a fixed envelope, or one computed from the event the page sent. */
export type Answer<K extends ActionKey> =
  | Envelope<K>
  | ((event: EventAt<K>) => Envelope<K> | Promise<Envelope<K>>);
/** Answers by `function.action`, each typed by the contract. */
export type Answers = { [K in ActionKey]?: Answer<K> };

/**
 * The cloud answering by `function.action` (e.g. 'user.register'); an action without an answer fails
 * with INTERNAL and names itself, so a test that forgot one sees it in the toast.
 */
export function mockActions(
  answers: Answers,
): jest.Mock<Promise<{ result: unknown }>, [CallFunctionOptions]> {
  // Looked up by the key the page sent, which the types cannot know: each answer takes its own event.
  const byKey: Partial<Record<string, Result<unknown> | ((event: never) => unknown)>> = answers;
  return mockCloud(async ({ name, data }) => {
    const key = `${name}.${String(data.action)}`;
    const answer = byKey[key];
    if (!answer) return { result: fail('INTERNAL', `测试未模拟 ${key}`) };
    return { result: typeof answer === 'function' ? await answer(data as never) : answer };
  });
}

/** The events the page sent for one action, in order. */
export function eventsOf<K extends ActionKey>(
  callFunction: jest.Mock<Promise<{ result: unknown }>, [CallFunctionOptions]>,
  key: K,
): EventAt<K>[] {
  return callFunction.mock.calls
    .map(([options]) => options)
    .filter((options) => `${options.name}.${String(options.data.action)}` === key)
    .map((options) => options.data as EventAt<K>);
}

/**
 * The cloud answers user.login with this result; a registered account's 我的 also gets the resident's
 * profile and household of the fixtures.
 */
export function mockLogin(
  login: LoginResponse,
): jest.Mock<Promise<{ result: unknown }>, [CallFunctionOptions]> {
  return mockActions({
    'user.login': ok(login),
    'user.profile': ok(residentProfile()),
    'user.household': ok(residentHousehold()),
  });
}

/** wx.request handing its options to `respond`, which calls success or fail. */
export function mockRequest(respond: (options: RequestOptions) => void): jest.Mock<void, [RequestOptions]> {
  const request = jest.fn(respond);
  runtime().request = request;
  return request;
}

/** wx.showModal answering as if the user tapped 确定 (or 取消); returns the mock to inspect the calls. */
export function mockModal(confirm: boolean, content = ''): jest.Mock<void, [ModalOptions]> {
  const showModal = jest.fn((options: ModalOptions) =>
    options.success?.({ confirm, cancel: !confirm, content }),
  );
  runtime().showModal = showModal;
  return showModal;
}

export interface ModalOptions {
  title: string;
  content: string;
  editable?: boolean;
  success?: (res: { confirm: boolean; cancel: boolean; content: string }) => void;
}

/** A jest mock in place of a wx API that takes one options object (showToast, switchTab, ...). */
export function mockApi<T = Record<string, unknown>>(name: string): jest.Mock<void, [T]> {
  const api = jest.fn<void, [T]>();
  runtime()[name] = api;
  return api;
}

/** One wx.cloud.uploadFile in flight: the test moves its progress and ends it. */
export interface UploadInFlight {
  cloudPath: string;
  filePath: string;
  progress(percent: number): void;
  succeed(fileID: string): void;
  fail(): void;
}

/** wx.cloud.uploadFile (beside a mocked callFunction) keeping every upload for the test to drive. */
export function mockUpload(): UploadInFlight[] {
  const uploads: UploadInFlight[] = [];
  const cloud = runtime().cloud as Record<string, unknown>;
  cloud.uploadFile = (options: {
    cloudPath: string;
    filePath: string;
    success(res: { fileID: string; statusCode: number }): void;
    fail(err: { errMsg: string }): void;
  }) => {
    let listener: (res: { progress: number }) => void = () => undefined;
    uploads.push({
      cloudPath: options.cloudPath,
      filePath: options.filePath,
      progress: (percent) => listener({ progress: percent }),
      succeed: (fileID) => options.success({ fileID, statusCode: 200 }),
      fail: () => options.fail({ errMsg: 'uploadFile:fail' }),
    });
    return {
      onProgressUpdate(cb: (res: { progress: number }) => void) {
        listener = cb;
      },
    };
  };
  return uploads;
}

/** wx.chooseMedia answering with these files (path and size in bytes). */
export function mockChooseMedia(files: Array<{ path: string; size: number }>): void {
  runtime().chooseMedia = (options: { success(res: unknown): void }) =>
    options.success({
      type: 'image',
      tempFiles: files.map((f) => ({ tempFilePath: f.path, size: f.size, fileType: 'image' })),
    });
}
