/** Plain facts for the risk rules' tables: households, payments and approvals as the scan reads them. */
import type {
  ApprovalFact,
  HouseholdFact,
  PaymentFact,
  ProjectFact,
} from '../../../../cloudfunctions/_shared/domain/risk';

export const MILIN = '511702001001';
export const HONGHUA = '511702001002';

export function household(
  id: string,
  {
    ids = [`id-${id}`],
    cardHash,
    ...over
  }: Partial<HouseholdFact> & { ids?: string[]; cardHash?: string } = {},
): HouseholdFact {
  return {
    _id: id,
    villageCode: MILIN,
    headIdHash: ids[0] ?? '',
    members: ids.map((idHash, i) => ({
      relation: i === 0 ? 'head' : 'child',
      nameMasked: `户${id}*${i}`,
      idHash,
      idMasked: `5117**********${String(i).padStart(4, '0')}`,
    })),
    card: cardHash === undefined ? null : { numberHash: cardHash, tail: '1234', bank: '四川农信' },
    ...over,
  };
}

export function payment(over: Partial<PaymentFact> = {}): PaymentFact {
  return {
    _id: 'L:p1',
    householdId: 'h1',
    villageCode: MILIN,
    projectCode: 'GAOLING',
    projectName: '高龄津贴',
    period: '2026-05',
    amountFen: 5_000,
    source: 'ledger',
    bankSerial: 'RISK-0001',
    duplicateOf: null,
    ...over,
  };
}

export const GAOLING: ProjectFact = {
  standard: { amountFen: 5_000, unit: 'person_month', text: '每人每月50元', demo: true },
  frequency: 'monthly',
};

export const approval = (over: Partial<ApprovalFact> = {}): ApprovalFact => ({
  _id: 'd1',
  projectName: '高龄津贴',
  applicant: { nameMasked: '张*' },
  answers: {},
  ...over,
});
