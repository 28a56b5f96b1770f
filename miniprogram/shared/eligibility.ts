/**
 * Eligibility rules (申报条件) evaluated the same way on the phone (instant feedback) and in the
 * cloud (the decision). Each rule says pass or fail and why, in plain words.
 */
import type { AnswerValue, EligibilityRule, RuleResult } from '../../typings/api';
import { regionWithin } from './region';

export interface Subject {
  /** YYYY-MM-DD from the ID number. */
  birthDate: string;
  verified: boolean;
  cardBound: boolean;
  villageCode: string;
  answers: Record<string, AnswerValue>;
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

function describeBirth(birthDate: string): string {
  const [y, m] = birthDate.split('-');
  return `出生于${y}年${Number(m)}月`;
}

function answerPasses(
  rule: Extract<EligibilityRule, { kind: 'answer' }>,
  value: AnswerValue | undefined,
): boolean {
  if (value === undefined || value === '') return false;
  switch (rule.op) {
    case 'eq':
      return value === rule.value;
    case 'in':
      return Array.isArray(rule.value) && rule.value.includes(String(value));
    case 'gte':
      return typeof value === 'number' && typeof rule.value === 'number' && value >= rule.value;
    case 'lte':
      return typeof value === 'number' && typeof rule.value === 'number' && value <= rule.value;
    default:
      return false;
  }
}

export function evaluateRule(rule: EligibilityRule, subject: Subject, today: string): RuleResult {
  const result = (passed: boolean, reason: string): RuleResult => ({
    id: rule.id,
    text: rule.text,
    mandatory: rule.mandatory,
    passed,
    reason,
  });
  switch (rule.kind) {
    case 'min_age': {
      const age = ageOn(subject.birthDate, today);
      return result(
        age >= rule.years,
        `${describeBirth(subject.birthDate)}，申报时${age}周岁${age >= rule.years ? '' : `，未满${rule.years}周岁`}`,
      );
    }
    case 'max_age': {
      const age = ageOn(subject.birthDate, today);
      return result(
        age < rule.years,
        `${describeBirth(subject.birthDate)}，申报时${age}周岁${age < rule.years ? '' : `，已满${rule.years}周岁`}`,
      );
    }
    case 'verified':
      return result(
        subject.verified,
        subject.verified ? '已完成实名核验' : '尚未完成实名核验，请联系村干部核验',
      );
    case 'card_bound':
      return result(
        subject.cardBound,
        subject.cardBound ? '全家已绑定一卡通' : '全家还没有绑定一卡通，请户主先绑卡',
      );
    case 'in_region': {
      const inside = regionWithin(rule.regionCode, subject.villageCode);
      return result(inside, inside ? '户籍所在地符合' : '户籍所在地不在本项目范围内');
    }
    case 'answer': {
      const passed = answerPasses(rule, subject.answers[rule.field]);
      return result(passed, passed ? '符合' : `不符合：${rule.text}`);
    }
  }
}

export function evaluateRules(
  rules: readonly EligibilityRule[],
  subject: Subject,
  today: string,
): RuleResult[] {
  return rules.map((rule) => evaluateRule(rule, subject, today));
}

/** Eligible when every mandatory rule passes. */
export function eligible(results: readonly RuleResult[]): boolean {
  return results.every((r) => r.passed || !r.mandatory);
}
