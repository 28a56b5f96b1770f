import { checkIdNumber } from '../../miniprogram/shared/idcard';
import { shanghaiDay } from '../../miniprogram/shared/time';
import { HOUSEHOLDS, type HouseholdDoc, type HouseholdMember } from '../_shared/domain/households';
import { requireRegistered } from '../_shared/runtime/caller';
import { unseal } from '../_shared/runtime/crypto';
import { invalid, notFound } from '../_shared/runtime/errors';
import type { ActionContext } from '../_shared/runtime/router';
import type { Applicant } from './submission';

/** Birth date read from the member's sealed ID number. */
export function birthDateOf(member: HouseholdMember, now: Date): string {
  const id = checkIdNumber(unseal(member.idSealed), shanghaiDay(now));
  if (!id.ok) throw invalid('申报人的身份证号码有误，请到村便民服务点核实');
  return id.birthDate;
}

/** The caller's household, and the member a declaration is for (the caller when not named). */
export async function callerApplicant(ctx: ActionContext, applicantMemberId?: string): Promise<Applicant> {
  const user = requireRegistered(ctx.caller);
  const { data } = await ctx.db
    .collection<HouseholdDoc>(HOUSEHOLDS)
    .where({ _id: user.householdId ?? '' })
    .limit(1)
    .get();
  const household = data[0];
  if (!household) throw notFound('没有找到您的家庭信息，请到村便民服务点核实');
  const member = household.members.find((m) =>
    applicantMemberId ? m.memberId === applicantMemberId : m.userId === user._id,
  );
  if (!member) throw invalid('申报人必须是本户成员');
  return {
    household,
    member,
    birthDate: birthDateOf(member, ctx.now),
    verified: user.verification === 'verified',
  };
}
