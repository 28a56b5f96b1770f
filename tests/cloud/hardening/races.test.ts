/**
 * Races (issue 10): several callers at once on one object, through the real gateway (each call in its
 * own function instance), every race repeated on fresh objects with varied start delays and caller
 * mixes (fast-check; a failure prints the seed and the failing case). Each race must end with exactly
 * the outcome the rules allow: one winner, the others told CONFLICT or FAILED_PRECONDITION, nothing
 * written twice or lost, and never INTERNAL.
 */
import fc from 'fast-check';
import { type AuditEntry, verifyAuditLog } from '../../../cloudfunctions/_shared/audit/audit-log';
import type { Doc } from '../../../cloudfunctions/_shared/db/database';
import { type DeclarationDoc, lockId } from '../../../cloudfunctions/_shared/domain/declarations';
import type { HouseholdDoc } from '../../../cloudfunctions/_shared/domain/households';
import type {
  BatchDoc,
  ImportDoc,
  LineDoc,
  PaymentDoc,
  SlotDoc,
} from '../../../cloudfunctions/_shared/domain/payments';
import { toCsv } from '../../../cloudfunctions/_shared/ports/table-files';
import { lookupHash } from '../../../cloudfunctions/_shared/runtime/crypto';
import { demoCatalogue } from '../../../tools/seed';
import { plantApproved } from '../../../tools/seed/plant';
import type {
  BatchReviewResponse,
  ErrorCode,
  HouseholdChoice,
  ImportProgress,
  ImportResultsRequest,
  RegisterRequest,
  RegisterResponse,
  Result,
  ReviewOutcome,
  SubmitResponse,
} from '../../../typings/api';
import { bankFile, createBatch, exported, FINANCE, uploadImport } from '../../helpers/payments';
import { addStaff, secondMilinCadre } from '../../helpers/staff';
import { startWorld, testIdNumber, uploaded, VILLAGE_MILIN, type World } from '../../helpers/world';

jest.setTimeout(120_000);

let world: World;
/** The second village cadre of 密林村 (罗勇's wife, granted the role), so that two cadres can race. */
const WIFE = 'demo-resident-luoyong-wife';
const VILLAGE_CADRE = 'demo-cadre-village';
const userIds = new Map<string, string>();

beforeAll(async () => {
  world = await startWorld({
    // Imports taken 4 rows a call: racing callers meet in the middle of an import, not only at its start.
    functionEnv: { YKT_IMPORT_CHUNK_ROWS: '4', YKT_IMPORT_BUDGET_MS: '1' },
  });
  await secondMilinCadre(world);
  for (const openid of [VILLAGE_CADRE, WIFE]) {
    const { data } = await world.db.collection('users').where({ openid }).limit(1).get();
    userIds.set(openid, String(data[0]?._id));
  }
  // Warm instances, as many as each function's widest race: a race between a running instance and
  // one still starting would hardly be a race.
  // raw: only to start instances, the answers are not read
  const warm = (n: number, fn: string, event: Record<string, unknown>, openid: string) =>
    Promise.all(Array.from({ length: n }, () => world.raw(fn, event, openid)));
  await Promise.all([
    warm(3, 'approval', { action: 'queue' }, VILLAGE_CADRE),
    warm(3, 'declaration', { action: 'listProjects' }, 'demo-resident-luoyong'),
    warm(3, 'user', { action: 'login' }, 'demo-resident'),
    warm(3, 'payment', { action: 'batches' }, FINANCE),
  ]);
});
afterAll(() => world?.close());

// ---- shared helpers ----------------------------------------------------------------------------

type Answer = Result<unknown>;
type Call = () => Promise<Answer>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts every call after its delay, all in flight together; the answers in call order. */
function race(calls: Call[], delays: number[]): Promise<Answer[]> {
  return Promise.all(calls.map((call, i) => sleep(delays[i] ?? 0).then(call)));
}

const delaysArb = (n: number) => fc.array(fc.nat({ max: 15 }), { minLength: n, maxLength: n });

