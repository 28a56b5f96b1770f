/**
 * 生成发放批次: one line per approved household of the region at the project's standard, leaving out
 * households already paid or already in a batch for that project and period. Each household's place
 * (paid_slots) is taken before its line is written, so two batches never pay one household. The
 * approved declarations are read a page at a time and each page's lines written before the next; the
 * place reached is saved on the batch, so a batch larger than one call (a city of 100,000 households)
 * is built over several calls, and a call that dies midway leaves a `building` batch that the same
 * request continues.
 */

import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { parsePeriod, periodEnd, periodHint } from '../../miniprogram/shared/entitlement';
import { normalizeRegionCode, regionAncestry, regionRange } from '../../miniprogram/shared/region';
import { shanghaiDay, startOfShanghaiMonth } from '../../miniprogram/shared/time';
import type { CreateBatchResponse } from '../../typings/api';
import { byIds, insertNew } from '../_shared/db/bulk';
import type { Database } from '../_shared/db/database';
import {
  advanceBuild,
  type BatchFacts,
  type BatchPlan,
  type BatchTotals,
  type BuildState,
  batchCandidates,
  batchStateAfter,
  batchTotals,
  type LineGroups,
  newBuild,
  nothingToPay,
  notYetPlaced,
  type Planned,
  planBatch,
  planResend,
} from '../_shared/domain/batch-plan';
import { loadProject, type ProjectDoc } from '../_shared/domain/catalogue';
import { DECLARATIONS, type DeclarationDoc } from '../_shared/domain/declarations';
import { HOUSEHOLDS, type HouseholdDoc } from '../_shared/domain/households';
import {
  BATCHES,
  type BatchDoc,
  batchSummary,
  LINES,
  type LineDoc,
  SLOTS,
  type SlotDoc,
  slotId,
} from '../_shared/domain/payments';
import { regionNames } from '../_shared/domain/regions';
import { financeGrantFor } from '../_shared/domain/scope';
import { exhausted, invalid, notFound, precondition } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { docId, labelled, regionCode } from '../_shared/runtime/schemas';

/** The most households one call takes on: a larger region is split into townships. */
export const MAX_BATCH_LINES = 200_000;

/** Approved declarations of the project and year after `after` (by _id): one page of the build. */
async function approvedPage(
  db: Database,
  project: ProjectDoc,
  year: number,
  after: string,
): Promise<DeclarationDoc[]> {
  const { data } = await db
    .collection<DeclarationDoc>(DECLARATIONS)
    .where({
      projectCode: project.code,
      period: String(year),
      status: 'approved',
      _id: db.command.gt(after),
    })
    .orderBy('_id', 'asc')
    .limit(PAGE)
    .get();
  return data;
}

/** Declarations read per step of the build. */
const PAGE = 1000;

/** `[from, to)` of the region's 12-digit codes, as a query condition. */
function inRange(db: Database, region: string) {
  const { from, to } = regionRange(region);
  return db.command.and(db.command.gte(from), db.command.lt(to));
}

/** The facts a page of the build needs, read for only the households still to place; then its plan. */
async function planPage(
  db: Database,
  facts: Omit<BatchFacts, 'held' | 'households' | 'villageNames'>,
): Promise<BatchPlan> {
  const candidates = batchCandidates(facts.page, facts);
  const held = await byIds<SlotDoc>(
    db,
    SLOTS,
    candidates.map((d) => slotId(d.householdId, facts.project.code, facts.period)),
  );
  const open = notYetPlaced(candidates, held, facts.batchId);
  const households = new Map(
    (
      await byIds<HouseholdDoc>(
        db,
        HOUSEHOLDS,
        open.map((d) => d.householdId),
      )
    ).map((h) => [h._id, h]),
  );
  const villageNames = await regionNames(
    db,
    open.map((d) => d.villageCode),
  );
  return planBatch({ ...facts, held, households, villageNames });
}

/**
 * Takes each household's place, then writes its line; a place already taken by this batch is kept and
 * lines already written are skipped, so a page written again (a call that died) changes nothing.
 */
