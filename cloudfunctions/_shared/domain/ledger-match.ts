/**
 * 原平台台账 matched: which household a line of the old platform's ledger paid, whether it is new, and
 * whether it is a second payment for the household, project and period. Pure over what the import
 * read; the import reads the households, payments and places and writes.
 */
import { createHash } from 'node:crypto';
import { regionWithin } from '../../../miniprogram/shared/region';
import { shanghaiYearMonth } from '../../../miniprogram/shared/time';
import type { Project } from '../../../typings/api';
import type { StoredCard } from './households';
import { type PaymentDoc, type SlotDoc, slotId } from './payments';

/** A ledger line as read from the file. */
export interface LedgerRow {
  row: number;
  /** The keyed hash of the head's ID number. */
  idHash: string;
  project: Pick<Project, 'code' | 'name'>;
  period: string;
  amountFen: number;
  paidAt: Date;
  serial: string;
}

/** A household as the ledger reads it (a stored household fits). */
export interface LedgerHousehold {
  _id: string;
  villageCode: string;
  card: Pick<StoredCard, 'kind' | 'tail'> | null;
}

/** A ledger payment's id is its bank serial: the same line imported again is the same payment. */
export const ledgerPaymentId = (serial: string) =>
  `L:${createHash('sha256').update(serial).digest('hex').slice(0, 40)}`;

export type LedgerMatch =
  | { kind: 'new'; household: LedgerHousehold }
  | { kind: 'unchanged' }
  | { kind: 'error'; message: string };

export interface LedgerMatchFacts {
  row: LedgerRow;
  /** The household whose head has the row's ID number, if any. */
  head: LedgerHousehold | undefined;
  /** The regions the importing finance office covers. */
  regions: string[];
  /** The payment already recorded under the row's bank serial, if any. */
  recorded: Pick<PaymentDoc, 'householdId' | 'projectCode' | 'period' | 'amountFen'> | undefined;
}

/** A ledger line: a new payment of a household in the office's regions, the same one again, or why not. */
export function matchLedgerRow({ row, head, regions, recorded }: LedgerMatchFacts): LedgerMatch {
  if (!head) return { kind: 'error', message: '找不到该户主身份证号对应的家庭' };
  if (!regions.some((code) => regionWithin(code, head.villageCode)))
    return { kind: 'error', message: '该户不在您的管辖范围内，未导入' };
  if (!recorded) return { kind: 'new', household: head };
  const same =
    recorded.householdId === head._id &&
    recorded.projectCode === row.project.code &&
    recorded.period === row.period &&
    recorded.amountFen === row.amountFen;
  return same ? { kind: 'unchanged' } : { kind: 'error', message: '银行流水号已导入过，但内容不同，未改动' };
}

/**
 * The payments of the new lines, as they happened. One whose household's place for the project and
 * period is already taken (paid, in a platform batch, or by an earlier line of the same chunk) is
 * marked as a duplicate of it, for the risk scan.
 */
export function ledgerPayments(
  matched: Array<{ row: LedgerRow; household: LedgerHousehold }>,
  held: ReadonlyMap<string, Pick<SlotDoc, 'paymentId' | 'batchId'>>,
  importId: string,
  now: Date,
): PaymentDoc[] {
  const seenSlot = new Map<string, string>();
  return matched.map(({ row: r, household: h }) => {
    const slot = slotId(h._id, r.project.code, r.period);
    const id = ledgerPaymentId(r.serial);
    const taken = held.get(slot);
    const duplicateOf =
      taken?.paymentId ?? (taken?.batchId ? `batch:${taken.batchId}` : (seenSlot.get(slot) ?? null));
    if (!seenSlot.has(slot)) seenSlot.set(slot, id);
    const { year, month } = shanghaiYearMonth(r.paidAt);
    return {
      _id: id,
      householdId: h._id,
      villageCode: h.villageCode,
      projectCode: r.project.code,
      projectName: r.project.name,
      period: r.period,
      year,
      month,
      amountFen: r.amountFen,
      paidAt: r.paidAt,
      source: 'ledger',
      lineId: null,
      batchId: null,
      bankSerial: r.serial,
      cardKind: h.card?.kind ?? 'social_security',
      cardTail: h.card?.tail ?? '',
      duplicateOf,
      importId,
      createdAt: now,
    };
  });
}

/** The household's place each first payment takes, so a platform batch does not pay it again. */
export function ledgerSlots(payments: PaymentDoc[], now: Date): SlotDoc[] {
  return payments
    .filter((p) => !p.duplicateOf)
    .map((p) => ({
      _id: slotId(p.householdId, p.projectCode, p.period),
      householdId: p.householdId,
      projectCode: p.projectCode,
      period: p.period,
      state: 'paid' as const,
      batchId: null,
      paymentId: p._id,
      at: now,
    }));
}

/** Payments this recent reach the household as a notice. */
const RECENT_MS = 30 * 24 * 3600 * 1000;

/** Whether the household hears of a ledger payment: a recent one, to a card it knows. */
export const noticeDue = (p: Pick<PaymentDoc, 'paidAt' | 'cardTail'>, now: Date) =>
  now.getTime() - new Date(p.paidAt).getTime() < RECENT_MS && p.cardTail !== '';
