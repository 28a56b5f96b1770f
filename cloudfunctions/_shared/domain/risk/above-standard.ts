/** 超标准发放: more paid than the project's standard gives the household for the period. */
import { amountForPeriod, parsePeriod } from '../../../../miniprogram/shared/entitlement';
import { formatYuan } from '../../../../miniprogram/shared/money';
import { type AlertDraft, paymentRecord } from './draft';
import { type PaymentFacts, paidHome } from './payment-facts';

export const aboveStandard = {
  rule: 'above_standard',
  over: 'payments',
  check(facts: PaymentFacts): AlertDraft | null {
    const { payment: p, approved: d, project } = facts;
    if (!d || !project || !parsePeriod(project.frequency, p.period)) return null;
    const due = amountForPeriod(project.standard, project.frequency, d.answers, p.period);
    if (!due.ok || p.amountFen <= due.amountFen) return null;
    return {
      rule: 'above_standard',
      key: [p._id],
      regionCode: p.villageCode,
      records: [
        paidHome(facts),
        paymentRecord(p),
        { type: 'declaration', id: d._id, label: `${d.projectName}申报（${d.applicant.nameMasked}）` },
      ],
      why: `按标准该户${p.period}期应发${formatYuan(due.amountFen)}，实发${formatYuan(p.amountFen)}，多发${formatYuan(p.amountFen - due.amountFen)}`,
    };
  },
} as const;
