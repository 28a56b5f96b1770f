/** What 监督工作台 shows of a dashboard answer: figure tiles, the projects, the regions one level down. Pure. */
import type { DashboardFigures, DashboardResponse } from '../../../../typings/api';
import { formatYuan } from '../../../shared/money';
import { shanghaiDateTime } from '../../../shared/time';
import type { ChartRow } from './chart';

export interface FigureTile {
  key: string;
  label: string;
  value: string;
  /** the figures beside it, e.g. 有效2824件 */
  hint: string;
  /** something waits for the supervisor (overdue tip-offs, open alerts) */
  warn: boolean;
}

export function figureTiles(f: DashboardFigures): FigureTile[] {
  return [
    { key: 'users', label: '注册用户', value: `${f.registeredUsers}人`, hint: '', warn: false },
    {
      key: 'declarations',
      label: '收到申报',
      value: `${f.declarationsReceived}件`,
      hint: `有效${f.declarationsValid}件`,
      warn: false,
    },
    {
      key: 'approvals',
      label: '审批办结',
      value: `${f.approvalsCompleted}件`,
      hint: `待审批${f.approvalsPending}件`,
      warn: false,
    },
    {
      key: 'payments',
      label: '补贴发放',
      value: formatYuan(f.paymentsFen),
      hint: `${f.paymentsCount}笔`,
      warn: false,
    },
    {
      key: 'tipoffs',
      label: '收到举报',
      value: `${f.tipoffsReceived}件`,
      hint: `已办结${f.tipoffsHandled}件 · 超期${f.tipoffsOverdue}件`,
      warn: f.tipoffsOverdue > 0,
    },
    {
      key: 'alerts',
      label: '存疑数据',
      value: `${f.alertsOpen}条`,
      hint: '待核查',
      warn: f.alertsOpen > 0,
    },
  ];
}

export interface ProjectRow {
  code: string;
  name: string;
  count: string;
  amount: string;
}

export interface RegionRow {
  code: string;
  name: string;
  declarations: string;
  payments: string;
  tipoffs: string;
  /** a region with overdue tip-offs or open alerts is marked */
  warn: boolean;
}

export interface BoardView {
  regionCode: string;
  regionName: string;
  year: number;
  tiles: FigureTile[];
  projects: ProjectRow[];
  regions: RegionRow[];
  /** 举报、存疑数据截至 2026-03-01 10:00 (counted live) */
  asOf: string;
  /** 用户、申报、发放统计于 2026-03-01 09:50 (the rollup), or that they are not counted yet */
  countedAt: string;
  /** the payments in words, for screen readers in place of the chart */
  chartLabel: string;
}

export function boardView(d: DashboardResponse): BoardView {
  const projects = d.figures.payments.map((p) => ({
    code: p.projectCode,
    name: p.projectName,
    count: `${p.count}笔`,
    amount: formatYuan(p.amountFen),
  }));
  return {
    regionCode: d.regionCode,
    regionName: d.regionName,
    year: d.year,
    tiles: figureTiles(d.figures),
    projects,
    regions: d.breakdown.map((b) => ({
      code: b.regionCode,
      name: b.regionName,
      declarations: `申报${b.figures.declarationsReceived}件（有效${b.figures.declarationsValid}件）`,
      payments: `发放${b.figures.paymentsCount}笔 ${formatYuan(b.figures.paymentsFen)}`,
      tipoffs: `举报${b.figures.tipoffsReceived}件 · 超期${b.figures.tipoffsOverdue}件 · 存疑${b.figures.alertsOpen}条`,
      warn: b.figures.tipoffsOverdue > 0 || b.figures.alertsOpen > 0,
    })),
    asOf: `举报、存疑数据截至 ${shanghaiDateTime(d.asOf)}`,
    countedAt: d.countedAt
      ? `用户、申报、发放统计于 ${shanghaiDateTime(d.countedAt)}`
      : '用户、申报、发放尚未统计，请点“重新统计”',
    chartLabel: projects.map((p) => `${p.name}${p.amount}`).join('，'),
  };
}

/** The bars of the chart: one per project, by amount. */
export function chartRows(d: DashboardResponse): ChartRow[] {
  return d.figures.payments.map((p) => ({
    label: p.projectName,
    value: p.amountFen,
    valueText: formatYuan(p.amountFen),
  }));
}

/** One region on the way down from the supervisor's own. */
export interface Crumb {
  code: string;
  name: string;
}

/** The path after an answer: the region asked for is named as the cloud names it (the first answer starts it). */
export function crumbsAfter(
  asked: readonly Crumb[],
  answer: Pick<DashboardResponse, 'regionCode' | 'regionName'>,
): Crumb[] {
  const shown = { code: answer.regionCode, name: answer.regionName };
  return asked.length === 0 ? [shown] : [...asked.slice(0, -1), shown];
}

/** The years to switch between: this one and the two before. */
export function yearOptions(current: number): number[] {
  return [current, current - 1, current - 2];
}
