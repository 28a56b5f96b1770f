import * as z from 'zod/mini';
import { ageOn } from '../../miniprogram/shared/eligibility';
import { shanghaiDay } from '../../miniprogram/shared/time';
import type { SubmitResponse } from '../../typings/api';
import { loadProject } from '../_shared/domain/catalogue';
import { calendarFor } from '../_shared/domain/holiday-calendar';
import { HOUSEHOLDS, type HouseholdDoc, validId } from '../_shared/domain/households';
import { requireRole } from '../_shared/domain/scope';
import { requireRegistered } from '../_shared/runtime/caller';
import { lookupHash, unseal } from '../_shared/runtime/crypto';
import { forbidden, invalid, notFound, precondition } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { idNumber, labelled, realName } from '../_shared/runtime/schemas';
import { birthDateOf } from './applicant';
import {
  answersSchema,
  attachmentsSchema,
  checkAttachments,
  checkForm,
  evaluateFor,
  openWindowOrRefuse,
  projectCode,
  storeDeclaration,
} from './submission';

/** 代办 is for those who cannot declare themselves: residents aged 60 or more, or disabled. */
const ELDERLY_AGE = 60;

/** 代办: a village or township cadre declares for a resident of their area; the proxy is recorded and shown. */
export const proxySubmit: ActionDef<'declaration', 'proxySubmit'> = {
  access: ['cadre'],
  input: z.object({
    code: projectCode(),
    applicantIdNumber: idNumber('申报人身份证号码'),
    applicantName: realName('申报人姓名'),
    reason: labelled(z.enum(['elderly', 'disabled']), '代办原因'),
    answers: answersSchema,
    attachments: attachmentsSchema,
  }),
  async handler(ctx, input): Promise<SubmitResponse> {
    const cadre = requireRegistered(ctx.caller);
    const project = await loadProject(ctx.db, input.code);
    if (!project.proxyAllowed) throw precondition(`${project.name}不支持代办，请由申报人本人申报`);
    const period = openWindowOrRefuse(project, ctx.now);
    const id = validId(input.applicantIdNumber, shanghaiDay(ctx.now), '申报人').normalized;
    const [{ data }, calendar] = await Promise.all([
      ctx.db
        .collection<HouseholdDoc>(HOUSEHOLDS)
        .where({ 'members.idHash': lookupHash('id', id) })
        .limit(1)
        .get(),
      calendarFor(ctx.db, ctx.now, project.chain.slice(0, 1)),
    ]);
    const household = data[0];
    const member = household?.members.find((m) => m.idHash === lookupHash('id', id));
    if (!household || !member || unseal(member.nameSealed) !== input.applicantName.trim()) {
      throw notFound('没有找到身份证号码和姓名相符的居民，请先为其办理实名登记');
    }
    const grant = requireRole(ctx.caller, 'cadre', { regionCode: household.villageCode }).find(
      (g) => g.level === 'village' || g.level === 'township',
    );
    if (!grant) throw forbidden('只能为本村（乡镇）辖区内的居民代办');
    const birthDate = birthDateOf(member, ctx.now);
    if (input.reason === 'elderly' && ageOn(birthDate, shanghaiDay(ctx.now)) < ELDERLY_AGE) {
      throw invalid(`代办“高龄”仅限${ELDERLY_AGE}周岁以上的老人`);
    }
    const answers = checkForm(project, input.answers);
    const attachments = checkAttachments(project, input.attachments, cadre._id);
    // The cadre confirms the person face to face when declaring for them.
    const applicant = { household, member, birthDate, verified: true };
    const rules = evaluateFor(project, applicant, answers, ctx.now);
    const by = {
      userId: cadre._id,
      unit: grant.unit ?? '村（社区）',
      nameMasked: cadre.nameMasked ?? '',
      role: 'cadre',
    };
    return storeDeclaration(
      ctx,
      {
        project,
        period,
        applicant,
        submittedBy: by,
        proxy: { userId: cadre._id, unit: by.unit, nameMasked: by.nameMasked, reason: input.reason },
        answers,
        attachments,
        rules,
        calendar,
      },
      'declaration.proxySubmit',
    );
  },
};
