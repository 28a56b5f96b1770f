/**
 * Bad input (issue 10): every action of every function, fed hostile events through the real gateway
 * by a caller its access rule lets in, and raw HTTP bodies no client library would send. Each answer
 * must be a contract envelope with a known code (never INTERNAL), a Chinese message that gives away
 * nothing of the implementation, and a refusal must write nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as z from 'zod/mini';
import type { Access } from '../../../cloudfunctions/_shared/runtime/router';
import { collections } from '../../../database/manifest';
import { MAX_FUNCTION_BODY_BYTES } from '../../../tools/local-cloud/gateway/envelope';
import { MAX_EVENT_DEPTH } from '../../../tools/local-cloud/gateway/gateway';
import type { ErrorCode, FunctionName } from '../../../typings/api';
import { startWorld, type World } from '../../helpers/world';
import { ACTION_TABLES } from './action-tables';
import {
  conformingParams,
  fieldsOf,
  hostileValue,
  POLLUTION_MARK,
  paramsFor,
  surrogateString,
} from './adversarial';

/** Runs per action; FC_RUNS raises them (e.g. FC_RUNS=200 for a long soak). */
const RUNS = Number(process.env.FC_RUNS ?? 15);

interface ActionEntry {
  access: Access;
  input: z.core.$ZodType;
}

/** The actions are read from the tables at run time, so a new action is fuzzed without touching this file. */
const TABLES: { [F in FunctionName]: Record<string, ActionEntry> } = ACTION_TABLES;

/** The contract's codes (typings/api/envelope.ts), checked complete by the type below. */
const CODES = {
  INVALID_ARGUMENT: true,
  UNAUTHENTICATED: true,
  FORBIDDEN: true,
  NOT_FOUND: true,
  CONFLICT: true,
  FAILED_PRECONDITION: true,
  RESOURCE_EXHAUSTED: true,
  INTERNAL: true,
} satisfies Record<ErrorCode, true>;
const KNOWN_CODES = new Set<string>(Object.keys(CODES));

const RESIDENT = 'demo-resident-luoyong';
const ROLE_CALLER: Record<string, string> = {
  resident: RESIDENT,
  cadre: 'demo-cadre-village',
  finance: 'demo-finance',
  supervisor: 'demo-supervisor',
  admin: 'demo-admin',
};
/** Where the default caller would be turned away by the handler before it looks at much. */
const CALLER_OVERRIDE: Record<string, string> = {
  'user.register': 'demo-resident',
  'user.faceVerify': 'demo-resident-elder',
};

/** A caller the access rule lets in (undefined: no user, as a timer trigger runs). */
function callerFor(fn: string, action: string, access: Access): string | undefined {
  const override = CALLER_OVERRIDE[`${fn}.${action}`];
  if (override) return override;
  if (access === 'system') return undefined;
  if (access === 'anyone' || access === 'registered' || access === 'verified') return RESIDENT;
  const role = access[0];
  const openid = role ? ROLE_CALLER[role] : undefined;
  if (!openid) throw new Error(`no demo caller for ${fn}.${action} (${JSON.stringify(access)})`);
  return openid;
}

const CASES = Object.entries(TABLES).flatMap(([fn, table]) =>
  Object.entries(table).map(([action, def]) => ({ fn, action, def })),
);

const CJK = /[\u3400-\u9fff]/;
/** What an answer must never show: stack frames, paths, error class names, engine words. */
const INTERNALS =
  /Error:|TypeError|ReferenceError|SyntaxError|RangeError|undefined|\$|mongo|sqlite|zod|node_modules|\/work\/|\/tmp\/|\.[jt]s:\d|\bat\s+\S+\s+\(|_zod|prototype|__proto__|Cannot read|is not a function|JSON/i;
/** For accepted answers, whose data may echo the caller's own text: only stack-like leaks. */
const STACK_LIKE = /\bat\s+\S+\s+\([^)]*:\d+:\d+\)|node_modules|\/work\/main|TypeError|ReferenceError/;

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

