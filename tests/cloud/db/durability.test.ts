/**
 * Durability: an insert the SDK saw acknowledged is on disk. A child process serves the store; four
 * writers insert one document per request; the child gets SIGKILL as soon as N acknowledgements
 * arrived (other inserts still in flight); reopening the folder must show every acknowledged id.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DocumentStore } from '../../../tools/local-cloud/db';
import { testCollections } from './collections';
import { pointSdkAt, sdk, tempDir } from './fixture';

const ROOT = path.resolve(__dirname, '../../..');
const TOTAL = 1000;

function startChild(dir: string): Promise<{ child: ChildProcess; port: number }> {
  // `node --import tsx` keeps the server in this very process (the tsx CLI would fork a grandchild
  // that SIGKILL on the CLI does not reach).
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-child.ts'), dir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
}

test('kill -9 in the middle of a burst loses no acknowledged insert', async () => {
  const dir = tempDir('crash');
  let child: ChildProcess | undefined;
  try {
    const started = await startChild(dir);
    child = started.child;
    const port = started.port;
    const exited = new Promise<void>((r) => started.child.on('exit', () => r()));
    pointSdkAt(port, 'crash');
    const db = sdk().database();
    const killAfter = 300 + Math.floor(Math.random() * 300);
    const acked: string[] = [];
    let next = 0;
    let killed = false;
    const writer = async () => {
      while (next < TOTAL) {
        const id = `doc-${next++}`;
        try {
          await db.collection('items').add({ data: { _id: id, n: next, at: new Date() } });
        } catch {
          return; // the server is gone
        }
        acked.push(id);
        if (acked.length >= killAfter && !killed) {
          killed = true;
          started.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([writer(), writer(), writer(), writer()]);
    await exited;
    expect(killed).toBe(true);
    expect(acked.length).toBeGreaterThanOrEqual(killAfter);
    expect(acked.length).toBeLessThan(TOTAL);

    const store = DocumentStore.open({ dir, collections: testCollections, strict: false });
    try {
      const answer = (await store.handle({
        action: 'database.getDocument',
        collectionName: 'items',
        query: JSON.stringify({ _id: { $in: acked } }),
        limit: 1000,
      })) as { data: { list: string[] } };
      const found = new Set(answer.data.list.map((s) => (JSON.parse(s) as { _id: string })._id));
      expect(acked.filter((id) => !found.has(id))).toEqual([]);
      // and the store still works after the crash
      await store.handle({
        action: 'database.insertDocument',
        collectionName: 'items',
        data: ['{"_id":"after"}'],
      });
      const total = (await store.handle({
        action: 'database.calculateDocument',
        collectionName: 'items',
      })) as {
        data: { total: number };
      };
      expect(total.data.total).toBeGreaterThanOrEqual(acked.length + 1);
    } finally {
      store.close();
    }
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
