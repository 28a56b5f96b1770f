/** Answers of the `payment` contract for the tests: 张三's household's payments and 通川区 finance's batches. */

import { shanghaiYear } from '../../../miniprogram/shared/time';
import type {
  BatchesResponse,
  BatchLineView,
  BatchSummary,
  ImportProgress,
  PaymentMineResponse,
  PaymentStatementResponse,
  PaymentSummaryResponse,
  PaymentView,
} from '../../../typings/api';

/** The year in Shanghai when the test runs: the page opens on it. */
export const THIS_YEAR = shanghaiYear(new Date());
export const LAST_YEAR = THIS_YEAR - 1;

const pad = (n: number) => String(n).padStart(2, '0');

/** A payment of `year`-`month` arriving on the 5th at 10:00 in Shanghai (02:00 UTC). */
export function payment(
  n: number,
  year: number,
  month: number,
  changes: Partial<PaymentView> = {},
): PaymentView {
  return {
    paymentId: `pay${n}`,
    projectCode: 'GAOLING',
    projectName: '高龄津贴',
    period: `${year}-${pad(month)}`,
    periodText: `${year}年${month}月`,
    amountFen: 5000,
    paidAt: `${year}-${pad(month)}-05T02:00:00.000Z`,
    cardKind: 'social_security',
    cardTail: '1234',
    notice: `您家${year}年${month}月高龄津贴50.00元已发放至尾号1234的社保卡`,
    sourceText: '一卡通平台',
    ...changes,
  };
}

export function mineAnswer(
  year: number,
  items: PaymentView[],
  changes: Partial<PaymentMineResponse> = {},
): PaymentMineResponse {
  return {
    year,
    items,
    total: items.length,
    page: 1,
    pageSize: 20,
    years: [THIS_YEAR, LAST_YEAR],
    ...changes,
  };
}

/** The statement those payments add up to (each payment in the month of its period). */
export function statementOf(year: number, items: PaymentView[]): PaymentStatementResponse {
  const monthTotals = Array.from({ length: 12 }, () => 0);
  const projects = new Map<string, PaymentStatementResponse['projects'][number]>();
  for (const p of items) {
    const month = Number(p.period.slice(5, 7)) - 1;
    monthTotals[month] = (monthTotals[month] ?? 0) + p.amountFen;
    const row = projects.get(p.projectCode) ?? {
      projectCode: p.projectCode,
      projectName: p.projectName,
      months: Array.from({ length: 12 }, () => 0),
      totalFen: 0,
      count: 0,
    };
    row.months[month] = (row.months[month] ?? 0) + p.amountFen;
    row.totalFen += p.amountFen;
    row.count += 1;
    projects.set(p.projectCode, row);
  }
  return {
    year,
    projects: [...projects.values()],
    monthTotals,
    totalFen: items.reduce((n, p) => n + p.amountFen, 0),
    count: items.length,
  };
}

export function paymentSummary(changes: Partial<PaymentSummaryResponse> = {}): PaymentSummaryResponse {
  return {
    year: THIS_YEAR,
    paidThisYear: { count: 3, totalFen: 15050 },
    arrivedThisMonth: { count: 1, totalFen: 5000 },
    inApproval: 2,
    projectsReceived: 2,
    lastPayment: payment(1, THIS_YEAR, 3),
    ...changes,
  };
}

/** 通川区's batch of 高龄津贴 for 2026-03: 120 lines, 100 paid, 5 failed. */
export function batchSummary(n: number, changes: Partial<BatchSummary> = {}): BatchSummary {
  return {
    batchId: `b${n}`,
    projectCode: 'GAOLING',
    projectName: '高龄津贴',
    regionCode: '511702000000',
    regionName: '通川区',
    period: '2026-03',
    periodText: '2026年3月',
    state: 'partly_done',
    stateText: '部分完成',
    resendOf: null,
    lineCount: 120,
    totalFen: 600000,
    paidCount: 100,
    paidFen: 500000,
    failedCount: 5,
    failedFen: 25000,
    pendingCount: 15,
    createdAt: '2026-03-20T01:00:00.000Z',
    createdByUnit: '通川区财政局',
    exportedAt: '2026-03-20T02:00:00.000Z',
    ...changes,
  };
}

export function batchLine(n: number, changes: Partial<BatchLineView> = {}): BatchLineView {
  return {
    lineId: `l${n}`,
    seq: n,
    villageName: '青龙村',
    holderMaskedName: `王*${n}`,
    maskedCardNumber: '**** 1234',
    bank: '四川农信',
    amountFen: 5000,
    state: 'paid',
    stateText: '已发放',
    failReason: null,
    bankSerial: `S${n}`,
    paidAt: '2026-03-25T02:00:00.000Z',
    resentIn: null,
    ...changes,
  };
}

export function batchesAnswer(changes: Partial<BatchesResponse> = {}): BatchesResponse {
  return {
    items: [],
    total: 0,
    page: 1,
    pageSize: 20,
    batch: null,
    lines: [],
    linesTotal: 0,
    ...changes,
  };
}

export function importProgress(changes: Partial<ImportProgress> = {}): ImportProgress {
  return {
    importId: 'imp1',
    fileName: '回盘.csv',
    state: 'done',
    alreadyImported: false,
    totalRows: 120,
    processedRows: 120,
    paid: 100,
    failed: 5,
    unchanged: 0,
    errors: [],
    errorCount: 0,
    batch: null,
    ...changes,
  };
}
