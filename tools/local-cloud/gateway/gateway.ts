/**
 * The functions gateway: a pool of instances per function, one call per instance at a time (that is
 * what keeps `getWXContext()` right under concurrency), grown on demand up to a limit, then a bounded
 * queue. It also keeps, per running call, who the caller is (so that a nested `callFunction` inherits
 * the identity) and how many database round trips the call made.
 */
import { randomUUID } from 'node:crypto';
import { type CallOutcome, FunctionInstance, type Identity } from './instance';
import type { FunctionRegistry } from './registry';

export interface GatewayOptions {
  registry: FunctionRegistry;
  /** The SDK URL of the local cloud without the instance suffix, e.g. `http://127.0.0.1:3900/admin`. */
  adminUrl: string;
  envId: string;
  /** Extra environment for every function (merged over the server's own environment). */
  functionEnv: Record<string, string>;
  maxInstancesPerFunction: number;
  maxQueuePerFunction: number;
  defaultTimeoutMs: number;
  /** Instances idle longer than this are stopped. */
  idleMs: number;
  memoryMb: number;
  nodePath?: string;
  /** The local cloud's movable clock, shared with every instance (see ../clock.ts). */
  clockBuffer?: SharedArrayBuffer;
  /** Drains the store's round-trip count for one instance. */
  takeRoundTrips: (instanceId: string) => number;
  log: (line: string) => void;
  logError: (line: string) => void;
}

export interface CallRequest {
  name: string;
  event: unknown;
  identity: Identity;
  /** Set for function-to-function calls: the nested call's round trips count toward the parent. */
  parent?: CallRecord;
}

/** A call in flight. */
export interface CallRecord {
  requestId: string;
  functionName: string;
  identity: Identity;
  nestedRoundTrips: number;
}

export interface CallResult {
  functionName: string;
  requestId: string;
  outcome: CallOutcome;
  roundTrips: number;
  durationMs: number;
}

/**
 * How deeply an event may nest. Instances get the event by structured clone, which overflows the
 * stack a few thousand levels down (JSON.parse does not, so a 100 KB body can get there); no real
 * event comes anywhere near this.
 */
export const MAX_EVENT_DEPTH = 256;

/** Whether `value` nests objects or arrays more than `limit` levels deep (without recursion). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

class Pool {
  instances: FunctionInstance[] = [];
  starting = 0;
  waiters: Array<{ resolve: (instance: FunctionInstance) => void; reject: (err: Error) => void }> = [];
  nextNumber = 1;
  /** The largest heap any instance of this function reported, stopped ones included. */
  peakHeapBytes = 0;
  constructor(readonly name: string) {}
}

class AcquireError extends Error {
  constructor(
    readonly kind: 'busy' | 'load' | 'shutdown',
    message: string,
  ) {
    super(message);
  }
}