async function writeLines(db: Database, batchId: string, planned: Planned[]): Promise<void> {
  for (let i = 0; i < planned.length; i += 1000) {
    const existing = new Set(
      (
        await byIds<LineDoc>(
          db,
          LINES,
          planned.slice(i, i + 1000).map((p) => p.line._id),
        )
      ).map((l) => l._id),
    );
    const chunk = planned.slice(i, i + 1000).filter((p) => !existing.has(p.line._id));
    if (chunk.length === 0) continue;
    await insertNew(
      db,
      SLOTS,
      chunk.map((p) => p.slot),
    );
    const slots = await byIds<SlotDoc>(
      db,
      SLOTS,
      chunk.map((p) => p.slot._id),
    );
    const ours = new Set(slots.filter((s) => s.batchId === batchId).map((s) => s._id));
    await insertNew(
      db,
      LINES,
      chunk.filter((p) => ours.has(p.slot._id)).map((p) => p.line),
    );
  }
}

/** Time one createBatch call spends writing lines before answering `building`. */
const WRITE_BUDGET_MS = Number(process.env.YKT_BATCH_BUDGET_MS) || 30_000;

/** Counts and totals from the lines themselves, so a resumed batch adds up. */
export async function recount(db: Database, batchId: string): Promise<BatchTotals> {
  const { list } = (await db
    .collection(LINES)
    .aggregate()
    .match({ batchId })
    .group({ _id: '$state', n: db.command.aggregate.sum(1), fen: db.command.aggregate.sum('$amountFen') })
    .end()) as { list: LineGroups };
  return batchTotals(list);
}

const periodInput = () => labelled(z.string().check(z.trim(), z.minLength(4), z.maxLength(10)), '发放期次');
const projectInput = () => labelled(z.string().check(z.regex(/^[A-Z][A-Z0-9_]{1,19}$/)), '补贴项目');

function newBatchId(now: Date): string {
  const day = shanghaiDay(now).replace(/-/g, '');
  return `B${day}${randomUUID().replace(/-/g, '').slice(0, 10)}`;
}

function unitOf(grant: { unit?: string }, regionName: string): string {
  return grant.unit ?? `${regionName}财政局`;
}

async function finish(
  ctx: ActionContext,
  batch: BatchDoc,
  detail: Record<string, unknown>,
): Promise<BatchDoc> {
  const totals = await recount(ctx.db, batch._id);
  const done: BatchDoc = { ...batch, ...totals, state: 'created', version: batch.version + 1 };
  await ctx.db
    .collection<BatchDoc>(BATCHES)
    .doc(batch._id)
    .update({ data: { ...totals, state: 'created', version: done.version } });
  await ctx.audit({
    action: 'payment.createBatch',
    targetType: 'payment_batch',
    targetId: batch._id,
    detail: {
      project: batch.projectCode,
      region: batch.regionCode,
      period: batch.period,
      resendOf: batch.resendOf,
      lines: totals.lineCount,
      totalFen: totals.totalFen,
      ...detail,
    },
  });
  return done;
}

/** Writes a new batch, `building` until its lines are written. */
async function startBatch(
  ctx: ActionContext,
  key: { projectCode: string; projectName: string; regionCode: string; regionName: string; period: string },
  resendOf: string | null,
  unit: string,
  id = newBatchId(ctx.now),
): Promise<BatchDoc> {
  const batch: BatchDoc = {
    _id: id,
    ...key,
    scopeCodes: regionAncestry(key.regionCode),
    state: 'building',
    resendOf,
    lineCount: 0,
    totalFen: 0,
    paidCount: 0,
    paidFen: 0,
    failedCount: 0,
    failedFen: 0,
    createdBy: ctx.caller.user?._id ?? '',
    createdByUnit: unit,
    createdAt: ctx.now,
    exportedAt: null,
    version: 1,
  };
  await ctx.db.collection<BatchDoc>(BATCHES).add({ data: batch });
  return batch;
}

