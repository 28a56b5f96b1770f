/**
 * 存疑数据: the risk rules of the design, each raising alerts that name the rule, the records and why.
 * An alert's id is its rule and its records, so a rescan finds it again instead of raising it twice,
 * and a resolved one stays resolved. Whole-table rules run as aggregations in the database (nothing
 * is loaded to be counted); payment rules read only payments recorded since the last scan.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { amountForPeriod, parsePeriod } from '../../miniprogram/shared/entitlement';
import { formatYuan } from '../../miniprogram/shared/money';
import { regionAncestry } from '../../miniprogram/shared/region';
import type { AlertRecord, AlertsResponse, AlertView, RiskRule, RiskScanResponse } from '../../typings/api';
import { byIds, insertNew } from '../_shared/bulk';
import { PROJECTS, type ProjectDoc } from '../_shared/catalogue';
import type { Database, Doc } from '../_shared/db';
import { conflict, notFound } from '../_shared/errors';
import { pageOf } from '../_shared/paging';
import { HOUSEHOLDS, type HouseholdDoc, REGIONS, type RegionDoc } from '../_shared/people';
import type { ActionDef } from '../_shared/router';
import { labelled, page, pageSize } from '../_shared/schemas';
import { DECLARATIONS, type DeclarationDoc } from '../declaration/model';
import { PAYMENTS, type PaymentDoc } from '../payment/model';
import { supervisorGrants } from './scope';

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

export interface DeathRecord extends Doc {
  _id: string;
  diedOn: Date;
  nameMasked: string;
  idMasked: string;
  importedAt: Date;
}

export interface StaffRelativeRecord extends Doc {
  _id: string;
  personMasked: string;
  staffMasked: string;
  unit: string;
  relation: string;
  importedAt: Date;
}

const key = (...parts: string[]) => createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 24);

function alert(
  rule: RiskRule,
  keyParts: string[],
  regionCode: string,
  records: AlertRecord[],
  why: string,
  now: Date,
): AlertDoc {
  return {
    _id: `${rule}:${key(...keyParts)}`,
    rule,
    regionCode,
    scopeCodes: regionAncestry(regionCode),
    records,
    why,
    status: 'open',
    note: null,
    resolvedBy: null,
    createdAt: now,
    resolvedAt: null,
    version: 1,
  };
}

const household = (h: Pick<HouseholdDoc, '_id' | 'members'>, villageName: string): AlertRecord => ({
  type: 'household',
  id: h._id,
  label: `${villageName} · 户主${h.members.find((m) => m.relation === 'head')?.nameMasked ?? h.members[0]?.nameMasked ?? ''}`,
});

const payment = (p: PaymentDoc): AlertRecord => ({
  type: 'payment',
  id: p._id,
  label: `${p.projectName} ${p.period} ${formatYuan(p.amountFen)}（${p.source === 'batch' ? '一卡通平台' : '原发放平台'}，流水号${p.bankSerial}）`,
});

async function villageNames(db: Database, codes: string[]) {
  return new Map((await byIds<RegionDoc>(db, REGIONS, codes)).map((r) => [r._id, r.name]));
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
  const idHashes = [...new Set(page.flatMap((h) => h.members.map((m) => m.idHash)).filter(Boolean))];
  const cardHashes = [...new Set(page.map((h) => h.card?.numberHash).filter((x): x is string => Boolean(x)))];
  const [withPerson, withCard] = await Promise.all([
    householdsWith(db, 'members.idHash', idHashes),
    householdsWith(db, 'card.numberHash', cardHashes),
  ]);
  const groups: Array<{
    rule: 'person_two_households' | 'card_several_households';
    hash: string;
    hs: HouseholdDoc[];
  }> = [];
  for (const hash of idHashes) {
    const hs = withPerson.filter((h) => h.members.some((m) => m.idHash === hash));
    if (hs.length > 1) groups.push({ rule: 'person_two_households', hash, hs });
  }
  for (const hash of cardHashes) {
    const hs = withCard.filter((h) => h.card?.numberHash === hash);
    if (hs.length > 1) groups.push({ rule: 'card_several_households', hash, hs });
  }
  if (groups.length === 0) return [];
  const names = await villageNames(
    db,
    groups.flatMap((g) => g.hs.map((h) => h.villageCode)),
  );
  return groups.map(({ rule, hash, hs }) => {
    const sorted = [...hs].sort((x, y) => (x._id < y._id ? -1 : 1));
    const first = sorted[0] as HouseholdDoc;
    const who =
      rule === 'person_two_households'
        ? `身份证号${first.members.find((m) => m.idHash === hash)?.idMasked ?? ''}同时登记在${hs.length}户`
        : `尾号${first.card?.tail ?? ''}的${first.card?.bank ?? ''}卡同时绑定在${hs.length}户`;
    return alert(
      rule,
      [hash, ...sorted.map((h) => h._id)],
      first.villageCode,
      sorted.map((h) => household(h, names.get(h.villageCode) ?? h.villageCode)),
      `${who}，请核实是否重复登记或冒领`,
      now,
    );
  });
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

/** Payments after the death of the household's head, from the imported death register. */
async function afterDeath(db: Database, now: Date): Promise<AlertDoc[]> {
  const out: AlertDoc[] = [];
  let after = '';
  for (;;) {
    const { data: deaths } = await db
      .collection<DeathRecord>(DEATHS)
      .where({ _id: db.command.gt(after) })
      .orderBy('_id', 'asc')
      .limit(1000)
      .get();
    if (deaths.length === 0) return out;
    after = deaths[deaths.length - 1]?._id ?? after;
    const { data: homes } = await db
      .collection<HouseholdDoc>(HOUSEHOLDS)
      .where({ headIdHash: db.command.in(deaths.map((d) => d._id)) })
      .limit(1000)
      .get();
    const died = new Map(deaths.map((d) => [d._id, d]));
    const names = await villageNames(
      db,
      homes.map((h) => h.villageCode),
    );
    for (const h of homes) {
      const death = died.get(h.headIdHash);
      if (!death) continue;
      // Paid for a period that began after the month of death.
      const { data: paid } = await db
        .collection<PaymentDoc>(PAYMENTS)
        .where({ householdId: h._id, paidAt: db.command.gt(death.diedOn) })
        .orderBy('paidAt', 'asc')
        .limit(100)
        .get();
      const diedMonth = new Date(new Date(death.diedOn).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
      const late = paid.filter((p) => p.period.length === 7 && p.period > diedMonth);
      if (late.length === 0) continue;
      const total = late.reduce((n, p) => n + p.amountFen, 0);
      out.push(
        alert(
          'paid_after_death',
          [h._id, death._id],
          h.villageCode,
          [
            household(h, names.get(h.villageCode) ?? h.villageCode),
            { type: 'register', id: death._id, label: `死亡登记：${death.nameMasked} ${death.idMasked}` },
            ...late.slice(0, 10).map(payment),
          ],
          `户主已于${new Date(new Date(death.diedOn).getTime() + 8 * 3600_000).toISOString().slice(0, 10)}登记死亡，之后仍发放${late.length}笔共${formatYuan(total)}`,
          now,
        ),
      );
    }
    if (deaths.length < 1000) return out;
  }
}

/** Households with a member on the staff-and-relatives register who receive payments. */
async function staffRelatives(db: Database, now: Date): Promise<AlertDoc[]> {
  const out: AlertDoc[] = [];
  let after = '';
  for (;;) {
    const { data: listed } = await db
      .collection<StaffRelativeRecord>(STAFF_RELATIVES)
      .where({ _id: db.command.gt(after) })
      .orderBy('_id', 'asc')
      .limit(1000)
      .get();
    if (listed.length === 0) return out;
    after = listed[listed.length - 1]?._id ?? after;
    const { data: homes } = await db
      .collection<HouseholdDoc>(HOUSEHOLDS)
      .where({ 'members.idHash': db.command.in(listed.map((r) => r._id)) })
      .limit(1000)
      .get();
    const names = await villageNames(
      db,
      homes.map((h) => h.villageCode),
    );
    for (const h of homes) {
      const { data: paid } = await db
        .collection<PaymentDoc>(PAYMENTS)
        .where({ householdId: h._id })
        .orderBy('paidAt', 'asc')
        .limit(10)
        .get();
      if (paid.length === 0) continue;
      const entry = listed.find((r) => h.members.some((m) => m.idHash === r._id));
      if (!entry) continue;
      out.push(
        alert(
          'staff_relative',
          [h._id, entry._id],
          h.villageCode,
          [
            household(h, names.get(h.villageCode) ?? h.villageCode),
            {
              type: 'register',
              id: entry._id,
              label: `${entry.personMasked}：${entry.unit}${entry.staffMasked}的${entry.relation}`,
            },
            ...paid.map(payment),
          ],
          `家庭成员${entry.personMasked}是${entry.unit}${entry.staffMasked}的${entry.relation}，该户领取了补贴，请核实是否按规定备案、公示`,
          now,
        ),
      );
    }
    if (listed.length < 1000) return out;
  }
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
    const names = await villageNames(
      db,
      page.map((p) => p.villageCode),
    );
    for (const p of page) {
      const village = names.get(p.villageCode) ?? p.villageCode;
      const d = decls.get(`${p.householdId}:${p.projectCode}:${p.period.slice(0, 4)}`);
      const homeRecord: AlertRecord = { type: 'household', id: p.householdId, label: village };
      if (p.duplicateOf) {
        out.push(
          alert(
            'paid_twice',
            [p.householdId, p.projectCode, p.period],
            p.villageCode,
            [homeRecord, payment(p), { type: 'payment', id: p.duplicateOf, label: '同期的另一笔发放' }],
            `${village}一户${p.projectName}${p.period}期发放了两次（${formatYuan(p.amountFen)}）`,
            now,
          ),
        );
      }
      const project = projects.get(p.projectCode);
      if (!d) {
        out.push(
          alert(
            'paid_without_approval',
            [p._id],
            p.villageCode,
            [homeRecord, payment(p)],
            `${village}一户领取了${p.projectName}${p.period}期${formatYuan(p.amountFen)}，平台上没有该户该年度审批通过的申报`,
            now,
          ),
        );
      } else if (project && parsePeriod(project.frequency, p.period)) {
        const due = amountForPeriod(project.standard, project.frequency, d.answers, p.period);
        if (due.ok && p.amountFen > due.amountFen) {
          out.push(
            alert(
              'above_standard',
              [p._id],
              p.villageCode,
              [
                homeRecord,
                payment(p),
                {
                  type: 'declaration',
                  id: d._id,
                  label: `${d.projectName}申报（${d.applicant.nameMasked}）`,
                },
              ],
              `按标准该户${p.period}期应发${formatYuan(due.amountFen)}，实发${formatYuan(p.amountFen)}，多发${formatYuan(p.amountFen - due.amountFen)}`,
              now,
            ),
          );
        }
      }
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
    for (const d of data) out.set(`${d.householdId}:${d.projectCode}:${d.period}`, d);
  }
  return out;
}

/** Runs every rule; new alerts are written, known ones left as they are. Shared with the scheduler. */
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

function countByRule(alerts: AlertDoc[]): Partial<Record<RiskRule, number>> {
  const counts: Partial<Record<RiskRule, number>> = {};
  for (const a of alerts) counts[a.rule] = (counts[a.rule] ?? 0) + 1;
  return counts;
}

export const runRiskScan: ActionDef<'supervision', 'runRiskScan'> = {
  access: ['supervisor'],
  input: z.object({}),
  async handler(ctx): Promise<RiskScanResponse> {
    const grants = supervisorGrants(ctx.caller);
    // The scan is the timer's, over the whole city; the caller learns only what lies in their region,
    // as the alerts list shows it (a county's supervisor hears nothing of the other counties).
    const mine = (a: AlertDoc) => grants.some((g) => a.scopeCodes.includes(g.regionCode));
    const { raised, seen, ...result } = await riskScan(ctx.db, ctx.now);
    await ctx.audit({
      action: 'supervision.runRiskScan',
      targetType: 'alerts',
      targetId: `scan:${ctx.requestId}`,
      detail: { found: result.found, known: result.known, raised: raised.map((a) => a._id) },
    });
    return { found: countByRule(raised.filter(mine)), known: seen.filter(mine).length, state: result.state };
  },
};

async function regionNames(db: Database, alerts: AlertDoc[]) {
  return villageNames(
    db,
    alerts.map((a) => a.regionCode),
  );
}

function view(a: AlertDoc, regionName: string): AlertView {
  return {
    alertId: a._id,
    rule: a.rule,
    ruleText: RULE_TEXT[a.rule],
    regionCode: a.regionCode,
    regionName,
    records: a.records,
    why: a.why,
    status: a.status,
    note: a.note,
    createdAt: new Date(a.createdAt).toISOString(),
    resolvedAt: a.resolvedAt ? new Date(a.resolvedAt).toISOString() : null,
    version: a.version,
  };
}

const RULES = Object.keys(RULE_TEXT) as [RiskRule, ...RiskRule[]];

export const alerts: ActionDef<'supervision', 'alerts'> = {
  access: ['supervisor'],
  input: z.object({
    status: labelled(z.optional(z.enum(['open', 'confirmed', 'dismissed'])), '处理状态'),
    rule: labelled(z.optional(z.enum(RULES)), '风险规则'),
    page: page(),
    pageSize: pageSize(),
  }),
  async handler(ctx, input): Promise<AlertsResponse> {
    const where: Record<string, unknown> = {
      scopeCodes: ctx.db.command.in(supervisorGrants(ctx.caller).map((g) => g.regionCode)),
    };
    if (input.status) where.status = input.status;
    if (input.rule) where.rule = input.rule;
    const { data, ...paging } = await pageOf<AlertDoc>(ctx.db, ALERTS, where, [['createdAt', 'desc']], input);
    const names = await regionNames(ctx.db, data);
    return { items: data.map((a) => view(a, names.get(a.regionCode) ?? a.regionCode)), ...paging };
  },
};

export const resolveAlert: ActionDef<'supervision', 'resolveAlert'> = {
  access: ['supervisor'],
  input: z.object({
    alertId: labelled(
      z.string().check(z.minLength(3), z.maxLength(80), z.regex(/^[a-z_]+:[0-9a-f]+$/)),
      '风险提示',
    ),
    version: labelled(z.int().check(z.gte(1)), '版本'),
    outcome: labelled(z.enum(['confirmed', 'dismissed']), '核查结论'),
    note: labelled(z.string().check(z.trim(), z.minLength(5), z.maxLength(1000)), '核查说明'),
  }),
  async handler(ctx, input): Promise<AlertView> {
    const { data } = await ctx.db.collection<AlertDoc>(ALERTS).where({ _id: input.alertId }).limit(1).get();
    const found = data[0];
    const grants = supervisorGrants(ctx.caller);
    if (!found || !grants.some((g) => found.scopeCodes.includes(g.regionCode)))
      throw notFound('没有找到这条风险提示');
    if (found.status !== 'open') throw conflict('这条风险提示已处理过');
    const next = await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<AlertDoc>(ALERTS).doc(found._id);
      const { data: a } = await ref.get();
      if (a.version !== input.version || a.status !== 'open')
        throw conflict('这条风险提示已被他人处理，请刷新后查看');
      const updated: AlertDoc = {
        ...a,
        status: input.outcome,
        note: input.note,
        resolvedBy: ctx.caller.user?._id ?? '',
        resolvedAt: ctx.now,
        version: a.version + 1,
      };
      const { _id, ...rest } = updated;
      await ref.set({ data: rest });
      await ctx.auditIn(tx, {
        action: 'supervision.resolveAlert',
        actorId: ctx.caller.user?._id ?? '',
        actorRole: 'supervisor',
        targetType: 'alert',
        targetId: a._id,
        detail: { rule: a.rule, outcome: input.outcome },
      });
      return updated;
    });
    const names = await regionNames(ctx.db, [next]);
    return view(next, names.get(next.regionCode) ?? next.regionCode);
  },
};
