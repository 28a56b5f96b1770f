/**
 * `npm run clock`: shows or moves the clock of the local cloud that `npm start` runs (never a real
 * environment: the offset exists only in the local cloud, and it only accepts this from this machine).
 *
 *   npm run clock                 what time the local cloud thinks it is
 *   npm run clock -- +8d          eight days later (also -2h, 90m, 1d12h)
 *   npm run clock -- 2027-01-01T08:00:00+08:00
 *   npm run clock -- reset        back to the machine's clock
 *
 * With the scheduler running, a move runs its timer triggers once at the new time, so a 公示 that has
 * ended moves on at once. YKT_PORT names the port as for `npm start`.
 */
import { type ClockSetting, parseDuration } from './local-cloud/clock';

interface ClockView {
  offsetMs: number;
  now: string;
  shanghai: string;
  text: string;
}

function settingOf(arg: string): ClockSetting {
  if (arg === 'reset') return { offsetMs: 0 };
  const duration = parseDuration(arg);
  if (duration !== undefined) return { advanceMs: duration };
  if (Number.isFinite(Date.parse(arg))) return { at: arg };
  throw new Error(`看不懂的时间：${arg}（例如 +8d、-2h、2027-01-01T08:00:00+08:00、reset）`);
}

function show(clock: ClockView): string {
  return `本地云时钟：${clock.shanghai}（北京时间），${clock.text}`;
}

async function main(): Promise<void> {
  const base = `http://127.0.0.1:${process.env.YKT_PORT ?? 3900}`;
  const arg = process.argv[2];
  let clock: ClockView;
  try {
    if (arg === undefined) {
      clock = ((await (await fetch(`${base}/health`)).json()) as { clock: ClockView }).clock;
    } else {
      const res = await fetch(`${base}/clock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(settingOf(arg)),
      });
      const body = (await res.json()) as { ok: boolean; clock?: ClockView; message?: string };
      if (!body.ok || !body.clock) throw new Error(body.message ?? `本地云拒绝了：HTTP ${res.status}`);
      clock = body.clock;
    }
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    throw cause?.code === 'ECONNREFUSED' ? new Error(`${base} 上没有本地云：先运行 npm start`) : err;
  }
  console.log(show(clock));
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
