/**
 * The local cloud's HTTP server. The real, unmodified wx-server-sdk inside each function talks to it
 * as it would to CloudBase (`TCB_CONTEXT_CNFG={"URL": ".../admin/i/<instance>"}`), and so does
 * @cloudbase/node-sdk in tools (`.../admin`).
 *
 * Routes:
 *   POST /admin, /admin/i/<instanceId>   the SDK API: database.*, storage.*, functions.invokeFunction
 *   POST /functions/<name>                run a function; event = JSON body, caller = X-WX-OPENID
 *   POST /triggers/<name>[?trigger=<t>]   run a function as its timer trigger would
 *   PUT  /upload/<path>?sign&t            file upload (the SDK's second step of uploadFile)
 *   GET  /files/<path>?sign&t             temporary download URL
 *   POST /storage/{upload,temp-urls,delete} the mini program's wx.cloud storage calls (gateway mode)
 *   GET  /health                          {ok: true, clock: {offsetMs, now}} once ready
 *   POST /clock                           move the clock: {offsetMs} | {at} | {advanceMs} (loopback only)
 *
 * SECURITY: `X-WX-OPENID` lets whoever can reach the port act as any user. It is a development
 * convenience for loopback only and must never face a network: the server binds 127.0.0.1 by default
 * and refuses identity headers from other addresses unless `allowRemote` is set.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type CollectionSpec, collections as manifestCollections } from '../../database/manifest';
import { type ClockSetting, CloudClock } from './clock';
import { DocumentStore } from './db';
import {
  clientAnswer,
  failure,
  MAX_FUNCTION_BODY_BYTES,
  sdkError,
  sdkInvokeAnswer,
} from './gateway/envelope';
import { type CallResult, FunctionGateway } from './gateway/gateway';
import { headerValue, parseJsonObject, readBody, sendJson } from './gateway/http';
import type { Identity } from './gateway/instance';
import { FunctionRegistry } from './gateway/registry';
import { TimerScheduler, timerEvent } from './gateway/scheduler';
import { FileStorage } from './storage';
import { handleClientStorage } from './storage/client';
import { openTrace } from './trace';

export interface LocalCloudOptions {
  /** Folder of the database (`db/`) and files (`files/`). */
  dataDir: string;
  /** 0 picks a free port. Default 0. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Report queries that no declared index serves. Default false. */
  strict?: boolean;
  /** Bundled functions, one folder each. Default `build/cloudfunctions` of the repo. */
  functionsDir?: string;
  /** Most instances per function. Default 10. */
  poolSize?: number;
  /** Most calls waiting for an instance per function. Default 100. */
  queueSize?: number;
  /** Timeout of a function whose config.json sets none. Default YKT_FUNCTION_TIMEOUT_MS or 3000. */
  defaultTimeoutMs?: number;
  /** Run timer triggers on their cron. Default true. */
  scheduler?: boolean;
  /** Silence function output and the server's log lines. */
  quiet?: boolean;
  /** Where log lines go (default console). */
  log?: (line: string) => void;
  /** Extra environment variables for every function. */
  functionEnv?: Record<string, string>;
  /** The env id functions see (`getWXContext().ENV`). Default `ykt-local`. */
  envId?: string;
  /** `getWXContext().APPID`. Default `wx-local-dev`. */
  appId?: string;
  /** The collection manifest. Default `database/manifest.ts`. */
  collections?: CollectionSpec[];
  /** Accept X-WX-OPENID from non-loopback addresses. Never in anything a network can reach. */
  allowRemote?: boolean;
  /** Where the clock starts (default: the machine's clock). Tests name their day here. */
  clock?: ClockSetting;
}

export interface InvokeStats {
  result: unknown;
  status: number;
  roundTrips: number;
  requestId: string;
  durationMs: number;
}