/** 失败重发: the failed lines of a batch, to each household's card as bound now. */
async function resend(ctx: ActionContext, sourceId: string): Promise<CreateBatchResponse> {
  const { data } = await ctx.db.collection<BatchDoc>(BATCHES).where({ _id: sourceId }).limit(1).get();
  const source = data[0];
  if (!source) throw notFound('没有找到这个发放批次');
  const grant = financeGrantFor(ctx.caller, source.regionCode);
  const failed: LineDoc[] = [];
  for (let seq = -1; ; ) {
    const { data: page } = await ctx.db
      .collection<LineDoc>(LINES)
      .where({ batchId: source._id, state: 'failed', seq: ctx.db.command.gt(seq) })
      .orderBy('seq', 'asc')
      .limit(1000)
      .get();
    failed.push(...page);
    if (page.length < 1000) break;
    seq = page[page.length - 1]?.seq ?? seq;
  }
  const building = await ctx.db
    .collection<BatchDoc>(BATCHES)
    .where({ resendOf: source._id, state: 'building' })
    .limit(1)
    .get();
  if (failed.length === 0 && !building.data[0]) throw precondition('这个批次没有待重发的失败明细');
  const { projectCode, projectName, regionCode, regionName, period } = source;
  // A re-send that died midway is completed, not started again.
  const batch =
    building.data[0] ??
    (await startBatch(
      ctx,
      { projectCode, projectName, regionCode, regionName, period },
      source._id,
      unitOf(grant, source.regionName),
    ));
  const households = new Map(
    (
      await byIds<HouseholdDoc>(
        ctx.db,
        HOUSEHOLDS,
        failed.map((l) => l.householdId),
      )
    ).map((h) => [h._id, h]),
  );
  const { lines, skipped } = planResend(failed, households, batch._id);
  const _ = ctx.db.command;
  for (let i = 0; i < lines.length; i += 1000) {
    const chunk = lines.slice(i, i + 1000);
    const slots = chunk.map((l) => slotId(l.householdId, l.projectCode, l.period));
    await ctx.db
      .collection<SlotDoc>(SLOTS)
      .where({ _id: _.in(slots), state: 'failed' })
      .update({ data: { state: 'in_batch', batchId: batch._id, at: ctx.now } });
    const held = await byIds<SlotDoc>(ctx.db, SLOTS, slots);
    const ours = new Set(held.filter((s) => s.batchId === batch._id).map((s) => s.householdId));
    const mine = chunk.filter((l) => ours.has(l.householdId));
    await insertNew(ctx.db, LINES, mine);
    await ctx.db
      .collection<LineDoc>(LINES)
      .where({
        _id: _.in(failed.filter((l) => ours.has(l.householdId)).map((l) => l._id)),
        state: 'failed',
      })
      .update({ data: { state: 'resent', resentIn: batch._id } });
  }
  const done = await finish(ctx, batch, { skipped: skipped.length });
  await refreshBatch(ctx.db, source._id);
  return { ...batchSummary(done), excludedAlreadyPaid: 0, skipped };
}

