/**
 * A sustained mixed load on a running local cloud, from a second process: arranges declarations to
 * review, spawns the generator (tools/load/generator.ts, through tsx), samples this process's memory
 * (the local cloud's server, store and function instances all live here) while it runs, then checks
 * the outcome:
 *   - every answer is ok or RESOURCE_EXHAUSTED (the gateway's refusal when a function's instances and
 *     queue are full; the call never ran);
 *   - no lost write: every acknowledged tip-off, registration, verification, declaration and review is
 *     in the database exactly once (its document, its timeline entry, its audit entry), nothing
 *     unacknowledged was written, notices marked read are read, and the audit chain verifies;
 *   - memory flat: after the warm-up, the last third of the samples against the first third.
 * Used by `npm run load` (tools/load/index.ts) and tests/cloud/hardening/load.test.ts.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { sealAudit, verifyAuditLog } from '../../cloudfunctions/_shared/audit/audit-log';
import type { Database } from '../../cloudfunctions/_shared/db/database';
import { checkCharacter } from '../../miniprogram/shared/idcard';
import type { Result } from '../../typings/api/envelope';
import { readAll } from '../seed/connect';
import type { Acknowledged, GeneratorConfig, GeneratorReport } from './protocol';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX_CLI = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const GENERATOR = path.join(__dirname, 'generator.ts');

/** The demo world's people and places the load uses (tools/seed). */
export const DEMO = {
  villageCode: '511702001001',
  resident: 'demo-resident-luoyong',
  villageCadre: 'demo-cadre-village',
  townshipCadre: 'demo-cadre-township',
  supervisor: 'demo-supervisor',
} as const;

