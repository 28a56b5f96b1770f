/** 重复发放: a second payment for one household, project and period (marked when the ledger was read). */
import { formatYuan } from '../../../../miniprogram/shared/money';
import { type AlertDraft, paymentRecord } from './draft';
import { type PaymentFacts, paidHome } from './payment-facts';

export const paidTwice = {
  rule: 'paid_twice',
  over: 'payments',
  check(facts: PaymentFacts): AlertDraft | null {
    const p = facts.payment;
    if (!p.duplicateOf) return null;
    return {
      rule: 'paid_twice',
      key: [p.householdId, p.projectCode, p.period],
      regionCode: p.villageCode,
      records: [
        paidHome(facts),
        paymentRecord(p),
        { type: 'payment', id: p.duplicateOf, label: '同期的另一笔发放' },
      ],
      why: `${facts.villageName}一户${p.projectName}${p.period}期发放了两次（${formatYuan(p.amountFen)}）`,
    };
  },
} as const;
