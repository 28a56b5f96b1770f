/**
 * Crashes: the whole local cloud (store + functions gateway, see cloud-child.ts) runs in a child
 * process and is killed with SIGKILL while a bank-file import runs, together with reviews (a batch
 * review, single reviews) and registrations in the first rounds. The kill falls at a chosen database
 * request (as the import's record is written; right after a commit whose answer is then lost; between
 * a chunk's payments and its lines; right after the import is marked done), at a random request, or
 * after a random delay. After each kill the cloud restarts on the same folder: the audit chain must
 * verify and the state must be one the rules allow (a payment only with its line paid or still
 * pending, never for a failed line; the import's cursor only past rows written; a review with its
 * timeline entry, audit entry and notice, or none of them; a registration with its account, ID claim,
 * household and audit entry, or none of them). Then the same calls are made again: the import goes on
 * to the end and pays each line once, with the batch's counts its lines'; reviews done before the
 * crash answer CONFLICT and the others go through, once; registrations likewise. Last, the cloud is
 * killed while it seals the audit log (moving entries out of tip-offs, chaining unsealed ones): after
 * the restart every entry is in its chain exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../../cloudfunctions/_shared/db/database';
import type { DeclarationDoc } from '../../../cloudfunctions/_shared/domain/declarations';
import type { BatchDoc, LineDoc, PaymentDoc } from '../../../cloudfunctions/_shared/domain/payments';
import { parseCsv, type Table, toCsv } from '../../../cloudfunctions/_shared/ports/table-files';
import { generateDataKey, lookupHash } from '../../../cloudfunctions/_shared/runtime/crypto';
import { paymentIdOf } from '../../../cloudfunctions/payment/results';
import { FileStorage } from '../../../tools/local-cloud/storage';
import { connectLocal, demoCatalogue, seedDemo } from '../../../tools/seed';
import { plantApproved } from '../../../tools/seed/plant';
import type {
  ActionName,
  BatchReviewResponse,
  CreateBatchResponse,
  FunctionName,
  ImportProgress,
  RequestOf,
  ResponseOf,
  Result,
} from '../../../typings/api';
import { bankFile, FINANCE, FINANCE_USER } from '../../helpers/payments';
import { testIdNumber, uploaded, VILLAGE_HONGHUA, VILLAGE_MILIN } from '../../helpers/world';

const ROOT = path.resolve(__dirname, '../../..');
const CHILD = path.join(__dirname, 'cloud-child.ts');
const VILLAGE_CADRE = 'demo-cadre-village';
const TOWNSHIP_CADRE = 'demo-cadre-township';
const SUPERVISOR = 'demo-supervisor';

/** A kill point of the child (see cloud-child.ts): the stages are passed in order. */
interface Stage {
  count: number;
  when: 'before' | 'after';
  collection?: string;
  action?: string;
  contains?: string;
}

/** The network failed under a call: the cloud is gone. */
class Gone extends Error {}

class Child {
  readonly exited: Promise<void>;
  readonly db: Database;
  private lines: string[] = [];
  private waiting: Array<{ prefix: string; resolve: (line: string) => void }> = [];

  private constructor(
    readonly proc: ChildProcess,
    readonly url: string,
    exited: Promise<void>,
    stdout: { on(e: 'line', f: (l: string) => void): void },
  ) {
    this.exited = exited;
    this.db = connectLocal(url);
    stdout.on('line', (line) => this.take(line));
  }

  private take(line: string): void {
    const i = this.waiting.findIndex((w) => line.startsWith(w.prefix));
    if (i >= 0) this.waiting.splice(i, 1)[0]?.resolve(line);
    else this.lines.push(line);
  }

  private next(prefix: string): Promise<string> {
    const i = this.lines.findIndex((l) => l.startsWith(prefix));
    if (i >= 0) return Promise.resolve(this.lines.splice(i, 1)[0] as string);
    return new Promise((resolve) => this.waiting.push({ prefix, resolve }));
  }

