/** What the home page's 明白账 card says of payment.summary. Pure, so every branch is testable. */
import type { PaymentSummaryResponse } from '../../../typings/api';
import { formatYuan } from '../../shared/money';
import { shanghaiDay } from '../../shared/time';
import type { SessionState } from '../../stores/session';

export interface LedgerFigure {
  key: 'year' | 'month' | 'approval' | 'projects';
  value: string;
  label: string;
}

export interface LedgerView {
  figures: LedgerFigure[];
  /** 最近一笔：高龄津贴 50.00元，2026-03-05 到账 */
  last: string;
}

export function describeLedger(s: PaymentSummaryResponse): LedgerView {
  const last = s.lastPayment;
  return {
    figures: [
      {
        key: 'year',
        value: formatYuan(s.paidThisYear.totalFen),
        label: `${s.year}年已发放 ${s.paidThisYear.count}笔`,
      },
      {
        key: 'month',
        value: formatYuan(s.arrivedThisMonth.totalFen),
        label: `本月到账 ${s.arrivedThisMonth.count}笔`,
      },
      { key: 'approval', value: `${s.inApproval}件`, label: '申报审批中' },
      { key: 'projects', value: `${s.projectsReceived}项`, label: '今年享受补贴项目' },
    ],
    last: last
      ? `最近一笔：${last.projectName} ${formatYuan(last.amountFen)}，${shanghaiDay(new Date(last.paidAt))} 到账`
      : '今年还没有收到补贴',
  };
}

/** The household whose card the home page shows: a verified resident's, else '' (no card). */
export function ledgerHousehold(state: SessionState): string {
  if (state.status !== 'ready' || state.login.verification !== 'verified') return '';
  return state.login.household?.householdId ?? '';
}