/**
 * `examples` first (every caller mix, all started at once), then `random` generated runs. A failure
 * stops at once: each run is a whole scenario, and shrinking one would take minutes.
 */
function runs<Ts>(random: number, examples: Ts[]): fc.Parameters<Ts> {
  return { numRuns: examples.length + random, examples, endOnFailure: true };
}

const atOnce = (n: number): number[] => Array.from({ length: n }, () => 0);

function codes(answers: Answer[]): string[] {
  return answers.map((a) => (a.ok ? 'ok' : a.code));
}

/** Exactly one answer is ok; the others carry one of `allowed`; none is INTERNAL. */
function expectOneWinner(answers: Answer[], allowed: string[] = ['CONFLICT', 'FAILED_PRECONDITION']): number {
  const seen = codes(answers);
  expect(seen).not.toContain('INTERNAL');
  expect(seen.filter((c) => c === 'ok')).toHaveLength(1);
  for (const c of seen) if (c !== 'ok') expect(allowed).toContain(c);
  return seen.indexOf('ok');
}

async function all<T extends Doc>(collection: string, filter: Record<string, unknown>): Promise<T[]> {
  const { data } = await world.db.collection<T>(collection).where(filter).limit(1000).get();
  return data;
}

async function byId<T extends Doc>(collection: string, id: string): Promise<T | undefined> {
  return (await all<T>(collection, { _id: id }))[0];
}

async function auditOf(targetType: string, targetId: string): Promise<AuditEntry[]> {
  const { data } = await world.db
    .collection<AuditEntry>('audit_log')
    .where({ targetType, targetId })
    .orderBy('seq', 'asc')
    .limit(100)
    .get();
  return data;
}

let seq = 0;
/** A fresh, valid ID number (born in `year`) that no other person of this file has. */
function freshId(year: number): string {
  seq += 1;
  const month = String(1 + Math.floor(seq / 1000)).padStart(2, '0');
  return testIdNumber(seq % 1000, `${year}${month}17`);
}

const REJECT_OPINION = '经入户核实，不符合申报条件';

// ---- 1. reviews ---------------------------------------------------------------------------------

/** A verified resident of 密林村 declaring 移民后期扶持: an item in the village cadres' queue. */
async function freshDeclaration(): Promise<DeclarationDoc> {
  seq += 1;
  const openid = `race-review-${seq}`;
  const userId = await world.verifiedResident(openid, {
    name: '邓国华',
    idNumber: freshId(1950),
    villageCode: VILLAGE_MILIN,
  });
  const res = await world.ok(
    'declaration',
    'submit',
    {
      code: 'YIMIN',
      answers: { registeredMigrant: true, reservoir: '江口水库' },
      attachments: [uploaded(userId, 'idCard')],
    },
    openid,
  );
  expect(res.valid).toBe(true);
  const doc = await byId<DeclarationDoc>('declarations', res.declarationId);
  if (!doc) throw new Error('declaration not stored');
  return doc;
}

interface Attempt {
  openid: string;
  outcome: ReviewOutcome;
  batch: boolean;
}

const STATUS_AFTER: Record<ReviewOutcome, string> = {
  approve: 'in_review',
  return: 'returned',
  reject: 'rejected',
};
const EVENT_OF: Record<ReviewOutcome, string> = {
  approve: 'approved',
  return: 'returned',
  reject: 'rejected',
};