  static start(dir: string, key: string): Promise<Child> {
    // `node --import tsx` keeps the cloud in this very process, so SIGKILL reaches all of it.
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], {
      cwd: ROOT,
      env: {
        ...process.env,
        YKT_DATA_KEY: key,
        CRASH_PREWARM: 'payment,supervision',
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    spawned.add(proc);
    const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
    let buffered = '';
    const listeners: Array<(l: string) => void> = [];
    const stdout = { on: (_e: 'line', f: (l: string) => void) => listeners.push(f) };
    return new Promise((resolve, reject) => {
      let child: Child | undefined;
      proc.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          const ready = /^READY (\d+)$/.exec(line);
          if (ready && !child) {
            child = new Child(proc, `http://127.0.0.1:${ready[1]}`, exited, stdout);
            resolve(child);
          } else for (const f of listeners) f(line);
        }
      });
      proc.on('exit', (code, signal) => {
        if (!child) reject(new Error(`the cloud child exited before it was ready (${code ?? signal})`));
      });
    });
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Arms the child's self-kill. */
  async arm(stages: Stage[]): Promise<void> {
    this.proc.stdin?.write(`${JSON.stringify(stages)}\n`);
    await this.next('ARMED');
  }

  async kill(): Promise<void> {
    if (this.alive) this.proc.kill('SIGKILL');
    await this.exited;
  }

  async call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    params: RequestOf<F, A>,
    openid?: string,
  ): Promise<Result<ResponseOf<F, A>>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (openid !== undefined) headers['X-WX-OPENID'] = openid;
    let res: Response;
    try {
      res = await fetch(`${this.url}/functions/${fn}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...(params as object), action }),
      });
      return (await res.json()) as Result<ResponseOf<F, A>>;
    } catch (err) {
      throw new Gone(`${fn}.${action}: ${(err as Error).message}`);
    }
  }

  async ok<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    params: RequestOf<F, A>,
    openid?: string,
  ): Promise<ResponseOf<F, A>> {
    const res = await this.call(fn, action, params, openid);
    if (!res.ok) throw new Error(`${fn}.${action} failed: ${res.code} ${res.message}`);
    return res.data;
  }
}

let dir: string;
let key: string;
let cloud: Child;
/** Every child ever started, so that none outlives the file whatever fails. */
const spawned = new Set<ChildProcess>();

beforeAll(async () => {
  process.env.TENCENTCLOUD = 'true';
  key = generateDataKey();
  // The test process seals seeded data with the same key as the functions.
  process.env.YKT_DATA_KEY = key;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ykt-crash-'));
  cloud = await Child.start(path.join(dir, 'data'), key);
  await seedDemo(cloud.db, new Date('2026-11-01T00:00:00Z'));
}, 60_000);

afterAll(async () => {
  for (const proc of spawned) {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
  await cloud?.kill();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const random = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the tasks until the child dies: at the armed kill point, or after `killAfterMs` (then tasks
 * that ended before are fine, and the kill falls between calls). With a kill point armed, the tasks
 * must not all end before it. A call the dying cloud never answered shows up as `Gone`.
 */
async function crashDuring(tasks: Array<() => Promise<unknown>>, killAfterMs?: number): Promise<void> {
  const child = cloud;
  const timer =
    killAfterMs === undefined ? undefined : setTimeout(() => child.proc.kill('SIGKILL'), killAfterMs);
  const settled = await Promise.allSettled(tasks.map((t) => t()));
  if (timer) clearTimeout(timer);
  for (const r of settled) if (r.status === 'rejected' && !(r.reason instanceof Gone)) throw r.reason;
  // A call that found the cloud gone: it died (its exit event may not have arrived yet).
  const gone = settled.some((r) => r.status === 'rejected');
  if (!gone && child.alive) {
    if (killAfterMs === undefined) {
      await child.kill();
      throw new Error('the work ended before the armed kill point');
    }
    child.proc.kill('SIGKILL');
  }
  await child.exited;
  expect(child.proc.signalCode).toBe('SIGKILL');
}

/** Restarts the cloud on the same folder and checks the audit chain is whole. */
async function restart(): Promise<void> {
  await cloud.kill();
  cloud = await Child.start(path.join(dir, 'data'), key);
  const verified = await cloud.ok('supervision', 'auditVerify', {}, SUPERVISOR);
  expect(verified).toMatchObject({ ok: true, firstBroken: null });
}

async function all<T>(db: Database, collection: string, where: Record<string, unknown>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db
      .collection(collection)
      .where(where)
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get();
    out.push(...(data as T[]));
    if (data.length < 1000) return out;
  }
}

interface AuditRow {
  _id: string;
  action: string;
  targetId: string;
  detail: Record<string, unknown>;
}
const auditOf = (targetId: string) => all<AuditRow>(cloud.db, 'audit_log', { targetId });

// ---------------------------------------------------------------------------------------------
// The import, the reviews and the registrations, and what the rules allow of each at any moment
// ---------------------------------------------------------------------------------------------

const gaoling = demoCatalogue(new Date('2026-11-01T00:00:00Z')).find((p) => p.code === 'GAOLING')!;
let batchId = '';
let file = { fileID: '', fileName: 'crash-results.csv' };
/** Line id → what the bank says. */
const outcome = new Map<string, { paid: boolean }>();
let rows: string[] = [];
let importId = '';

const step = async (): Promise<ImportProgress | 'busy'> => {
  const res = await cloud.call('payment', 'importResults', { batchId, ...file }, FINANCE);
  if (res.ok) return res.data;
  // A crashed call's lease lapses after a while; until then the file is "being imported".
  if (res.code === 'CONFLICT' && res.message.includes('正在导入中')) return 'busy';
  throw new Error(`importResults failed: ${res.code} ${res.message}`);
};
const importToEnd = async (): Promise<ImportProgress> => {
  for (let i = 0; i < 400; i++) {
    const r = await step();
    if (r === 'busy') await sleep(200);
    else if (r.state === 'done') return r;
  }
  throw new Error('the import never finished');
};

/** What the rules allow at any moment, crash or no crash. */
async function checkImportState(): Promise<{ cursor: number; done: boolean }> {
  const db = cloud.db;
  const lines = await all<LineDoc>(db, 'payment_lines', { batchId });
  const payments = new Map(
    (await all<PaymentDoc>(db, 'payments', { batchId })).map((p) => [p._id, p] as const),
  );
  expect(lines).toHaveLength(rows.length);
  const slots = new Map(
    (await all<{ _id: string; state: string }>(db, 'paid_slots', { batchId })).map(
      (s) => [s._id, s] as const,
    ),
  );
  const notices = new Set(
    (await all<{ _id: string; paymentId?: string }>(db, 'notifications', { kind: 'payment' })).map(
      (n) => n._id,
    ),
  );
  for (const line of lines) {
    const want = outcome.get(line._id);
    expect(want).toBeDefined();
    const pid = paymentIdOf(line);
    const payment = payments.get(pid);
    // A payment only for a line the bank paid, once, with its line's amount; a line is paid only
    // with its payment; a failed line has none.
    if (payment) {
      expect(want?.paid).toBe(true);
      expect(payment).toMatchObject({
        lineId: line._id,
        amountFen: line.amountFen,
        householdId: line.householdId,
      });
      // Payments are written first: the crash may leave the line pending, never failed.
      expect(['paid', 'pending']).toContain(line.state);
    }
    if (line.state === 'paid') expect(payment).toBeDefined();
    if (line.state === 'failed') expect(want?.paid).toBe(false);
    expect(['pending', 'paid', 'failed']).toContain(line.state);
    // A notice or a paid slot never without the payment they speak of.
    if (notices.has(`N:${pid}`)) expect(payment).toBeDefined();
    if (slots.get(pid.slice(2))?.state === 'paid') expect(payment).toBeDefined();
  }
  expect([...payments.values()].every((p) => outcome.get(p.lineId ?? '')?.paid === true)).toBe(true);

  const { data } = await db.collection('payment_imports').where({ batchId }).limit(10).get();
  expect(data.length).toBeLessThanOrEqual(1);
  const imp = data[0] as
    | { _id: string; cursor: number; state: string; paid: number; failed: number; errorCount: number }
    | undefined;
  if (!imp) return { cursor: 0, done: false };
  importId = imp._id;
  // The cursor moves only after its rows were written, and its counts are those rows', once.
  const byId = new Map(lines.map((l) => [l._id, l] as const));
  const before = rows.slice(0, imp.cursor);
  for (const id of before) expect(byId.get(id)?.state).not.toBe('pending');
  expect(imp.paid).toBe(before.filter((id) => outcome.get(id)?.paid).length);
  expect(imp.failed).toBe(before.filter((id) => !outcome.get(id)?.paid).length);
  expect(imp.errorCount).toBe(0);
  const audit = await auditOf(imp._id);
  // An import that exists was recorded as started; one that is done was recorded as done, once each.
  expect(audit.filter((a) => a.action === 'payment.importResults.start')).toHaveLength(1);
  expect(audit.filter((a) => a.action === 'payment.importResults')).toHaveLength(
    imp.state === 'done' ? 1 : 0,
  );
  return { cursor: imp.cursor, done: imp.state === 'done' };
}

const ITEMS = 6;
const ids: string[] = [];

const load = async (id: string): Promise<DeclarationDoc> => {
  const { data } = await cloud.db.collection('declarations').where({ _id: id }).limit(1).get();
  return data[0] as DeclarationDoc;
};
const stageKey = (d: DeclarationDoc) => d.chain[d.stageIndex ?? -1]?.key ?? null;
const notices = async (id: string) =>
  (await cloud.db.collection('notifications').where({ declarationId: id }).count()).total;

/**
 * Each item either still waits at `stage` untouched, or moved past it with exactly one approval in
 * its timeline, one audit entry and one notice: never half of it.
 */
async function checkReviewed(
  group: string[],
  stage: string,
  before: Map<string, { version: number; notices: number }>,
  mustHaveMoved: boolean,
): Promise<number> {
  let moved = 0;
  for (const id of group) {
    const d = await load(id);
    const was = before.get(id)!;
    const approvals = d.timeline.filter((t) => t.stage === stage && t.event === 'approved');
    const audits = (await auditOf(id)).filter(
      (a) => a.action === 'approval.review' && a.detail.stage === stage,
    );
    if (d.version === was.version) {
      expect(mustHaveMoved).toBe(false);
      expect(stageKey(d)).toBe(stage);
      expect(approvals).toHaveLength(0);
      expect(audits).toHaveLength(0);
      expect(await notices(id)).toBe(was.notices);
    } else {
      moved++;
      expect(d.version).toBe(was.version + 1);
      expect(stageKey(d)).not.toBe(stage);
      expect(approvals).toHaveLength(1);
      expect(audits).toHaveLength(1);
      expect(await notices(id)).toBe(was.notices + 1);
    }
  }
  return moved;
}

async function snapshot(group: string[]): Promise<Map<string, { version: number; notices: number }>> {
  const out = new Map<string, { version: number; notices: number }>();
  for (const id of group) out.set(id, { version: (await load(id)).version, notices: await notices(id) });
  return out;
}

let seq = 0;
const person = () => {
  seq += 1;
  return { openid: `crash-reg-${seq}`, idNumber: testIdNumber(900 + seq, '19800101') };
};
const register = (p: { openid: string; idNumber: string }) =>
  cloud.call(
    'user',
    'register',
    {
      name: '李秀兰',
      idNumber: p.idNumber,
      mobile: '13512345678',
      villageCode: VILLAGE_MILIN,
      household: { mode: 'head' },
    },
    p.openid,
  );

/** Registered whole (user, ID claim, household, audit entry) or not at all; never twice. */
async function checkRegistered(p: { openid: string; idNumber: string }): Promise<boolean> {
  const db = cloud.db;
  const idHash = lookupHash('id', p.idNumber);
  const users = await all<{ _id: string; registered: boolean; householdId: string }>(db, 'users', {
    openid: p.openid,
  });
  const claims = await all<{ _id: string; userId: string }>(db, 'id_claims', { _id: idHash });
  const households = await all<{
    _id: string;
    headUserId: string;
    members: Array<{ userId: string | null }>;
  }>(db, 'households', { headIdHash: idHash });
  // However the crash fell, one account per ID number.
  const holders = await all<{ _id: string }>(db, 'users', { idHash });
  expect(users.length).toBeLessThanOrEqual(1);
  const user = users[0];
  if (!user?.registered) {
    expect(claims).toEqual([]);
    expect(households).toEqual([]);
    expect(holders).toEqual([]);
    if (user) expect((await auditOf(user._id)).filter((a) => a.action === 'user.register')).toEqual([]);
    return false;
  }
  expect(claims).toEqual([expect.objectContaining({ userId: user._id })]);
  expect(holders.map((h) => h._id)).toEqual([user._id]);
  expect(households).toHaveLength(1);
  expect(households[0]).toMatchObject({ _id: user.householdId, headUserId: user._id });
  expect(households[0]?.members.map((m) => m.userId)).toEqual([user._id]);
  expect((await auditOf(user._id)).filter((a) => a.action === 'user.register')).toHaveLength(1);
  return true;
}

/** The work of one round, the checks after its crash and its retry. */
interface Round {
  arm?: Stage[];
  delayMs?: number;
  review?: { group: string[]; batch: boolean };
  people: number;
}

/** Reviews of `group` at the stage they wait at: one batch review, or one review after another. */
function reviewWork(group: string[], batch: boolean, before: Map<string, { version: number }>) {
  const versionOf = (id: string) => before.get(id)?.version ?? 0;
  return async (stage: string): Promise<BatchReviewResponse['results']> => {
    const cadre = stage === 'village_review' ? VILLAGE_CADRE : TOWNSHIP_CADRE;
    if (batch) {
      const items = group.map((declarationId) => ({ declarationId, version: versionOf(declarationId) }));
      return (
        await cloud.ok(
          'approval',
          'batchReview',
          { items, outcome: 'approve', opinion: '情况属实，同意' },
          cadre,
        )
      ).results;
    }
    const results: BatchReviewResponse['results'] = [];
    for (const declarationId of group) {
      const res = await cloud.call(
        'approval',
        'review',
        { declarationId, version: versionOf(declarationId), outcome: 'approve' },
        cadre,
      );
      results.push(res.ok ? { declarationId, ok: true } : { declarationId, ok: false, code: res.code });
    }
    return results;
  };
}

let importState = { cursor: 0, done: false };

/** One round; a failure names the kill point it drew, to reproduce it. */
async function round(r: Round): Promise<void> {
  try {
    await runRound(r);
  } catch (err) {
    if (err instanceof Error)
      err.message = `kill point ${JSON.stringify(r.arm ?? { delayMs: r.delayMs })}\n${err.message}`;
    throw err;
  }
}

async function runRound(r: Round): Promise<void> {
  const group = r.review?.group ?? [];
  const before = await snapshot(group);
  const stage = group.length > 0 ? stageKey(await load(group[0] as string)) : null;
  const reviews = reviewWork(group, r.review?.batch ?? false, before);
  const people = Array.from({ length: r.people }, person);

  if (r.arm) await cloud.arm(r.arm);
  await crashDuring(
    [
      importToEnd,
      async () => {
        if (!stage) return;
        const results = await reviews(stage);
        // Before the crash nobody else acts on these items: every review goes through.
        expect(results.filter((x) => !x.ok)).toEqual([]);
      },
      ...people.map((p) => async () => {
        const res = await register(p);
        expect(res).toMatchObject({ ok: true });
      }),
    ],
    r.delayMs,
  );
  await restart();

  // The import: progress kept, never backwards, every line and payment as the rules allow.
  const now = await checkImportState();
  expect(now.cursor).toBeGreaterThanOrEqual(importState.cursor);
  importState = now;

  // Reviews: each whole or not at all; the retry (same versions) does the rest, once.
  if (stage) {
    const moved = await checkReviewed(group, stage, before, false);
    const retried = await reviews(stage);
    for (const x of retried) if (!x.ok) expect(x.code).toBe('CONFLICT');
    expect(retried.filter((x) => x.ok)).toHaveLength(group.length - moved);
    expect(await checkReviewed(group, stage, before, true)).toBe(group.length);
  }

  // Registrations: each whole or not at all; the retry registers the rest, nobody twice.
  const done = new Set<string>();
  for (const p of people) if (await checkRegistered(p)) done.add(p.openid);
  for (const p of people) {
    const res = await register(p);
    if (done.has(p.openid)) {
      expect(res).toMatchObject({ ok: false, code: 'CONFLICT', message: '您已完成实名注册，无需重复注册' });
    } else expect(res).toMatchObject({ ok: true });
  }
  for (const p of people) expect(await checkRegistered(p)).toBe(true);
}

beforeAll(async () => {
  await plantApproved(cloud.db, {
    key: 'crash',
    count: 400,
    villageCodes: [VILLAGE_MILIN, VILLAGE_HONGHUA],
    project: gaoling,
    period: '2026',
    approvedAt: new Date('2026-01-15T02:00:00Z'),
    answers: () => ({ livingWith: 'alone' }),
    idSeq: 70_000,
  });
  let batch: CreateBatchResponse | undefined;
  for (let i = 0; i < 20 && batch?.state !== 'created'; i++) {
    batch = await cloud.ok(
      'payment',
      'createBatch',
      { projectCode: 'GAOLING', regionCode: '511702001000', period: '2026-08' },
      FINANCE,
    );
  }
  expect(batch?.state).toBe('created');
  batchId = batch?.batchId ?? '';
  const exported = await cloud.ok('payment', 'exportBatch', { batchId, format: 'csv' }, FINANCE);
  const table: Table = parseCsv(Buffer.from(await (await fetch(exported.url)).arrayBuffer()));
  const bank = bankFile(table, (_id, i) =>
    i % 9 === 4
      ? { paid: false, reason: '账户已冻结' }
      : { paid: true, serial: `AUG2026${String(i).padStart(5, '0')}` },
  );
  const [header = [], ...data] = bank;
  const at = (name: string) => header.indexOf(name);
  rows = data.map((r) => r[at('明细号')] ?? '');
  for (const r of data) outcome.set(r[at('明细号')] ?? '', { paid: r[at('结果')] === '成功' });
  expect(rows.length).toBeGreaterThanOrEqual(400);
  const storage = new FileStorage({
    root: path.join(dir, 'data', 'files'),
    envId: 'ykt-local',
    baseUrl: () => '',
  });
  file = {
    fileID: storage.put(`imports/${FINANCE_USER}/crash-results.csv`, toCsv(bank)),
    fileName: 'crash-results.csv',
  };

  for (let i = 0; i < ITEMS; i++) {
    const openid = `crash-elder-${i}`;
    const reg = await cloud.ok(
      'user',
      'register',
      {
        name: '邓国华',
        idNumber: testIdNumber(800 + i, '19400101'),
        mobile: '13412345678',
        villageCode: VILLAGE_MILIN,
        household: { mode: 'head' },
      },
      openid,
    );
    await cloud.db
      .collection('users')
      .doc(reg.userId)
      .update({ data: { verification: 'verified' } });
    const sub = await cloud.ok(
      'declaration',
      'submit',
      {
        code: 'GAOLING',
        answers: { livingWith: 'alone' },
        attachments: [uploaded(reg.userId, 'idCard')],
      },
      openid,
    );
    ids.push(sub.declarationId);
  }
}, 90_000);

// Each round kills the cloud while the import runs, and reviews and registrations with it in the
// first three; the rounds go on from where the one before left off.
test('killed as the import begins, right after its record is written', async () => {
  await round({
    arm: [{ count: 1, when: 'after', collection: 'payment_imports', action: 'insert' }],
    people: 1,
  });
}, 60_000);

test('killed after a random delay', async () => {
  await round({ delayMs: random(150, 500), review: { group: ids, batch: true }, people: 2 });
}, 60_000);

test('killed at a random database request', async () => {
  await round({
    arm: [{ count: random(5, 60), when: Math.random() < 0.5 ? 'before' : 'after' }],
    review: { group: ids.slice(0, ITEMS / 2), batch: false },
    people: 2,
  });
}, 60_000);

test('killed right after a commit, its answer lost', async () => {
  await round({
    arm: [{ count: random(1, 4), when: 'after', action: 'commitTransaction' }],
    review: { group: ids.slice(ITEMS / 2), batch: false },
    people: 2,
  });
}, 60_000);

test("killed between a chunk's payments and its lines", async () => {
  await round({
    arm: [
      Math.random() < 0.5
        ? { count: 1, when: 'after', collection: 'payments', action: 'insert' }
        : { count: 1, when: 'before', collection: 'payment_lines', action: 'modify' },
    ],
    people: 0,
  });
}, 60_000);

test('killed right after the import is marked done; the retry changes nothing and everything adds up', async () => {
  expect(importState.done).toBe(false);
  await round({
    arm: [
      { count: 1, when: 'after', collection: 'payment_imports', action: 'modify', contains: 'done' },
      { count: 1, when: 'after', action: 'commitTransaction' },
    ],
    people: 0,
  });
  expect(importState.done).toBe(true);
  // The retry: the same file again, as the finance page would.
  const again = await importToEnd();
  expect(again).toMatchObject({ state: 'done', alreadyImported: true, importId, errorCount: 0 });
  const paid = rows.filter((id) => outcome.get(id)?.paid).length;
  const failed = rows.length - paid;
  expect(again).toMatchObject({ paid, failed, processedRows: rows.length });
  await checkImportState();
  const lines = await all<LineDoc>(cloud.db, 'payment_lines', { batchId });
  expect(lines.filter((l) => l.state === 'pending')).toEqual([]);
  // Each household's place for the period: paid with its payment, or free again for a re-send.
  const slots = new Map(
    (await all<{ _id: string; state: string }>(cloud.db, 'paid_slots', { batchId })).map(
      (x) => [x._id, x.state] as const,
    ),
  );
  for (const l of lines) expect(slots.get(paymentIdOf(l).slice(2))).toBe(l.state);
  const payments = await all<PaymentDoc>(cloud.db, 'payments', { batchId });
  expect(payments).toHaveLength(paid);
  expect(new Set(payments.map((p) => p.lineId)).size).toBe(paid);
  const { total: notices } = await cloud.db
    .collection('notifications')
    .where({ _id: cloud.db.command.in(payments.map((p) => `N:${p._id}`)) })
    .count();
  expect(notices).toBe(paid);
  // The batch's counts are its lines', whatever moment the crash hit.
  const paidFen = lines.filter((l) => l.state === 'paid').reduce((n, l) => n + l.amountFen, 0);
  expect(again.batch).toMatchObject({
    state: 'done',
    lineCount: rows.length,
    paidCount: paid,
    paidFen,
    failedCount: failed,
    pendingCount: 0,
  });
  const { data } = await cloud.db.collection('payment_batches').where({ _id: batchId }).limit(1).get();
  expect(data[0] as BatchDoc).toMatchObject({
    state: 'done',
    paidCount: paid,
    failedCount: failed,
    paidFen,
  });
  const verified = await cloud.ok('supervision', 'auditVerify', {}, SUPERVISOR);
  expect(verified).toMatchObject({ ok: true, firstBroken: null });
}, 60_000);

// ---------------------------------------------------------------------------------------------
// Sealing: entries move from their documents into the log and then into their chains
// ---------------------------------------------------------------------------------------------

test.each([
  [
    'at a random database request',
    (): Stage => ({ count: random(2, 40), when: Math.random() < 0.5 ? 'before' : 'after' }),
  ],
  [
    'right after a sealing commit',
    (): Stage => ({ count: random(1, 6), when: 'after', action: 'commitTransaction' }),
  ],
])(
  'killed while sealing the audit log %s: every entry ends up sealed exactly once',
  async (_name, stage) => {
    // Tip-offs carry their entries in themselves; registrations write theirs into the log, unsealed.
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await cloud.ok(
        'tipoff',
        'submit',
        {
          kind: 'other',
          anonymous: true,
          regionCode: VILLAGE_HONGHUA,
          content: `封存时宕机的测试举报，第${i + 1}件。`,
        },
        `openid-seal-${i}`,
      );
      codes.push(res.trackingCode);
    }
    await cloud.arm([stage()]);
    await crashDuring([() => cloud.call('supervision', 'auditVerify', {}, SUPERVISOR)]);
    // The restart verifies, sealing what is left first.
    await restart();
    for (const code of codes) {
      const entries = await all<AuditRow & { seq?: number }>(cloud.db, 'audit_log', {
        targetType: 'tipoff',
        targetId: code,
      });
      expect(entries.map((e) => [e.action, typeof e.seq])).toEqual([['tipoff.submit', 'number']]);
      const { data } = await cloud.db.collection('tipoffs').where({ _id: code }).get();
      expect(data[0]?.auditRiding).toBeUndefined();
    }
  },
  60_000,
);
