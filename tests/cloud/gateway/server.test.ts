/** The server without functions: storage paths, who may send X-WX-OPENID, ports, restarts. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type LocalCloud, startLocalCloud } from '../../../tools/local-cloud/server';
import { boundaryOf, parseMultipart } from '../../../tools/local-cloud/storage/multipart';
import {
  cloudPathFromUrl,
  cloudPathOf,
  cloudPathProblem,
  fileIdFor,
  resolveCloudPath,
} from '../../../tools/local-cloud/storage/paths';
import { startTestCloud } from '../../helpers/local-cloud';
import { testCollections } from './fixtures';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ykt-server-test-'));
  tempDirs.push(dir);
  return dir;
}

function start(dataDir: string, extra: { host?: string; port?: number } = {}): Promise<LocalCloud> {
  return startLocalCloud({
    dataDir,
    functionsDir: path.join(dataDir, 'no-functions'),
    collections: testCollections,
    scheduler: false,
    quiet: true,
    ...extra,
  });
}

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('storage paths', () => {
  test.each([
    '../x',
    'a/../../x',
    '/etc/passwd',
    'a//b',
    'a/./b',
    'a\\..\\b',
    'a%2e',
    'a?b',
    'a#b',
    'a\u0000b',
    '',
  ])('refuses %j', (p) => {
    expect(cloudPathProblem(p)).toEqual(expect.any(String));
    expect(resolveCloudPath('/srv/files', p)).toBeUndefined();
  });

  test('accepts ordinary paths, Chinese and spaces included', () => {
    expect(resolveCloudPath('/srv/files', 'proofs/证明 1.jpg')).toBe(
      path.join('/srv/files', 'proofs', '证明 1.jpg'),
    );
    expect(resolveCloudPath('/srv/files', '..a/b..')).toBe(path.join('/srv/files', '..a', 'b..'));
  });

  test('fileIDs round-trip and refuse traversal', () => {
    const id = fileIdFor('ykt-local', 'a/b.png');
    expect(id).toBe('cloud://ykt-local.local/a/b.png');
    expect(cloudPathOf(id)).toBe('a/b.png');
    expect(cloudPathOf('cloud://prod-1.7072-prod-1-130/a/b.png')).toBe('a/b.png');
    expect(cloudPathOf('cloud://x/../b.png')).toBeUndefined();
    expect(cloudPathOf('https://x/b.png')).toBeUndefined();
  });

  test('URL paths are decoded segment by segment, escapes included', () => {
    expect(cloudPathFromUrl('a/%E8%AF%81.txt')).toBe('a/证.txt');
    expect(cloudPathFromUrl('..%2Fsecret')).toBeUndefined();
    expect(cloudPathFromUrl('%252e%252e/x')).toBeUndefined();
    expect(cloudPathFromUrl('%E0%A4%A')).toBeUndefined();
  });
});

describe('multipart', () => {
  test('parses a wx.uploadFile body, whatever the order of name and filename', () => {
    const b = 'XyZ';
    const body = Buffer.from(
      `--${b}\r\nContent-Disposition: form-data; name="cloudPath"\r\n\r\nproofs/a.txt\r\n` +
        `--${b}\r\nContent-Disposition: form-data; filename="a.txt"; name="file"\r\nContent-Type: text/plain\r\n\r\n` +
        `line1\r\nline2\r\n--${b}--\r\n`,
    );
    expect(boundaryOf(`multipart/form-data; boundary=${b}`)).toBe(b);
    expect(parseMultipart(body, b)).toEqual([
      { name: 'cloudPath', filename: undefined, contentType: undefined, data: Buffer.from('proofs/a.txt') },
      { name: 'file', filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('line1\r\nline2') },
    ]);
    expect(parseMultipart(Buffer.from('garbage'), b)).toBeUndefined();
  });
});

describe('storage for the mini program (gateway mode)', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await start(tempDir());
  });
  afterAll(() => cloud.close());

  const post = (route: string, body: FormData | string, openid?: string) =>
    fetch(`${cloud.url}/storage/${route}`, {
      method: 'POST',
      body,
      headers: openid ? { 'X-WX-OPENID': openid } : {},
    });

  test('upload → temp URL → bytes → delete', async () => {
    const form = new FormData();
    form.append('cloudPath', 'tipoffs/现场 照片.jpg');
    form.append('file', new Blob([Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01])]), 'photo.jpg');
    const up = await post('upload', form, 'demo-resident');
    expect(up.status).toBe(200);
    const { data } = (await up.json()) as { data: { fileID: string } };
    expect(data.fileID).toBe('cloud://ykt-local.local/tipoffs/现场 照片.jpg');

    const urls = (await (
      await post('temp-urls', JSON.stringify({ fileList: [data.fileID] }), 'u')
    ).json()) as {
      data: { fileList: Array<{ tempFileURL: string; status: number }> };
    };
    expect(urls.data.fileList[0]!.status).toBe(0);
    const got = await fetch(urls.data.fileList[0]!.tempFileURL);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01]));

    const del = await (await post('delete', JSON.stringify({ fileList: [data.fileID] }), 'u')).json();
    expect(del).toEqual({ ok: true, data: { fileList: [{ fileID: data.fileID, status: 0, errMsg: 'ok' }] } });
    const again = (await (
      await post('temp-urls', JSON.stringify({ fileList: [data.fileID] }), 'u')
    ).json()) as {
      data: { fileList: Array<{ status: number; tempFileURL: string }> };
    };
    expect(again.data.fileList[0]).toMatchObject({ status: -503003, tempFileURL: '' });
  });

  test('needs a caller and a clean path', async () => {
    const form = () => {
      const f = new FormData();
      f.append('cloudPath', '../../outside.txt');
      f.append('file', new Blob(['x']), 'x.txt');
      return f;
    };
    expect((await post('upload', form())).status).toBe(401);
    const res = await post('upload', form(), 'u');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });
});

describe('the server', () => {
  test('refuses X-WX-OPENID from another machine unless allowed', async () => {
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (!external) return; // no second interface to come from
    const cloud = await start(tempDir(), { host: '0.0.0.0' });
    try {
      const url = `http://${external.address}:${cloud.port}/functions/whoami`;
      const withIdentity = await fetch(url, {
        method: 'POST',
        body: '{}',
        headers: { 'X-WX-OPENID': 'intruder' },
      });
      expect(withIdentity.status).toBe(403);
      expect(await withIdentity.json()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      // Without the header the request goes on (to a function that isn't there).
      expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(404);
      // The SDK API (full database rights) and triggers serve this machine only.
      const base = `http://${external.address}:${cloud.port}`;
      const admin = await fetch(`${base}/admin`, {
        method: 'POST',
        body: '{"action":"database.queryDocument"}',
      });
      expect(admin.status).toBe(403);
      expect((await fetch(`${base}/triggers/x`, { method: 'POST' })).status).toBe(403);
      expect((await fetch(`${base}/health`)).status).toBe(200);
    } finally {
      await cloud.close();
    }
  });

  test('a port in use is reported plainly', async () => {
    const first = await start(tempDir());
    try {
      await expect(start(tempDir(), { port: first.port })).rejects.toThrow(/端口 \d+ 已被占用/);
    } finally {
      await first.close();
    }
  });

  test('a restart keeps files and the development data key', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const fileId = first.storage.put('keep/me.txt', Buffer.from('still here'));
    const key = first.dataKey;
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    await first.close();

    const second = await start(dataDir);
    try {
      expect(second.dataKey).toBe(key);
      const res = await fetch(second.storage.tempFileUrl(fileId)!);
      expect(await res.text()).toBe('still here');
    } finally {
      await second.close();
    }
  });

  test('unknown routes answer NOT_FOUND as JSON', async () => {
    const cloud = await start(tempDir());
    try {
      const res = await fetch(`${cloud.url}/nowhere`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    } finally {
      await cloud.close();
    }
  });
});

describe('SDK clients for tests and tools', () => {
  test('wx() and database() reach this cloud with their own APIs', async () => {
    const cloud = await startTestCloud({
      collections: testCollections,
      functionsDir: path.join(tempDir(), 'none'),
    });
    try {
      const wxDb = cloud.wx().database();
      await wxDb
        .collection('gw_items')
        .doc('w1')
        .set({ data: { via: 'wx-server-sdk' } });
      await cloud.database().collection('gw_items').doc('n1').set({ via: 'node-sdk' });
      // wx-server-sdk types get() as a union with void | string: narrow to what it answers.
      const both = (await wxDb
        .collection('gw_items')
        .where({ _id: wxDb.command.in(['w1', 'n1']) })
        .get()) as unknown as { data: Array<{ via: string }> };
      expect(both.data.map((d) => d.via).sort()).toEqual(['node-sdk', 'wx-server-sdk']);
    } finally {
      await cloud.close();
    }
  });
});