/** A body the gateway cannot take as an event: 400 INVALID_ARGUMENT, nothing written. */
async function expectRefusedBody(fn: string, body: string, shown: string): Promise<void> {
  const before = world.store.writeVersion();
  const answer = await post(fn, body, RESIDENT);
  expect({ status: answer.status, code: checkEnvelope(`${fn} ${shown}`, answer) }).toEqual({
    status: 400,
    code: 'INVALID_ARGUMENT',
  });
  expect(world.store.writeVersion()).toBe(before);
}

/** POSTs raw bytes to a function the way a client would, as `openid`. */
async function post(fn: string, body: string | Uint8Array, openid?: string): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (openid !== undefined) headers['X-WX-OPENID'] = openid;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${world.url}/functions/${fn}`, { method: 'POST', headers, body });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      throw new Error(`${fn}: HTTP ${res.status} answered something that is not JSON: ${text.slice(0, 200)}`);
    }
    // A function of the contract that is "not there" is being rebuilt (npm run build:functions
    // elsewhere on this machine): the call never reached it, so wait for the build and send it again.
    if (res.status === 404 && Object.hasOwn(TABLES, fn) && attempt < 1) {
      await waitForBuild(fn);
      continue;
    }
    return { status: res.status, body: parsed, text };
  }
}

async function waitForBuild(fn: string): Promise<void> {
  const file = path.join(__dirname, '..', '..', '..', 'build', 'cloudfunctions', fn, 'index.js');
  for (let waited = 0; waited < 60_000; waited += 500) {
    if (fs.existsSync(file)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // The writer may still be finishing the file.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
}

/** Checks the envelope; returns the failure code, or null for `ok: true`. */
function checkEnvelope(where: string, answer: Answer): ErrorCode | null {
  const body = answer.body as Record<string, unknown>;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`${where}: not an envelope: ${answer.text.slice(0, 300)}`);
  }
  if (body.ok === true) {
    if (!('data' in body)) throw new Error(`${where}: ok:true without data`);
    if (STACK_LIKE.test(answer.text)) throw new Error(`${where}: accepted answer leaks internals`);
    return null;
  }
  if (body.ok !== false) throw new Error(`${where}: envelope without ok: ${answer.text.slice(0, 300)}`);
  const { code, message } = body;
  if (typeof code !== 'string' || !KNOWN_CODES.has(code))
    throw new Error(`${where}: unknown code ${String(code)}`);
  if (code === 'INTERNAL') throw new Error(`${where}: INTERNAL (a crash): ${answer.text.slice(0, 300)}`);
  if (typeof message !== 'string' || !CJK.test(message)) {
    throw new Error(`${where}: message is not Chinese: ${JSON.stringify(message)}`);
  }
  if (INTERNALS.test(message)) throw new Error(`${where}: message leaks internals: ${message}`);
  const extra = Object.keys(body).filter((k) => !['ok', 'code', 'message', 'requestId'].includes(k));
  if (extra.length > 0)
    throw new Error(`${where}: failure carries more than the envelope: ${extra.join(',')}`);
  return code as ErrorCode;
}

/** How many objects/arrays deep `v` nests (a scalar is 0). */
function depthOf(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  let deepest = 0;
  for (const child of Object.values(v)) deepest = Math.max(deepest, depthOf(child));
  return deepest + 1;
}

/** The JSON the gateway hands the function, minus what the router never treats as parameters. */
function paramsAsReceived(text: string): Record<string, unknown> {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => k !== 'action' && k !== 'userInfo'));
}

let world: World;
const STATS: Record<string, Record<string, number>> = {};
afterAll(() => {
  if (process.env.FC_STATS) console.log(JSON.stringify(STATS, null, 1));
});
const prototypeKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

/**
 * Ids and codes of real documents, so that well-formed inputs sometimes name something that exists.
 * The accounts this suite calls as are left out: a well-formed admin.revokeRole naming one of them is
 * an allowed change, and would leave the calls after it without the caller they expect.
 */
const realIds: string[] = [];
const OWN_CALLERS = new Set(
  [...Object.values(ROLE_CALLER), ...Object.values(CALLER_OVERRIDE)].map((openid) => `u-${openid}`),
);

beforeAll(async () => {
  world = await startWorld();
  for (const { name } of collections) {
    const { data } = await world.db.collection(name).where({}).orderBy('_id', 'asc').limit(4).get();
    for (const doc of data as Array<Record<string, unknown>>) {
      for (const v of [doc._id, doc.code])
        if (typeof v === 'string' && v.length <= 80 && !OWN_CALLERS.has(v)) realIds.push(v);
    }
  }
}, 60_000);
afterAll(() => world?.close());

describe('every action, hostile events through the gateway', () => {
  test('the table covers every function folder', async () => {
    const built = fs
      .readdirSync(path.join(__dirname, '..', '..', '..', 'cloudfunctions'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
      .map((d) => d.name)
      .sort();
    expect(Object.keys(TABLES).sort()).toEqual(built);
    expect(CASES.length).toBeGreaterThan(50);
  });

  test.each(CASES.map((c) => [`${c.fn}.${c.action}`, c] as const))(
    '%s answers a known code, leaks nothing and writes nothing on refusal',
    async (_name, { fn, action, def }) => {
      const openid = callerFor(fn, action, def.access);
      const fields = fieldsOf(def.input);
      const forced = fields.length
        ? fc.option(fc.tuple(fc.constantFrom(...fields), hostileValue), { nil: undefined, freq: 2 })
        : fc.constant(undefined);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(paramsFor(def.input), conformingParams(def.input, realIds)),
          forced,
          async (params, force) => {
            const event: Record<string, unknown> = { ...params };
            if (force)
              Object.defineProperty(event, force[0], { value: force[1], enumerable: true, writable: true });
            Object.defineProperty(event, 'action', { value: action, enumerable: true, writable: true });
            const text = JSON.stringify(event);
            const bytes = Buffer.byteLength(text);
            const valid = z.safeParse(def.input, paramsAsReceived(text)).success;

            const before = world.store.writeVersion();
            const answer = await post(fn, text, openid);
            const where = `${fn}.${action} (${bytes} B, ${valid ? 'valid' : 'invalid'} input)`;
            const code = checkEnvelope(where, answer);
            if (process.env.FC_STATS) {
              const k = `${valid ? 'valid' : 'invalid'}:${code ?? 'OK'}`;
              STATS[`${fn}.${action}`] = {
                ...STATS[`${fn}.${action}`],
                [k]: (STATS[`${fn}.${action}`]?.[k] ?? 0) + 1,
              };
            }
            if (code !== null) {
              refused++;
              expect({ where, writeVersion: world.store.writeVersion() }).toEqual({
                where,
                writeVersion: before,
              });
            }
            if (bytes > MAX_FUNCTION_BODY_BYTES) {
              expect({ where, status: answer.status, code }).toEqual({
                where,
                status: 413,
                code: 'RESOURCE_EXHAUSTED',
              });
            } else if (depthOf(JSON.parse(text)) > MAX_EVENT_DEPTH) {
              // The gateway refuses what it could not hand to an instance, as a client error.
              expect({ where, status: answer.status, code }).toEqual({
                where,
                status: 400,
                code: 'INVALID_ARGUMENT',
              });
            } else if (!valid) {
              expect({ where, code }).toEqual({ where, code: 'INVALID_ARGUMENT' });
            }
          },
        ),
        // Without declared fields only the extra keys vary: fewer runs cover them.
        { numRuns: fields.length > 0 ? RUNS : Math.ceil(RUNS / 3) },
      );
      // The generators are meant to be hostile: most runs must have been turned away.
      if (fields.length > 0 && RUNS >= 10) expect(refused).toBeGreaterThan(0);
    },
    120_000,
  );
});

describe('raw bodies no SDK would send', () => {
  const FUNCTIONS = Object.keys(TABLES);

  test('a body over 100 KB is RESOURCE_EXHAUSTED before any function runs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FUNCTIONS),
        fc.integer({ min: MAX_FUNCTION_BODY_BYTES + 1, max: 3 * MAX_FUNCTION_BODY_BYTES }),
        fc.constantFrom('string', 'array', 'nested', 'garbage'),
        async (fn, size, shape) => {
          const head = `{"action":"${Object.keys(TABLES[fn as FunctionName])[0]}","x":`;
          const fill = size - head.length - 1;
          const body =
            shape === 'string'
              ? `${head}"${'a'.repeat(fill - 2)}"}`
              : shape === 'array'
                ? `${head}[${'0,'.repeat(Math.floor((fill - 3) / 2))}0]}`
                : shape === 'nested'
                  ? `${head}${'['.repeat(Math.floor(fill / 2))}${']'.repeat(Math.floor(fill / 2))}}`
                  : 'z'.repeat(size);
          expect(Buffer.byteLength(body)).toBeGreaterThan(MAX_FUNCTION_BODY_BYTES);
          const before = world.store.writeVersion();
          const answer = await post(fn, body, RESIDENT);
          expect({ status: answer.status, code: checkEnvelope(`${fn} ${size} B`, answer) }).toEqual({
            status: 413,
            code: 'RESOURCE_EXHAUSTED',
          });
          expect(world.store.writeVersion()).toBe(before);
        },
      ),
      { numRuns: Math.max(10, Math.ceil(RUNS / 2)) },
    );
  }, 60_000);

  test('the limit is 100 KB exactly: one byte more is refused, the limit itself is not', async () => {
    const head = '{"action":"login","x":"';
    const at = (bytes: number) => `${head}${'a'.repeat(bytes - head.length - 2)}"}`;
    const atLimit = await post('user', at(MAX_FUNCTION_BODY_BYTES), RESIDENT);
    expect(checkEnvelope('user.login at the limit', atLimit)).toBeNull();
    const over = await post('user', at(MAX_FUNCTION_BODY_BYTES + 1), RESIDENT);
    expect({ status: over.status, code: checkEnvelope('user.login one byte over', over) }).toEqual({
      status: 413,
      code: 'RESOURCE_EXHAUSTED',
    });
  });

  test('a function name that is no function is NOT_FOUND, whatever it spells', async () => {
    const names = [
      '__proto__',
      'constructor',
      'prototype',
      '_shared',
      '..',
      '%2e%2e%2fuser',
      'user%00',
      'USER',
      'user.js',
      '%24ne',
      '%E0%A4%A',
      '%ED%A0%80',
      'k'.repeat(300),
    ];
    for (const name of names) {
      const answer = await post(name, '{"action":"login"}', RESIDENT);
      const body = answer.body as { message?: unknown };
      // The message may name what was asked for; apart from that it must give nothing away.
      const decoded = (() => {
        try {
          return decodeURIComponent(name);
        } catch {
          return name;
        }
      })();
      if (typeof body.message === 'string') body.message = body.message.split(decoded).join('');
      expect({ name, status: answer.status, code: checkEnvelope(`/functions/${name}`, answer) }).toEqual({
        name,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
  });

  test('a body that is not JSON is INVALID_ARGUMENT', async () => {
    const broken = fc.oneof(
      fc.constantFrom(
        '{',
        '{"action":',
        '{"action":"login"',
        "{'action':'login'}",
        '{action:"login"}',
        '{"action":"login",}',
        'NaN',
        'undefined',
        '{"action":"login"}}',
        '\u0000',
        '{"action":"\\ud800\\"}',
      ),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FUNCTIONS), broken, async (fn, body) => {
        fc.pre(!parsesAsJson(body));
        await expectRefusedBody(fn, body, JSON.stringify(body));
      }),
      { numRuns: RUNS * 2 },
    );
  }, 60_000);

  test('JSON that is not an object is INVALID_ARGUMENT', async () => {
    const notObject = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
      fc.constantFrom<unknown>(null, 0, '', 'login', [{ action: 'login' }], true),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FUNCTIONS), notObject, async (fn, value) => {
        await expectRefusedBody(fn, JSON.stringify(value), JSON.stringify(value));
      }),
      { numRuns: RUNS * 2 },
    );
  }, 60_000);

  test('invalid UTF-8 and escaped lone surrogates anywhere in the body answer a known code', async () => {
    const cases = CASES.filter((c) => fieldsOf(c.def.input).length > 0);
    const badBytes = fc.constantFrom(
      [0xed, 0xa0, 0x80], // a UTF-16 surrogate encoded as if it were a code point
      [0xed, 0xbf, 0xbf],
      [0xff],
      [0xc0, 0x80], // overlong NUL
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0xe7, 0xbd], // truncated 罗
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cases),
        fc.boolean(),
        badBytes,
        surrogateString,
        fc.constantFrom('value', 'key', 'action'),
        async ({ fn, action, def }, raw, bytes, lone, place) => {
          const field = fieldsOf(def.input)[0]!;
          let body: Uint8Array;
          if (raw) {
            // Invalid UTF-8 bytes inside a string of an otherwise well-formed event.
            const [pre, post] =
              place === 'action'
                ? [`{"action":"${action}`, `"}`]
                : place === 'key'
                  ? [`{"action":"${action}","${field}`, `":"1"}`]
                  : [`{"action":"${action}","${field}":"`, `"}`];
            body = Buffer.concat([Buffer.from(pre), Buffer.from(bytes), Buffer.from(post)]);
          } else {
            // Lone surrogates as JSON escapes (what JSON.stringify sends for them).
            const event: Record<string, unknown> =
              place === 'action'
                ? { action: `${action}${lone}` }
                : place === 'key'
                  ? { action, [`${field}${lone}`]: 'x', [field]: lone }
                  : { action, [field]: lone };
            body = Buffer.from(JSON.stringify(event));
          }
          const openid = callerFor(fn, action, def.access);
          const before = world.store.writeVersion();
          const answer = await post(fn, body, openid);
          const code = checkEnvelope(`${fn}.${action} (${raw ? 'bytes' : 'escaped'} in ${place})`, answer);
          if (code !== null) expect(world.store.writeVersion()).toBe(before);
          if (place === 'action') expect(code).toBe('INVALID_ARGUMENT');
        },
      ),
      { numRuns: RUNS * 3 },
    );
  }, 60_000);

  test('nesting as deep as 100 KB allows is refused as INVALID_ARGUMENT, not a crash', async () => {
    for (const fn of FUNCTIONS) {
      const action = Object.keys(TABLES[fn as FunctionName])[0]!;
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ] as const) {
        const head = `{"action":"${action}","x":`;
        const depth = Math.floor((MAX_FUNCTION_BODY_BYTES - head.length - 16) / (open.length + close.length));
        const body = `${head}${open.repeat(depth)}1${close.repeat(depth)}}`;
        expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_FUNCTION_BODY_BYTES);
        const answer = await post(
          fn,
          body,
          callerFor(fn, action, TABLES[fn as FunctionName][action]!.access),
        );
        const where = `${fn}.${action} nested ${depth} deep with ${open}`;
        expect({ where, status: answer.status, code: checkEnvelope(where, answer) }).toEqual({
          where,
          status: 400,
          code: 'INVALID_ARGUMENT',
        });
      }
    }
    // An event the instance cannot be handed (only an in-process caller can make one) fails the
    // call without keeping the instance busy forever.
    const uncloneable = await world.cloud.invoke('user', { action: 'login', f: () => 1 }, RESIDENT);
    expect(uncloneable).toMatchObject({ ok: false, code: 'INTERNAL' });
    // The refusals happened before any instance was taken: none is left busy.
    for (const [name, pool] of Object.entries(world.cloud.functionStats())) {
      expect({ name, busy: pool.busy }).toEqual({ name, busy: 0 });
    }
  }, 60_000);

  test('an empty body, or one with no action, is asked what to do', async () => {
    for (const fn of FUNCTIONS) {
      for (const body of [
        '',
        '{}',
        '{"action":""}',
        '{"action":{"$ne":null}}',
        '{"__proto__":{"action":"x"}}',
      ]) {
        const answer = await post(fn, body, RESIDENT);
        expect({ fn, body, code: checkEnvelope(`${fn} ${body}`, answer) }).toEqual({
          fn,
          body,
          code: 'INVALID_ARGUMENT',
        });
      }
    }
  });
});

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('hostile text inside well-formed input', () => {
  test('is stored and read back as sent, never interpreted', async () => {
    const piece = fc.oneof(
      surrogateString,
      fc.constantFrom('$ne', '{"$gt":""}', '__proto__', 'constructor.prototype', '<script>', "'; --", '罗勇'),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
    );
    const text = fc
      .array(piece, { minLength: 1, maxLength: 6 })
      .map((parts) => `举报内容：${parts.join(' ')}，请核查。`)
      .filter((s) => s.trim().length >= 10 && s.trim().length <= 2000);
    await fc.assert(
      fc.asyncProperty(text, fc.option(piece, { nil: undefined }), async (content, accusedText) => {
        const accused = accusedText?.trim().slice(0, 60) || undefined;
        const event = {
          action: 'submit',
          kind: 'other',
          anonymous: true,
          regionCode: '511702001001',
          content,
          ...(accused ? { accusedText: accused } : {}),
        };
        const submitted = await post('tipoff', JSON.stringify(event), RESIDENT);
        expect(checkEnvelope(`tipoff.submit ${JSON.stringify(content)}`, submitted)).toBeNull();
        const { trackingCode, secret } = (
          submitted.body as { data: { trackingCode: string; secret: string } }
        ).data;
        const tracked = await post(
          'tipoff',
          JSON.stringify({ action: 'track', trackingCode, secret }),
          RESIDENT,
        );
        expect(checkEnvelope('tipoff.track', tracked)).toBeNull();
        // The supervisor reads it back exactly as written.
        const { data } = await world.db.collection('tipoffs').where({ code: trackingCode }).limit(1).get();
        const tipoffId = (data[0] as { _id: string })._id;
        const detail = await post(
          'tipoff',
          JSON.stringify({ action: 'detail', tipoffId }),
          'demo-supervisor',
        );
        expect(checkEnvelope('tipoff.detail', detail)).toBeNull();
        expect((detail.body as { data: { content: string } }).data.content).toBe(content.trim());
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});

describe('after the storm', () => {
  test('Object.prototype of the test process is untouched', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeysBefore);
    expect(({} as Record<string, unknown>)[POLLUTION_MARK]).toBeUndefined();
  });

  test('no stored document carries an operator or prototype key', async () => {
    const names = collections.map((c) => c.name);
    const docs = JSON.parse(await world.snapshot(...names)) as Array<[string, unknown[]]>;
    const bad: string[] = [];
    const walk = (v: unknown, path: string): void => {
      if (Array.isArray(v)) {
        v.forEach((x, i) => {
          walk(x, `${path}[${i}]`);
        });
      } else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k.startsWith('$') || k === '__proto__' || k === 'constructor' || k === 'prototype') {
            bad.push(`${path}.${k}`);
          }
          walk(x, `${path}.${k}`);
        }
      }
    };
    for (const [name, all] of docs) walk(all, name);
    expect(bad).toEqual([]);
  });

  test('the audit log the accepted calls appended still verifies', async () => {
    const verified = await world.ok('supervision', 'auditVerify', {}, 'demo-supervisor');
    expect(verified).toMatchObject({ ok: true, firstBroken: null });
  });

  test('the instances are not poisoned: ordinary calls still behave', async () => {
    const me = await world.ok('user', 'login', {}, RESIDENT);
    expect(me.roles).toEqual([{ role: 'resident' }]);
    await world.ok('declaration', 'listProjects', {}, RESIDENT);
    await world.ok('admin', 'listRegions', {}, RESIDENT);
    await world.ok('approval', 'queue', {}, 'demo-cadre-village');
    await world.ok('payment', 'batches', {}, 'demo-finance');
    await world.ok('supervision', 'alerts', {}, 'demo-supervisor');
    await world.ok('tipoff', 'list', {}, 'demo-supervisor');
    await world.ok('publicity', 'list', { regionCode: '511702001001' }, RESIDENT);
    // A polluted prototype would hand these callers roles or a verification they do not have.
    expect(await world.call('admin', 'listStaff', {}, RESIDENT)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await world.call('payment', 'summary', {}, 'demo-resident-elder')).toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    expect(await world.call('admin', 'listStaff', {}, 'nobody-at-all')).toMatchObject({ ok: false });
    expect(await world.call('scheduler', 'tick', {}, RESIDENT)).toMatchObject({ code: 'FORBIDDEN' });
  });
});
