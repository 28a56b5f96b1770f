import type { AlertRecord, AlertView, RiskRule, RiskScanResponse } from '../../../typings/api';
import { insertNew } from '../db/bulk';
import type { Database, Doc } from '../db/database';
import { PROJECTS, type ProjectDoc } from '../domain/catalogue';
import { DECLARATIONS, type DeclarationDoc } from '../domain/declarations';
import { HOUSEHOLDS, type HouseholdDoc } from '../domain/households';
import { PAYMENTS, type PaymentDoc } from '../domain/payments';
import { regionNames } from '../domain/regions';
import {
  type AlertDraft,
  approvalKey,
  approvalKeyFor,
  type DeathFact,
  type PaymentFacts,
  rulesOver,
  type StaffRelativeFact,
  settleDraft,
  villagesOf,
} from '../domain/risk';

export const ALERTS = 'alerts';
export const DEATHS = 'register_deaths';
export const STAFF_RELATIVES = 'register_staff_relatives';
const META = 'meta';
const SCAN_STATE = 'risk_scan';
/** Payments this young may still be joined by others of the same import call: the next scan takes them. */
const SETTLE_MS = Number(process.env.YKT_RISK_SETTLE_MS ?? 2 * 60_000);

export const RULE_TEXT: Record<RiskRule, string> = {
  person_two_households: '同一人登记在两个以上家庭',
  card_several_households: '同一张卡绑定在多个家庭',
  paid_after_death: '死亡后仍在领取补贴',
  above_standard: '发放金额高于补贴标准',
  paid_twice: '同一户同一项目同一期重复发放',
  staff_relative: '干部及其亲属领取补贴',
  paid_without_approval: '没有审批通过的申报却发放了补贴',
};

export interface AlertDoc extends Doc {
  _id: string;
  rule: RiskRule;
  regionCode: string;
  scopeCodes: string[];
  records: AlertRecord[];
  why: string;
  status: AlertView['status'];
  note: string | null;
  resolvedBy: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  version: number;
}

export type DeathRecord = DeathFact & Doc & { importedAt: Date };

export type StaffRelativeRecord = StaffRelativeFact & Doc & { importedAt: Date };

/** A draft as stored: open, first seen now. */
function stored(draft: AlertDraft, villageNames: ReadonlyMap<string, string>, now: Date): AlertDoc {
  return {
    ...settleDraft(draft, villageNames),
    status: 'open',
    note: null,
    resolvedBy: null,
    createdAt: now,
    resolvedAt: null,
    version: 1,
  };
}

/** What the rules found, as stored. */
function storedAll(found: Array<AlertDraft | null>, villageNames: ReadonlyMap<string, string>, now: Date) {
  return found.filter((d): d is AlertDraft => d !== null).map((d) => stored(d, villageNames, now));
}

/** Households holding any of `values` at `field` (an indexed array or plain field), however many. */
async function householdsWith(db: Database, field: string, values: string[]): Promise<HouseholdDoc[]> {
  const out = new Map<string, HouseholdDoc>();
  for (let i = 0; i < values.length; i += 200) {
    const slice = values.slice(i, i + 200);
    for (let after = ''; ; ) {
      const { data } = await db
        .collection<HouseholdDoc>(HOUSEHOLDS)
        .where({ [field]: db.command.in(slice), _id: db.command.gt(after) })
        .orderBy('_id', 'asc')
        .limit(1000)
        .get();
      for (const h of data) out.set(h._id, h);
      if (data.length < 1000) break;
      after = data[data.length - 1]?._id ?? after;
    }
  }
  return [...out.values()];
}

/** Households read per step of the household pass. */
const HOUSEHOLD_PAGE = 500;

/**
 * Members and cards shared between households: one page of households, and for each of their ID and
 * card hashes every household in the city holding it (indexed look-ups, never a whole-table group,
 * which on a city's 200,000 households outlasts a database request). A group found from two pages
 * gives the same alert id, so it is raised once.
 */
