/**
 * Moving a declaration along its chain, one way for every mover (a cadre's review, the end of the
 * public notice): the new place, its deadline, the public-notice window, the timeline entry, and the
 * notification the household gets.
 */

import { randomUUID } from 'node:crypto';
import type { Transition } from '../../../miniprogram/shared/declaration-machine';
import type { Database, Transaction } from '../db/database';
import { queueNotice } from '../ports/notify';
import { PROJECTS, type ProjectDoc } from './catalogue';
import { type Calendar, storedDue } from './deadlines';
import { type DeclarationDoc, LOCKS, stageLevelOf, statusText, type TimelineRecord } from './declarations';
import { regionById } from './regions';

/** A household that has not corrected a returned declaration is reminded after this many days. */
export const REMIND_AFTER_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

/** What a public notice states besides the declaration itself: the village's name, the standard. */
export interface NoticeFacts {
  villageName: string;
  standard: { text: string; amountFen: number } | null;
}

/** Reads the facts a notice publishes, for a declaration about to enter its notice. */
export async function noticeFacts(db: Database, d: DeclarationDoc): Promise<NoticeFacts> {
  const [village, { data: projects }] = await Promise.all([
    regionById(db, d.villageCode),
    db.collection<ProjectDoc>(PROJECTS).where({ code: d.projectCode }).limit(1).get(),
  ]);
  const standard = projects[0]?.standard;
  return {
    villageName: village?.name ?? d.villageCode,
    standard: standard ? { text: standard.text, amountFen: standard.amountFen } : null,
  };
}

export function moved(
  current: DeclarationDoc,
  to: Extract<Transition, { ok: true }>,
  now: Date,
  entry: TimelineRecord | null,
  calendar: Calendar,
  facts?: NoticeFacts,
): DeclarationDoc {
  const stage = to.stageIndex === null ? null : (current.chain[to.stageIndex] ?? null);
  const entersNotice =
    to.status === 'publicity' && current.status !== 'publicity' && current.status !== 'objection_hold';
  const due =
    stage && (to.status === 'in_review' || entersNotice)
      ? storedDue(calendar, now, stage.deadlineDays, stage.workingDays)
      : null;
  // An objection pauses the notice and its end stays where it was.
  const keepsDue = !entersNotice && (to.status === 'publicity' || to.status === 'objection_hold');
  const closed = to.status === 'rejected' || to.status === 'withdrawn' || to.status === 'invalid';
  return {
    ...current,
    status: to.status,
    stageIndex: to.stageIndex,
    stageLevel: stageLevelOf(current.chain, to.status, to.stageIndex),
    dueAt: keepsDue ? current.dueAt : (due?.dueAt ?? null),
    dueProvisional: keepsDue ? (current.dueProvisional ?? null) : (due?.dueProvisional ?? null),
    overdueSince: null,
    approvedAt: to.status === 'approved' ? now : (current.approvedAt ?? null),
    remindAt: to.status === 'returned' ? new Date(now.getTime() + REMIND_AFTER_DAYS * DAY_MS) : null,
    publicity:
      entersNotice && due
        ? { villageCode: current.villageCode, startsAt: now, endsAt: due.dueAt, ...(facts ?? {}) }
        : current.publicity,
    lockId: closed ? null : current.lockId,
    timeline: entry ? [...current.timeline, entry] : current.timeline,
    version: current.version + 1,
    updatedAt: now,
  };
}

/** Writes the moved declaration, frees its place if it closed, and tells the household. */
export async function saveMove(
  tx: Transaction,
  before: DeclarationDoc,
  after: DeclarationDoc,
  now: Date,
  note: string,
): Promise<void> {
  const { _id, ...rest } = after;
  await tx.collection<DeclarationDoc>('declarations').doc(_id).set({ data: rest });
  if (before.lockId && !after.lockId) await tx.collection(LOCKS).doc(before.lockId).remove();
  await notifyHousehold(tx, after, note, now);
}

/** Tells the household where its declaration stands (in the app; the scheduler delivers beyond it). */
export function notifyHousehold(tx: Transaction, d: DeclarationDoc, note: string, now: Date): Promise<void> {
  return queueNotice(
    tx,
    `n${randomUUID().replace(/-/g, '')}`,
    {
      householdId: d.householdId,
      kind: 'declaration',
      title: `${d.projectName}：${statusText(d)}`,
      body: note,
      page: `/pages/declarations/detail?id=${d._id}`,
      declarationId: d._id,
    },
    now,
  );
}
