/**
 * Test fixture: a tiny HTTP server in front of a DocumentStore, and the real, unmodified wx-server-sdk
 * pointed at it. The path carries the function-instance id: `http://127.0.0.1:PORT/admin/<instance>`
 * (the SDK appends `?env=..&seqId=..`).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type CollectionSpec, collections as manifestCollections } from '../../../database/manifest';
import { DocumentStore } from '../../../tools/local-cloud/db';

export type Doc = Record<string, unknown>;
export type WxCloud = typeof import('wx-server-sdk');
export type Database = ReturnType<WxCloud['database']>;

export interface Running {
  server: http.Server;
  port: number;
  close(): Promise<void>;
}

/** Serve `store` on 127.0.0.1 (port 0: any free port). */
export function serve(store: DocumentStore, port = 0): Promise<Running> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const instanceId = new URL(req.url ?? '/', 'http://local').pathname.split('/')[2] || undefined;
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        res.writeHead(400).end();
        return;
      }
      store.handle(body, instanceId).then(
        (answer) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer));
        },
        (e: unknown) => {
          res.writeHead(500).end(String(e));
        },
      );
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        server,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Point the SDK at the local server (read per request, so switching instances is just this). */
export function pointSdkAt(port: number, instanceId = 'test'): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `http://127.0.0.1:${port}/admin/${instanceId}` });
  process.env.TENCENTCLOUD_SECRETID = 'local';
  process.env.TENCENTCLOUD_SECRETKEY = 'local';
  process.env.TCB_ENV = 'local-test';
  process.env.SILENCE = 'true';
  // Without this, @cloudbase/node-sdk probes http://metadata.tencentyun.com (DNS + 30 ms timeout) on
  // every request until it gets an answer, which offline it never does.
  process.env.TENCENTCLOUD = 'true';
}

let cloud: WxCloud | undefined;

/** The real wx-server-sdk, initialised once per test file. */
export function sdk(): WxCloud {
  if (!cloud) {
    cloud = require('wx-server-sdk') as WxCloud;
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  }
  return cloud;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ykt-db-${prefix}-`));
}

export interface Harness {
  store: DocumentStore;
  running: Running;
  db: Database;
  dir: string;
  close(): Promise<void>;
}

/** A store in a fresh temp folder, served, with the SDK pointed at it. */
export async function startHarness(
  prefix: string,
  collections: CollectionSpec[] = manifestCollections,
  extra: { transactionTimeoutMs?: number } = {},
): Promise<Harness> {
  const dir = tempDir(prefix);
  const store = DocumentStore.open({ dir, collections, strict: true, ...extra });
  const running = await serve(store);
  pointSdkAt(running.port);
  const db = sdk().database();
  return {
    store,
    running,
    db,
    dir,
    close: async () => {
      await running.close();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `get()` is typed as a union with void and string; every call here returns the result object. */
export async function rows(query: { get(): unknown }): Promise<Doc[]> {
  const result = (await query.get()) as { data: Doc[] };
  return result.data;
}

export async function one(ref: { get(): unknown }): Promise<Doc> {
  const result = (await ref.get()) as { data: Doc };
  return result.data;
}
