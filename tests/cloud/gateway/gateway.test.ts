/**
 * The functions gateway against the real wx-server-sdk: identity per concurrent call, nested calls,
 * timers, timeouts and crashes, limits, round trips, storage, and where the server listens.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { testCollections, writeTestFunctions } from './fixtures';

// Cold starts of function instances take a second or two on a busy machine.
jest.setTimeout(20_000);

type Envelope = { ok: boolean; code?: string; message?: string; requestId?: string; data?: unknown };

let functionsDir: string;
let cloud: TestCloud;

beforeAll(async () => {
  functionsDir = writeTestFunctions();
  cloud = await startTestCloud({ functionsDir, collections: testCollections, poolSize: 6 });
}, 30_000);

afterAll(async () => {
  await cloud?.close();
  fs.rmSync(functionsDir, { recursive: true, force: true });
});

function rawRequest(
  url: string,
  method: string,
  rawPath: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const length = { 'Content-Length': String(body?.length ?? 0) };
    const req = http.request(
      { hostname, port, method, path: rawPath, headers: { ...headers, ...length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('identity', () => {
  test('20 concurrent calls as 20 openids each see their own caller', async () => {
    const openids = Array.from(
      { length: 20 },
      (_, i) => `openid-${i}-${Math.random().toString(36).slice(2)}`,
    );
    const answers = await Promise.all(
      openids.map((openid) =>
        cloud.call<{ openid: string; echo: string }>('whoami', { echo: openid, maxDelay: 60 }, openid),
      ),
    );
    answers.forEach((answer, i) => {
      expect(answer).toEqual({
        ok: true,
        data: expect.objectContaining({
          openid: openids[i],
          echo: openids[i],
          source: 'wx_client',
          env: 'ykt-local',
        }),
      });
    });
    // They ran side by side on several instances, and instances were reused across callers.
    const { instances } = cloud.cloud.functionStats().whoami!;
    expect(instances).toBeGreaterThan(1);
    expect(instances).toBeLessThanOrEqual(6);
  }, 30_000);

  test('a call without X-WX-OPENID has no OPENID', async () => {
    expect(await cloud.call('whoami', {})).toMatchObject({ ok: true, data: { openid: null } });
  });

  test('a function calling another passes its caller along, concurrently too', async () => {
    const openids = ['caller-a', 'caller-b', 'caller-c', 'caller-d'];
    const answers = await Promise.all(
      openids.map((openid) => cloud.call('relay', { data: { echo: openid, maxDelay: 40 } }, openid)),
    );
    answers.forEach((answer, i) => {
      expect(answer).toEqual({
        ok: true,
        data: {
          caller: openids[i],
          after: openids[i],
          callee: {
            ok: true,
            data: expect.objectContaining({ openid: openids[i], echo: openids[i], source: 'wx_server' }),
          },
        },
      });
    });
  }, 20_000);

  test('a nested call to a function that does not exist fails inside the caller', async () => {
    const answer = await cloud.call('relay', { target: 'nope' }, 'someone');
    expect(answer).toMatchObject({ ok: false, code: 'INTERNAL' });
  });
});

describe('round trips', () => {
  test('each call reports its own database round trips', async () => {
    const [three, zero, five] = await Promise.all([
      cloud.callWithStats('dbwriter', { n: 3 }, 'rt-a'),
      cloud.callWithStats('whoami', {}, 'rt-b'),
      cloud.callWithStats('dbwriter', { n: 5 }, 'rt-c'),
    ]);
    expect(three.body).toMatchObject({ ok: true, data: { written: 3 } });
    expect(three.roundTrips).toBe(3);
    expect(zero.roundTrips).toBe(0);
    expect(five.roundTrips).toBe(5);
    expect(cloud.cloud.lastRoundTrips('whoami')).toBe(0);
  });

  test('a nested call counts toward its caller', async () => {
    const res = await cloud.callWithStats('relay', { target: 'dbwriter', data: { n: 2 } }, 'rt-d');
    expect(res.body).toMatchObject({ ok: true, data: { callee: { ok: true, data: { written: 2 } } } });
    expect(res.roundTrips).toBe(2);
  });
});

describe('failures', () => {
  test('a call over the function timeout answers INTERNAL and the pool recovers', async () => {
    const slow = await cloud.callWithStats('sleepy', { ms: 3000 }, 'slow');
    expect(slow.status).toBe(504);
    expect(slow.body).toEqual({
      ok: false,
      code: 'INTERNAL',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(await cloud.call('sleepy', { ms: 5 })).toEqual({ ok: true, data: { slept: 5 } });
  }, 15_000);

  test.each(['throw', 'uncaught', 'exit'])(
    'a function that crashes (%s) answers INTERNAL, no stack',
    async (mode) => {
      const res = await cloud.callWithStats('crashy', { mode }, 'crash');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        ok: false,
        code: 'INTERNAL',
        message: '系统繁忙，请稍后再试',
        requestId: res.requestId,
      });
      expect(JSON.stringify(res.body)).not.toContain('boom');
      expect(await cloud.call('crashy', {})).toEqual({ ok: true, data: 'fine' });
    },
  );

  test('an unknown function answers NOT_FOUND', async () => {
    const res = await cloud.callWithStats('nope', {});
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await cloud.callWithStats('..%2F..%2Fetc', {})).status).toBe(404);
  });

  test('a body over 100 KB is refused with RESOURCE_EXHAUSTED', async () => {
    const big = JSON.stringify({ action: 'x', blob: 'a'.repeat(101 * 1024) });
    const res = await fetch(`${cloud.url}/functions/whoami`, { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, code: 'RESOURCE_EXHAUSTED' });
    // Just under the limit still goes through.
    const fits = JSON.stringify({ blob: 'a'.repeat(99 * 1024) });
    expect((await fetch(`${cloud.url}/functions/whoami`, { method: 'POST', body: fits })).status).toBe(200);
  });

  test('a body that is not a JSON object is refused', async () => {
    const res = await fetch(`${cloud.url}/functions/whoami`, { method: 'POST', body: '[1,2]' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });

  test('an SDK action the local cloud does not serve answers an SDK error', async () => {
    const res = await fetch(`${cloud.url}/admin`, {
      method: 'POST',
      body: JSON.stringify({ action: 'wx.openApi' }),
    });
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM', requestId: expect.any(String) });
  });
});

describe('timer triggers', () => {
  test('POST /triggers/<name> runs the function with a timer event and no caller', async () => {
    const res = await fetch(`${cloud.url}/triggers/ticker`, { method: 'POST' });
    const body = (await res.json()) as Envelope;
    expect(body).toEqual({
      ok: true,
      data: {
        event: {
          Type: 'Timer',
          TriggerName: 'nightly',
          Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        },
        openid: null,
      },
    });
    expect(await cloud.trigger('ticker', 'nightly')).toMatchObject({ ok: true });
    const unknown = await fetch(`${cloud.url}/triggers/ticker?trigger=nope`, { method: 'POST' });
    expect(unknown.status).toBe(404);
  });
});

describe('storage through wx-server-sdk', () => {
  test('upload → temp URL → GET the bytes → download → delete', async () => {
    const text = '达州一卡通 storage test';
    const up = (await cloud.call<{ fileID: string }>(
      'filer',
      { action: 'upload', cloudPath: 'proofs/证明 1.txt', text },
      'u1',
    )) as {
      ok: true;
      data: { fileID: string };
    };
    expect(up.data.fileID).toBe('cloud://ykt-local.local/proofs/证明 1.txt');
    expect(fs.readFileSync(path.join(cloud.dataDir, 'files', 'proofs', '证明 1.txt'), 'utf8')).toBe(text);

    const url = (await cloud.call('filer', { action: 'url', fileID: up.data.fileID })) as Envelope & {
      data: { tempFileURL: string; status: number };
    };
    expect(url.data.status).toBe(0);
    const got = await fetch(url.data.tempFileURL);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toContain('text/plain');
    expect(await got.text()).toBe(text);

    expect(await cloud.call('filer', { action: 'download', fileID: up.data.fileID })).toEqual({
      ok: true,
      data: { text },
    });

    const tampered = url.data.tempFileURL.replace(/sign=[0-9a-f]+/, 'sign=0000');
    expect((await fetch(tampered)).status).toBe(403);

    expect(await cloud.call('filer', { action: 'delete', fileID: up.data.fileID })).toMatchObject({
      ok: true,
      data: { status: 0 },
    });
    expect((await fetch(url.data.tempFileURL)).status).toBe(404);
    expect(await cloud.call('filer', { action: 'url', fileID: up.data.fileID })).toMatchObject({
      ok: true,
      data: { status: -503003 },
    });
  });

  test('path traversal is refused everywhere', async () => {
    const outside = path.join(cloud.dataDir, 'escape.txt');
    fs.writeFileSync(path.join(cloud.dataDir, 'secret.txt'), 'TOP-SECRET-CONTENT');
    const up = await cloud.call('filer', { action: 'upload', cloudPath: '../escape.txt', text: 'x' });
    expect(up).toMatchObject({ ok: false, code: 'FAILED_PRECONDITION' });
    expect(fs.existsSync(outside)).toBe(false);
    const expires = Math.floor(Date.now() / 1000) + 60;
    for (const rawPath of [
      `/files/..%2Fsecret.txt?sign=x&t=${expires}`,
      `/files/a/..%2F..%2Fsecret.txt?sign=x&t=${expires}`,
      `/files/%2e%2e/secret.txt?sign=x&t=${expires}`, // URL parsing folds this away: not our route
      `/files/%252e%252e/secret.txt?sign=x&t=${expires}`,
      `/upload/..%2Fescape.txt?sign=x&t=${expires}`,
    ]) {
      const upload = rawPath.startsWith('/upload');
      const res = await rawRequest(
        cloud.url,
        upload ? 'PUT' : 'GET',
        rawPath,
        upload ? Buffer.from('x') : undefined,
      );
      expect([400, 404]).toContain(res.status);
      expect(res.text).not.toContain('TOP-SECRET-CONTENT');
    }
    const viaSdk = await cloud.call('filer', {
      action: 'url',
      fileID: 'cloud://ykt-local.local/../secret.txt',
    });
    expect(viaSdk).toMatchObject({ ok: true, data: { status: expect.any(Number), tempFileURL: '' } });
    expect((viaSdk as { data: { status: number } }).data.status).not.toBe(0);
    expect(fs.existsSync(outside)).toBe(false);
  });
});

describe('server', () => {
  test('GET /health answers ok', async () => {
    const res = await fetch(`${cloud.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      strict: true,
      functions: expect.arrayContaining(['whoami']),
    });
  });

  test('binds 127.0.0.1 only', async () => {
    expect(cloud.cloud.host).toBe('127.0.0.1');
    expect(cloud.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) {
      await expect(fetch(`http://${external.address}:${cloud.cloud.port}/health`)).rejects.toThrow();
    }
  });
});
