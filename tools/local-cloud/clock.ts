/**
 * The local cloud's clock: the machine's clock plus an offset that people and tests can move, so a
 * 7-day 公示 can be walked in a minute and a test says which day it lives on. Every function instance
 * reads the same offset (a SharedArrayBuffer handed to its worker, which shifts `Date` there), and so do
 * the database (`serverDate`), the timer scheduler and the gateway's answers. There is no such thing
 * in CloudBase: the offset exists only inside the local cloud, never in a function's bundle.
 */

import { shanghaiDateTime } from '../../miniprogram/shared/time';

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };

export interface ClockSetting {
  /** Move to this offset from the machine's clock. */
  offsetMs?: number;
  /** Move so that now is this instant (ISO 8601, or a Date). */
  at?: string | Date;
  /** Move forward (or back, if negative) by this much from the current offset. */
  advanceMs?: number;
}

export class CloudClock {
  /** 8 bytes, shared with every function instance's worker. */
  readonly buffer = new SharedArrayBuffer(Float64Array.BYTES_PER_ELEMENT);
  private readonly offset = new Float64Array(this.buffer);
  private readonly listeners: Array<(offsetMs: number) => void> = [];

  constructor(setting: ClockSetting = {}) {
    this.offset[0] = resolveOffset(setting, 0);
  }

  offsetMs(): number {
    return this.offset[0] ?? 0;
  }

  nowMs(): number {
    return Date.now() + this.offsetMs();
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Moves the clock; answers the new offset. Throws on a setting that names no time. */
  set(setting: ClockSetting): number {
    const next = resolveOffset(setting, this.offsetMs());
    this.offset[0] = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (offsetMs: number) => void): void {
    this.listeners.push(listener);
  }

  /** What /health and POST /clock answer: the offset, the clock's now, and now as Shanghai shows it. */
  describe(): { offsetMs: number; now: string; shanghai: string; text: string } {
    const now = this.now();
    const offsetMs = this.offsetMs();
    return {
      offsetMs,
      now: now.toISOString(),
      shanghai: shanghaiDateTime(now),
      text: describeOffset(offsetMs),
    };
  }
}

function resolveOffset(setting: ClockSetting, current: number): number {
  let offset = current;
  if (setting.at !== undefined) {
    const at = setting.at instanceof Date ? setting.at.getTime() : Date.parse(setting.at);
    if (!Number.isFinite(at)) throw new Error(`时间格式不正确：${String(setting.at)}`);
    offset = at - Date.now();
  } else if (setting.offsetMs !== undefined) {
    offset = setting.offsetMs;
  }
  if (setting.advanceMs !== undefined) offset += setting.advanceMs;
  if (!Number.isFinite(offset)) throw new Error('时钟偏移不正确');
  return Math.round(offset);
}

/**
 * A duration such as `+8d`, `-2h`, `90m`, `30s` or `1d12h`, in milliseconds; undefined when the text is
 * not one.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^([+-])?((?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+)$/.exec(text.trim());
  if (!match) return undefined;
  let total = 0;
  for (const part of match[2]!.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) {
    total += Number(part[1]) * UNIT_MS[part[2]!]!;
  }
  return match[1] === '-' ? -total : total;
}

/** A setting from text: a duration (`+8d`: an offset from the machine's clock) or an instant. */
export function parseClockSetting(text: string): ClockSetting {
  const duration = parseDuration(text);
  if (duration !== undefined) return { offsetMs: duration };
  if (Number.isFinite(Date.parse(text))) return { at: text };
  throw new Error(`看不懂的时间：${text}（例如 +8d、-2h、2027-01-01T08:00:00+08:00）`);
}

/** `+8天3小时` style, for the banner and the clock tool. */
export function describeOffset(offsetMs: number): string {
  if (offsetMs === 0) return '与本机时钟一致';
  const sign = offsetMs > 0 ? '快' : '慢';
  let rest = Math.abs(offsetMs);
  const days = Math.floor(rest / DAY_MS);
  rest -= days * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.round(rest / 60_000);
  const parts = [days ? `${days}天` : '', hours ? `${hours}小时` : '', minutes ? `${minutes}分钟` : ''];
  return `比本机时钟${sign}${parts.join('') || '不到1分钟'}`;
}
