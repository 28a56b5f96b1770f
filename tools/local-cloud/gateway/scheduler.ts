/**
 * Timer triggers: once a second, run every function whose `config.json` trigger cron matches that
 * second (Beijing time). A trigger whose previous run is still going is skipped, not stacked.
 */
import { type CronSchedule, cronMatches, parseCron } from './cron';
import type { FunctionRegistry } from './registry';

/** The event a timer trigger passes to `main`, as the cloud sends it. */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** UTC, second precision, e.g. `2026-03-01T18:00:00Z`. */
  Time: string;
}

export function timerEvent(triggerName: string, at: Date = new Date()): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: `${at.toISOString().slice(0, 19)}Z` };
}

export interface SchedulerOptions {
  registry: FunctionRegistry;
  fire: (functionName: string, triggerName: string, at: Date) => Promise<void>;
  logError: (line: string) => void;
  /** The cloud's clock in ms (default the machine's): triggers fire on the moved clock's cron. */
  now?: () => number;
}

export class TimerScheduler {
  private timer: NodeJS.Timeout | undefined;
  private lastSecond: number;
  private readonly running = new Set<string>();
  private readonly parsed = new Map<string, CronSchedule | Error>();

  constructor(private readonly opts: SchedulerOptions) {
    this.lastSecond = Math.floor(this.nowMs() / 1000);
  }

  start(): void {
    if (this.timer) return;
    this.resync();
    this.schedule();
  }

  /** After the clock moved: carry on from now, without firing every second it jumped over. */
  resync(): void {
    this.lastSecond = Math.floor(this.nowMs() / 1000);
  }

  private nowMs(): number {
    return this.opts.now?.() ?? Date.now();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Runs the triggers due in every whole second after the last tick up to `now`. */
  tick(now: Date = new Date(this.nowMs())): void {
    const second = Math.floor(now.getTime() / 1000);
    // After a stall (a laptop sleeping), fire each missed second once at most for the last minute.
    const from = Math.max(this.lastSecond + 1, second - 59);
    for (let s = from; s <= second; s++) this.fireDue(new Date(s * 1000));
    this.lastSecond = second;
  }

  private schedule(): void {
    // Wake just after the next whole second.
    const delay = 1000 - (this.nowMs() % 1000) + 5;
    this.timer = setTimeout(() => {
      this.tick();
      if (this.timer) this.schedule();
    }, delay);
    this.timer.unref();
  }

  private fireDue(at: Date): void {
    for (const entry of this.opts.registry.list()) {
      for (const trigger of entry.config.triggers) {
        const schedule = this.scheduleFor(entry.name, trigger.name, trigger.config);
        if (!schedule || !cronMatches(schedule, at)) continue;
        const key = `${entry.name}/${trigger.name}`;
        if (this.running.has(key)) continue;
        this.running.add(key);
        this.opts
          .fire(entry.name, trigger.name, at)
          .catch((err: Error) => this.opts.logError(`[timer] ${key} 失败：${err.message}`))
          .finally(() => this.running.delete(key));
      }
    }
  }

  private scheduleFor(fn: string, trigger: string, cron: string): CronSchedule | undefined {
    const key = `${fn}/${trigger}/${cron}`;
    let parsed = this.parsed.get(key);
    if (!parsed) {
      try {
        parsed = parseCron(cron);
      } catch (err) {
        parsed = err as Error;
        this.opts.logError(`[timer] ${fn} 的触发器 ${trigger} 配置有误：${parsed.message}`);
      }
      this.parsed.set(key, parsed);
    }
    return parsed instanceof Error ? undefined : parsed;
  }
}
