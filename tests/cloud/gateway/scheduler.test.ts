/** Timer triggers on their cron, the bounded queue, and reloading a rebuilt function. */
import fs from 'node:fs';
import path from 'node:path';
import type { FunctionEntry, FunctionRegistry } from '../../../tools/local-cloud/gateway/registry';
import { TimerScheduler } from '../../../tools/local-cloud/gateway/scheduler';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';
import { testCollections, writeTestFunctions } from './fixtures';

// Cold starts of function instances take a second or two on a busy machine.
jest.setTimeout(20_000);

function fakeRegistry(entries: FunctionEntry[]): FunctionRegistry {
  return {
    dir: '/fake',
    get: (name: string) => entries.find((e) => e.name === name),
    list: () => entries,
  } as FunctionRegistry;
}

describe('TimerScheduler', () => {
  test('fires each trigger in the second its cron matches, Beijing time', async () => {
    const fired: string[] = [];
    const scheduler = new TimerScheduler({
      registry: fakeRegistry([
        {
          name: 'scheduler',
          file: '/fake/scheduler/index.js',
          mtimeMs: 0,
          config: {
            triggers: [
              { name: 'nightly', type: 'timer', config: '0 0 2 * * * *' },
              { name: 'quarterly', type: 'timer', config: '0 */15 * * * * *' },
            ],
          },
        },
      ]),
      fire: async (fn, trigger, at) => {
        fired.push(`${fn}/${trigger}@${at.toISOString()}`);
      },
      logError: () => {},
    });
    // 01:59:58 → 02:00:02 Beijing time is 17:59:58 → 18:00:02 UTC.
    scheduler.tick(new Date('2026-03-01T17:59:58Z'));
    scheduler.tick(new Date('2026-03-01T18:00:02.500Z'));
    expect(fired).toEqual([
      'scheduler/nightly@2026-03-01T18:00:00.000Z',
      'scheduler/quarterly@2026-03-01T18:00:00.000Z',
    ]);
  });

  test('a bad cron is reported once and skipped', () => {
    const errors: string[] = [];
    const scheduler = new TimerScheduler({
      registry: fakeRegistry([
        {
          name: 'f',
          file: '/x',
          mtimeMs: 0,
          config: { triggers: [{ name: 't', type: 'timer', config: '0 0 2 * *' }] },
        },
      ]),
      fire: async () => {
        throw new Error('must not fire');
      },
      logError: (line) => errors.push(line),
    });
    scheduler.tick(new Date('2026-03-01T18:00:00Z'));
    scheduler.tick(new Date('2026-03-01T18:00:05Z'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('7 个字段');
  });
});

describe('a running local cloud', () => {
  let dir: string;
  let cloud: TestCloud;
  let tickFile: string;

  beforeAll(async () => {
    dir = writeTestFunctions(['ticker', 'sleepy', 'whoami', 'broken'], {
      ticker: { timeout: 5, triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] },
    });
    tickFile = path.join(dir, 'ticks.log');
    cloud = await startTestCloud({
      functionsDir: dir,
      collections: testCollections,
      scheduler: true,
      poolSize: 1,
      queueSize: 1,
      functionEnv: { TICK_FILE: tickFile },
    });
  }, 30_000);

  afterAll(async () => {
    await cloud?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('runs timer triggers on their cron', async () => {
    const deadline = Date.now() + 8000;
    while (
      Date.now() < deadline &&
      (!fs.existsSync(tickFile) || fs.readFileSync(tickFile, 'utf8').split('\n').length < 3)
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const events = fs
      .readFileSync(tickFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { Type: string; TriggerName: string; Time: string });
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0]).toEqual({ Type: 'Timer', TriggerName: 'everySecond', Time: expect.any(String) });
    expect(new Set(events.map((e) => e.Time)).size).toBe(events.length);
  }, 15_000);

  test('beyond the pool and the queue, calls are refused with RESOURCE_EXHAUSTED', async () => {
    const results = await Promise.all(
      [0, 1, 2].map(() => cloud.callWithStats('sleepy', { ms: 400 }, 'busy')),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    expect(results.find((r) => r.status === 429)!.body).toMatchObject({
      ok: false,
      code: 'RESOURCE_EXHAUSTED',
    });
    expect(await cloud.call('sleepy', { ms: 1 })).toEqual({ ok: true, data: { slept: 1 } });
  }, 15_000);

  test('a function that fails to load answers INTERNAL to every caller, queued ones too', async () => {
    const results = await Promise.all([0, 1].map(() => cloud.callWithStats('broken', {}, 'x')));
    for (const r of results) {
      expect(r.status).toBe(500);
      expect(r.body).toMatchObject({ ok: false, code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
    }
  });

  test('a rebuilt function is picked up without a restart', async () => {
    expect(await cloud.call('whoami', {}, 'x')).toMatchObject({ ok: true, data: { openid: 'x' } });
    const file = path.join(dir, 'whoami', 'index.js');
    fs.writeFileSync(file, "exports.main = async () => ({ ok: true, data: 'v2' });\n");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(file, later, later);
    expect(await cloud.call('whoami', {}, 'x')).toEqual({ ok: true, data: 'v2' });
  });
});