const REVIEW_MIXES: Record<string, Attempt[]> = {
  'the same cadre twice': [
    { openid: VILLAGE_CADRE, outcome: 'approve', batch: false },
    { openid: VILLAGE_CADRE, outcome: 'approve', batch: false },
  ],
  'two cadres, approve against reject': [
    { openid: VILLAGE_CADRE, outcome: 'approve', batch: false },
    { openid: WIFE, outcome: 'reject', batch: false },
  ],
  'three decisions at once': [
    { openid: VILLAGE_CADRE, outcome: 'approve', batch: false },
    { openid: WIFE, outcome: 'reject', batch: false },
    { openid: VILLAGE_CADRE, outcome: 'return', batch: false },
  ],
  'a batch overlapping a single review': [
    { openid: VILLAGE_CADRE, outcome: 'approve', batch: true },
    { openid: WIFE, outcome: 'return', batch: false },
  ],
  'two overlapping batches': [
    { openid: VILLAGE_CADRE, outcome: 'approve', batch: true },
    { openid: WIFE, outcome: 'reject', batch: true },
  ],
};

/** One stage decision recorded: the declaration, its timeline, its audit entries and notices agree. */
async function expectDecidedOnce(
  d: DeclarationDoc,
  outcome: ReviewOutcome,
  actorId: string | undefined,
): Promise<void> {
  const after = await byId<DeclarationDoc>('declarations', d._id);
  expect(after).toMatchObject({ status: STATUS_AFTER[outcome], version: d.version + 1 });
  expect(after?.stageIndex).toBe(outcome === 'approve' ? 1 : outcome === 'return' ? 0 : null);
  const decisions = (after?.timeline ?? []).filter((t) => t.event !== 'submitted');
  expect(decisions).toHaveLength(1);
  expect(decisions[0]).toMatchObject({ stage: 'village_review', event: EVENT_OF[outcome], actorId });
  const audit = await auditOf('declaration', d._id);
  expect(audit.map((a) => a.action)).toEqual(['declaration.submit', 'approval.review']);
  expect(audit[1]?.detail).toMatchObject({ stage: 'village_review', outcome });
  // The household is told once on submitting and once for the decision.
  const notices = await all<Doc & { declarationId?: string }>('notifications', {
    householdId: d.householdId,
  });
  expect(notices.filter((n) => n.declarationId === d._id)).toHaveLength(2);
  // A rejection closes the item and frees the household's place; the others keep it.
  const locks = await all<Doc>('declaration_locks', { householdId: d.householdId });
  expect(locks.map((l) => l._id)).toEqual(outcome === 'reject' ? [] : [d.lockId]);
}

test('concurrent reviews of one item: one decision, the stage moves once, one audit entry', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(REVIEW_MIXES)), delaysArb(3), async (mix, delays) => {
      const attempts = REVIEW_MIXES[mix]!;
      const d = await freshDeclaration();
      // Batches also carry an item of their own, decided by the batch alone.
      const own = new Map<number, DeclarationDoc>();
      for (const [i, a] of attempts.entries()) if (a.batch) own.set(i, await freshDeclaration());
      const opinion = (o: ReviewOutcome) => (o === 'approve' ? {} : { opinion: REJECT_OPINION });
      const calls: Call[] = attempts.map((a, i) =>
        a.batch
          ? () =>
              world.call(
                'approval',
                'batchReview',
                {
                  outcome: a.outcome,
                  ...opinion(a.outcome),
                  items: [
                    { declarationId: own.get(i)!._id, version: own.get(i)!.version },
                    { declarationId: d._id, version: d.version },
                  ],
                },
                a.openid,
              )
          : () =>
              world.call(
                'approval',
                'review',
                {
                  declarationId: d._id,
                  version: d.version,
                  outcome: a.outcome,
                  ...opinion(a.outcome),
                },
                a.openid,
              ),
      );
      const answers = await race(calls, delays);
      expect(codes(answers)).not.toContain('INTERNAL');
      // Each attempt's answer about the contested item, a batch's line as a single review's answer.
      const onItem: Answer[] = answers.map((answer, i) => {
        if (!attempts[i]!.batch || !answer.ok) return answer;
        const line = (answer.data as BatchReviewResponse).results.find((r) => r.declarationId === d._id);
        if (!line) throw new Error('the batch answered nothing for the contested item');
        return line.ok
          ? { ok: true, data: line }
          : { ok: false, code: (line.code ?? 'INTERNAL') as ErrorCode, message: line.message ?? '' };
      });
      const winner = expectOneWinner(onItem);
      for (const a of onItem) {
        if (!a.ok && a.code === 'CONFLICT') expect(a.message).toContain('已被他人处理');
      }
      const won = attempts[winner]!;
      await expectDecidedOnce(d, won.outcome, userIds.get(won.openid));
      // What a batch decided on its own item happened exactly once too.
      for (const [i, item] of own) {
        const answer = answers[i]!;
        expect(answer.ok).toBe(true);
        const line = (answer.ok ? (answer.data as BatchReviewResponse) : null)?.results[0];
        expect(line).toMatchObject({ declarationId: item._id, ok: true });
        await expectDecidedOnce(item, attempts[i]!.outcome, userIds.get(attempts[i]!.openid));
      }
    }),
    runs(
      5,
      Object.keys(REVIEW_MIXES).map((mix): [string, number[]] => [mix, atOnce(3)]),
    ),
  );
});

