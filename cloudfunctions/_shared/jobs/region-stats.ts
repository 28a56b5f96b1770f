/**
 * The dashboard's slow figures, precomputed. A year of payments for the city is millions of rows:
 * counting them at every look would take seconds and hold the database the whole time. So the
 * scheduler rolls the big collections up one township at a time (each township's rows are counted by
 * the database with `aggregate().group()`, never loaded into the function) into one `region_stats`
 * document per township and year, holding every village's counts. The dashboard then sums a few
 * hundred small documents. Registered users, declarations and payments come from here, with the time
 * they were counted; tip-offs and alerts, small collections a supervisor must never see late, stay live.
 */
import { parentRegionCode, regionLevel, regionRange } from '../../../miniprogram/shared/region';
import { shanghaiYear, startOfShanghaiYear } from '../../../miniprogram/shared/time';
import type { Database, Doc } from '../db/database';
import { DECLARATIONS, OPEN_STATUSES } from '../domain/declarations';
import { REGIONS, type RegionDoc } from '../domain/households';
import { PAYMENTS } from '../domain/payments';
import { inRegion } from '../domain/scope';
import { USERS } from '../runtime/caller';

export const REGION_STATS = 'region_stats';
const META = 'meta';
const STATE = 'stats_rollup';

/** One village's counts for one year (users: registered now, whatever the year). */
export interface VillageCounts {
  code: string;
  users: number;
  received: number;
  valid: number;
  completed: number;
  pending: number;
  /** Per project: payments counted and their sum in fen. */
  paid: Array<{ projectCode: string; count: number; amountFen: number }>;
}

export interface RegionStatsDoc extends Doc {
  /** `<year>:<township code>` */
  _id: string;
  year: number;
  townshipCode: string;
  villages: VillageCounts[];
  /** When the counting started: every row written before it is in the figures. */
  computedAt: Date;
}

interface RollupState extends Doc {
  /** The last township finished in the cycle in progress; null between cycles. */
  cursor: string | null;
  cycleStartedAt: Date | null;
  lastCycleAt: Date | null;
}

/** A new cycle starts this long after the last one ended (the scheduler runs every ten minutes; a cycle of the whole city takes a minute or two of the database at full size, so not at every run). */
export const STATS_EVERY_MS = 30 * 60_000;
/** How long one scheduler run may spend on the rollup; the cycle continues at the next run. */
const ROLLUP_BUDGET_MS = Number(process.env.YKT_STATS_BUDGET_MS) || 10_000;
/** How long a supervisor's 刷新 may spend recounting; what is left keeps its last rollup. */
export const REFRESH_BUDGET_MS = 20_000;

/** The year's bounds in Asia/Shanghai. */
export function yearRange(year: number): { from: Date; to: Date } {
  return {
    from: startOfShanghaiYear(year),
    to: startOfShanghaiYear(year + 1),
  };
}

/** This year and last: January's dashboard still looks back at December. */
function rollupYears(now: Date): number[] {
  const year = shanghaiYear(now);
  return [year, year - 1];
}

interface Group<K> {
  _id: K;
  n: number;
}

/** Counts one township's villages for the given years, all in the database. */
export async function countTownship(
  db: Database,
  township: string,
  years: number[],
  now: Date,
): Promise<RegionStatsDoc[]> {
  const $ = db.command.aggregate;
  const _ = db.command;
  const village = inRegion(db, township);
  const open = new Set<string>(OPEN_STATUSES);
  const [users, ...perYear] = await Promise.all([
    db
      .collection(USERS)
      .aggregate()
      .match({ villageCode: village, registered: true })
      .group({ _id: '$villageCode', n: $.sum(1) })
      .end(),
    ...years.flatMap((year) => {
      const { from, to } = yearRange(year);
      return [
        db
          .collection(PAYMENTS)
          .aggregate()
          .match({ year, villageCode: village })
          .group({
            _id: { v: '$villageCode', p: '$projectCode' },
            n: $.sum(1),
            fen: $.sum('$amountFen'),
          })
          .end(),
        db
          .collection(DECLARATIONS)
          .aggregate()
          .match({ villageCode: village, submittedAt: _.and(_.gte(from), _.lt(to)) })
          .group({ _id: { v: '$villageCode', s: '$status', ok: '$valid' }, n: $.sum(1) })
          .end(),
      ];
    }),
  ]);
  const userCounts = users.list as unknown as Array<Group<string>>;
  return years.map((year, i) => {
    const byVillage = new Map<string, VillageCounts>();
    const at = (code: string) => {
      let v = byVillage.get(code);
      if (!v) {
        v = { code, users: 0, received: 0, valid: 0, completed: 0, pending: 0, paid: [] };
        byVillage.set(code, v);
      }
      return v;
    };
    for (const u of userCounts) if (typeof u._id === 'string') at(u._id).users += u.n;
    const payments = perYear[i * 2]?.list as unknown as Array<
      Group<{ v: string; p: string }> & { fen: number }
    >;
    for (const g of payments) {
      if (typeof g._id?.v !== 'string') continue;
      at(g._id.v).paid.push({ projectCode: g._id.p, count: g.n, amountFen: g.fen });
    }
    const declarations = perYear[i * 2 + 1]?.list as unknown as Array<
      Group<{ v: string; s: string; ok?: boolean }>
    >;
    for (const g of declarations) {
      if (typeof g._id?.v !== 'string') continue;
      const v = at(g._id.v);
      v.received += g.n;
      if (g._id.ok === true) v.valid += g.n;
      if (g._id.s === 'approved' || g._id.s === 'rejected') v.completed += g.n;
      if (open.has(g._id.s)) v.pending += g.n;
    }
    for (const v of byVillage.values()) v.paid.sort((a, b) => a.projectCode.localeCompare(b.projectCode));
    return {
      _id: `${year}:${township}`,
      year,
      townshipCode: township,
      villages: [...byVillage.values()].sort((a, b) => a.code.localeCompare(b.code)),
      computedAt: now,
    };
  });
}

