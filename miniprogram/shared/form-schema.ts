/**
 * A project's form (申报表) checked against its schema, on the phone as the person types and in the
 * cloud before anything is stored. Unknown keys are dropped; money is integer fen.
 */
import type { AnswerValue, FormField } from '../../typings/api';
import { formatYuan } from './money';

export interface FormCheck {
  /** Field key → plain-Chinese problem. */
  errors: Record<string, string>;
  /** The answers of declared fields only, trimmed. */
  clean: Record<string, AnswerValue>;
}

function fieldProblem(field: FormField, value: AnswerValue | undefined): string | null {
  const empty =
    value === undefined || value === '' || (field.type === 'boolean' && value === false && field.required);
  if (empty) {
    if (!field.required) return null;
    return field.type === 'select' || field.type === 'boolean' || field.type === 'date'
      ? `请选择${field.label}`
      : `请填写${field.label}`;
  }
  switch (field.type) {
    case 'text':
    case 'textarea':
      if (typeof value !== 'string') return `${field.label}格式不正确`;
      if (field.maxLength !== undefined && [...value].length > field.maxLength) {
        return `${field.label}不能超过${field.maxLength}个字`;
      }
      return null;
    case 'number':
    case 'money': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${field.label}应为数字`;
      if (field.type === 'money' && !Number.isInteger(value)) return `${field.label}格式不正确`;
      // Money limits are fen like the answers, and read in 元.
      const shown = (limit: number) => (field.type === 'money' ? formatYuan(limit) : String(limit));
      if (field.min !== undefined && value < field.min) return `${field.label}不能小于${shown(field.min)}`;
      if (field.max !== undefined && value > field.max) return `${field.label}不能大于${shown(field.max)}`;
      return null;
    }
    case 'select':
      return field.options?.some((o) => o.value === value) ? null : `请选择${field.label}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `请选择${field.label}`;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? null
        : `${field.label}格式不正确`;
  }
}

export function checkAnswers(fields: readonly FormField[], answers: Record<string, unknown>): FormCheck {
  const errors: Record<string, string> = {};
  const clean: Record<string, AnswerValue> = {};
  // Own keys only: an inherited `constructor` or `__proto__` is never an answer.
  const given = new Set(Object.keys(answers));
  for (const field of fields) {
    const raw = given.has(field.key) ? answers[field.key] : undefined;
    const value =
      typeof raw === 'string'
        ? raw.trim()
        : typeof raw === 'number' || typeof raw === 'boolean'
          ? raw
          : undefined;
    if (raw !== undefined && value === undefined) {
      errors[field.key] = `${field.label}格式不正确`;
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) errors[field.key] = problem;
    else if (value !== undefined && value !== '') clean[field.key] = value;
  }
  return { errors, clean };
}
