/**
 * The risk rules of the design (存疑数据), each in its own file: a new rule is one file and one line
 * here. Each says what facts it reads (`over`): a page of households and who else holds their IDs or
 * cards, a death or a staff-relatives register entry, or one new payment. The scan runs them in this
 * order over what it reads.
 */
import { aboveStandard } from './above-standard';
import { cardSeveralHouseholds } from './card-several-households';
import { paidAfterDeath } from './paid-after-death';
import { paidTwice } from './paid-twice';
import { paidWithoutApproval } from './paid-without-approval';
import { personTwoHouseholds } from './person-two-households';
import { staffRelative } from './staff-relative';

export const RISK_RULES = [
  personTwoHouseholds,
  cardSeveralHouseholds,
  paidAfterDeath,
  staffRelative,
  paidTwice,
  paidWithoutApproval,
  aboveStandard,
] as const;

export type RiskCheck = (typeof RISK_RULES)[number];

/** The rules over one kind of facts, in order. */
export function rulesOver<K extends RiskCheck['over']>(over: K): Array<Extract<RiskCheck, { over: K }>> {
  return RISK_RULES.filter((r): r is Extract<RiskCheck, { over: K }> => r.over === over);
}

export type { AlertDraft, ApprovalFact, HouseholdFact, PaymentFact, ProjectFact } from './draft';
export { alertIdOf, settleDraft, villagesOf } from './draft';
export type { DeathFact, DeathFacts } from './paid-after-death';
export { approvalKey, approvalKeyFor, type PaymentFacts } from './payment-facts';
export type { HoldersFacts } from './shared-holders';
export type { StaffRelativeFact, StaffRelativeFacts } from './staff-relative';
