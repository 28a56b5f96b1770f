import * as z from 'zod/mini';
import { eligible } from '../../miniprogram/shared/eligibility';
import { checkAnswers } from '../../miniprogram/shared/form-schema';
import type { PrecheckResponse } from '../../typings/api';
import { currentWindow, loadProject } from '../_shared/domain/catalogue';
import type { ActionDef } from '../_shared/runtime/router';
import { callerApplicant } from './applicant';
import { answersSchema, evaluateFor, memberId, projectCode } from './submission';

/** Each rule with pass or fail and the reason, before anything is submitted. Writes nothing. */
export const precheck: ActionDef<'declaration', 'precheck'> = {
  access: 'registered',
  input: z.object({ code: projectCode(), answers: answersSchema, applicantMemberId: z.optional(memberId()) }),
  async handler(ctx, input): Promise<PrecheckResponse> {
    const project = await loadProject(ctx.db, input.code);
    const applicant = await callerApplicant(ctx, input.applicantMemberId);
    const { errors, clean } = checkAnswers(project.form, input.answers);
    const rules = evaluateFor(project, applicant, clean, ctx.now);
    return {
      eligible: eligible(rules),
      rules,
      fieldErrors: errors,
      period: currentWindow(project, ctx.now)?.period ?? null,
      standardText: project.standard.text,
    };
  },
};
