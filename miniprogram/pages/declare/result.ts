/** What the page says after a submit: in review with the next step, or kept as invalid with the reasons. */
import type { SubmitResponse } from '../../../typings/api';

export interface SubmitResultView {
  declarationId: string;
  valid: boolean;
  title: string;
  description: string;
  /** the mandatory rules that failed, with their reasons */
  failures: Array<{ id: string; text: string; reason: string }>;
}

export function submitResultView(result: SubmitResponse): SubmitResultView {
  return {
    declarationId: result.declarationId,
    valid: result.valid,
    title: result.valid ? '申报已提交，进入审核' : '申报已收到，但不符合申报条件',
    description: result.valid ? result.nextStep : `本次申报作为无效申报保留，不进入审核。${result.nextStep}`,
    failures: result.rules
      .filter((r) => !r.passed && r.mandatory)
      .map((r) => ({ id: r.id, text: r.text, reason: r.reason })),
  };
}