// ---- 2. imports of one bank file --------------------------------------------------------------

const RACE_VILLAGES = ['511702002001', '511702002002'];
const PER_VILLAGE = 9;
let paySlot = 0;

/** Calls importResults until the import is done, waiting out CONFLICT as the finance page does. */
async function importLoop(request: ImportResultsRequest, delay: number): Promise<Answer[]> {
  await sleep(delay);
  const seen: Answer[] = [];
  for (let i = 0; i < 200; i++) {
    const answer = await world.call('payment', 'importResults', request, FINANCE);
    seen.push(answer);
    if (answer.ok && answer.data.state === 'done') return seen;
    if (!answer.ok && answer.code !== 'CONFLICT') return seen;
    if (!answer.ok) await sleep(3);
  }
  throw new Error('import never finished');
}

describe('concurrent imports of one bank file', () => {
  beforeAll(async () => {
    const gaoling = demoCatalogue(new Date('2026-11-01T00:00:00Z')).find((p) => p.code === 'GAOLING')!;
    await plantApproved(world.db, {
      key: 'race-pay',
      count: PER_VILLAGE * RACE_VILLAGES.length,
      villageCodes: RACE_VILLAGES,
      project: gaoling,
      period: '2026',
      approvedAt: new Date('2026-01-15T02:00:00Z'),
      answers: () => ({ livingWith: 'alone' }),
      idSeq: 90_000,
    });
  });

  test('each payment once, the counts right, the batch settled, a further import writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.constantFrom('single calls, then the page finishes', 'every caller runs to the end'),
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        delaysArb(4),
        async (callers, mode, twoUploads, failEvery, delays) => {
          // A fresh batch each run: its own village and month (8 runs: January to April of two villages).
          const village = RACE_VILLAGES[paySlot % RACE_VILLAGES.length]!;
          const period = `2026-${String(1 + Math.floor(paySlot / RACE_VILLAGES.length)).padStart(2, '0')}`;
          paySlot += 1;
          const batch = await createBatch(world, { projectCode: 'GAOLING', regionCode: village, period });
          expect(batch.lineCount).toBeGreaterThanOrEqual(PER_VILLAGE);
          const { table } = await exported(world, batch.batchId);
          const fails = (i: number) => failEvery > 0 && i % failEvery === 0;
          const result = bankFile(table, (_id, i) =>
            fails(i) ? { paid: false, reason: '账户已冻结' } : { paid: true, serial: `RACE${paySlot}X${i}` },
          );
          const bytes = toCsv(result);
          // The same file, uploaded once or twice (two finance pages): one content, one import.
          const files = [0, 1].map((n) => {
            const fileName = `回盘-${n}.csv`;
            return { fileID: uploadImport(world, bytes, fileName), fileName };
          });
          const request = (i: number) => ({ batchId: batch.batchId, ...files[twoUploads ? i % 2 : 0]! });
          let answers: Answer[];
          if (mode === 'every caller runs to the end') {
            answers = (
              await Promise.all(Array.from({ length: callers }, (_, i) => importLoop(request(i), delays[i]!)))
            ).flat();
          } else {
            const calls = Array.from(
              { length: callers },
              (_, i): Call =>
                () =>
                  world.call('payment', 'importResults', { ...request(i) }, FINANCE),
            );
            answers = await race(calls, delays);
            answers.push(...(await importLoop(request(0), 0)));
          }
          const seen = codes(answers);
          expect(seen).not.toContain('INTERNAL');
          for (const c of seen) expect(['ok', 'CONFLICT']).toContain(c);

          const header = table[0]!;
          const lineIds = table.slice(1).map((r) => r[header.indexOf('明细号')]!);
          const paidIds = lineIds.filter((_, i) => !fails(i)).sort();
          const failedIds = lineIds.filter((_, i) => fails(i)).sort();
          const lines = await all<LineDoc>('payment_lines', { batchId: batch.batchId });
          const amount = new Map(lines.map((l) => [l._id, l.amountFen]));
          const sum = (ids: string[]) => ids.reduce((n, id) => n + (amount.get(id) ?? Number.NaN), 0);
          expect(lines).toHaveLength(batch.lineCount);
          expect(lines.filter((l) => l.state === 'paid').map((l) => l._id)).toEqual(
            expect.arrayContaining(paidIds),
          );
          expect(lines.filter((l) => l.state === 'paid')).toHaveLength(paidIds.length);
          expect(
            lines
              .filter((l) => l.state === 'failed')
              .map((l) => l._id)
              .sort(),
          ).toEqual(failedIds);

          // One payment per paid line, for the line's amount, none for a failed one.
          const payments = (await all<PaymentDoc>('payments', { projectCode: 'GAOLING', period })).filter(
            (p) => p.batchId === batch.batchId,
          );
          expect(payments.map((p) => p.lineId).sort()).toEqual(paidIds);
          for (const p of payments) expect(p.amountFen).toBe(amount.get(p.lineId ?? ''));
          const slots = await all<SlotDoc>('paid_slots', { batchId: batch.batchId });
          expect(slots.filter((s) => s.state === 'paid')).toHaveLength(paidIds.length);
          expect(slots.filter((s) => s.state === 'failed')).toHaveLength(failedIds.length);

          // The import counted every row once: nothing taken twice ("unchanged") or skipped.
          const importId = answers.find((a): a is { ok: true; data: ImportProgress } => a.ok)?.data.importId;
          const record = await byId<ImportDoc>('payment_imports', importId ?? '');
          expect(record).toMatchObject({
            state: 'done',
            cursor: lineIds.length,
            paid: paidIds.length,
            failed: failedIds.length,
            unchanged: 0,
            errorCount: 0,
            lease: null,
          });
          const audit = await auditOf('payment_import', importId ?? '');
          expect(audit.map((a) => a.action).sort()).toEqual([
            'payment.importResults',
            'payment.importResults.start',
          ]);

          const expectedBatch = {
            // Every line settled, paid or failed: the batch is done.
            state: 'done',
            lineCount: lineIds.length,
            paidCount: paidIds.length,
            paidFen: sum(paidIds),
            failedCount: failedIds.length,
            failedFen: sum(failedIds),
          };
          const stored = await byId<BatchDoc>('payment_batches', batch.batchId);
          expect(stored).toMatchObject(expectedBatch);
          const view = await world.ok('payment', 'batches', { batchId: batch.batchId }, FINANCE);
          expect(view.batch).toMatchObject({ ...expectedBatch, pendingCount: 0 });

          // The file once more, from either upload: the same answer, and nothing written at all.
          const before = world.store.writeVersion();
          const again = await world.ok('payment', 'importResults', { ...request(1) }, FINANCE);
          expect(again).toMatchObject({
            importId,
            state: 'done',
            alreadyImported: true,
            paid: paidIds.length,
            failed: failedIds.length,
          });
          expect(again.batch).toMatchObject(expectedBatch);
          expect(world.store.writeVersion()).toBe(before);
        },
      ),
      runs(6, [
        [3, 'every caller runs to the end', true, 2, atOnce(4)],
        [3, 'single calls, then the page finishes', false, 3, atOnce(4)],
      ]),
    );
  });
});

