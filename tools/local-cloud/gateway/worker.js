/**
 * One cloud function instance. Plain CommonJS on purpose: worker threads don't go through jest's or
 * tsx's transform, so this file must run as it is under `node`, `tsx` and jest alike.
 *
 * The worker owns its own `process.env` (Node gives each worker a copy), which is where
 * `wx-server-sdk` reads the caller's identity (`getWXContext()`) and the local cloud's URL. It runs
 * one call at a time: the pool never sends a second call before the first has answered.
 *
 * @typedef {{ functionFile: string, nodePath?: string, clock?: SharedArrayBuffer }} WorkerInput
 * @typedef {{ OPENID?: string, APPID?: string, UNIONID?: string, SOURCE?: string }} Identity
 * @typedef {{ type: 'invoke', callId: number, event: unknown, context: Record<string, unknown>,
 *             identity: Identity }} InvokeMessage
 */
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
const Module = require('node:module');

/** @type {WorkerInput} */
const input = workerData;

/**
 * The local cloud's movable clock (tools/local-cloud/clock.ts): `new Date()` and `Date.now()` here
 * read the machine's clock plus the offset the cloud holds in shared memory, so a moved clock reaches
 * every instance at once. Dates built from a value are untouched; the prototype is the real one, so
 * `instanceof Date` and every library keep working. CloudBase has nothing of the kind.
 * @param {SharedArrayBuffer} buffer
 */
function followCloudClock(buffer) {
  const offset = new Float64Array(buffer);
  const RealDate = Date;
  const realNow = RealDate.now;
  const now = () => realNow() + offset[0];
  /** @this {unknown} */
  function ShiftedDate(/** @type {unknown[]} */ ...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  Object.setPrototypeOf(ShiftedDate, RealDate);
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = now;
  globalThis.Date = /** @type {DateConstructor} */ (/** @type {unknown} */ (ShiftedDate));
}

if (input.clock) followCloudClock(input.clock);

/** The identity keys `getWXContext()` reports; each call sets or clears all of them. */
const CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID'];

/** @param {Identity} identity */
function applyIdentity(identity) {
  const values = { WX_OPENID: identity.OPENID, WX_APPID: identity.APPID, WX_UNIONID: identity.UNIONID };
  for (const key of CONTEXT_KEYS) {
    const value = values[key];
    if (typeof value === 'string' && value !== '') process.env[key] = value;
    else delete process.env[key];
  }
  process.env.WX_CONTEXT_KEYS = CONTEXT_KEYS.join(',');
  if (identity.SOURCE) process.env.TCB_SOURCE = identity.SOURCE;
  else delete process.env.TCB_SOURCE;
}

/** This instance's V8 heap in use after a call (the thread's own, not the whole process). */
function heapBytes() {
  return v8.getHeapStatistics().used_heap_size;
}

/** @param {unknown} err */
function describe(err) {
  if (err instanceof Error) return { message: err.message, stack: err.stack || err.message };
  let text;
  try {
    text = JSON.stringify(err);
  } catch {
    text = String(err);
  }
  return { message: text, stack: text };
}

function load() {
  if (input.nodePath) {
    // Lets a function folder outside the repo still find the repo's wx-server-sdk.
    process.env.NODE_PATH = input.nodePath;
    // Module._initPaths (Node internals, stable for years) re-reads NODE_PATH.
    Module._initPaths();
  }
  const mod = require(input.functionFile);
  const main = mod && typeof mod.main === 'function' ? mod.main : undefined;
  if (!main) throw new Error(`${input.functionFile} 没有导出 main(event, context)`);
  return main;
}

/** @type {(event: unknown, context: unknown) => unknown} */
let main;
try {
  main = load();
  parentPort.postMessage({ type: 'ready' });
} catch (err) {
  parentPort.postMessage({ type: 'loadError', ...describe(err) });
}

parentPort.on('message', async (/** @type {InvokeMessage} */ msg) => {
  if (msg?.type !== 'invoke' || !main) return;
  applyIdentity(msg.identity);
  try {
    const value = await main(msg.event, msg.context);
    // The cloud serializes the return value as JSON; doing the same here keeps Dates, undefined
    // and class instances behaving as they will in production.
    const json = value === undefined ? 'null' : JSON.stringify(value);
    parentPort.postMessage({
      type: 'result',
      callId: msg.callId,
      ok: true,
      json: json === undefined ? 'null' : json,
      heapBytes: heapBytes(),
    });
  } catch (err) {
    parentPort.postMessage({
      type: 'result',
      callId: msg.callId,
      ok: false,
      heapBytes: heapBytes(),
      ...describe(err),
    });
  }
});
