/**
 * A fresh local cloud per test file: random port, temporary data folder (removed on close), strict
 * index checking on, the repo's bundled functions (`npm run build` first).
 *
 *   const cloud = await startTestCloud();
 *   afterAll(() => cloud.close());
 *   const res = await cloud.call('user', { action: 'login' }, 'openid-a');
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import type { ClockSetting } from '../../tools/local-cloud/clock';
import type { DocumentStore } from '../../tools/local-cloud/db';
import { localWxCloud, type WxCloud } from '../../tools/local-cloud/gateway/sdk-client';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../tools/local-cloud/server';
import type { Result } from '../../typings/api/envelope';
import { TEST_DAY } from './test-day';

export { TEST_DAY };

export type TestCloudOptions = Partial<Omit<LocalCloudOptions, 'dataDir'>>;

export interface CallResponse<T> {
  status: number;
  body: Result<T>;
  /** Database round trips of this call, nested function calls included. */
  roundTrips: number;
  requestId: string | undefined;
}

export type SdkDatabase = ReturnType<ReturnType<typeof tcb.init>['database']>;

export interface TestCloud {
  url: string;
  dataDir: string;
  store: DocumentStore;
  cloud: LocalCloud;
  /** The cloud's now (its clock starts at TEST_DAY unless the options name another time). */
  now(): Date;
  /** Moves the cloud's clock, e.g. `{ advanceMs: 8 * DAY_MS }` to walk past a 公示. */
  setClock(setting: ClockSetting): void;
  /** POST /functions/<name> as `openid` (omitted: an anonymous caller); the parsed envelope. */
  call<T = unknown>(fnName: string, event?: Record<string, unknown>, openid?: string): Promise<Result<T>>;
  callWithStats<T = unknown>(
    fnName: string,
    event?: Record<string, unknown>,
    openid?: string,
  ): Promise<CallResponse<T>>;
  /** POST /triggers/<name>: the function runs as its timer trigger would. */
  trigger<T = unknown>(fnName: string, triggerName?: string): Promise<T>;
  /** @cloudbase/node-sdk pointed at this cloud (node-sdk API: `add(doc)`, `doc().set(doc)`). */
  database(): SdkDatabase;
  /**
   * wx-server-sdk pointed at this cloud, as inside a function but with admin rights and no caller
   * (wx-server-sdk API: `add({data})`, `doc().set({data})`): `cloud.wx().database()`.
   */
  wx(): WxCloud;
  close(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

export async function startTestCloud(opts: TestCloudOptions = {}): Promise<TestCloud> {
  // The SDKs in this process would otherwise probe the cloud's metadata host over the network.
  process.env.TENCENTCLOUD = 'true';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ykt-cloud-'));
  const verbose = process.env.YKT_CLOUD_LOG === '1';
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud({
      functionsDir: path.join(REPO_ROOT, 'build', 'cloudfunctions'),
      strict: true,
      scheduler: false,
      quiet: !verbose,
      clock: { at: TEST_DAY },
      ...opts,
      dataDir,
      port: 0,
    });
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  const post = async (route: string, body: unknown, openid?: string) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (openid !== undefined) headers['X-WX-OPENID'] = openid;
    return fetch(`${cloud.url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
  };

  const callWithStats = async <T>(fnName: string, event: Record<string, unknown> = {}, openid?: string) => {
    const res = await post(`/functions/${encodeURIComponent(fnName)}`, event, openid);
    return {
      status: res.status,
      body: (await res.json()) as Result<T>,
      roundTrips: Number(res.headers.get('X-DB-Round-Trips') ?? 0),
      requestId: res.headers.get('X-Request-Id') ?? undefined,
    };
  };

  let db: SdkDatabase | undefined;
  let wx: WxCloud | undefined;
  let closed = false;
  return {
    url: cloud.url,
    dataDir,
    store: cloud.store,
    cloud,
    now: () => cloud.clock.now(),
    setClock: (setting) => {
      cloud.setClock(setting);
    },
    call: async <T>(fnName: string, event?: Record<string, unknown>, openid?: string) =>
      (await callWithStats<T>(fnName, event, openid)).body,
    callWithStats,
    trigger: async <T>(fnName: string, triggerName?: string) => {
      const query = triggerName === undefined ? '' : `?trigger=${encodeURIComponent(triggerName)}`;
      const res = await post(`/triggers/${encodeURIComponent(fnName)}${query}`, {});
      return (await res.json()) as T;
    },
    database: () => {
      db ??= tcb
        .init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, secretId: 'local', secretKey: 'local' })
        .database();
      return db;
    },
    wx: () => {
      wx ??= localWxCloud(cloud.url, cloud.envId);
      return wx;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await cloud.close();
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