// ---- 3. registration with one ID number --------------------------------------------------------

const registration = (idNumber: string, household: HouseholdChoice = { mode: 'head' }): RegisterRequest => ({
  name: '黄小梅',
  idNumber,
  mobile: '13912340000',
  villageCode: VILLAGE_MILIN,
  household,
});

interface RegisterMix {
  /** Callers per request: one openid each, or the same openid more than once. */
  openids: (trial: number) => string[];
  /** The ID number each request registers, by request (an index into the run's fresh ID numbers). */
  ids: number[];
  /** The callers have an account record (a staff account registering as a resident) before they race. */
  existingRecord: boolean;
}

const REGISTER_MIXES: Record<string, RegisterMix> = {
  'two accounts, one ID number': {
    openids: (t) => [`race-reg-${t}-a`, `race-reg-${t}-b`],
    ids: [0, 0],
    existingRecord: false,
  },
  'three accounts, one ID number': {
    openids: (t) => [`race-reg-${t}-a`, `race-reg-${t}-b`, `race-reg-${t}-c`],
    ids: [0, 0, 0],
    existingRecord: false,
  },
  'one account twice, one ID number': {
    openids: (t) => [`race-reg-${t}`, `race-reg-${t}`],
    ids: [0, 0],
    existingRecord: false,
  },
  'one account twice, two ID numbers': {
    openids: (t) => [`race-reg-${t}`, `race-reg-${t}`],
    ids: [0, 1],
    existingRecord: false,
  },
  'a staff account twice, two ID numbers': {
    openids: (t) => [`race-reg-${t}`, `race-reg-${t}`],
    ids: [0, 1],
    existingRecord: true,
  },
  'a staff account twice, one ID number': {
    openids: (t) => [`race-reg-${t}`, `race-reg-${t}`],
    ids: [0, 0],
    existingRecord: true,
  },
};

