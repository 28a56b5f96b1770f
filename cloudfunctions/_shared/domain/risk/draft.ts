/**
 * 存疑数据 as the rules find it: an alert draft says which rule, which records and why. A rule is a pure
 * function over the facts a scan read; the scan reads, pages, names the villages and writes.
 */
import { createHash } from 'node:crypto';
import { formatYuan } from '../../../../miniprogram/shared/money';
import { regionAncestry } from '../../../../miniprogram/shared/region';
import type { AlertRecord, AnswerValue, Project, RiskRule } from '../../../../typings/api';
import type { PaymentDoc } from '../payments';

/** A household as the rules read it (a stored household fits). */
export interface HouseholdFact {
  _id: string;
  villageCode: string;
  headIdHash: string;
  members: ReadonlyArray<{ relation: string; nameMasked: string; idHash: string; idMasked: string }>;
  card: { numberHash: string; tail: string; bank: string } | null;
}

/** A payment as the rules read it (a stored payment fits). */
export type PaymentFact = Pick<
  PaymentDoc,
  | '_id'
  | 'householdId'
  | 'villageCode'
  | 'projectCode'
  | 'projectName'
  | 'period'
  | 'amountFen'
  | 'source'
  | 'bankSerial'
  | 'duplicateOf'
>;

/** The approved declaration a payment stands on (a stored declaration fits). */
export interface ApprovalFact {
  _id: string;
  projectName: string;
  applicant: { nameMasked: string };
  answers: Record<string, AnswerValue>;
}

/** A household named by an alert; its label needs the village's name, which the scan reads once. */
export interface HouseholdMention {
  type: 'household';
  id: string;
  villageCode: string;
  head: string;
}

export interface AlertDraft {
  rule: RiskRule;
  /** What makes the alert the same one at the next scan: its id is the rule and a hash of these. */
  key: string[];
  regionCode: string;
  records: Array<AlertRecord | HouseholdMention>;
  why: string;
}

export type ProjectFact = Pick<Project, 'standard' | 'frequency'>;

export const mention = (h: HouseholdFact): HouseholdMention => ({
  type: 'household',
  id: h._id,
  villageCode: h.villageCode,
  head: h.members.find((m) => m.relation === 'head')?.nameMasked ?? h.members[0]?.nameMasked ?? '',
});

export const paymentRecord = (p: PaymentFact): AlertRecord => ({
  type: 'payment',
  id: p._id,
  label: `${p.projectName} ${p.period} ${formatYuan(p.amountFen)}（${p.source === 'batch' ? '一卡通平台' : '原发放平台'}，流水号${p.bankSerial}）`,
});

/**
 * A household found on a register (deaths, staff and relatives) and paid: the household, the register
 * entry and the payments, keyed by the household and the entry.
 */
export function registerDraft(
  rule: RiskRule,
  household: HouseholdFact,
  entry: { id: string; label: string },
  paid: PaymentFact[],
  why: string,
): AlertDraft {
  return {
    rule,
    key: [household._id, entry.id],
    regionCode: household.villageCode,
    records: [mention(household), { type: 'register', ...entry }, ...paid.map(paymentRecord)],
    why,
  };
}

/** An alert's id: its rule and its records, so a rescan finds it again instead of raising it twice. */
export function alertIdOf(draft: Pick<AlertDraft, 'rule' | 'key'>): string {
  return `${draft.rule}:${createHash('sha256').update(draft.key.join('|')).digest('hex').slice(0, 24)}`;
}

/** The villages whose names the drafts' households need. */
export function villagesOf(drafts: AlertDraft[]): string[] {
  return drafts.flatMap((d) => d.records.flatMap((r) => ('villageCode' in r ? [r.villageCode] : [])));
}

/** A draft as stored: its id, its scope and every record labelled (`红花村 · 户主张*`). */
export function settleDraft(draft: AlertDraft, villageNames: ReadonlyMap<string, string>) {
  return {
    _id: alertIdOf(draft),
    rule: draft.rule,
    regionCode: draft.regionCode,
    scopeCodes: regionAncestry(draft.regionCode),
    records: draft.records.map(
      (r): AlertRecord =>
        'villageCode' in r
          ? {
              type: r.type,
              id: r.id,
              label: `${villageNames.get(r.villageCode) ?? r.villageCode} · 户主${r.head}`,
            }
          : r,
    ),
    why: draft.why,
  };
}
