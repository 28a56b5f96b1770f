/**
 * 发放批次 planned: who of a page of approved declarations is paid what, who is left out and why. Pure
 * over what the batch build read; the build reads the pages, takes the places and writes the lines.
 */
import { amountForPeriod } from '../../../miniprogram/shared/entitlement';
import { regionWithin } from '../../../miniprogram/shared/region';
import type { AnswerValue, Project, SkippedHousehold } from '../../../typings/api';
import type { StoredCard } from './households';
import { type BatchDoc, type LineDoc, lineIdOf, type SlotDoc, slotId } from './payments';

/** An approved declaration as the plan reads it (a stored declaration fits). */
export interface ApprovedFact {
  _id: string;
  householdId: string;
  villageCode: string;
  approvedAt?: Date | null;
  updatedAt: Date;
  applicant: { nameMasked: string };
  answers: Record<string, AnswerValue>;
}

/** A household as a line needs it: its card and the card holder's sealed name (a stored household fits). */
export interface PayeeFact {
  _id: string;
  villageCode: string;
  members: ReadonlyArray<{ memberId: string; nameSealed: string; nameMasked: string }>;
  card: Pick<
    StoredCard,
    'kind' | 'bank' | 'numberSealed' | 'maskedNumber' | 'tail' | 'holderMemberId'
  > | null;
}

/** A line and the household's place it takes. */
export interface Planned {
  line: LineDoc;
  slot: SlotDoc;
}

/** What a batch is for: the project, the region (a code of any level) and the period. */
export interface BatchScope {
  project: Pick<Project, 'code' | 'standard' | 'frequency'>;
  regionCode: string;
  period: string;
  /** The end of the period: a declaration approved after it waits for the next period. */
  until: Date;
}

export interface BatchFacts extends BatchScope {
  /** A page of the project's approved declarations for the period's year. */
  page: ApprovedFact[];
  /** The places already held for the page's households (read for `batchCandidates`). */
  held: Array<Pick<SlotDoc, 'householdId' | 'batchId'>>;
  /** The households of the declarations still open (`notYetPlaced`), and their villages' names. */
  households: ReadonlyMap<string, PayeeFact>;
  villageNames: ReadonlyMap<string, string>;
  batchId: string;
  /** The number of the first line planned. */
  nextSeq: number;
  now: Date;
}

export interface BatchPlan {
  planned: Planned[];
  skipped: SkippedHousehold[];
  /** Households already paid or in another batch for the project and period. */
  excludedAlreadyPaid: number;
}

/** The declarations of the page the batch is for: inside the region, approved before the period ended. */
export function batchCandidates(page: ApprovedFact[], scope: Pick<BatchScope, 'regionCode' | 'until'>) {
  return page.filter(
    (d) =>
      regionWithin(scope.regionCode, d.villageCode) && new Date(d.approvedAt ?? d.updatedAt) < scope.until,
  );
}

/**
 * The candidates whose household's place is free or this batch's own, each household once; the others
 * are already paid or in another batch.
 */
export function notYetPlaced(
  candidates: ApprovedFact[],
  held: Array<Pick<SlotDoc, 'householdId' | 'batchId'>>,
  batchId: string,
): ApprovedFact[] {
  const taken = new Set(held.filter((h) => h.batchId !== batchId).map((h) => h.householdId));
  const seen = new Set<string>();
  return candidates.filter((d) => {
    if (taken.has(d.householdId) || seen.has(d.householdId)) return false;
    seen.add(d.householdId);
    return true;
  });
}

/** A household's line, to its card as bound now; null when it has no card (or no holder of it). */
export function lineFor(
  batchId: string,
  seq: number,
  household: PayeeFact,
  villageName: string,
  projectCode: string,
  period: string,
  amountFen: number,
  declarationId: string | null,
): LineDoc | null {
  const card = household.card;
  const holder = card && household.members.find((m) => m.memberId === card.holderMemberId);
  if (!card || !holder) return null;
  return {
    _id: lineIdOf(batchId, household._id),
    batchId,
    seq,
    householdId: household._id,
    villageCode: household.villageCode,
    villageName,
    projectCode,
    period,
    declarationId,
    amountFen,
    card: {
      kind: card.kind,
      bank: card.bank,
      numberSealed: card.numberSealed,
      maskedNumber: card.maskedNumber,
      tail: card.tail,
      holderNameSealed: holder.nameSealed,
      holderNameMasked: holder.nameMasked,
    },
    state: 'pending',
    failReason: null,
    resentIn: null,
    importId: null,
  };
}

