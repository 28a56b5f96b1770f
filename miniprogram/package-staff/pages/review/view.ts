/** What the 审核 page shows of an item and what its decision sheet allows. Pure, so every branch is testable. */
import type { AnswerValue, ApprovalDetail, FormField, ReviewOutcome } from '../../../../typings/api';
import { type RuleView, ruleViews } from '../../../components/declaration-form/model';
import {
  type DeclarationRow,
  type DetailView,
  declarationRow,
  detailView,
} from '../../../pages/declarations/view';
import { extensionOf } from '../../../shared/materials';
import { formatYuan } from '../../../shared/money';

export const OUTCOME_LABELS: Readonly<Record<ReviewOutcome, string>> = {
  approve: '通过',
  return: '打回补正',
  reject: '不予通过',
};

export interface MaterialLink {
  key: string;
  label: string;
  url: string;
  /** images are shown and previewed; PDFs are downloaded and opened */
  kind: 'image' | 'pdf';
}

/** The kind of a link by its file name (the part before any query). */
export function materialLinks(links: ApprovalDetail['materialLinks']): MaterialLink[] {
  return links.map((l) => ({
    key: l.materialKey,
    label: l.label,
    url: l.url,
    kind: extensionOf(l.url.split('?')[0] ?? '') === 'pdf' ? 'pdf' : 'image',
  }));
}

/** One answer as the cadre reads it: the field's label, option labels, 是/否, 元 and units. */
function answerText(field: FormField | undefined, value: AnswerValue): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (!field) return String(value);
  if (field.type === 'money' && typeof value === 'number') return formatYuan(value);
  const option = field.options?.find((o) => o.value === value);
  if (option) return option.label;
  return field.unit ? `${value}${field.unit}` : String(value);
}

export interface AnswerLine {
  key: string;
  label: string;
  value: string;
}

/** The answers in the form's order when the form is known, else as stored. */
export function answerLines(
  fields: readonly FormField[],
  answers: Record<string, AnswerValue>,
): AnswerLine[] {
  const known = fields.filter((f) => answers[f.key] !== undefined).map((f) => f.key);
  const rest = Object.keys(answers).filter((key) => !known.includes(key));
  return [...known, ...rest].map((key) => {
    const field = fields.find((f) => f.key === key);
    return { key, label: field?.label ?? key, value: answerText(field, answers[key]!) };
  });
}

export interface ReviewView extends DetailView {
  version: number;
  applicantName: string;
  idNumber: string;
  villageName: string;
  materials: MaterialLink[];
  others: DeclarationRow[];
  rules: RuleView[];
  outcomes: Array<{ value: ReviewOutcome; label: string }>;
  templates: Record<ReviewOutcome, string[]>;
}

export function reviewView(d: ApprovalDetail): ReviewView {
  return {
    ...detailView(d),
    version: d.version,
    applicantName: d.applicantName,
    idNumber: d.applicantMaskedIdNumber,
    villageName: d.villageName,
    materials: materialLinks(d.materialLinks),
    others: d.otherDeclarations.map(declarationRow),
    rules: ruleViews(d.rules),
    outcomes: d.allowedOutcomes.map((value) => ({ value, label: OUTCOME_LABELS[value] })),
    templates: d.opinionTemplates,
  };
}

/** Why the opinion cannot be sent with this outcome, or '' when it can (the cloud asks the same). */
export function opinionProblem(outcome: ReviewOutcome, opinion: string): string {
  const words = opinion.trim();
  if (outcome === 'approve') return words.length === 1 ? '意见至少2个字' : '';
  if (!words) return `${OUTCOME_LABELS[outcome]}须填写审核意见，告诉群众原因和怎么办`;
  return words.length < 2 ? '意见至少2个字' : '';
}
