/**
 * The local cloud's movable clock: every function instance, the database's serverDate and the timer
 * triggers read it; people move it with POST /clock (or `npm run clock`), tests name their day with the
 * `clock` option. The machine's clock never decides what day a test lives on.
 */
import fs from 'node:fs';
import {
  CloudClock,
  describeOffset,
  parseClockSetting,
  parseDuration,
} from '../../../tools/local-cloud/clock';
import { startTestCloud, TEST_DAY, type TestCloud } from '../../helpers/local-cloud';
import { testCollections, writeTestFunctions } from './fixtures';

jest.setTimeout(20_000);

const DAY_MS = 86_400_000;

interface ClockAnswer {
  now: string;
  nowMs: number;
  stored: string | null;
  event: { Type?: string; Time?: string };
}

describe('the clock of a running cloud', () => {
  let dir: string;
  let cloud: TestCloud;

  beforeAll(async () => {
    dir = writeTestFunctions(['clock']);
    cloud = await startTestCloud({ functionsDir: dir, collections: testCollections });
  });
  afterAll(async () => {
    await cloud.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (event: Record<string, unknown> = {}) => {
    const res = await cloud.callWithStats<ClockAnswer>('clock', event);
    if (!res.body.ok) throw new Error(res.body.message);
    return res;
  };

  test('a test cloud lives on the tests’ day, in the functions and in serverDate alike', async () => {
    const { body } = await ask({ write: true });
    const data = body.ok ? body.data : undefined;
    const day = Date.parse(TEST_DAY);
    expect(Date.parse(data!.now)).toBeGreaterThanOrEqual(day);
    expect(Date.parse(data!.now) - day).toBeLessThan(60_000);
    expect(Math.abs(Date.parse(data!.stored!) - Date.parse(data!.now))).toBeLessThan(5_000);
  });

  test('moving the clock reaches an instance that is already running, and /health says so', async () => {
    const before = await ask();
    const res = await fetch(`${cloud.url}/clock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ advanceMs: 8 * DAY_MS }),
    });
    expect(res.status).toBe(200);
    const after = await ask({ write: true });
    const gap = (after.body.ok ? after.body.data.nowMs : 0) - (before.body.ok ? before.body.data.nowMs : 0);
    expect(gap).toBeGreaterThanOrEqual(8 * DAY_MS);
    expect(gap).toBeLessThan(8 * DAY_MS + 60_000);
    const health = (await (await fetch(`${cloud.url}/health`)).json()) as {
      clock: { offsetMs: number; now: string; shanghai: string };
    };
    expect(health.clock.offsetMs).toBe(cloud.cloud.clock.offsetMs());
    expect(health.clock.shanghai).toMatch(/^2026-12-0\d \d\d:\d\d$/);
    const raw = await fetch(`${cloud.url}/functions/clock`, { method: 'POST', body: '{}' });
    expect(raw.headers.get('X-Clock-Offset-Ms')).toBe(String(cloud.cloud.clock.offsetMs()));
  });

  test('a timer trigger fires at the moved time', async () => {
    cloud.setClock({ at: '2027-01-01T00:00:30Z' });
    const fired = (await cloud.trigger<{ ok: true; data: ClockAnswer }>('clock')).data;
    expect(fired.event).toMatchObject({ Type: 'Timer', Time: expect.stringMatching(/^2027-01-01T00:0/) });
  });

  test('a request that names no time is refused and moves nothing', async () => {
    const offset = cloud.cloud.clock.offsetMs();
    for (const body of ['{}', '{"at":"next tuesday"}', '{"offsetMs":"8d"}', 'not json']) {
      const res = await fetch(`${cloud.url}/clock`, { method: 'POST', body });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('INVALID_ARGUMENT');
    }
    expect(cloud.cloud.clock.offsetMs()).toBe(offset);
  });
});

describe('clock settings', () => {
  test.each([
    ['+8d', 8 * DAY_MS],
    ['-2h', -2 * 3_600_000],
    ['90m', 90 * 60_000],
    ['1d12h', 1.5 * DAY_MS],
    ['30s', 30_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  test.each(['', 'd', '8 days', '+-1d', '1y'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  test('an instant or a duration is a setting; anything else is refused in Chinese', () => {
    expect(parseClockSetting('2027-01-01T08:00:00+08:00')).toEqual({ at: '2027-01-01T08:00:00+08:00' });
    expect(parseClockSetting('+1d')).toEqual({ offsetMs: DAY_MS });
    expect(() => parseClockSetting('tomorrow')).toThrow('看不懂的时间');
  });

  test('a clock set to an instant reads that instant, and advancing adds to it', () => {
    const clock = new CloudClock({ at: '2027-02-10T02:00:00Z' });
    expect(Math.abs(clock.nowMs() - Date.parse('2027-02-10T02:00:00Z'))).toBeLessThan(1_000);
    clock.set({ advanceMs: DAY_MS });
    expect(Math.abs(clock.nowMs() - Date.parse('2027-02-11T02:00:00Z'))).toBeLessThan(1_000);
    expect(() => clock.set({ at: 'soon' })).toThrow('时间格式不正确');
  });

  test('the banner describes an offset in days and hours', () => {
    expect(describeOffset(0)).toBe('与本机时钟一致');
    expect(describeOffset(8 * DAY_MS + 3 * 3_600_000)).toBe('比本机时钟快8天3小时');
    expect(describeOffset(-30 * 60_000)).toBe('比本机时钟慢30分钟');
  });
});