async function sharedInPage(db: Database, now: Date, page: HouseholdDoc[]): Promise<AlertDoc[]> {
  const rules = rulesOver('households');
  const holders = await Promise.all(rules.map((r) => householdsWith(db, r.field, r.valuesOf(page))));
  const drafts = rules.flatMap((r, i) => r.check({ page, holders: holders[i] ?? [] }));
  if (drafts.length === 0) return [];
  const names = await regionNames(db, villagesOf(drafts));
  return drafts.map((d) => stored(d, names, now));
}

/**
 * The household pass of a cycle, a page at a time from `after` until `deadline`; `save` keeps each
 * page's alerts and the place reached. Answers true when every household has been read.
 */
async function sharedAcrossHouseholds(
  db: Database,
  now: Date,
  from: string,
  deadline: number,
  save: (after: string, done: boolean, alerts: AlertDoc[]) => Promise<void>,
): Promise<boolean> {
  let after = from;
  for (let first = true; ; first = false) {
    if (!first && Date.now() > deadline) return false;
    const { data: page } = await db
      .collection<HouseholdDoc>(HOUSEHOLDS)
      .where({ _id: db.command.gt(after) })
      .orderBy('_id', 'asc')
      .limit(HOUSEHOLD_PAGE)
      .get();
    const alerts = await sharedInPage(db, now, page);
    after = page[page.length - 1]?._id ?? after;
    const done = page.length < HOUSEHOLD_PAGE;
    await save(after, done, alerts);
    if (done) return true;
  }
}

/**
 * A register read whole, a page at a time by id, with the households it names at `field` (the head's
 * or any member's ID hash) and their villages' names; `visit` turns each page into alerts.
 */
async function registerPass<R extends { _id: string }>(
  db: Database,
  collection: string,
  field: 'headIdHash' | 'members.idHash',
  visit: (entries: R[], homes: HouseholdDoc[], names: Map<string, string>) => Promise<AlertDoc[]>,
): Promise<AlertDoc[]> {
  const out: AlertDoc[] = [];
  for (let after = ''; ; ) {
    const { data: entries } = await db
      .collection<R & Doc>(collection)
      .where({ _id: db.command.gt(after) })
      .orderBy('_id', 'asc')
      .limit(1000)
      .get();
    if (entries.length === 0) return out;
    after = entries[entries.length - 1]?._id ?? after;
    const { data: homes } = await db
      .collection<HouseholdDoc>(HOUSEHOLDS)
      .where({ [field]: db.command.in(entries.map((e) => e._id)) })
      .limit(1000)
      .get();
    const names = await regionNames(
      db,
      homes.map((h) => h.villageCode),
    );
    out.push(...(await visit(entries, homes, names)));
    if (entries.length < 1000) return out;
  }
}

/** Payments after the death of the household's head, from the imported death register. */
function afterDeath(db: Database, now: Date): Promise<AlertDoc[]> {
  return registerPass<DeathRecord>(db, DEATHS, 'headIdHash', async (deaths, homes, names) => {
    const died = new Map(deaths.map((d) => [d._id, d]));
    const out: AlertDoc[] = [];
    for (const h of homes) {
      const death = died.get(h.headIdHash);
      if (!death) continue;
      const { data: paidSince } = await db
        .collection<PaymentDoc>(PAYMENTS)
        .where({ householdId: h._id, paidAt: db.command.gt(death.diedOn) })
        .orderBy('paidAt', 'asc')
        .limit(100)
        .get();
      const facts = { household: h, death, paidSince };
      out.push(
        ...storedAll(
          rulesOver('deaths').map((r) => r.check(facts)),
          names,
          now,
        ),
      );
    }
    return out;
  });
}