export interface LocalCloud {
  /** Base URL, e.g. `http://127.0.0.1:3900`. */
  url: string;
  /** The env id functions see; fileIDs start with `cloud://<envId>.local/`. */
  envId: string;
  port: number;
  host: string;
  store: DocumentStore;
  storage: FileStorage;
  functionsDir: string;
  /** The YKT_DATA_KEY functions run with (the environment's, or a development key kept in dataDir). */
  dataKey: string;
  /** The cloud's clock: what every function, the database and the scheduler take as now. */
  clock: CloudClock;
  /** Moves the clock for everything in this cloud (as `POST /clock` does); answers the new offset. */
  setClock(setting: ClockSetting): number;
  /** Runs a function as `openid` (none: an anonymous caller); answers what the gateway would. */
  invoke(name: string, event: unknown, openid?: string): Promise<unknown>;
  invokeWithStats(name: string, event: unknown, openid?: string): Promise<InvokeStats>;
  /** Runs a function as its timer trigger would (default: its first declared trigger). */
  trigger(name: string, triggerName?: string): Promise<unknown>;
  /** Database round trips of the last finished gateway call (of that function, if named). */
  lastRoundTrips(name?: string): number | undefined;
  /** Starts one instance of each function (default: all) so that first calls skip the cold start. */
  prewarm(names?: string[]): Promise<void>;
  /** Instances per function, for diagnostics. */
  functionStats(): Record<string, { instances: number; busy: number; queued: number; peakHeapBytes: number }>;
  close(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** SDK requests (e.g. tools importing a ledger) may be large; the cloud's own limit is higher still. */
const MAX_ADMIN_BODY_BYTES = 64 * 1024 * 1024;
const INSTANCE_ROUTE = /^\/admin(?:\/i\/([A-Za-z0-9_-]{1,100}))?\/?$/;
const NAME_ROUTE = /^\/(functions|triggers)\/([^/]+)\/?$/;
const CLIENT_STORAGE_ROUTE = /^\/storage\/(upload|temp-urls|delete)\/?$/;

/**
 * The key that seals personal data (YKT_DATA_KEY). Locally a development key is made once and kept
 * beside the data, so that a restart can still read what was sealed before.
 */
function developmentDataKey(dataDir: string): string {
  const file = path.join(dataDir, 'dev-data-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** `{offsetMs}`, `{at}` or `{advanceMs}` from a request body; undefined when it names no time. */
function clockSettingOf(body: Record<string, unknown>): ClockSetting | undefined {
  const setting: ClockSetting = {};
  if (typeof body.offsetMs === 'number') setting.offsetMs = body.offsetMs;
  if (typeof body.at === 'string') setting.at = body.at;
  if (typeof body.advanceMs === 'number') setting.advanceMs = body.advanceMs;
  return Object.keys(setting).length > 0 ? setting : undefined;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function listen(server: http.Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`端口 ${port} 已被占用（是否已有一个本地云在运行？可用 YKT_PORT 换一个端口）`)
          : err,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Messages beyond the app go to the `outbox` collection locally; the demo templates stand for the ones a
 * deployment picks in the WeChat console (same shape as YKT_TEMPLATES in the cloud).
 */
const LOCAL_MESSAGES: Record<string, string> = {
  YKT_MESSAGE_CHANNEL: 'outbox',
  YKT_SMS_SENDER: 'outbox',
  YKT_CONTENT_CHECK: 'none',
  YKT_TEMPLATES: JSON.stringify({
    declaration: { id: 'local-declaration', fields: { title: 'thing1', body: 'thing2', at: 'time3' } },
    payment: { id: 'local-payment', fields: { title: 'thing1', body: 'thing2', at: 'time3' } },
    tipoff: { id: 'local-tipoff', fields: { title: 'thing1', body: 'thing2', at: 'time3' } },
  }),
};

export async function startLocalCloud(opts: LocalCloudOptions): Promise<LocalCloud> {
  const host = opts.host ?? '127.0.0.1';
  const envId = opts.envId ?? 'ykt-local';
  const appId = opts.appId ?? 'wx-local-dev';
  const functionsDir = path.resolve(opts.functionsDir ?? path.join(REPO_ROOT, 'build', 'cloudfunctions'));
  const trace = openTrace();
  const sink = opts.log ?? ((line: string) => console.log(line));
  const errorSink = opts.log ?? ((line: string) => console.error(line));
  const log = (line: string): void => {
    trace?.write('log', 'cloud', line);
    if (!opts.quiet) sink(line);
  };
  const logError = (line: string): void => {
    trace?.write('log', 'cloud', line);
    if (!opts.quiet) errorSink(line);
  };

  const clock = new CloudClock(opts.clock);
  const dataKey =
    opts.functionEnv?.YKT_DATA_KEY ?? process.env.YKT_DATA_KEY ?? developmentDataKey(opts.dataDir);
  const store = DocumentStore.open({
    dir: path.join(opts.dataDir, 'db'),
    collections: opts.collections ?? manifestCollections,
    strict: opts.strict ?? false,
    now: () => clock.nowMs(),
    onInsert: trace
      ? (collection, text) => {
          if (collection === 'audit_log') trace.write('audit', collection, text);
        }
      : undefined,
  });
  let baseUrl = '';
  const storage = new FileStorage({ root: path.join(opts.dataDir, 'files'), envId, baseUrl: () => baseUrl });
  const registry = new FunctionRegistry(functionsDir);
  let gateway: FunctionGateway | undefined;
  const lastCalls = new Map<string, CallResult>();
  let lastCall: CallResult | undefined;

  const record = (result: CallResult): void => {
    trace?.write('answer', result.functionName, clientAnswer(result).body);
    lastCall = result;
    lastCalls.set(result.functionName, result);
  };

  const callAs = (name: string, event: unknown, identity: Identity): Promise<CallResult> => {
    if (!gateway) throw new Error('local cloud is not ready');
    return gateway.call({ name, event, identity });
  };

  /** The SDK API. Instance ids come from the function's own TCB_CONTEXT_CNFG URL. */
  const handleAdmin = async (req: http.IncomingMessage, res: http.ServerResponse, instanceId?: string) => {
    const requestId = randomUUID();
    const read = await readBody(req, MAX_ADMIN_BODY_BYTES);
    const body = read.ok ? parseJsonObject(read.body) : undefined;
    if (!body || typeof body.action !== 'string') {
      sendJson(
        res,
        200,
        sdkError('INVALID_PARAM', read.ok ? '请求不是合法的 JSON' : '请求内容过大', requestId),
      );
      return;
    }
    const action = body.action;
    let answer: unknown;
    if (action.startsWith('database.')) {
      try {
        answer = await store.handle(body, instanceId);
      } catch (err) {
        logError(`[db] ${action} requestId=${requestId} ${(err as Error).stack ?? String(err)}`);
        answer = sdkError('DATABASE_REQUEST_FAILED', (err as Error).message, requestId);
      }
    } else if (action.startsWith('storage.')) {
      answer = storage.handleAction(body, requestId);
    } else if (action === 'functions.invokeFunction') {
      answer = await invokeFromSdk(body, requestId, instanceId);
    } else {
      answer = sdkError('INVALID_PARAM', `本地云不支持 ${action}`, requestId);
    }
    if (isRecord(answer) && answer.requestId === undefined) answer.requestId = requestId;
    sendJson(res, 200, answer);
  };

  /** `cloud.callFunction` from inside a function: the callee runs as the same caller. */
  const invokeFromSdk = async (body: Record<string, unknown>, requestId: string, instanceId?: string) => {
    const name = typeof body.function_name === 'string' ? body.function_name : '';
    let event: unknown = {};
    if (typeof body.request_data === 'string' && body.request_data !== '') {
      try {
        event = JSON.parse(body.request_data);
      } catch {
        return sdkError('INVALID_PARAM', 'request_data 不是合法的 JSON', requestId);
      }
    }
    const parent = instanceId ? gateway?.activeCall(instanceId) : undefined;
    const identity: Identity = { ...(parent?.identity ?? { APPID: appId }), SOURCE: 'wx_server' };
    if (!gateway) return sdkError('SYS_ERR', '本地云尚未就绪', requestId);
    const result = await gateway.call({ name, event, identity, parent });
    trace?.write('answer', name, clientAnswer(result).body);
    return sdkInvokeAnswer(result);
  };

  /** X-WX-OPENID is only believed from this machine (see the header comment). */
  const identityRefused = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    openid: string | undefined,
  ) => {
    if (openid === undefined || opts.allowRemote || isLoopback(req.socket.remoteAddress)) return false;
    req.resume();
    sendJson(res, 403, failure('FORBIDDEN', 'X-WX-OPENID 只接受本机请求'));
    return true;
  };

  /** The mini program's wx.cloud storage calls in gateway mode. */
  const handleClientFiles = async (req: http.IncomingMessage, res: http.ServerResponse, route: string) => {
    const openid = headerValue(req, 'X-WX-OPENID');
    if (identityRefused(req, res, openid)) return;
    if (openid === undefined) {
      req.resume();
      sendJson(res, 401, failure('UNAUTHENTICATED', '请先登录'));
      return;
    }
    const answer = await handleClientStorage(storage, req, route);
    sendJson(res, answer.status, answer.body);
  };

  const handleFunction = async (req: http.IncomingMessage, res: http.ServerResponse, name: string) => {
    const read = await readBody(req, MAX_FUNCTION_BODY_BYTES);
    if (!read.ok) {
      sendJson(res, 413, failure('RESOURCE_EXHAUSTED', '请求内容过大（超过 100 KB），请减少内容后重试'));
      return;
    }
    const event = parseJsonObject(read.body);
    if (!event) {
      sendJson(res, 400, failure('INVALID_ARGUMENT', '请求内容格式不正确'));
      return;
    }
    const openid = headerValue(req, 'X-WX-OPENID');
    if (identityRefused(req, res, openid)) return;
    const identity: Identity = {
      OPENID: openid,
      APPID: appId,
      UNIONID: headerValue(req, 'X-WX-UNIONID'),
      SOURCE: 'wx_client',
    };
    const result = await callAs(name, event, identity);
    record(result);
    const answer = clientAnswer(result);
    sendJson(res, answer.status, answer.body, {
      'X-DB-Round-Trips': String(result.roundTrips),
      'X-Request-Id': result.requestId,
      'X-Duration-Ms': String(result.durationMs),
      // The browser preview keeps its own clock in step with the cloud's (see ./clock.ts).
      'X-Clock-Offset-Ms': String(clock.offsetMs()),
    });
  };

  const runTrigger = async (name: string, triggerName?: string): Promise<CallResult | string> => {
    const entry = registry.get(name);
    if (!entry) return `云函数 ${name} 不存在`;
    const declared = entry.config.triggers;
    const chosen = triggerName ?? declared[0]?.name ?? 'manual';
    if (triggerName !== undefined && declared.length > 0 && !declared.some((t) => t.name === triggerName)) {
      return `云函数 ${name} 没有名为 ${triggerName} 的触发器`;
    }
    return callAs(name, timerEvent(chosen, clock.now()), { APPID: appId, SOURCE: 'wx_trigger' });
  };

  const handleTrigger = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    name: string,
    url: URL,
  ) => {
    req.resume();
    const result = await runTrigger(name, url.searchParams.get('trigger') ?? undefined);
    if (typeof result === 'string') {
      sendJson(res, 404, failure('NOT_FOUND', result));
      return;
    }
    record(result);
    const answer = clientAnswer(result);
    sendJson(res, answer.status, answer.body, {
      'X-DB-Round-Trips': String(result.roundTrips),
      'X-Request-Id': result.requestId,
    });
  };

  /** Moves the clock. With the scheduler running, its triggers run once at the new time. */
  const handleClock = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const read = await readBody(req, 4096);
    const body = read.ok ? parseJsonObject(read.body) : undefined;
    const setting = body ? clockSettingOf(body) : undefined;
    if (!setting) {
      sendJson(
        res,
        400,
        failure(
          'INVALID_ARGUMENT',
          '请求体应为 {"offsetMs": 毫秒} 、{"at": "ISO 时间"} 或 {"advanceMs": 毫秒}',
        ),
      );
      return;
    }
    try {
      setClock(setting);
    } catch (err) {
      sendJson(res, 400, failure('INVALID_ARGUMENT', (err as Error).message));
      return;
    }
    if (schedulerOn) await runAllTriggers();
    sendJson(res, 200, { ok: true, clock: clock.describe() });
  };

  let setClock: (setting: ClockSetting) => number = () => {
    throw new Error('local cloud is not ready');
  };
  let runAllTriggers: () => Promise<void> = async () => {};
  let schedulerOn = false;

  const route = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://local');
    if (!gateway) {
      sendJson(res, 503, failure('INTERNAL', '本地云正在启动'));
      return;
    }
    if (url.pathname === '/health' && req.method === 'GET') {
      sendJson(res, 200, {
        ok: true,
        env: envId,
        strict: opts.strict ?? false,
        functions: registry.list().map((f) => f.name),
        clock: clock.describe(),
      });
      return;
    }
    // The SDK API and triggers act with full rights: they serve this machine only (unless allowRemote).
    const privileged = /^\/(admin|triggers|upload|clock)(\/|$)/.test(url.pathname);
    if (privileged && !opts.allowRemote && !isLoopback(req.socket.remoteAddress)) {
      req.resume();
      sendJson(res, 403, failure('FORBIDDEN', '只接受本机请求'));
      return;
    }
    if (url.pathname === '/clock' && req.method === 'POST') {
      await handleClock(req, res);
      return;
    }
    const admin = INSTANCE_ROUTE.exec(url.pathname);
    if (admin && req.method === 'POST') {
      await handleAdmin(req, res, admin[1]);
      return;
    }
    const named = NAME_ROUTE.exec(url.pathname);
    if (named && req.method === 'POST') {
      let name: string;
      try {
        name = decodeURIComponent(named[2]!);
      } catch {
        name = '';
      }
      if (named[1] === 'functions') await handleFunction(req, res, name);
      else await handleTrigger(req, res, name, url);
      return;
    }
    const clientFiles = CLIENT_STORAGE_ROUTE.exec(url.pathname);
    if (clientFiles && req.method === 'POST') {
      await handleClientFiles(req, res, clientFiles[1]!);
      return;
    }
    if (await storage.handleHttp(req, res, url)) return;
    req.resume();
    sendJson(res, 404, failure('NOT_FOUND', `没有这个地址：${req.method} ${url.pathname}`));
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const requestId = randomUUID();
      logError(
        `[server] ${req.method} ${req.url} requestId=${requestId} ${(err as Error).stack ?? String(err)}`,
      );
      sendJson(res, 500, failure('INTERNAL', '系统繁忙，请稍后再试', requestId));
    });
  });
  // Functions may run for up to 60 s, and nested calls longer; don't let Node cut them short.
  server.requestTimeout = 0;
  // Clients close idle keep-alive sockets first (the functions' SDK after 4.8 s): with Node's 5 s
  // here, a starved worker could send a call on a socket the server was closing (ECONNRESET).
  server.keepAliveTimeout = 65_000;

  let address: AddressInfo;
  try {
    address = await listen(server, opts.port ?? 0, host);
  } catch (err) {
    store.close();
    throw err;
  }
  // Bound to every interface, the URL handed to functions and printed still points at this machine.
  const reachable =
    address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  baseUrl = `http://${address.family === 'IPv6' ? `[${reachable}]` : reachable}:${address.port}`;
  const envTimeout = Number(process.env.YKT_FUNCTION_TIMEOUT_MS);
  gateway = new FunctionGateway({
    registry,
    adminUrl: `${baseUrl}/admin`,
    envId,
    functionEnv: { ...LOCAL_MESSAGES, ...opts.functionEnv, YKT_DATA_KEY: dataKey },
    maxInstancesPerFunction: opts.poolSize ?? 10,
    maxQueuePerFunction: opts.queueSize ?? 100,
    defaultTimeoutMs: opts.defaultTimeoutMs ?? (envTimeout > 0 ? envTimeout : 3000),
    idleMs: 10 * 60_000,
    memoryMb: 256,
    // Function folders outside the repo still find the repo's wx-server-sdk.
    nodePath: path.join(REPO_ROOT, 'node_modules'),
    clockBuffer: clock.buffer,
    takeRoundTrips: (instanceId) => store.takeRoundTrips(instanceId),
    log,
    logError,
  });
  const liveGateway = gateway;

  const scheduler = new TimerScheduler({
    registry,
    fire: async (name, triggerName, at) => {
      const result = await liveGateway.call({
        name,
        event: timerEvent(triggerName, at),
        identity: { APPID: appId, SOURCE: 'wx_trigger' },
      });
      log(
        `[timer] ${name}/${triggerName} ${result.outcome.ok ? 'ok' : `失败 ${result.outcome.kind}`}（${result.durationMs} ms）`,
      );
    },
    logError,
    now: () => clock.nowMs(),
  });
  schedulerOn = opts.scheduler ?? true;
  if (schedulerOn) scheduler.start();
  setClock = (setting) => {
    const offset = clock.set(setting);
    scheduler.resync();
    log(`[clock] 本地云时钟：${clock.now().toISOString()}（偏移 ${offset} ms）`);
    return offset;
  };
  runAllTriggers = async () => {
    for (const entry of registry.list()) {
      for (const trigger of entry.config.triggers)
        record(
          await callAs(entry.name, timerEvent(trigger.name, clock.now()), {
            APPID: appId,
            SOURCE: 'wx_trigger',
          }),
        );
    }
  };
  log(
    isLoopback(address.address)
      ? `[local-cloud] 监听 ${baseUrl}（仅本机）`
      : `[local-cloud] 警告：监听 ${address.address}:${address.port}，X-WX-OPENID 只能用于本机开发，切勿暴露到网络`,
  );

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      scheduler.stop();
      await liveGateway.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    })();
    return closing;
  };

  const invokeWithStats = async (name: string, event: unknown, openid?: string): Promise<InvokeStats> => {
    const result = await callAs(name, event, { OPENID: openid, APPID: appId, SOURCE: 'wx_client' });
    record(result);
    const answer = clientAnswer(result);
    return {
      result: answer.body,
      status: answer.status,
      roundTrips: result.roundTrips,
      requestId: result.requestId,
      durationMs: result.durationMs,
    };
  };

  return {
    url: baseUrl,
    envId,
    port: address.port,
    host,
    store,
    storage,
    functionsDir,
    dataKey,
    clock,
    setClock: (setting) => setClock(setting),
    invoke: async (name, event, openid) => (await invokeWithStats(name, event, openid)).result,
    invokeWithStats,
    trigger: async (name, triggerName) => {
      const result = await runTrigger(name, triggerName);
      if (typeof result === 'string') return failure('NOT_FOUND', result);
      record(result);
      return clientAnswer(result).body;
    },
    lastRoundTrips: (name) => (name === undefined ? lastCall : lastCalls.get(name))?.roundTrips,
    prewarm: (names) => liveGateway.prewarm(names ?? registry.list().map((f) => f.name)),
    functionStats: () => liveGateway.stats(),
    close,
  };
}