export const createBatch: ActionDef<'payment', 'createBatch'> = {
  access: ['finance'],
  input: z.object({
    projectCode: projectInput(),
    regionCode: regionCode('发放地区'),
    period: periodInput(),
    resendOf: z.optional(docId('原发放批次')),
  }),
  async handler(ctx, input): Promise<CreateBatchResponse> {
    if (input.resendOf) return resend(ctx, input.resendOf);
    const region = normalizeRegionCode(input.regionCode);
    if (!region) throw invalid('发放地区代码不正确');
    const grant = financeGrantFor(ctx.caller, region);
    const project = await loadProject(ctx.db, input.projectCode);
    const span = parsePeriod(project.frequency, input.period);
    if (!span) throw invalid(`发放期次格式不对：${periodHint(project.frequency)}`);
    const starts = startOfShanghaiMonth(span.year, span.fromMonth);
    if (starts > ctx.now) throw invalid('该期次尚未开始，不能提前生成发放批次');
    const regionName = (await regionNames(ctx.db, [region])).get(region);
    if (!regionName) throw notFound('没有找到这个地区');
    const until = periodEnd(span);
    const deadline = ctx.now.getTime() + WRITE_BUDGET_MS;

    const { data: building } = await ctx.db
      .collection<BatchDoc>(BATCHES)
      .where({ projectCode: project.code, regionCode: region, period: input.period, state: 'building' })
      .limit(1)
      .get();
    let batch: BatchDoc | null = building[0] ?? null;
    if (!batch) {
      const { total } = await ctx.db
        .collection(DECLARATIONS)
        .where({
          projectCode: project.code,
          period: String(span.year),
          status: 'approved',
          villageCode: inRange(ctx.db, region),
        })
        .count();
      if (total > MAX_BATCH_LINES) {
        throw exhausted(`该地区本期待发放超过${MAX_BATCH_LINES}户，请按乡镇（街道）分别生成批次`);
      }
    }
    // Where the build stands: saved on the batch after every page, so the next call continues there.
    let build: BuildState = batch?.build ?? newBuild();
    const batchId = batch?._id ?? newBatchId(ctx.now);

    for (let pages = 0; ; pages++) {
      // A batch not yet started writes nothing until it has its first line (so a region with nobody
      // to pay ends with nothing written); after that a call stops at its time budget, having done
      // at least one page, so every call makes progress.
      if (batch && pages > 0 && Date.now() > deadline) {
        const sofar = { ...batch, ...(await recount(ctx.db, batch._id)) };
        return {
          ...batchSummary(sofar),
          excludedAlreadyPaid: build.excludedAlreadyPaid,
          skipped: build.skipped,
        };
      }
      const page = await approvedPage(ctx.db, project, span.year, build.after);
      const plan = await planPage(ctx.db, {
        project,
        regionCode: region,
        period: input.period,
        until,
        page,
        batchId,
        nextSeq: build.nextSeq,
        now: ctx.now,
      });
      const last = page.length < PAGE;
      build = advanceBuild(build, page[page.length - 1]?._id, plan);
      if (plan.planned.length > 0 && !batch) {
        batch = await startBatch(
          ctx,
          {
            projectCode: project.code,
            projectName: project.name,
            regionCode: region,
            regionName,
            period: input.period,
          },
          null,
          unitOf(grant, regionName),
          batchId,
        );
      }
      if (batch) {
        await writeLines(ctx.db, batch._id, plan.planned);
        await ctx.db
          .collection<BatchDoc>(BATCHES)
          .doc(batch._id)
          .update({ data: { build: last ? null : build } });
      }
      if (last) break;
    }
    if (!batch) {
      throw precondition(nothingToPay(build));
    }
    const done = await finish(ctx, batch, {
      excludedAlreadyPaid: build.excludedAlreadyPaid,
      skipped: build.skippedCount,
    });
    return { ...batchSummary(done), excludedAlreadyPaid: build.excludedAlreadyPaid, skipped: build.skipped };
  },
};

/** Refreshes that lose to other writers this many times in a row give up (the winners counted later). */
const REFRESH_ATTEMPTS = 8;

/**
 * A batch's counts and state from its lines, after an import or a re-send. Written only over the
 * version it read: two import calls refreshing at once could otherwise leave the count made before
 * the other's lines were written as the last word, and a finished import never refreshes again.
 */
export async function refreshBatch(db: Database, batchId: string): Promise<BatchDoc | null> {
  for (let attempt = 1; ; attempt++) {
    const { data } = await db.collection<BatchDoc>(BATCHES).where({ _id: batchId }).limit(1).get();
    const batch = data[0];
    if (!batch) return null;
    const totals = await recount(db, batchId);
    const next = { ...totals, state: batchStateAfter(batch.state, totals), version: batch.version + 1 };
    const { stats } = await db
      .collection<BatchDoc>(BATCHES)
      .where({ _id: batchId, version: batch.version })
      .update({ data: next });
    if (stats.updated === 1 || attempt >= REFRESH_ATTEMPTS) return { ...batch, ...next };
  }
}