let regTrial = 0;

test('concurrent registration with one ID number: one owner, the others CONFLICT, nothing left behind', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(REGISTER_MIXES)), delaysArb(3), async (name, delays) => {
      const mix = REGISTER_MIXES[name]!;
      regTrial += 1;
      const openids = mix.openids(regTrial);
      const idNumbers = [freshId(1988), freshId(1988)];
      if (mix.existingRecord) await addStaff(world, openids[0]!, []);
      const started = world.now();
      const answers = await race(
        openids.map(
          (openid, i): Call =>
            () =>
              world.call('user', 'register', registration(idNumbers[mix.ids[i]!]!), openid),
        ),
        delays,
      );
      const winner = expectOneWinner(answers, ['CONFLICT']);
      const won = answers[winner] as { ok: true; data: RegisterResponse };
      const winnerOpenid = openids[winner]!;
      const winnerHash = lookupHash('id', idNumbers[mix.ids[winner]!]!);
      // The one account holds the ID number, with the household it started.
      const claim = await byId<Doc & { userId: string }>('id_claims', winnerHash);
      expect(claim?.userId).toBe(won.data.userId);
      const owners = await all<Doc & { openid: string; householdId: string }>('users', {
        idHash: winnerHash,
      });
      expect(owners.map((u) => [u._id, u.openid, u.householdId])).toEqual([
        [won.data.userId, winnerOpenid, won.data.householdId],
      ]);
      const heads = await all<HouseholdDoc>('households', { headIdHash: winnerHash });
      expect(heads.map((h) => h._id)).toEqual([won.data.householdId]);
      expect(heads[0]?.members.map((m) => m.userId)).toEqual([won.data.userId]);
      expect(await all<HouseholdDoc>('households', { 'members.idHash': winnerHash })).toHaveLength(1);
      // An ID number that lost is claimed by nobody and in no household.
      for (const idNumber of idNumbers.filter((_, i) => i !== mix.ids[winner])) {
        const hash = lookupHash('id', idNumber);
        expect(await byId('id_claims', hash)).toBeUndefined();
        expect(await all('users', { idHash: hash })).toEqual([]);
        expect(await all('households', { 'members.idHash': hash })).toEqual([]);
      }
      // Every caller has at most its one account; a losing caller's account did not register.
      for (const openid of new Set(openids)) {
        const accounts = await all<Doc & { registered: boolean }>('users', { openid });
        if (openid === winnerOpenid) expect(accounts.map((u) => u._id)).toEqual([won.data.userId]);
        else expect(accounts).toEqual([]);
      }
      const _ = world.db.command;
      const registered = (await all<AuditEntry>('audit_log', { at: _.gte(started) })).filter(
        (e) => e.action === 'user.register',
      );
      expect(registered.map((e) => e.targetId)).toEqual([won.data.userId]);
      // The same account asking twice is told it has registered already; another account, that the
      // ID number is taken.
      for (const [i, a] of answers.entries()) {
        if (a.ok) continue;
        if (openids[i] === winnerOpenid) expect(a.message).toBe('您已完成实名注册，无需重复注册');
        else expect(a.message).toContain('该身份证号码已在其他微信账号上注册');
      }
    }),
    runs(
      4,
      Object.keys(REGISTER_MIXES).map((mix): [string, number[]] => [mix, atOnce(3)]),
    ),
  );
});

