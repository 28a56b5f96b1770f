/** 无审批发放: a payment with no approved declaration of the household for the project and year. */
import { formatYuan } from '../../../../miniprogram/shared/money';
import { type AlertDraft, paymentRecord } from './draft';
import { type PaymentFacts, paidHome } from './payment-facts';

export const paidWithoutApproval = {
  rule: 'paid_without_approval',
  over: 'payments',
  check(facts: PaymentFacts): AlertDraft | null {
    const p = facts.payment;
    if (facts.approved) return null;
    return {
      rule: 'paid_without_approval',
      key: [p._id],
      regionCode: p.villageCode,
      records: [paidHome(facts), paymentRecord(p)],
      why: `${facts.villageName}一户领取了${p.projectName}${p.period}期${formatYuan(p.amountFen)}，平台上没有该户该年度审批通过的申报`,
    };
  },
} as const;
