/** What 我的申报 says about a declaration and its timeline. Pure, so every branch is testable. */
import type {
  DeclarationDetail,
  DeclarationStatus,
  DeclarationSummary,
  ProxyReason,
  TimelineEntry,
} from '../../../typings/api';
import { dueText, shanghaiDateTime } from '../../shared/time';
import type { TagTheme } from '../../types/tag';

const STATUS_THEMES: Readonly<Record<DeclarationStatus, TagTheme>> = {
  invalid: 'danger',
  in_review: 'primary',
  returned: 'warning',
  publicity: 'primary',
  objection_hold: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'default',
};

export interface DeclarationRow {
  id: string;
  projectName: string;
  period: string;
  statusText: string;
  theme: TagTheme;
  applicant: string;
  submittedAt: string;
  /** 办理期限 …, only while a stage is running */
  due: string;
  proxy: boolean;
  invalid: boolean;
}

export function declarationRow(d: DeclarationSummary): DeclarationRow {
  return {
    id: d.declarationId,
    projectName: d.projectName,
    period: d.period,
    statusText: d.statusText,
    theme: STATUS_THEMES[d.status],
    applicant: d.applicantMaskedName,
    submittedAt: shanghaiDateTime(d.submittedAt),
    due: d.dueAt ? dueText(d.dueAt, d.dueProvisional) : '',
    proxy: d.proxy,
    invalid: !d.valid,
  };
}

export interface StepView {
  title: string;
  /** unit · person · time · outcome, one line each */
  lines: string[];
  opinion: string;
  status: 'finish' | 'process' | 'error' | 'default';
}

const STEP_STATUS: Readonly<Record<TimelineEntry['event'], StepView['status']>> = {
  submitted: 'finish',
  resubmitted: 'finish',
  approved: 'finish',
  invalid: 'error',
  returned: 'error',
  rejected: 'error',
  withdrawn: 'error',
  objection: 'error',
  pending: 'process',
};

export function stepView(entry: TimelineEntry): StepView {
  const lines = [
    entry.unit && entry.actorMaskedName
      ? `${entry.unit} ${entry.actorMaskedName}`
      : entry.unit || entry.actorMaskedName,
    entry.at ? `${entry.eventText} · ${shanghaiDateTime(entry.at)}` : entry.eventText,
    entry.dueAt && !entry.at ? dueText(entry.dueAt, entry.dueProvisional) : '',
  ].filter((line) => line !== '');
  return {
    title: entry.stageLabel,
    lines,
    opinion: entry.opinion ? `意见：${entry.opinion}` : '',
    status: entry.at === null && entry.event !== 'pending' ? 'default' : STEP_STATUS[entry.event],
  };
}

const PROXY_REASONS: Readonly<Record<ProxyReason, string>> = { elderly: '高龄', disabled: '残疾' };

export interface DetailView extends DeclarationRow {
  steps: StepView[];
  /** the step reached, for t-steps' current */
  current: number;
  /** 代办：某某村委会 张* （高龄） */
  proxyText: string;
  failures: Array<{ id: string; text: string; reason: string }>;
  attachments: Array<{ fileID: string; label: string }>;
  canWithdraw: boolean;
  canResubmit: boolean;
}

export function detailView(d: DeclarationDetail): DetailView {
  const steps = d.timeline.map(stepView);
  const reached = d.timeline.filter((e) => e.at !== null || e.event === 'pending').length;
  return {
    ...declarationRow(d),
    steps,
    current: Math.max(0, reached - 1),
    proxyText: d.proxyBy
      ? `代办：${d.proxyBy.unit} ${d.proxyBy.maskedName}（${PROXY_REASONS[d.proxyBy.reason]}）`
      : '',
    failures: d.rules
      .filter((r) => !r.passed && r.mandatory)
      .map((r) => ({ id: r.id, text: r.text, reason: r.reason })),
    attachments: d.attachments.map((a) => ({ fileID: a.fileID, label: a.label })),
    canWithdraw: d.canWithdraw,
    canResubmit: d.canResubmit,
  };
}
