/** What 明白账 shows of a year's payments and statement. Pure, so every branch is testable. */
import type { PaymentStatementResponse, PaymentView } from '../../../typings/api';
import { CARD_KIND_LABELS } from '../../shared/household';
import { formatYuan } from '../../shared/money';
import { shanghaiDateTime, shanghaiMonth } from '../../shared/time';

export interface PaymentRow {
  id: string;
  projectName: string;
  /** 50.00元 */
  amount: string;
  /** 2026年3月 */
  periodText: string;
  /** 尾号1234的社保卡 */
  card: string;
  /** 您家2026年3月…已发放至尾号1234的社保卡 */
  notice: string;
  /** 2026-03-05 10:00, in Shanghai */
  paidAt: string;
  sourceText: string;
  /** 2026-03: the month it arrived, in Shanghai */
  monthKey: string;
}

export function paymentRow(p: PaymentView): PaymentRow {
  return {
    id: p.paymentId,
    projectName: p.projectName,
    amount: formatYuan(p.amountFen),
    periodText: p.periodText,
    card: `尾号${p.cardTail}的${CARD_KIND_LABELS[p.cardKind]}`,
    notice: p.notice,
    paidAt: shanghaiDateTime(p.paidAt),
    sourceText: p.sourceText,
    monthKey: shanghaiMonth(p.paidAt),
  };
}

export interface MonthGroup {
  key: string;
  /** 2026年3月 */
  title: string;
  /** the month's whole total from the statement (the list may not be fully loaded yet) */
  total: string;
  rows: PaymentRow[];
}

/** 2026-03 → 2026年3月 */
export function monthTitle(key: string): string {
  const [year, month] = key.split('-');
  return `${year}年${Number(month)}月`;
}

/**
 * The loaded rows by the month they arrived, in the order given (newest first). The total of a month of
 * `year` comes from `months` (fen, January first); a month of another year shows none.
 */
export function groupByMonth(
  rows: readonly PaymentRow[],
  year: number,
  months: readonly number[],
): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const row of rows) {
    let group = groups[groups.length - 1];
    if (!group || group.key !== row.monthKey) {
      const [y, m] = row.monthKey.split('-').map(Number);
      const fen = y === year && m ? months[m - 1] : undefined;
      group = {
        key: row.monthKey,
        title: monthTitle(row.monthKey),
        total: fen ? formatYuan(fen) : '',
        rows: [],
      };
      groups.push(group);
    }
    group.rows.push(row);
  }
  return groups;
}

/** The years to switch between: those with payments and the current one, newest first. */
export function yearOptions(withPayments: readonly number[], current: number): number[] {
  return [...new Set([current, ...withPayments])].sort((a, b) => b - a);
}

export interface YearFigures {
  /** fen per month, January first: the chart */
  months: number[];
  /** 2026年共收到3笔，合计150.00元 */
  totalText: string;
  /** the chart in words, for screen readers: 3月 50.00元，6月 100.00元 */
  chartLabel: string;
}

/** The year's figures, of one project when `projectCode` is set. */
export function yearFigures(s: PaymentStatementResponse, projectCode: string): YearFigures {
  const project = projectCode ? s.projects.find((p) => p.projectCode === projectCode) : undefined;
  const months = project ? project.months : projectCode ? [] : s.monthTotals;
  const filled = Array.from({ length: 12 }, (_, i) => months[i] ?? 0);
  const count = project ? project.count : projectCode ? 0 : s.count;
  const totalFen = project ? project.totalFen : projectCode ? 0 : s.totalFen;
  const paidMonths = filled.map((fen, i) => ({ fen, month: i + 1 })).filter((m) => m.fen > 0);
  return {
    months: filled,
    totalText: count
      ? `${s.year}年共收到${count}笔，合计${formatYuan(totalFen)}`
      : `${s.year}年还没有收到补贴`,
    chartLabel: paidMonths.length
      ? `${s.year}年每月发放金额：${paidMonths.map((m) => `${m.month}月 ${formatYuan(m.fen)}`).join('，')}`
      : `${s.year}年每月发放金额：无`,
  };
}