test('two people joining one household at once are both members; one person joining twice is one', async () => {
  await fc.assert(
    fc.asyncProperty(fc.boolean(), delaysArb(2), async (samePerson, delays) => {
      regTrial += 1;
      const headId = freshId(1960);
      const head = await world.ok(
        'user',
        'register',
        { ...registration(headId), name: '周大山' },
        `race-join-${regTrial}-head`,
      );
      const joiners = samePerson ? [freshId(1990)] : [freshId(1990), freshId(1990)];
      const join: HouseholdChoice = {
        mode: 'join',
        headIdNumber: headId,
        headName: '周大山',
        relation: 'child',
      };
      const answers = await race(
        [0, 1].map(
          (i): Call =>
            () =>
              world.call(
                'user',
                'register',
                { ...registration(joiners[i % joiners.length]!, join), name: '周小山' },
                `race-join-${regTrial}-${i}`,
              ),
        ),
        delays,
      );
      if (samePerson) expectOneWinner(answers, ['CONFLICT']);
      else expect(codes(answers)).toEqual(['ok', 'ok']);
      const household = await byId<HouseholdDoc>('households', head.householdId);
      expect(household?.members.map((m) => m.idHash).sort()).toEqual(
        [headId, ...joiners].map((id) => lookupHash('id', id)).sort(),
      );
      expect(household?.version).toBe(1 + joiners.length);
      for (const id of joiners) {
        const owners = await all<Doc & { householdId: string }>('users', { idHash: lookupHash('id', id) });
        expect(owners.map((u) => u.householdId)).toEqual([head.householdId]);
      }
    }),
    runs(2, [
      [true, atOnce(2)],
      [false, atOnce(2)],
    ]),
  );
});

// ---- 4. declarations for one household and project --------------------------------------------

const CADRE_ID_PHOTO = 'cloud://ykt-local.local/declarations/u-demo-cadre-village/idCard/1.jpg';

/** A 密林村 household of two verified people over 80: head and spouse. */
async function elderHousehold(trial: number) {
  const headId = freshId(1940);
  const head = { openid: `race-decl-${trial}-head`, name: '陈德明', idNumber: headId };
  const headUser = await world.verifiedResident(head.openid, {
    name: head.name,
    idNumber: headId,
    villageCode: VILLAGE_MILIN,
  });
  const spouse = { openid: `race-decl-${trial}-spouse` };
  const joined = await world.ok(
    'user',
    'register',
    {
      ...registration(freshId(1942), {
        mode: 'join',
        headIdNumber: headId,
        headName: head.name,
        relation: 'spouse',
      }),
      name: '刘桂兰',
    },
    spouse.openid,
  );
  await world.db
    .collection('users')
    .doc(joined.userId)
    .update({ data: { verification: 'verified' } });
  return { head, headUser, spouse, spouseUser: joined.userId, householdId: joined.householdId };
}

