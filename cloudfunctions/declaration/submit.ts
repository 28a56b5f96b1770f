import * as z from 'zod/mini';
import { transition } from '../../miniprogram/shared/declaration-machine';
import { eligible } from '../../miniprogram/shared/eligibility';
import type { DeclarationSummary, SubmitResponse } from '../../typings/api';
import { loadProject } from '../_shared/domain/catalogue';
import { NO_CALENDAR } from '../_shared/domain/deadlines';
import { moved as movedDoc, saveMove } from '../_shared/domain/declaration-moves';
import { DECLARATIONS, type DeclarationDoc, summary } from '../_shared/domain/declarations';
import { calendarFor } from '../_shared/domain/holiday-calendar';
import { requireRegistered } from '../_shared/runtime/caller';
import { conflict, precondition } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { docId, labelled } from '../_shared/runtime/schemas';
import { callerApplicant } from './applicant';
import { ownDeclaration } from './household-declaration';
import {
  answersSchema,
  attachmentsSchema,
  checkAttachments,
  checkForm,
  evaluateFor,
  memberId,
  NEXT_STEP_INVALID,
  NEXT_STEP_VALID,
  openWindowOrRefuse,
  projectCode,
  storeDeclaration,
} from './submission';

function submitter(ctx: ActionContext) {
  const user = requireRegistered(ctx.caller);
  return { userId: user._id, unit: '申报人本人', nameMasked: user.nameMasked ?? '', role: 'resident' };
}

/** 提交申报: recorded whatever the outcome; valid ones enter the chain, invalid ones are kept with reasons. */
export const submit: ActionDef<'declaration', 'submit'> = {
  access: 'verified',
  input: z.object({
    code: projectCode(),
    answers: answersSchema,
    attachments: attachmentsSchema,
    applicantMemberId: z.optional(memberId()),
  }),
  async handler(ctx, input): Promise<SubmitResponse> {
    const project = await loadProject(ctx.db, input.code);
    const period = openWindowOrRefuse(project, ctx.now);
    const [applicant, calendar] = await Promise.all([
      callerApplicant(ctx, input.applicantMemberId),
      calendarFor(ctx.db, ctx.now, project.chain.slice(0, 1)),
    ]);
    const answers = checkForm(project, input.answers);
    const by = submitter(ctx);
    const attachments = checkAttachments(project, input.attachments, by.userId);
    const rules = evaluateFor(project, applicant, answers, ctx.now);
    return storeDeclaration(
      ctx,
      { project, period, applicant, submittedBy: by, proxy: null, answers, attachments, rules, calendar },
      'declaration.submit',
    );
  },
};

/** 撤回: the household gives up the declaration and its place for the period. */
export const withdraw: ActionDef<'declaration', 'withdraw'> = {
  access: 'registered',
  input: z.object({
    declarationId: docId('申报'),
    reason: labelled(z.optional(z.string().check(z.trim(), z.maxLength(200))), '撤回原因'),
  }),
  async handler(ctx, input): Promise<DeclarationSummary> {
    const d = await ownDeclaration(ctx, input.declarationId);
    const moved = transition(d, { type: 'withdraw' });
    if (!moved.ok) throw precondition(`${moved.reason}（${summary(d).statusText}）`);
    const by = submitter(ctx);
    const next = await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<DeclarationDoc>(DECLARATIONS).doc(d._id);
      const { data: current } = await ref.get();
      if (current.version !== d.version) throw conflict('这份申报刚刚有了新进展，请刷新后再操作');
      // A withdrawn declaration has no deadline to count.
      const changed = movedDoc(
        current,
        moved,
        ctx.now,
        {
          stage: null,
          event: 'withdrawn',
          unit: by.unit,
          actorId: by.userId,
          actorMaskedName: by.nameMasked,
          at: ctx.now,
          opinion: input.reason ?? null,
        },
        NO_CALENDAR,
      );
      await saveMove(tx, current, changed, ctx.now, '您已撤回这份申报');
      await ctx.auditIn(tx, {
        action: 'declaration.withdraw',
        actorId: by.userId,
        actorRole: 'resident',
        targetType: 'declaration',
        targetId: d._id,
        detail: { reason: input.reason ?? null },
      });
      return changed;
    });
    return summary(next);
  },
};

/** 重新提交 after 打回: corrected answers go back to the stage that returned it; the old ones are kept. */
export const resubmit: ActionDef<'declaration', 'resubmit'> = {
  access: 'verified',
  input: z.object({ declarationId: docId('申报'), answers: answersSchema, attachments: attachmentsSchema }),
  async handler(ctx, input): Promise<SubmitResponse> {
    const d = await ownDeclaration(ctx, input.declarationId);
    if (!transition(d, { type: 'resubmit', valid: true }).ok) {
      throw precondition(`这份申报${summary(d).statusText}，不需要重新提交`);
    }
    const project = await loadProject(ctx.db, d.projectCode);
    const [applicant, calendar] = await Promise.all([
      callerApplicant(ctx, d.applicant.memberId),
      calendarFor(ctx.db, ctx.now, d.chain),
    ]);
    const answers = checkForm(project, input.answers);
    const by = submitter(ctx);
    const attachments = checkAttachments(project, input.attachments, d.proxy ? d.proxy.userId : by.userId);
    const rules = evaluateFor(project, applicant, answers, ctx.now);
    const valid = eligible(rules);
    const moved = transition(d, { type: 'resubmit', valid });
    if (!moved.ok) throw precondition(moved.reason);
    await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<DeclarationDoc>(DECLARATIONS).doc(d._id);
      const { data: current } = await ref.get();
      if (current.version !== d.version || current.status !== 'returned') {
        throw conflict('这份申报刚刚有了新进展，请刷新后再操作');
      }
      const reasons = rules
        .filter((r) => r.mandatory && !r.passed)
        .map((r) => r.reason)
        .join('；');
      const changed: DeclarationDoc = {
        ...movedDoc(
          current,
          moved,
          ctx.now,
          {
            stage: null,
            event: valid ? 'resubmitted' : 'invalid',
            unit: by.unit,
            actorId: by.userId,
            actorMaskedName: by.nameMasked,
            at: ctx.now,
            opinion: valid ? null : reasons,
          },
          calendar,
        ),
        answers,
        attachments,
        rules,
        valid,
        revisions: [
          ...current.revisions,
          { answers: current.answers, attachments: current.attachments, replacedAt: ctx.now },
        ],
      };
      await saveMove(
        tx,
        current,
        changed,
        ctx.now,
        valid ? '修改后的申报已重新进入审核' : `不符合申报条件：${reasons}`,
      );
      await ctx.auditIn(tx, {
        action: 'declaration.resubmit',
        actorId: by.userId,
        actorRole: 'resident',
        targetType: 'declaration',
        targetId: d._id,
        detail: { valid, revision: current.revisions.length + 1 },
      });
    });
    return {
      declarationId: d._id,
      status: valid ? 'in_review' : 'invalid',
      valid,
      rules,
      nextStep: valid ? NEXT_STEP_VALID : NEXT_STEP_INVALID,
    };
  },
};
