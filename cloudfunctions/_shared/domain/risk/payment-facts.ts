import type { AlertRecord } from '../../../../typings/api';
import type { ApprovalFact, PaymentFact, ProjectFact } from './draft';

/** One payment recorded since the last scan, with what it should stand on. */
export interface PaymentFacts {
  payment: PaymentFact;
  villageName: string;
  /** The household's approved declaration for the project and the period's year, if any. */
  approved: ApprovalFact | undefined;
  /** The project in the catalogue, if it is (still) there. */
  project: ProjectFact | undefined;
}

/** An approved declaration's place: household, project and its period (a year). */
export const approvalKey = (d: Pick<PaymentFact, 'householdId' | 'projectCode' | 'period'>) =>
  `${d.householdId}:${d.projectCode}:${d.period}`;

/** Which approved declaration a payment stands on: the household's, for the project and the year. */
export const approvalKeyFor = (p: Pick<PaymentFact, 'householdId' | 'projectCode' | 'period'>) =>
  approvalKey({ ...p, period: p.period.slice(0, 4) });

/** The paid household, named by its village (the payment rules' first record). */
export const paidHome = ({ payment, villageName }: PaymentFacts): AlertRecord => ({
  type: 'household',
  id: payment.householdId,
  label: villageName,
});
