/** What the 阳光发放 screens show of batches, lines and imports, and the checks before a batch is asked for. Pure. */
import type {
  BatchLineView,
  BatchState,
  BatchSummary,
  CreateBatchResponse,
  ImportProgress,
  LineState,
  PaymentFrequency,
} from '../../typings/api';
import { parsePeriod, periodHint } from '../shared/entitlement';
import { formatYuan } from '../shared/money';
import { shanghaiDateTime } from '../shared/time';
import type { TagTheme } from '../types/tag';

const BATCH_THEMES: Readonly<Record<BatchState, TagTheme>> = {
  building: 'warning',
  created: 'primary',
  exported: 'primary',
  partly_done: 'warning',
  done: 'success',
  cancelled: 'default',
};

export interface BatchView {
  id: string;
  /** 高龄津贴 · 通川区 */
  title: string;
  periodText: string;
  stateText: string;
  theme: TagTheme;
  /** 120户 合计6000.00元 */
  totals: string;
  /** 已到账100户 5000.00元 · 失败5户 250.00元 · 待回盘15户 */
  progress: string;
  /** 生成于 2026-03-20 09:00 · 通川区财政局 */
  created: string;
  /** 导出于 2026-03-20 10:00, or 尚未导出 */
  exported: string;
  /** 重发批次 */
  resend: boolean;
  failedCount: number;
}

export function batchView(b: BatchSummary): BatchView {
  const parts = [`已到账${b.paidCount}户 ${formatYuan(b.paidFen)}`];
  if (b.failedCount) parts.push(`失败${b.failedCount}户 ${formatYuan(b.failedFen)}`);
  if (b.pendingCount) parts.push(`待回盘${b.pendingCount}户`);
  return {
    id: b.batchId,
    title: `${b.projectName} · ${b.regionName}`,
    periodText: b.periodText,
    stateText: b.stateText,
    theme: BATCH_THEMES[b.state],
    totals: `${b.lineCount}户 合计${formatYuan(b.totalFen)}`,
    progress: parts.join(' · '),
    created: `生成于 ${shanghaiDateTime(b.createdAt)} · ${b.createdByUnit}`,
    exported: b.exportedAt ? `导出于 ${shanghaiDateTime(b.exportedAt)}` : '尚未导出',
    resend: b.resendOf !== null,
    failedCount: b.failedCount,
  };
}

const LINE_THEMES: Readonly<Record<LineState, TagTheme>> = {
  pending: 'default',
  paid: 'success',
  failed: 'danger',
  resent: 'primary',
  conflict: 'warning',
};

/** The states a batch's lines can be filtered by, as finance says them. */
export const LINE_STATE_OPTIONS: ReadonlyArray<{ value: LineState; label: string }> = [
  { value: 'pending', label: '待发放' },
  { value: 'paid', label: '已到账' },
  { value: 'failed', label: '发放失败' },
  { value: 'resent', label: '已重发' },
  { value: 'conflict', label: '重复回盘' },
];

export interface LineView {
  id: string;
  /** 1. 王*1 · 青龙村 */
  title: string;
  amount: string;
  /** 四川农信 **** 1234 */
  card: string;
  stateText: string;
  theme: TagTheme;
  /** 失败原因：账户已销户; 流水号 S1 · 2026-03-25 10:00 到账; 已在批次 b2 重发 */
  detail: string;
}

export function lineView(l: BatchLineView): LineView {
  const details: string[] = [];
  if (l.failReason) details.push(`失败原因：${l.failReason}`);
  if (l.bankSerial) details.push(`流水号 ${l.bankSerial}`);
  if (l.paidAt) details.push(`${shanghaiDateTime(l.paidAt)} 到账`);
  if (l.resentIn) details.push(`已在批次 ${l.resentIn} 重发`);
  return {
    id: l.lineId,
    title: `${l.seq}. ${l.holderMaskedName} · ${l.villageName}`,
    amount: formatYuan(l.amountFen),
    card: `${l.bank} ${l.maskedCardNumber}`,
    stateText: l.stateText,
    theme: LINE_THEMES[l.state],
    detail: details.join(' · '),
  };
}

export interface BatchForm {
  projectCode: string;
  /** null until the project's frequency is known */
  frequency: PaymentFrequency | null;
  regionCode: string;
  period: string;
}

/** Why the batch cannot be asked for, in plain words, or '' when it can (the cloud checks the same). */
export function batchFormProblem(form: BatchForm): string {
  if (!form.projectCode) return '请选择补贴项目';
  if (!form.frequency) return '正在读取项目的发放周期，请稍候';
  if (!form.regionCode) return '请选择发放区域';
  const period = form.period.trim();
  if (!period) return `请填写发放期次：${periodHint(form.frequency)}`;
  if (!parsePeriod(form.frequency, period)) return `期次格式不对：${periodHint(form.frequency)}`;
  return '';
}

export interface CreatedView {
  batchId: string;
  /** 已生成批次：120户，合计6000.00元 */
  title: string;
  /** 另有3户已发放或已在其他批次中，未重复纳入 */
  excluded: string;
  skipped: Array<{ id: string; who: string; reason: string }>;
}

export function createdView(c: CreateBatchResponse): CreatedView {
  return {
    batchId: c.batchId,
    title: `已生成批次：${c.lineCount}户，合计${formatYuan(c.totalFen)}`,
    excluded: c.excludedAlreadyPaid ? `另有${c.excludedAlreadyPaid}户已发放或已在其他批次中，未重复纳入` : '',
    skipped: c.skipped.map((s) => ({
      id: s.declarationId,
      who: `${s.applicantMaskedName} · ${s.villageName}`,
      reason: s.reason,
    })),
  };
}

export const ALREADY_IMPORTED = '该文件已导入过，未作任何改动';

export interface ImportResultView {
  /** 导入完成 or ALREADY_IMPORTED */
  title: string;
  /** over the counts of a file imported before: they are of that import */
  countsTitle: string;
  counts: Array<{ key: 'paid' | 'failed' | 'unchanged' | 'errors'; label: string; value: number }>;
  errors: Array<{ row: number; text: string }>;
  /** 另有12行问题未列出 */
  moreErrors: string;
}

export function importResultView(p: ImportProgress): ImportResultView {
  return {
    title: p.alreadyImported ? ALREADY_IMPORTED : `导入完成：共${p.totalRows}行`,
    countsTitle: p.alreadyImported ? '以下是该文件上次导入的结果' : '',
    counts: [
      { key: 'paid', label: '已到账', value: p.paid },
      { key: 'failed', label: '发放失败', value: p.failed },
      { key: 'unchanged', label: '已处理过，未改动', value: p.unchanged },
      { key: 'errors', label: '无法导入的行', value: p.errorCount },
    ],
    errors: p.errors.map((e) => ({ row: e.row, text: `第${e.row}行：${e.message}` })),
    moreErrors: p.errorCount > p.errors.length ? `另有${p.errorCount - p.errors.length}行问题未列出` : '',
  };
}

/** 0–100 of the rows handled so far. */
export function importPercent(p: ImportProgress): number {
  if (p.state === 'done') return 100;
  return p.totalRows ? Math.floor((p.processedRows / p.totalRows) * 100) : 0;
}
