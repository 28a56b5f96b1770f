import { config } from '../../../miniprogram/config';
import { ApiError } from '../../../miniprogram/services/api-error';
import { showError } from '../../../miniprogram/services/toast';
import { login } from '../../../miniprogram/services/user';
import { residentLogin } from '../helpers/fixtures';
import { mockApi, mockCloud, mockRequest } from '../helpers/wx-mocks';

const initial = { ...config };
afterEach(() => Object.assign(config, initial));

/** Runs `call` and answers the error it rejects with. */
async function failureOf(call: () => Promise<unknown>): Promise<ApiError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('through wx.cloud.callFunction', () => {
  test('a call sends the function name and the event with its action', async () => {
    const callFunction = mockCloud(async () => ({ result: { ok: true, data: residentLogin() } }));
    await login();
    expect(callFunction).toHaveBeenCalledWith({ name: 'user', data: { action: 'login' } });
  });

  test('an ok envelope answers its data', async () => {
    mockCloud(async () => ({ result: { ok: true, data: residentLogin() } }));
    expect(await login()).toEqual(residentLogin());
  });

  test('a failed envelope becomes an ApiError with its code and Chinese message', async () => {
    mockCloud(async () => ({ result: { ok: false, code: 'UNAUTHENTICATED', message: '请先完成实名注册' } }));
    const error = await failureOf(login);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先完成实名注册' });
  });

  test('an INTERNAL failure keeps its request id for support', async () => {
    mockCloud(async () => ({
      result: { ok: false, code: 'INTERNAL', message: '系统繁忙', requestId: 'req-42' },
    }));
    expect(await failureOf(login)).toMatchObject({ code: 'INTERNAL', requestId: 'req-42' });
  });

  test('a call that never reaches the cloud says the network is poor', async () => {
    mockCloud(async () => {
      throw new Error('cloud.callFunction:fail Error: errCode: -404011 cloud function execution error');
    });
    const error = await failureOf(login);
    expect(error).toMatchObject({ code: 'NETWORK', message: '网络不给力，请稍后重试' });
  });

  test('an answer that is no envelope is a fault of the service, not shown raw', async () => {
    mockCloud(async () => ({ result: 'Internal Server Error' }));
    expect(await failureOf(login)).toMatchObject({ code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' });
  });
});

describe('through the local gateway (config.transport = gateway)', () => {
  beforeEach(() => {
    Object.assign(config, {
      transport: 'gateway',
      gatewayBase: 'http://127.0.0.1:9000',
      devOpenid: 'dev-cadre',
    });
    mockCloud(async () => {
      throw new Error('wx.cloud must not be used with the gateway');
    });
  });

  test('a call POSTs the event as JSON to /functions/<name> with the dev openid', async () => {
    const request = mockRequest((options) =>
      options.success({ statusCode: 200, data: { ok: true, data: {} } }),
    );
    await login();
    expect(request).toHaveBeenCalledTimes(1);
    const options = request.mock.calls[0][0];
    expect(options).toMatchObject({
      url: 'http://127.0.0.1:9000/functions/user',
      method: 'POST',
      data: { action: 'login' },
      header: { 'content-type': 'application/json', 'X-WX-OPENID': 'dev-cadre' },
    });
  });

  test('an ok envelope answers its data', async () => {
    mockRequest((options) => options.success({ statusCode: 200, data: { ok: true, data: residentLogin() } }));
    expect(await login()).toEqual(residentLogin());
  });

  test('a failed envelope becomes an ApiError, whatever the HTTP status', async () => {
    mockRequest((options) =>
      options.success({
        statusCode: 403,
        data: { ok: false, code: 'FORBIDDEN', message: '无权查看该户信息' },
      }),
    );
    expect(await failureOf(login)).toMatchObject({ code: 'FORBIDDEN', message: '无权查看该户信息' });
  });

  test('a request that fails says the network is poor', async () => {
    mockRequest((options) => options.fail({ errMsg: 'request:fail connect ECONNREFUSED 127.0.0.1:9000' }));
    expect(await failureOf(login)).toMatchObject({ code: 'NETWORK', message: '网络不给力，请稍后重试' });
  });

  test('a proxy error page is not shown raw', async () => {
    mockRequest((options) => options.success({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
    expect(await failureOf(login)).toMatchObject({ code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' });
  });
});

describe('showing an error', () => {
  test('the toast carries the Chinese message of the envelope', () => {
    const showToast = mockApi<{ title: string; icon: string }>('showToast');
    showError(new ApiError('CONFLICT', '该申报已被其他经办人处理'));
    expect(showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '该申报已被其他经办人处理', icon: 'none' }),
    );
  });

  test('an unexpected error shows a plain message, never its text', () => {
    const showToast = mockApi<{ title: string }>('showToast');
    showError(new TypeError("Cannot read properties of undefined (reading 'roles')"));
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务暂时不可用，请稍后重试' }));
  });
});