/** Households with a member on the staff-and-relatives register who receive payments. */
function staffRelatives(db: Database, now: Date): Promise<AlertDoc[]> {
  return registerPass<StaffRelativeRecord>(
    db,
    STAFF_RELATIVES,
    'members.idHash',
    async (listed, homes, names) => {
      const out: AlertDoc[] = [];
      for (const h of homes) {
        const { data: paid } = await db
          .collection<PaymentDoc>(PAYMENTS)
          .where({ householdId: h._id })
          .orderBy('paidAt', 'asc')
          .limit(10)
          .get();
        const facts = { household: h, listed, paid };
        out.push(
          ...storedAll(
            rulesOver('staff_relatives').map((r) => r.check(facts)),
            names,
            now,
          ),
        );
      }
      return out;
    },
  );
}

interface ScanState extends Doc {
  /** The last payment read (createdAt, _id). */
  cursor: Cursor;
  /** The end of the cycle in progress; null between cycles. */
  until: Date | null;
  lastRunAt: Date;
  /** The household pass of the cycle in progress: the last household read; null once it is done. */
  households?: string | null;
}

/** The scheduler runs the whole scan this often; supervisors may run it any time. */
export const SCAN_EVERY_MS = 6 * 3600_000;

export async function scanDue(db: Database, now: Date): Promise<boolean> {
  const { data } = await db.collection<ScanState>(META).where({ _id: SCAN_STATE }).limit(1).get();
  const state = data[0];
  // A cycle still in progress continues at every tick.
  if (state?.until) return true;
  return !state?.lastRunAt || now.getTime() - new Date(state.lastRunAt).getTime() >= SCAN_EVERY_MS;
}

/** Payments recorded since the last scan: above the standard, paid twice, paid without approval. */
interface Cursor {
  at: Date;
  id: string;
}

/**
 * Payments recorded since the last scan (above the standard, paid twice, paid without approval), a
 * page at a time: each page's alerts and the cursor are saved before the next, so a scan that runs out
 * of time (or dies) continues where it stopped.
 */
async function newPayments(
  db: Database,
  now: Date,
  from: Cursor,
  until: Date,
  deadline: number,
  save: (cursor: Cursor, done: boolean, alerts: AlertDoc[]) => Promise<void>,
): Promise<boolean> {
  const { data: projectList } = await db.collection<ProjectDoc>(PROJECTS).where({}).limit(1000).get();
  const projects = new Map(projectList.map((p) => [p.code, p]));
  let cursor = from;
  for (;;) {
    const _ = db.command;
    // Two index-ordered reads instead of one $or, so the engine can stop after a page: the rest of
    // the cursor's instant, then what came after it.
    const { data: same } = await db
      .collection<PaymentDoc>(PAYMENTS)
      .where({ createdAt: cursor.at, _id: _.gt(cursor.id) })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(1000)
      .get();
    const { data: later } =
      same.length < 1000
        ? await db
            .collection<PaymentDoc>(PAYMENTS)
            .where({ createdAt: _.and(_.gt(cursor.at), _.lt(until)) })
            .orderBy('createdAt', 'asc')
            .orderBy('_id', 'asc')
            .limit(1000 - same.length)
            .get()
        : { data: [] as PaymentDoc[] };
    const page = [...same, ...later];
    if (page.length === 0) {
      await save(cursor, true, []);
      return true;
    }
    const out: AlertDoc[] = [];
    const last = page[page.length - 1] as PaymentDoc;
    cursor = { at: new Date(last.createdAt), id: last._id };
    const decls = await approvedFor(db, page);
    const names = await regionNames(
      db,
      page.map((p) => p.villageCode),
    );
    for (const p of page) {
      const facts: PaymentFacts = {
        payment: p,
        villageName: names.get(p.villageCode) ?? p.villageCode,
        approved: decls.get(approvalKeyFor(p)),
        project: projects.get(p.projectCode),
      };
      out.push(
        ...storedAll(
          rulesOver('payments').map((r) => r.check(facts)),
          names,
          now,
        ),
      );
    }
    await save(cursor, page.length < 1000, out);
    if (page.length < 1000) return true;
    // At least a page per call, so every call moves on.
    if (Date.now() > deadline) return false;
  }
}