export class FunctionGateway {
  private readonly pools = new Map<string, Pool>();
  private readonly active = new Map<string, CallRecord>();
  private readonly reaper: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly opts: GatewayOptions) {
    this.reaper = setInterval(() => this.reapIdle(), Math.min(opts.idleMs, 30_000));
    this.reaper.unref();
  }

  /** The call an instance is running now: how `/admin/i/<id>` learns who the caller is. */
  activeCall(instanceId: string): CallRecord | undefined {
    return this.active.get(instanceId);
  }

  async call(req: CallRequest): Promise<CallResult> {
    const requestId = randomUUID();
    const started = Date.now();
    const done = (outcome: CallOutcome, roundTrips = 0): CallResult => ({
      functionName: req.name,
      requestId,
      outcome,
      roundTrips,
      durationMs: Date.now() - started,
    });
    if (this.closed) return done({ ok: false, kind: 'shutdown', message: '服务正在关闭' });
    if (nestedDeeperThan(req.event, MAX_EVENT_DEPTH)) {
      return done({ ok: false, kind: 'invalid', message: `事件嵌套超过 ${MAX_EVENT_DEPTH} 层` });
    }
    const entry = this.opts.registry.get(req.name);
    if (!entry) {
      const message = `云函数 ${req.name} 不存在（${this.opts.registry.dir} 中没有；是否已运行 npm run build:functions？）`;
      this.opts.logError(`[gateway] ${message}`);
      return done({ ok: false, kind: 'not_found', message });
    }
    const timeoutMs = entry.config.timeout ? entry.config.timeout * 1000 : this.opts.defaultTimeoutMs;
    const pool = this.poolFor(req.name);
    let instance: FunctionInstance;
    try {
      instance = await this.acquire(pool, entry.file, entry.mtimeMs);
    } catch (err) {
      const kind = err instanceof AcquireError ? err.kind : 'load';
      const message = (err as Error).message;
      if (kind === 'load') this.opts.logError(`[gateway] ${req.name} requestId=${requestId} ${message}`);
      return done({ ok: false, kind, message });
    }
    const record: CallRecord = {
      requestId,
      functionName: req.name,
      identity: req.identity,
      nestedRoundTrips: 0,
    };
    this.opts.takeRoundTrips(instance.id); // drop anything left over from before this call
    this.active.set(instance.id, record);
    const context = {
      request_id: requestId,
      function_name: req.name,
      function_version: '$LATEST',
      namespace: this.opts.envId,
      memory_limit_in_mb: this.opts.memoryMb,
      time_limit_in_ms: timeoutMs,
      environment: JSON.stringify({
        WX_OPENID: req.identity.OPENID ?? '',
        WX_APPID: req.identity.APPID ?? '',
        WX_UNIONID: req.identity.UNIONID ?? '',
        TCB_ENV: this.opts.envId,
      }),
    };
    let outcome: CallOutcome;
    try {
      outcome = await instance.run(req.event, context, req.identity, timeoutMs);
    } finally {
      this.active.delete(instance.id);
    }
    const roundTrips = this.opts.takeRoundTrips(instance.id) + record.nestedRoundTrips;
    if (req.parent) req.parent.nestedRoundTrips += roundTrips;
    this.release(pool, instance);
    if (!outcome.ok) {
      this.opts.logError(
        `[gateway] ${req.name} requestId=${requestId} ${outcome.kind}: ${outcome.stack ?? outcome.message}`,
      );
    }
    return done(outcome, roundTrips);
  }

  /** Starts one instance of each function ahead of the first call (for `npm start`). */
  async prewarm(names: string[]): Promise<void> {
    await Promise.all(
      names.map(async (name) => {
        const entry = this.opts.registry.get(name);
        const pool = this.poolFor(name);
        if (!entry || pool.instances.length > 0) return;
        try {
          this.release(pool, await this.acquire(pool, entry.file, entry.mtimeMs));
        } catch (err) {
          this.opts.logError(`[gateway] 预热 ${name} 失败：${(err as Error).message}`);
        }
      }),
    );
  }

  stats(): Record<string, { instances: number; busy: number; queued: number; peakHeapBytes: number }> {
    const out: Record<string, { instances: number; busy: number; queued: number; peakHeapBytes: number }> =
      {};
    for (const [name, pool] of this.pools) {
      out[name] = {
        instances: pool.instances.length,
        busy: pool.instances.filter((i) => i.busy).length,
        queued: pool.waiters.length,
        peakHeapBytes: Math.max(pool.peakHeapBytes, ...pool.instances.map((i) => i.peakHeapBytes)),
      };
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    const exits: Promise<void>[] = [];
    for (const pool of this.pools.values()) {
      for (const waiter of pool.waiters.splice(0)) {
        waiter.reject(new AcquireError('shutdown', '服务正在关闭'));
      }
      for (const instance of [...pool.instances]) exits.push(instance.terminate());
    }
    await Promise.all(exits);
  }

  private poolFor(name: string): Pool {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = new Pool(name);
      this.pools.set(name, pool);
    }
    return pool;
  }

  private async acquire(pool: Pool, file: string, mtimeMs: number): Promise<FunctionInstance> {
    // A rebuilt index.js: idle instances of the old build go, busy ones finish their call first.
    for (const instance of pool.instances) {
      if (!instance.busy && instance.mtimeMs !== mtimeMs) void instance.terminate();
    }
    const idle = pool.instances.find((i) => !i.busy && !i.dead);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (pool.instances.length + pool.starting < this.opts.maxInstancesPerFunction) {
      return this.spawn(pool, file, mtimeMs);
    }
    if (pool.waiters.length >= this.opts.maxQueuePerFunction) {
      throw new AcquireError('busy', `云函数 ${pool.name} 的实例和等待队列已满`);
    }
    return new Promise((resolve, reject) => pool.waiters.push({ resolve, reject }));
  }

  private async spawn(pool: Pool, file: string, mtimeMs: number): Promise<FunctionInstance> {
    pool.starting++;
    const id = `${pool.name}-${pool.nextNumber++}-${randomUUID().slice(0, 8)}`;
    let failed = false;
    try {
      const instance = await FunctionInstance.start({
        id,
        functionName: pool.name,
        functionFile: file,
        mtimeMs,
        env: this.instanceEnv(id),
        nodePath: this.opts.nodePath,
        clockBuffer: this.opts.clockBuffer,
        startTimeoutMs: 20_000,
        memoryMb: this.opts.memoryMb,
        log: this.opts.log,
      });
      if (this.closed) {
        await instance.terminate();
        throw new AcquireError('shutdown', '服务正在关闭');
      }
      instance.busy = true;
      pool.instances.push(instance);
      instance.onDeath(() => this.remove(pool, instance));
      return instance;
    } catch (err) {
      failed = true;
      throw err instanceof AcquireError ? err : new AcquireError('load', (err as Error).message);
    } finally {
      pool.starting--;
      // A failed start frees its slot: calls queued behind it get their own attempt.
      if (failed) this.pump(pool);
    }
  }

  private instanceEnv(instanceId: string): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    Object.assign(env, this.opts.functionEnv, {
      // Each instance has its own URL so that the store can count round trips per call.
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.opts.adminUrl}/i/${instanceId}` }),
      // Without credentials the SDK raises an unhandled rejection that kills Node 20.
      TENCENTCLOUD_SECRETID: 'local-cloud',
      TENCENTCLOUD_SECRETKEY: 'local-cloud',
      TCB_ENV: this.opts.envId,
      SCF_NAMESPACE: this.opts.envId,
      // Otherwise the SDK first probes the cloud's metadata host over the network on every request.
      TENCENTCLOUD: 'true',
      // The SDK's slow-request timers only add noise locally.
      SILENCE: 'true',
    });
    return env;
  }

  /** Hands the instance to the next queued call, or makes it idle. */
  private release(pool: Pool, instance: FunctionInstance): void {
    if (instance.dead) return; // remove() already pumped the queue
    const waiter = pool.waiters.shift();
    if (waiter) {
      waiter.resolve(instance); // stays busy
      return;
    }
    instance.busy = false;
    instance.lastUsed = Date.now();
  }

  private remove(pool: Pool, instance: FunctionInstance): void {
    // A stopped instance's peak still counts toward its function's.
    pool.peakHeapBytes = Math.max(pool.peakHeapBytes, instance.peakHeapBytes);
    pool.instances = pool.instances.filter((i) => i !== instance);
    this.pump(pool);
  }

  /** After an instance died, start replacements for queued calls. */
  private pump(pool: Pool): void {
    if (this.closed) return;
    while (
      pool.waiters.length > 0 &&
      pool.instances.length + pool.starting < this.opts.maxInstancesPerFunction
    ) {
      const waiter = pool.waiters.shift()!;
      const entry = this.opts.registry.get(pool.name);
      if (!entry) {
        waiter.reject(new AcquireError('load', `云函数 ${pool.name} 已不存在`));
        continue;
      }
      this.spawn(pool, entry.file, entry.mtimeMs).then(waiter.resolve, waiter.reject);
    }
  }

  private reapIdle(): void {
    const now = Date.now();
    for (const pool of this.pools.values()) {
      for (const instance of pool.instances) {
        if (!instance.busy && now - instance.lastUsed > this.opts.idleMs) void instance.terminate();
      }
    }
  }
}
