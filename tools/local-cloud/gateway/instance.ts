/**
 * One function instance: a worker thread that has loaded one function's bundled index.js and runs
 * one call at a time. A timed-out or crashed instance is terminated; the pool starts a fresh one.
 */
import path from 'node:path';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';

/** What `getWXContext()` reports inside the call (keys without the `WX_` prefix). */
export interface Identity {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  /** Who called: `wx_client` (gateway), `wx_server` (another function), `wx_trigger` (timer). */
  SOURCE?: string;
}

/** `invalid`: the gateway refused the event before any instance saw it. */
export type FailureKind =
  | 'error'
  | 'crash'
  | 'timeout'
  | 'load'
  | 'busy'
  | 'not_found'
  | 'shutdown'
  | 'invalid';

export type CallOutcome =
  | { ok: true; json: string }
  | { ok: false; kind: FailureKind; message: string; stack?: string };

export interface InstanceOptions {
  id: string;
  functionName: string;
  functionFile: string;
  mtimeMs: number;
  /** The worker's whole environment (the SDK's URL, dummy secrets, the env id, the project's vars). */
  env: Record<string, string>;
  nodePath?: string;
  /** The local cloud's clock offset (../clock.ts): the worker's `Date` follows it. */
  clockBuffer?: SharedArrayBuffer;
  startTimeoutMs: number;
  memoryMb: number;
  log: (line: string) => void;
}

interface Pending {
  callId: number;
  resolve: (outcome: CallOutcome) => void;
  timer: NodeJS.Timeout;
}

const WORKER_SCRIPT = path.join(__dirname, 'worker.js');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function pipeLines(stream: Readable, prefix: string, log: (line: string) => void): void {
  readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
    log(`${prefix} ${line}`);
  });
}

export class FunctionInstance {
  readonly id: string;
  readonly functionName: string;
  readonly mtimeMs: number;
  busy = false;
  dead = false;
  lastUsed = Date.now();
  /** The largest V8 heap this instance reported after a call. */
  peakHeapBytes = 0;
  private readonly worker: Worker;
  private pending: Pending | undefined;
  private nextCallId = 1;
  private deathListeners: Array<() => void> = [];
  private exited: Promise<void> | undefined;

  private constructor(opts: InstanceOptions, worker: Worker) {
    this.id = opts.id;
    this.functionName = opts.functionName;
    this.mtimeMs = opts.mtimeMs;
    this.worker = worker;
  }

  /** Starts a worker and resolves once the function module has loaded (rejects if it can't). */
  static start(opts: InstanceOptions): Promise<FunctionInstance> {
    const worker = new Worker(WORKER_SCRIPT, {
      name: opts.id,
      workerData: { functionFile: opts.functionFile, nodePath: opts.nodePath, clock: opts.clockBuffer },
      env: opts.env,
      // A clean worker: the parent's loaders (tsx, jest) have nothing to do with the bundled function.
      // YKT_WORKER_PROF=<dir> writes a CPU profile per instance there (for finding where a call's time goes).
      execArgv: process.env.YKT_WORKER_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.YKT_WORKER_PROF}`]
        : [],
      stdout: true,
      stderr: true,
      // The cloud's default instance memory.
      resourceLimits: { maxOldGenerationSizeMb: opts.memoryMb },
    });
    pipeLines(worker.stdout, `[${opts.id}]`, opts.log);
    pipeLines(worker.stderr, `[${opts.id}]`, opts.log);
    const instance = new FunctionInstance(opts, worker);
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        void instance.terminate();
        reject(new Error(message));
      };
      const timer = setTimeout(() => fail(`云函数 ${opts.functionName} 加载超时`), opts.startTimeoutMs);
      worker.on('message', (msg: unknown) => {
        if (!isRecord(msg)) return;
        if (msg.type === 'ready' && !settled) {
          settled = true;
          clearTimeout(timer);
          resolve(instance);
        } else if (msg.type === 'loadError') {
          fail(`云函数 ${opts.functionName} 加载失败：${String(msg.stack ?? msg.message)}`);
        } else if (msg.type === 'result') {
          instance.onResult(msg);
        }
      });
      worker.on('error', (err) => {
        if (!settled) fail(`云函数 ${opts.functionName} 加载失败：${err.stack ?? err.message}`);
        instance.die({ ok: false, kind: 'crash', message: err.message, stack: err.stack });
      });
      worker.on('exit', (code) => {
        if (!settled) fail(`云函数 ${opts.functionName} 的实例启动时退出（${code}）`);
        instance.die({ ok: false, kind: 'crash', message: `实例意外退出（exit ${code}）` });
      });
    });
  }

  /** Runs one call. The caller (the pool) guarantees the instance is not busy. */
  run(
    event: unknown,
    context: Record<string, unknown>,
    identity: Identity,
    timeoutMs: number,
  ): Promise<CallOutcome> {
    if (this.dead) return Promise.resolve({ ok: false, kind: 'crash', message: '实例已停止' });
    if (this.pending) throw new Error(`instance ${this.id} is already running a call`);
    const callId = this.nextCallId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // The cloud kills a call that overruns its timeout; so do we, with the whole instance,
        // since whatever the call left running can't be trusted to stop.
        this.die({ ok: false, kind: 'timeout', message: `云函数执行超时（${timeoutMs} ms）` });
      }, timeoutMs);
      this.pending = { callId, resolve, timer };
      try {
        this.worker.postMessage({ type: 'invoke', callId, event, context, identity });
      } catch (err) {
        // An event the structured clone cannot copy: the call fails, the instance stays usable.
        this.pending = undefined;
        clearTimeout(timer);
        const message = `事件无法传给实例：${(err as Error).message}`;
        resolve({ ok: false, kind: 'error', message, stack: (err as Error).stack });
      }
    });
  }

  onDeath(listener: () => void): void {
    this.deathListeners.push(listener);
  }

  /** Stops the worker; resolves once the thread has exited. */
  terminate(): Promise<void> {
    this.die({ ok: false, kind: 'shutdown', message: '实例已停止' });
    return this.exited ?? Promise.resolve();
  }

  private onResult(msg: Record<string, unknown>): void {
    const pending = this.pending;
    if (!pending || msg.callId !== pending.callId) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    this.lastUsed = Date.now();
    if (typeof msg.heapBytes === 'number') this.peakHeapBytes = Math.max(this.peakHeapBytes, msg.heapBytes);
    if (msg.ok === true && typeof msg.json === 'string') {
      pending.resolve({ ok: true, json: msg.json });
    } else {
      const message = typeof msg.message === 'string' ? msg.message : '未知错误';
      const stack = typeof msg.stack === 'string' ? msg.stack : undefined;
      pending.resolve({ ok: false, kind: 'error', message, stack });
    }
  }

  private die(outcome: CallOutcome): void {
    if (this.dead) return;
    this.dead = true;
    const pending = this.pending;
    this.pending = undefined;
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve(outcome);
    }
    this.exited = this.worker.terminate().then(
      () => undefined,
      () => undefined,
    );
    for (const listener of this.deathListeners) listener();
    this.deathListeners = [];
  }
}