async function approvedFor(db: Database, payments: PaymentDoc[]): Promise<Map<string, DeclarationDoc>> {
  const out = new Map<string, DeclarationDoc>();
  const households = [...new Set(payments.map((p) => p.householdId))];
  for (let i = 0; i < households.length; i += 100) {
    const { data } = await db
      .collection<DeclarationDoc>(DECLARATIONS)
      .where({ householdId: db.command.in(households.slice(i, i + 100)), status: 'approved' })
      .limit(1000)
      .get();
    for (const d of data) out.set(approvalKey(d), d);
  }
  return out;
}

/** How long one scan call may run; the rest continues in the next call (or scheduler tick). */
const SCAN_BUDGET_MS = Number(process.env.YKT_RISK_BUDGET_MS) || 40_000;

/**
 * Runs every rule; new alerts are written, known ones left as they are. A cycle starts with the
 * whole-table rules and then reads the payments recorded since the previous cycle, page by page,
 * until `budgetMs` is spent: `running` means the next call continues it. Shared with the scheduler.
 */
export async function riskScan(
  db: Database,
  now: Date,
  budgetMs = SCAN_BUDGET_MS,
): Promise<RiskScanResponse & { raised: AlertDoc[]; seen: AlertDoc[] }> {
  const deadline = Date.now() + budgetMs;
  const { data: states } = await db.collection<ScanState>(META).where({ _id: SCAN_STATE }).limit(1).get();
  const state = states[0];
  const fresh = !state?.until;
  const until = state?.until ? new Date(state.until) : new Date(now.getTime() - SETTLE_MS);
  const from: Cursor = state?.cursor
    ? { at: new Date(state.cursor.at), id: state.cursor.id }
    : { at: new Date(0), id: '' };
  // A cycle starts with the household pass; a cycle begun before the pass existed has none to do.
  const householdsFrom = fresh ? '' : (state?.households ?? null);
  const raised: AlertDoc[] = [];
  /** Found again: raised by an earlier run. */
  const seen: AlertDoc[] = [];
  const write = async (alerts: AlertDoc[]) => {
    const unique = [...new Map(alerts.map((a) => [a._id, a])).values()];
    const inserted = await insertNew(db, ALERTS, unique);
    for (const a of unique) (inserted.has(a._id) ? raised : seen).push(a);
  };
  const saveState = (patch: Partial<ScanState>) =>
    db
      .collection<ScanState>(META)
      .doc(SCAN_STATE)
      .set({ data: { cursor: from, until, lastRunAt: now, households: householdsFrom, ...patch } });
  let done = false;
  const householdsDone =
    householdsFrom === null ||
    (await sharedAcrossHouseholds(db, now, householdsFrom, deadline, async (after, finished, alerts) => {
      await write(alerts);
      await saveState({ households: finished ? null : after });
    }));
  if (householdsDone) {
    // The registers are short lists, checked whole once the households are done.
    if (householdsFrom !== null)
      await write([...(await afterDeath(db, now)), ...(await staffRelatives(db, now))]);
    done = await newPayments(db, now, from, until, deadline, async (cursor, finished, alerts) => {
      await write(alerts);
      await db
        .collection<ScanState>(META)
        .doc(SCAN_STATE)
        .set({ data: { cursor, until: finished ? null : until, lastRunAt: now, households: null } });
    });
  }
  return { found: countByRule(raised), known: seen.length, state: done ? 'done' : 'running', raised, seen };
}

export function countByRule(alerts: AlertDoc[]): Partial<Record<RiskRule, number>> {
  const counts: Partial<Record<RiskRule, number>> = {};
  for (const a of alerts) counts[a.rule] = (counts[a.rule] ?? 0) + 1;
  return counts;
}
