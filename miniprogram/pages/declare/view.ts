/** What 阳光申报 and 申报须知 say about a project. Pure, so every branch is testable. */
import type {
  DeclarationWindow,
  GetProjectResponse,
  PaymentFrequency,
  ProjectCard,
  StageSpec,
} from '../../../typings/api';
import { shanghaiDaySpan } from '../../shared/time';

/** 2026-01-01 至 2026-12-31, in Shanghai: the close is exclusive, so its day before is the last one. */
export function windowText(window: DeclarationWindow): string {
  return shanghaiDaySpan(window.opensAt, window.closesAt);
}

export interface ProjectRow {
  code: string;
  name: string;
  department: string;
  standardText: string;
  open: boolean;
  /** 申报时间 2026-01-01 至 2026-12-31, or 下次开放 …, or 暂未安排申报时间 */
  windowText: string;
  demo: boolean;
  myOpenDeclarationId: string;
}

export function projectRow(card: ProjectCard): ProjectRow {
  const when = card.window ? windowText(card.window) : '';
  return {
    code: card.code,
    name: card.name,
    department: card.department,
    standardText: card.standardText,
    open: card.open,
    windowText: !card.window ? '暂未安排申报时间' : card.open ? `申报时间 ${when}` : `下次开放 ${when}`,
    demo: card.demo,
    myOpenDeclarationId: card.myOpenDeclarationId ?? '',
  };
}

const FREQUENCY: Readonly<Record<PaymentFrequency, string>> = {
  monthly: '按月发放',
  quarterly: '按季度发放',
  yearly: '按年发放',
  once: '一次性发放',
};

export interface StageRow {
  label: string;
  /** 7个工作日内 / 公示7天 */
  limit: string;
}

function stageRow(stage: StageSpec, publicityDays: number): StageRow {
  if (stage.key === 'publicity') return { label: stage.label, limit: `公示${publicityDays}天` };
  return {
    label: stage.label,
    limit: `${stage.deadlineDays}个${stage.workingDays ? '工作日' : '自然日'}内办结`,
  };
}

export interface NoticeView {
  code: string;
  name: string;
  department: string;
  summary: string;
  standardText: string;
  demo: boolean;
  frequency: string;
  open: boolean;
  windowText: string;
  eligibility: Array<{ id: string; text: string; mandatory: boolean }>;
  materials: Array<{ key: string; label: string; required: boolean }>;
  stages: StageRow[];
  policyText: string;
  documents: Array<{ title: string; number: string }>;
  proxyAllowed: boolean;
}

export function noticeView(p: GetProjectResponse): NoticeView {
  const window = p.currentWindow ?? null;
  return {
    code: p.code,
    name: p.name,
    department: p.department,
    summary: p.summary,
    standardText: p.standard.text,
    demo: p.standard.demo,
    frequency: FREQUENCY[p.frequency],
    open: p.open,
    windowText: window ? `本期（${window.period}）申报时间 ${windowText(window)}` : '当前不在申报时间内',
    eligibility: p.eligibility.map((r) => ({ id: r.id, text: r.text, mandatory: r.mandatory })),
    materials: p.materials.map((m) => ({ key: m.key, label: m.label, required: m.required })),
    stages: p.chain.map((s) => stageRow(s, p.publicityDays)),
    policyText: p.policyText,
    documents: p.documents,
    proxyAllowed: p.proxyAllowed,
  };
}
