/**
 * The declaration form as plain data: what the person typed (inputs), turned into the answers of the
 * contract (money typed in 元 becomes integer fen) and checked with the shared `checkAnswers`, so the
 * phone and the cloud judge the form alike. Pure, so every branch is testable.
 */
import type {
  AnswerValue,
  AttachmentRef,
  FieldType,
  FormField,
  MaterialSpec,
  RuleResult,
} from '../../../typings/api';
import { checkAnswers } from '../../shared/form-schema';
import { acceptText, sizeText } from '../../shared/materials';
import { parseYuan, yuanInput } from '../../shared/money';

/** What a field holds while being filled: text as typed, or the choice of a boolean. */
export type FieldInput = string | boolean;

export interface UploadedFile {
  fileID: string;
  /** the name shown: the file's own, or 第n个文件 */
  name: string;
}

/** Everything the person has done on the form: what the draft keeps. */
export interface FormState {
  inputs: Record<string, FieldInput>;
  files: Record<string, UploadedFile[]>;
  /** the household member declared for; '' when there is no choice */
  applicantMemberId: string;
}

export const EMPTY_STATE: FormState = { inputs: {}, files: {}, applicantMemberId: '' };

export function isEmptyState(state: FormState): boolean {
  return (
    Object.values(state.inputs).every((v) => v === '') &&
    Object.values(state.files).every((list) => list.length === 0)
  );
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The answer of one input: numbers as numbers, 元 as integer fen; what does not parse stays text. */
function answerOf(type: FieldType, input: FieldInput): AnswerValue {
  if (typeof input === 'boolean') return input;
  const text = input.trim();
  if (type === 'number' && NUMBER.test(text)) return Number(text);
  if (type === 'money') return parseYuan(text) ?? text;
  return text;
}

/** The answers for the contract; fields left empty are left out. */
export function answersOf(
  fields: readonly FormField[],
  inputs: Record<string, FieldInput>,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  for (const field of fields) {
    const input = inputs[field.key];
    if (input === undefined || input === '') continue;
    answers[field.key] = answerOf(field.type, input);
  }
  return answers;
}

/** Inputs that show stored answers again (a resubmit after 打回): fen back to 元. */
export function inputsOf(
  fields: readonly FormField[],
  answers: Record<string, AnswerValue>,
): Record<string, FieldInput> {
  const inputs: Record<string, FieldInput> = {};
  for (const field of fields) {
    const answer = answers[field.key];
    if (answer === undefined) continue;
    if (typeof answer === 'boolean') inputs[field.key] = answer;
    else if (field.type === 'money' && typeof answer === 'number') inputs[field.key] = yuanInput(answer);
    else inputs[field.key] = String(answer);
  }
  return inputs;
}

export function attachmentsOf(files: Record<string, UploadedFile[]>): AttachmentRef[] {
  return Object.entries(files).flatMap(([materialKey, list]) =>
    list.map((file) => ({ materialKey, fileID: file.fileID })),
  );
}

export interface FormCheckResult {
  /** field or material key → problem */
  errors: Record<string, string>;
  answers: Record<string, AnswerValue>;
  /** labels of what is still missing or wrong, in the form's order */
  pending: string[];
}

/** The whole form checked: fields with `checkAnswers`, required materials by their count. */
export function checkForm(
  fields: readonly FormField[],
  materials: readonly MaterialSpec[],
  state: FormState,
): FormCheckResult {
  const { errors, clean } = checkAnswers(fields, answersOf(fields, state.inputs));
  const pending = fields.filter((f) => errors[f.key]).map((f) => f.label);
  for (const material of materials) {
    if (material.required && (state.files[material.key] ?? []).length === 0) {
      errors[material.key] = `请上传${material.label}`;
      pending.push(material.label);
    }
  }
  return { errors, answers: clean, pending };
}

export interface FieldView {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  unit: string;
  help: string;
  maxLength: number;
  options: Array<{ value: string; label: string }>;
  /** the input as text ('' for an unanswered boolean) */
  text: string;
  /** 'yes' / 'no' / '' for booleans */
  choice: string;
  error: string;
  placeholder: string;
}

function placeholderOf(field: FormField): string {
  switch (field.type) {
    case 'money':
      return '单位：元，可到角分，如 50.5';
    case 'number':
      return field.unit ? `单位：${field.unit}` : '请输入数字';
    case 'date':
      return '请选择日期';
    default:
      return `请填写${field.label}`;
  }
}

export function fieldViews(
  fields: readonly FormField[],
  inputs: Record<string, FieldInput>,
  shown: Record<string, string>,
): FieldView[] {
  return fields.map((field) => {
    const input = inputs[field.key];
    return {
      key: field.key,
      label: field.label,
      type: field.type,
      required: field.required,
      unit: field.type === 'money' ? '元' : (field.unit ?? ''),
      help: field.help ?? '',
      maxLength: field.maxLength ?? -1,
      options: field.options ?? [],
      text: typeof input === 'string' ? input : '',
      choice: input === true ? 'yes' : input === false ? 'no' : '',
      error: shown[field.key] ?? '',
      placeholder: placeholderOf(field),
    };
  });
}

export interface UploadingView {
  id: string;
  name: string;
  percent: number;
}

export interface MaterialView {
  key: string;
  label: string;
  required: boolean;
  help: string;
  /** 已上传 1/2 */
  count: string;
  /** 图片或PDF，每个不超过5MB */
  rule: string;
  acceptsImage: boolean;
  acceptsPdf: boolean;
  canAdd: boolean;
  files: UploadedFile[];
  uploading: UploadingView[];
  error: string;
}

export function materialViews(
  materials: readonly MaterialSpec[],
  files: Record<string, UploadedFile[]>,
  uploading: Record<string, UploadingView[]>,
  shown: Record<string, string>,
): MaterialView[] {
  return materials.map((m) => {
    const list = files[m.key] ?? [];
    const busy = uploading[m.key] ?? [];
    return {
      key: m.key,
      label: m.label,
      required: m.required,
      help: m.help ?? '',
      count: `已上传 ${list.length}/${m.maxFiles}`,
      rule: `${acceptText(m.accept)}，每个不超过${sizeText(m.maxSizeKB)}`,
      acceptsImage: m.accept.includes('image'),
      acceptsPdf: m.accept.includes('pdf'),
      canAdd: list.length + busy.length < m.maxFiles,
      files: list,
      uploading: busy,
      error: shown[m.key] ?? '',
    };
  });
}

export interface RuleView {
  id: string;
  text: string;
  passed: boolean;
  /** 必须满足 or 参考 */
  kind: string;
  reason: string;
}

export function ruleViews(rules: readonly RuleResult[]): RuleView[] {
  return rules.map((r) => ({
    id: r.id,
    text: r.text,
    passed: r.passed,
    kind: r.mandatory ? '必须满足' : '参考条件',
    reason: r.reason,
  }));
}

/** Errors of touched keys only: a field shows its problem once the person has been there. */
export function shownErrors(
  errors: Record<string, string>,
  touched: Record<string, boolean>,
): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const key of Object.keys(errors)) if (touched[key]) shown[key] = errors[key]!;
  return shown;
}