type Submitter = 'head' | 'spouse' | 'cadre';

const DECLARE_MIXES: Record<string, Submitter[]> = {
  'the same resident twice': ['head', 'head'],
  'two members of the household': ['head', 'spouse'],
  'the resident and a cadre’s 代办': ['head', 'cadre'],
  'everyone at once': ['head', 'spouse', 'cadre'],
};

let declTrial = 0;

test('concurrent declarations for one household and project: exactly one active declaration', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...Object.keys(DECLARE_MIXES)), delaysArb(4), async (name, delays) => {
      declTrial += 1;
      const h = await elderHousehold(declTrial);
      const submitters = DECLARE_MIXES[name]!;
      const gaoling = { code: 'GAOLING', answers: { livingWith: 'alone' } };
      const callOf = (who: Submitter): Call => {
        if (who === 'cadre') {
          return () =>
            world.call(
              'declaration',
              'proxySubmit',
              {
                ...gaoling,
                applicantIdNumber: h.head.idNumber,
                applicantName: h.head.name,
                reason: 'elderly',
                attachments: [{ materialKey: 'idCard', fileID: CADRE_ID_PHOTO }],
              },
              VILLAGE_CADRE,
            );
        }
        const [openid, userId] =
          who === 'head' ? [h.head.openid, h.headUser] : [h.spouse.openid, h.spouseUser];
        return () =>
          world.call(
            'declaration',
            'submit',
            { ...gaoling, attachments: [uploaded(userId, 'idCard')] },
            openid,
          );
      };
      const answers = await race(submitters.map(callOf), delays);
      const winner = expectOneWinner(answers, ['CONFLICT']);
      for (const a of answers) if (!a.ok) expect(a.message).toContain('不能重复申报');
      const won = (answers[winner] as { ok: true; data: SubmitResponse }).data;
      expect(won).toMatchObject({ valid: true, status: 'in_review' });

      const declarations = await all<DeclarationDoc>('declarations', { householdId: h.householdId });
      expect(declarations.map((d) => d._id)).toEqual([won.declarationId]);
      const d = declarations[0]!;
      expect(d.proxy === null).toBe(submitters[winner] !== 'cadre');
      expect(d.applicant.userId).toBe(submitters[winner] === 'spouse' ? h.spouseUser : h.headUser);
      const locks = await all<Doc & { declarationId: string }>('declaration_locks', {
        householdId: h.householdId,
      });
      expect(locks.map((l) => [l._id, l.declarationId])).toEqual([
        [lockId(h.householdId, 'GAOLING', d.period), won.declarationId],
      ]);
      expect((await auditOf('declaration', won.declarationId)).map((e) => e.action)).toEqual([
        submitters[winner] === 'cadre' ? 'declaration.proxySubmit' : 'declaration.submit',
      ]);
      const notices = await all<Doc & { declarationId?: string }>('notifications', {
        householdId: h.householdId,
      });
      expect(notices.filter((n) => n.declarationId).map((n) => n.declarationId)).toEqual([won.declarationId]);
    }),
    runs(
      6,
      Object.keys(DECLARE_MIXES).map((mix): [string, number[]] => [mix, atOnce(4)]),
    ),
  );
});

// ---- afterwards ---------------------------------------------------------------------------------

test('after all the races the audit log’s chains are whole', async () => {
  const verdict = await verifyAuditLog(world.db, 1000, world.now());
  expect(verdict).toMatchObject({ ok: true, break: null });
  expect(verdict.entries).toBeGreaterThan(0);
});