/** One page of a batch: a line at the project's standard for each open household, or why not. */
export function planBatch(f: BatchFacts): BatchPlan {
  const candidates = batchCandidates(f.page, f);
  const open = notYetPlaced(candidates, f.held, f.batchId);
  const planned: Planned[] = [];
  const skipped: SkippedHousehold[] = [];
  for (const d of open) {
    const villageName = f.villageNames.get(d.villageCode) ?? d.villageCode;
    const skip = (reason: string) =>
      skipped.push({
        declarationId: d._id,
        applicantMaskedName: d.applicant.nameMasked,
        villageName,
        reason,
      });
    const household = f.households.get(d.householdId);
    const amount = amountForPeriod(f.project.standard, f.project.frequency, d.answers, f.period);
    if (!amount.ok) {
      skip(amount.reason);
      continue;
    }
    if (amount.amountFen <= 0) {
      skip('按标准计算的金额为0');
      continue;
    }
    const line =
      household &&
      lineFor(
        f.batchId,
        f.nextSeq + planned.length,
        household,
        villageName,
        f.project.code,
        f.period,
        amount.amountFen,
        d._id,
      );
    if (!line) {
      skip('该户没有绑定一卡通，请先联系群众绑卡');
      continue;
    }
    planned.push({
      line,
      slot: {
        _id: slotId(d.householdId, f.project.code, f.period),
        householdId: d.householdId,
        projectCode: f.project.code,
        period: f.period,
        state: 'in_batch',
        batchId: f.batchId,
        paymentId: null,
        at: f.now,
      },
    });
  }
  return { planned, skipped, excludedAlreadyPaid: candidates.length - open.length };
}

export type BuildState = NonNullable<BatchDoc['build']>;

/** Skipped households kept on a building batch to show (the count goes on). */
const KEPT_SKIPPED = 500;

export const newBuild = (): BuildState => ({
  after: '',
  nextSeq: 1,
  excludedAlreadyPaid: 0,
  skippedCount: 0,
  skipped: [],
});

/** Where the build stands after a page whose last declaration is `after`. */
export function advanceBuild(build: BuildState, after: string | undefined, plan: BatchPlan): BuildState {
  return {
    after: after ?? build.after,
    nextSeq: build.nextSeq + plan.planned.length,
    excludedAlreadyPaid: build.excludedAlreadyPaid + plan.excludedAlreadyPaid,
    skippedCount: build.skippedCount + plan.skipped.length,
    skipped: [...build.skipped, ...plan.skipped].slice(0, KEPT_SKIPPED),
  };
}

/** Why a build that planned no line has no batch. */
export function nothingToPay(build: BuildState): string {
  return `没有可发放的对象：${build.excludedAlreadyPaid}户本期已发放或已在其他批次中，${build.skippedCount}户暂不能发放${
    build.skipped[0] ? `（如：${build.skipped[0].reason}）` : ''
  }`;
}

/** 失败重发: each failed line again, to the household's card as bound now, or why it cannot be. */
export function planResend(
  failed: LineDoc[],
  households: ReadonlyMap<string, PayeeFact>,
  batchId: string,
): { lines: LineDoc[]; skipped: SkippedHousehold[] } {
  const lines: LineDoc[] = [];
  const skipped: SkippedHousehold[] = [];
  failed.forEach((old, i) => {
    const household = households.get(old.householdId);
    const line =
      household &&
      lineFor(
        batchId,
        i + 1,
        household,
        old.villageName,
        old.projectCode,
        old.period,
        old.amountFen,
        old.declarationId,
      );
    if (line) lines.push(line);
    else
      skipped.push({
        declarationId: old.declarationId ?? '',
        applicantMaskedName: old.card.holderNameMasked,
        villageName: old.villageName,
        reason: '该户目前没有绑定一卡通，请先联系群众绑卡',
      });
  });
  return { lines, skipped };
}

/** A batch's lines counted by state, as the database groups them. */
export type LineGroups = Array<{ _id: LineDoc['state']; n: number; fen: number }>;

export type BatchTotals = Pick<
  BatchDoc,
  'lineCount' | 'totalFen' | 'paidCount' | 'paidFen' | 'failedCount' | 'failedFen'
>;

/** Counts and totals from the lines themselves (a conflict line is no line of the batch). */
export function batchTotals(groups: LineGroups): BatchTotals {
  const of = (s: LineDoc['state']) => groups.find((g) => g._id === s) ?? { n: 0, fen: 0 };
  const counted = groups.filter((g) => g._id !== 'conflict');
  return {
    lineCount: counted.reduce((n, g) => n + g.n, 0),
    totalFen: counted.reduce((n, g) => n + g.fen, 0),
    paidCount: of('paid').n,
    paidFen: of('paid').fen,
    failedCount: of('failed').n + of('resent').n,
    failedFen: of('failed').fen + of('resent').fen,
  };
}

/** A batch's state once its lines are counted: before export it stays as it is; after, the bank's answers. */
export function batchStateAfter(state: BatchDoc['state'], totals: BatchTotals): BatchDoc['state'] {
  if (state === 'created' || state === 'building' || state === 'cancelled') return state;
  const settled = totals.paidCount + totals.failedCount;
  return settled === 0 ? 'exported' : settled >= totals.lineCount ? 'done' : 'partly_done';
}