async function saveTownship(db: Database, docs: RegionStatsDoc[]): Promise<void> {
  await Promise.all(
    docs.map(({ _id, ...data }) => db.collection<RegionStatsDoc>(REGION_STATS).doc(_id).set({ data })),
  );
}

/** Codes in `region` after `after`: `[from, to)` narrowed, a range one index serves. */
function codesAfter(db: Database, region: string | null, after: string) {
  const _ = db.command;
  if (!region) return _.gt(after);
  const { from, to } = regionRange(region);
  return after >= from ? _.and(_.gt(after), _.lt(to)) : _.and(_.gte(from), _.lt(to));
}

/** Townships (by code) after `after`, inside `region` (null: everywhere), a page at a time. */
async function townshipsAfter(
  db: Database,
  region: string | null,
  after: string,
  limit: number,
): Promise<string[]> {
  const { data } = await db
    .collection<RegionDoc>(REGIONS)
    .where({ level: 'township', code: codesAfter(db, region, after) })
    .orderBy('code', 'asc')
    .limit(limit)
    .get();
  return data.map((r) => r.code);
}

/**
 * Counts the townships of `region` (null: all) after `after`, in code order, at least one and then
 * until `deadline`; `saved` runs after each township's documents are written.
 */
async function countTownships(
  db: Database,
  region: string | null,
  after: string,
  now: Date,
  deadline: number,
  saved: (township: string) => Promise<unknown> = async () => undefined,
): Promise<{ townships: number; complete: boolean }> {
  let last = after;
  let done = 0;
  for (;;) {
    const page = await townshipsAfter(db, region, last, 100);
    for (const township of page) {
      if (done > 0 && Date.now() > deadline) return { townships: done, complete: false };
      await saveTownship(db, await countTownship(db, township, rollupYears(now), now));
      last = township;
      done++;
      await saved(township);
    }
    if (page.length < 100) return { townships: done, complete: true };
  }
}

/** Recounts every township in `region` (a supervisor's 重新统计), until the budget is spent. */
export async function recountRegion(
  db: Database,
  region: string,
  now: Date,
  budgetMs = ROLLUP_BUDGET_MS,
): Promise<{ townships: number; complete: boolean }> {
  const level = regionLevel(region);
  if (level === 'village' || level === 'township') {
    const township = level === 'village' ? (parentRegionCode(region) as string) : region;
    await saveTownship(db, await countTownship(db, township, rollupYears(now), now));
    return { townships: 1, complete: true };
  }
  return countTownships(db, region, '', now, Date.now() + budgetMs);
}

export async function statsDue(db: Database, now: Date): Promise<boolean> {
  const { data } = await db.collection<RollupState>(META).where({ _id: STATE }).limit(1).get();
  const state = data[0];
  if (state?.cycleStartedAt) return true;
  return !state?.lastCycleAt || now.getTime() - new Date(state.lastCycleAt).getTime() >= STATS_EVERY_MS;
}

/**
 * The scheduler's rollup: continues the cycle in progress (or starts one) township by township,
 * saving its place after each, until the budget is spent. A run that dies repeats one township.
 */
export async function rollupStats(
  db: Database,
  now: Date,
  budgetMs = ROLLUP_BUDGET_MS,
): Promise<{ townships: number; state: 'done' | 'running' }> {
  const { data } = await db.collection<RollupState>(META).where({ _id: STATE }).limit(1).get();
  const state = data[0];
  const startedAt = state?.cycleStartedAt ? new Date(state.cycleStartedAt) : now;
  const from = state?.cycleStartedAt ? (state.cursor ?? '') : '';
  const save = (patch: Partial<RollupState>) =>
    db
      .collection<RollupState>(META)
      .doc(STATE)
      .set({
        data: { cycleStartedAt: startedAt, lastCycleAt: state?.lastCycleAt ?? null, cursor: from, ...patch },
      });
  const counted = await countTownships(db, null, from, now, Date.now() + budgetMs, (township) =>
    save({ cursor: township }),
  );
  if (!counted.complete) return { townships: counted.townships, state: 'running' };
  await save({ cursor: null, cycleStartedAt: null, lastCycleAt: now });
  return { townships: counted.townships, state: 'done' };
}

/** The stats documents a dashboard of `region` sums: its own township's, or every township inside it. */
export async function statsFor(db: Database, region: string, year: number): Promise<RegionStatsDoc[]> {
  const level = regionLevel(region);
  const scope = level === 'village' ? (parentRegionCode(region) as string) : region;
  const out: RegionStatsDoc[] = [];
  for (let after = ''; ; ) {
    const { data } = await db
      .collection<RegionStatsDoc>(REGION_STATS)
      .where({ year, townshipCode: codesAfter(db, scope, after) })
      .orderBy('townshipCode', 'asc')
      .limit(1000)
      .get();
    out.push(...data);
    if (data.length < 1000) return out;
    after = data[data.length - 1]?.townshipCode ?? '';
  }
}