export interface LoadOptions {
  /** The local cloud's base URL (loopback). */
  url: string;
  /** Its database, for arranging and checking. */
  db: Database;
  /** The gateway's per-function stats (instances, the largest heap an instance reported). */
  functionStats: () => Record<string, { instances: number; peakHeapBytes: number }>;
  durationMs: number;
  users: number;
  /** Declarations arranged for review before the load starts. Default 10. */
  arranged?: number;
  /**
   * Instances started per function before the load (concurrent calls to a cold pool each start one):
   * with the gateway's pool size here, the pools are full from the start and memory is compared
   * at a constant number of instances. Default 1.
   */
  prefill?: number;
  /** Share of the run left out of the memory comparison. Default 0.2. */
  warmupFraction?: number;
  /** Largest accepted ratio of the last third's mean memory to the first third's. Default 1.5. */
  maxGrowth?: number;
  sampleEveryMs?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface MemorySample {
  /** Milliseconds since the generator started. */
  t: number;
  rss: number;
  heapUsed: number;
  /** The largest heap any function instance reported so far. */
  workerPeakHeap: number;
  instances: number;
}

export interface Growth {
  first: number;
  last: number;
  ratio: number;
}

export interface LoadReport {
  durationMs: number;
  users: number;
  generator: GeneratorReport;
  memory: {
    samples: number;
    compared: number;
    warmupMs: number;
    maxGrowth: number;
    rss: Growth;
    heapUsed: Growth;
    workerPeakHeap: Growth;
    instances: { first: number; last: number };
    peakRss: number;
  };
  /** The database when the load started. */
  before: Before;
  /** What the database holds afterwards, against what was acknowledged. */
  writes: Record<string, { acknowledged: number; found: number }>;
  auditEntries: number;
  /** Every failed check, in words; empty when the run passed. */
  problems: string[];
}

interface Doc {
  _id: string;
  [key: string]: unknown;
}

async function post<T>(url: string, fn: string, event: Record<string, unknown>, openid: string): Promise<T> {
  for (let refusals = 0; ; refusals++) {
    const res = await fetch(`${url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-WX-OPENID': openid },
      body: JSON.stringify(event),
    });
    const body = (await res.json()) as Result<T>;
    if (body.ok) return body.data;
    if (body.code !== 'RESOURCE_EXHAUSTED' || refusals >= 100)
      throw new Error(`arranging: ${fn}.${String(event.action)} failed: ${body.code} ${body.message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Verified households of the demo village, each with a 高龄津贴 declaration waiting for the village review. */
async function arrange(opts: LoadOptions, tag: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const one = async () => {
    for (let i = next++; i < count; i = next++) {
      const first17 = `511702${'19391231'}${String(i).padStart(3, '0')}`;
      const openid = `${tag}-a${i}`;
      const { userId } = await post<{ userId: string }>(
        opts.url,
        'user',
        {
          action: 'register',
          name: '预备户主',
          idNumber: first17 + checkCharacter(first17),
          mobile: '13412345678',
          villageCode: DEMO.villageCode,
          household: { mode: 'head' },
        },
        openid,
      );
      await opts.db
        .collection('users')
        .doc(userId)
        .update({ data: { verification: 'verified' } });
      const { declarationId, status } = await post<{ declarationId: string; status: string }>(
        opts.url,
        'declaration',
        {
          action: 'submit',
          code: 'GAOLING',
          answers: { livingWith: 'alone' },
          attachments: [
            { materialKey: 'idCard', fileID: `cloud://ykt-local.local/declarations/${userId}/idCard/1.jpg` },
          ],
        },
        openid,
      );
      if (status !== 'in_review') throw new Error(`arranging: declaration ${declarationId} is ${status}`);
      ids.push(declarationId);
    }
  };
  await Promise.all([one(), one(), one()]);
  return ids.sort();
}

/** The functions the load calls. */
export const LOAD_FUNCTIONS = [
  'user',
  'payment',
  'publicity',
  'declaration',
  'tipoff',
  'approval',
  'supervision',
];

/** A cheap read of each function of the mix, `n` at once, so that each pool starts `n` instances. */
async function prefill(opts: LoadOptions, n: number): Promise<void> {
  const reads: Array<[string, Record<string, unknown>, string]> = [
    ['user', { action: 'notices' }, DEMO.resident],
    ['payment', { action: 'summary' }, DEMO.resident],
    ['publicity', { action: 'list', regionCode: DEMO.villageCode }, DEMO.resident],
    ['declaration', { action: 'mine' }, DEMO.resident],
    ['tipoff', { action: 'mine' }, DEMO.resident],
    ['approval', { action: 'queue' }, DEMO.villageCadre],
    ['supervision', { action: 'dashboard' }, DEMO.supervisor],
  ];
  // About six workers starting at a time: a few dozen at once on two cores would outlast their start
  // timeout.
  const together = Math.max(1, Math.floor(6 / n));
  for (let i = 0; i < reads.length; i += together) {
    await Promise.all(
      reads
        .slice(i, i + together)
        .flatMap(([fn, event, openid]) => Array.from({ length: n }, () => post(opts.url, fn, event, openid))),
    );
  }
}

/** Runs the generator in its own process; its report, or the reason it failed. */
function runGenerator(config: GeneratorConfig, log: (line: string) => void): Promise<GeneratorReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX_CLI, GENERATOR, JSON.stringify(config)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TENCENTCLOUD: 'true' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    // Bounded: the generator stops starting work at durationMs; whatever is in flight gets two minutes.
    const killer = setTimeout(() => {
      log('负载进程超时，已终止');
      child.kill('SIGKILL');
    }, config.durationMs + 120_000);
    child.on('error', (e) => {
      clearTimeout(killer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(killer);
      const text = Buffer.concat(out).toString('utf8').trim();
      if (code !== 0 || text === '') {
        reject(
          new Error(`load generator exited ${code}: ${Buffer.concat(err).toString('utf8').slice(-2000)}`),
        );
        return;
      }
      try {
        resolve(JSON.parse(text.split('\n').pop() ?? '') as GeneratorReport);
      } catch (e) {
        reject(new Error(`load generator answered no report: ${(e as Error).message}: ${text.slice(-500)}`));
      }
    });
  });
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

function growth(first: MemorySample[], last: MemorySample[], pick: (s: MemorySample) => number): Growth {
  const a = mean(first.map(pick));
  const b = mean(last.map(pick));
  return { first: Math.round(a), last: Math.round(b), ratio: a > 0 ? Math.round((b / a) * 1000) / 1000 : 0 };
}

/** Counts, per `action`, the audit entries and which targets they name. */
function auditIndex(entries: Doc[]): Map<string, Map<string, Doc[]>> {
  const out = new Map<string, Map<string, Doc[]>>();
  for (const e of entries) {
    const action = String(e.action);
    const target = String(e.targetId);
    let byTarget = out.get(action);
    if (!byTarget) {
      byTarget = new Map();
      out.set(action, byTarget);
    }
    byTarget.set(target, [...(byTarget.get(target) ?? []), e]);
  }
  return out;
}

function approvals(declarations: Doc[]): number {
  let n = 0;
  for (const d of declarations) {
    const timeline = Array.isArray(d.timeline) ? (d.timeline as Array<{ event?: string }>) : [];
    n += timeline.filter((t) => t.event === 'approved').length;
  }
  return n;
}

/** What the database held when the load started (after the arranging). */
export interface Before {
  users: number;
  tipoffs: number;
  declarations: number;
  /** Approvals in all declarations' timelines. */
  approvals: number;
  /** Audit entries per action. */
  audit: Record<string, number>;
}

async function before(db: Database): Promise<Before> {
  // Entries riding in their documents are moved into the log first, as the scheduler would.
  await sealAudit(db);
  const audit: Record<string, number> = {};
  for (const e of await readAll<Doc>(db, 'audit_log'))
    audit[String(e.action)] = (audit[String(e.action)] ?? 0) + 1;
  const declarations = await readAll<Doc>(db, 'declarations');
  return {
    users: (await readAll<Doc>(db, 'users')).length,
    tipoffs: (await readAll<Doc>(db, 'tipoffs')).length,
    declarations: declarations.length,
    approvals: approvals(declarations),
    audit,
  };
}

/**
 * Holds what the database says against what the generator saw acknowledged; failed checks are added
 * to `problems`.
 */
export async function checkWrites(
  db: Database,
  was: Before,
  acked: Acknowledged,
  problems: string[],
): Promise<{ writes: LoadReport['writes']; auditEntries: number }> {
  // Every entry into its chain first, as the scheduler would; then all are in the log to be counted.
  await sealAudit(db);
  const [users, tipoffs, declarations, notifications, audit] = await Promise.all(
    ['users', 'tipoffs', 'declarations', 'notifications', 'audit_log'].map((c) => readAll<Doc>(db, c)),
  );
  const byId = (docs: Doc[] | undefined) => new Map((docs ?? []).map((d) => [d._id, d]));
  const userDocs = byId(users);
  const tipoffDocs = byId(tipoffs);
  const declarationDocs = byId(declarations);
  const noticeDocs = byId(notifications);
  const audits = auditIndex(audit ?? []);
  const writes: LoadReport['writes'] = {};
  const problem = (text: string) => {
    if (problems.length < 50) problems.push(text);
  };

  const auditOnce = (action: string, target: string, match: (e: Doc) => boolean = () => true) => {
    const n = (audits.get(action)?.get(target) ?? []).filter(match).length;
    if (n !== 1) problem(`${action} ${target}: ${n} audit entries, expected exactly 1`);
  };
  const auditDelta = (action: string, expected: number) => {
    const n =
      (audits.get(action) ? [...audits.get(action)!.values()].flat().length : 0) - (was.audit[action] ?? 0);
    if (n !== expected) problem(`${action}: ${n} new audit entries for ${expected} acknowledged`);
  };
  const unique = (kind: string, ids: string[]) => {
    if (new Set(ids).size !== ids.length) problem(`${kind}: the same id acknowledged twice`);
  };

  // Tip-offs: one document per tracking code, nothing unacknowledged.
  unique('tipoff.submit', acked.tipoffs);
  let found = 0;
  for (const code of acked.tipoffs) {
    if (tipoffDocs.get(code)?.code === code) found++;
    else problem(`tipoff ${code} acknowledged but not in the database`);
    auditOnce('tipoff.submit', code);
  }
  writes['tipoff.submit'] = { acknowledged: acked.tipoffs.length, found };
  if ((tipoffs ?? []).length - was.tipoffs !== acked.tipoffs.length)
    problem(
      `tipoffs: ${(tipoffs ?? []).length - was.tipoffs} new documents for ${acked.tipoffs.length} acknowledged`,
    );
  auditDelta('tipoff.submit', acked.tipoffs.length);

  // Registrations and the cadre's confirmations.
  unique('user.register', acked.registrations);
  found = 0;
  for (const id of acked.registrations) {
    if (userDocs.get(id)?.registered === true) found++;
    else problem(`user ${id} registered (acknowledged) but not in the database`);
    auditOnce('user.register', id);
  }
  writes['user.register'] = { acknowledged: acked.registrations.length, found };
  if ((users ?? []).length - was.users !== acked.registrations.length)
    problem(
      `users: ${(users ?? []).length - was.users} new documents for ${acked.registrations.length} registrations`,
    );
  auditDelta('user.register', acked.registrations.length);
  found = 0;
  for (const id of acked.verifications) {
    if (userDocs.get(id)?.verification === 'verified') found++;
    else problem(`user ${id} confirmed (acknowledged) but not verified in the database`);
    auditOnce('user.verify', id);
  }
  writes['user.verify'] = { acknowledged: acked.verifications.length, found };
  auditDelta('user.verify', acked.verifications.length);

  // Declarations.
  unique('declaration.submit', acked.declarations);
  found = 0;
  for (const id of acked.declarations) {
    if (declarationDocs.has(id)) found++;
    else problem(`declaration ${id} acknowledged but not in the database`);
    auditOnce('declaration.submit', id);
  }
  writes['declaration.submit'] = { acknowledged: acked.declarations.length, found };
  if ((declarations ?? []).length - was.declarations !== acked.declarations.length)
    problem(
      `declarations: ${(declarations ?? []).length - was.declarations} new documents for ${acked.declarations.length} acknowledged`,
    );
  auditDelta('declaration.submit', acked.declarations.length);

  // Reviews: one approval in the declaration's timeline for the stage decided, one audit entry.
  unique(
    'approval.review',
    acked.reviews.map((r) => `${r.declarationId}/${r.stage}`),
  );
  found = 0;
  for (const r of acked.reviews) {
    const timeline = declarationDocs.get(r.declarationId)?.timeline;
    const entries = Array.isArray(timeline)
      ? (timeline as Array<{ stage?: string; event?: string }>).filter(
          (t) => t.stage === r.stage && t.event === 'approved',
        ).length
      : 0;
    if (entries === 1) found++;
    else
      problem(
        `review ${r.declarationId} ${r.stage}: ${entries} approvals in its timeline, expected exactly 1`,
      );
    auditOnce('approval.review', r.declarationId, (e) => {
      const detail = e.detail as { stage?: string } | undefined;
      return detail?.stage === r.stage;
    });
  }
  writes['approval.review'] = { acknowledged: acked.reviews.length, found };
  const newApprovals = approvals(declarations ?? []) - was.approvals;
  if (newApprovals !== acked.reviews.length)
    problem(`timelines: ${newApprovals} new approvals for ${acked.reviews.length} acknowledged reviews`);
  auditDelta('approval.review', acked.reviews.length);

  // Notices marked read stay read; each marking that changed something left one audit entry.
  const askedRead = [...new Set(acked.readNotices.flatMap((r) => r.ids))];
  found = 0;
  for (const id of askedRead) {
    if (noticeDocs.get(id)?.read === true) found++;
    else problem(`notice ${id} marked read (acknowledged) but unread in the database`);
  }
  writes['user.readNotices'] = { acknowledged: askedRead.length, found };
  auditDelta('user.readNotices', acked.readNotices.filter((r) => r.marked > 0).length);

  const chain = await verifyAuditLog(db);
  if (!chain.ok) problem(`audit chain broken: ${JSON.stringify(chain.break)}`);
  return { writes, auditEntries: chain.entries };
}

export async function runLoad(opts: LoadOptions): Promise<LoadReport> {
  const host = new URL(opts.url).hostname.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host))
    throw new Error(`load runs on loopback only, not ${host}`);
  const log = opts.log ?? (() => undefined);
  const seed = opts.seed ?? 20261126;
  const tag = `load-${Date.now().toString(36)}`;
  const warmupFraction = opts.warmupFraction ?? 0.2;
  const maxGrowth = opts.maxGrowth ?? 1.5;
  const sampleEveryMs = opts.sampleEveryMs ?? 500;

  log(`准备：${opts.arranged ?? 10} 份待审核的申报…`);
  const reviewable = await arrange(opts, tag, opts.arranged ?? 10);
  log(`准备：每个云函数启动 ${opts.prefill ?? 1} 个实例…`);
  await prefill(opts, opts.prefill ?? 1);
  const was = await before(opts.db);

  const config: GeneratorConfig = {
    url: opts.url,
    durationMs: opts.durationMs,
    users: opts.users,
    tag,
    villageCode: DEMO.villageCode,
    resident: DEMO.resident,
    villageCadre: DEMO.villageCadre,
    townshipCadre: DEMO.townshipCadre,
    supervisor: DEMO.supervisor,
    reviewable,
    year: new Date().getUTCFullYear(),
    seed,
  };

  const samples: MemorySample[] = [];
  const started = Date.now();
  const sample = () => {
    const m = process.memoryUsage();
    const stats = Object.values(opts.functionStats());
    samples.push({
      t: Date.now() - started,
      rss: m.rss,
      heapUsed: m.heapUsed,
      workerPeakHeap: Math.max(0, ...stats.map((s) => s.peakHeapBytes)),
      instances: stats.reduce((n, s) => n + s.instances, 0),
    });
  };
  const sampler = setInterval(sample, sampleEveryMs);
  const progress = setInterval(() => {
    const last = samples[samples.length - 1];
    if (last)
      log(
        `  ${Math.round(last.t / 1000)} 秒：RSS ${mib(last.rss)} MiB，主线程堆 ${mib(last.heapUsed)} MiB，实例 ${last.instances} 个`,
      );
  }, 30_000);
  log(`负载：${opts.users} 个并发用户，${Math.round(opts.durationMs / 1000)} 秒（另一个进程）…`);
  let generator: GeneratorReport;
  try {
    sample();
    generator = await runGenerator(config, log);
  } finally {
    clearInterval(sampler);
    clearInterval(progress);
  }

  const problems: string[] = [];
  const unexpectedCodes = Object.keys(generator.codes).filter(
    (c) => c !== 'ok' && c !== 'RESOURCE_EXHAUSTED',
  );
  if (unexpectedCodes.length > 0)
    problems.push(
      `answers other than ok and RESOURCE_EXHAUSTED: ${unexpectedCodes.map((c) => `${c}×${generator.codes[c]}`).join(', ')}; first: ${JSON.stringify(generator.unexpected.slice(0, 5))}`,
    );

  // Memory: the samples after the warm-up, first third against last third.
  const warmupMs = Math.round(opts.durationMs * warmupFraction);
  const steady = samples.filter((s) => s.t >= warmupMs && s.t <= opts.durationMs);
  const third = Math.floor(steady.length / 3);
  const first = steady.slice(0, third);
  const last = steady.slice(steady.length - third);
  const memory: LoadReport['memory'] = {
    samples: samples.length,
    compared: third,
    warmupMs,
    maxGrowth,
    rss: growth(first, last, (s) => s.rss),
    heapUsed: growth(first, last, (s) => s.heapUsed),
    workerPeakHeap: growth(first, last, (s) => s.workerPeakHeap),
    instances: {
      first: Math.round(mean(first.map((s) => s.instances))),
      last: Math.round(mean(last.map((s) => s.instances))),
    },
    peakRss: Math.max(0, ...samples.map((s) => s.rss)),
  };
  if (third < 3) problems.push(`memory: only ${steady.length} samples after the warm-up, too few to compare`);
  // The instances' figure is a peak (it only rises, with whatever garbage a heap held when it was
  // measured): it gets twice the margin. Their heaps are also in the process's RSS.
  const bounds = { rss: maxGrowth, heapUsed: maxGrowth, workerPeakHeap: 1 + 2 * (maxGrowth - 1) };
  for (const key of ['rss', 'heapUsed', 'workerPeakHeap'] as const) {
    if (memory[key].ratio > bounds[key])
      problems.push(
        `memory: ${key} grew ${memory[key].ratio}× from the first third (${mib(memory[key].first)} MiB) to the last (${mib(memory[key].last)} MiB), more than ${bounds[key]}×`,
      );
  }

  log('核对：已确认的写入是否都在数据库中…');
  const { writes, auditEntries } = await checkWrites(opts.db, was, generator.acknowledged, problems);
  return {
    durationMs: opts.durationMs,
    users: opts.users,
    generator,
    memory,
    before: was,
    writes,
    auditEntries,
    problems,
  };
}

export const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The figures, for a terminal. */
export function formatReport(r: LoadReport): string {
  const g = r.generator;
  const lines = [
    '',
    `持续负载：${r.users} 个并发用户，${Math.round(g.wallMs / 1000)} 秒，${g.calls} 次调用，${g.throughput} 次/秒`,
    `  应答：${Object.entries(g.codes)
      .map(([c, n]) => `${c} ${n}`)
      .join('，')}${g.abandoned > 0 ? `；放弃的流程 ${g.abandoned}` : ''}`,
    '',
    '  | 操作 | 调用 | ok | RESOURCE_EXHAUSTED | 其他 | p50 ms | p95 ms | p99 ms | 最长 ms |',
    '  |---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, a] of Object.entries(g.actions)) {
    const ok = a.codes.ok ?? 0;
    const busy = a.codes.RESOURCE_EXHAUSTED ?? 0;
    lines.push(
      `  | ${name} | ${a.calls} | ${ok} | ${busy} | ${a.calls - ok - busy} | ${a.p50} | ${a.p95} | ${a.p99} | ${a.max} |`,
    );
  }
  lines.push('', '  写入（已确认 / 数据库中找到）：');
  for (const [name, w] of Object.entries(r.writes))
    lines.push(`    ${name.padEnd(20)} ${w.acknowledged} / ${w.found}`);
  lines.push(`    审计日志共 ${r.auditEntries} 条，哈希链完整性已核验`);
  const m = r.memory;
  const fmt = (x: Growth) => `${mib(x.first)} → ${mib(x.last)} MiB（×${x.ratio}）`;
  lines.push(
    '',
    `  内存（预热 ${Math.round(m.warmupMs / 1000)} 秒后，前三分之一对后三分之一，各 ${m.compared} 个采样，上限 ×${m.maxGrowth}）：`,
    `    进程 RSS          ${fmt(m.rss)}，峰值 ${mib(m.peakRss)} MiB`,
    `    主线程堆          ${fmt(m.heapUsed)}`,
    `    云函数实例堆峰值  ${fmt(m.workerPeakHeap)}（上限 ×${1 + 2 * (m.maxGrowth - 1)}）`,
    `    云函数实例        ${m.instances.first} → ${m.instances.last} 个`,
    '',
    r.problems.length === 0
      ? '  结论：通过'
      : `  结论：未通过\n${r.problems.map((p) => `    - ${p}`).join('\n')}`,
    '',
  );
  return lines.join('\n');
}
