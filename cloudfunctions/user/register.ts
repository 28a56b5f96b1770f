import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { regionWithin } from '../../miniprogram/shared/region';
import { shanghaiDay } from '../../miniprogram/shared/time';
import type { RegisterResponse, Relation } from '../../typings/api';
import type { Database } from '../_shared/db/database';
import { isDuplicateKey } from '../_shared/db/database-errors';
import {
  HOUSEHOLDS,
  type HouseholdDoc,
  type HouseholdMember,
  ID_CLAIMS,
  type RegionDoc,
  sealMobile,
  sealPerson,
  validId,
} from '../_shared/domain/households';
import { regionById } from '../_shared/domain/regions';
import { USERS, type UserRecord } from '../_shared/runtime/caller';
import { lookupHash, unseal } from '../_shared/runtime/crypto';
import { conflict, invalid, notFound, unauthenticated } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { idNumber, labelled, mobile, realName, regionCode } from '../_shared/runtime/schemas';

export const DAZHOU = '511700000000';
export const NEXT_STEP_VERIFY =
  '请联系本村（社区）干部上门核验，或带身份证到村便民服务点核验；核验后即可查询补贴、在线申报';

const relation = labelled(
  z.enum(['spouse', 'child', 'parent', 'grandchild', 'sibling', 'other']),
  '与户主关系',
);

export const registerInput = z.object({
  name: realName(),
  idNumber: idNumber(),
  mobile: mobile(),
  villageCode: regionCode('所在村（社区）'),
  household: labelled(
    z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('head') }),
      z.object({
        mode: z.literal('join'),
        headIdNumber: idNumber('户主身份证号码'),
        headName: realName('户主姓名'),
        relation,
      }),
    ]),
    '入户方式',
  ),
});

export async function loadVillage(db: Database, code: string): Promise<RegionDoc> {
  const village = await regionById(db, code);
  if (village?.level !== 'village' || !regionWithin(DAZHOU, village.code)) {
    throw invalid('请选择达州市内的村（社区）');
  }
  return village;
}

const ALREADY_REGISTERED = '您已完成实名注册，无需重复注册';

async function registeredMeanwhile(db: Database, openid: string): Promise<boolean> {
  const { data } = await db.collection<UserRecord>(USERS).where({ openid }).limit(1).get();
  return Boolean(data[0]?.registered);
}

const newId = (prefix: string) => `${prefix}${randomUUID().replace(/-/g, '')}`;

/** 实名注册: one ID number, one account; start a household as its head or join one by the head's ID and name. */
export const register: ActionDef<'user', 'register'> = {
  access: 'anyone',
  input: registerInput,
  async handler(ctx, input): Promise<RegisterResponse> {
    const { caller, db, now } = ctx;
    if (!caller.openid) throw unauthenticated('请在微信中打开小程序后注册');
    if (caller.user?.registered) throw conflict(ALREADY_REGISTERED);
    const today = shanghaiDay(now);
    const checked = validId(input.idNumber, today);
    const id = checked.normalized;
    const village = await loadVillage(db, input.villageCode);
    const person = sealPerson(input.name.trim(), id);

    let joinTarget: HouseholdDoc | null = null;
    if (input.household.mode === 'join') {
      const headId = validId(input.household.headIdNumber, today, '户主').normalized;
      if (headId === id) throw invalid('加入家庭时，户主身份证号码不能是您本人的');
      joinTarget = await findHousehold(db, headId, input.household.headName.trim());
      if (joinTarget.villageCode !== village.code)
        throw invalid('所选村（社区）与户主登记的不一致，请重新选择');
    }

    const userId = caller.user?._id ?? newId('u');
    const householdId = joinTarget?._id ?? newId('h');
    const memberId = newId('m');
    const member: HouseholdMember = {
      ...person,
      memberId,
      userId,
      relation: input.household.mode === 'join' ? (input.household.relation as Relation) : 'head',
      joinedAt: now,
    };
    const userFields = {
      openid: caller.openid,
      registered: true,
      verification: 'pending' as const,
      ...person,
      ...sealMobile(input.mobile.trim()),
      birthDate: checked.birthDate,
      gender: checked.gender,
      householdId,
      memberId,
      villageCode: village.code,
      verifiedAt: null,
      verifiedBy: null,
      verificationNote: null,
      updatedAt: now,
    };

    try {
      await db.runTransaction(async (tx) => {
        await tx.collection(ID_CLAIMS).add({ data: { _id: person.idHash, userId, at: now } });
        if (caller.user) {
          // Read in the transaction: a second request of the same account racing this one finds it
          // registered (or conflicts and, retried, does), instead of overwriting the first.
          const ref = tx.collection<UserRecord>(USERS).doc(userId);
          const { data: current } = await ref.get();
          if (current.registered) throw conflict(ALREADY_REGISTERED);
          await ref.update({ data: { ...userFields, version: current.version + 1 } });
        } else {
          const record: UserRecord = {
            _id: userId,
            ...userFields,
            roles: [],
            roleNames: [],
            isStaff: false,
            version: 1,
            createdAt: now,
          };
          await tx.collection<UserRecord>(USERS).add({ data: record });
        }
        if (joinTarget) {
          const ref = tx.collection<HouseholdDoc>(HOUSEHOLDS).doc(joinTarget._id);
          const { data: current } = await ref.get();
          if (current.members.some((m) => m.idHash === person.idHash))
            throw conflict('您已在该户的成员名单中');
          await ref.update({
            data: { members: [...current.members, member], version: current.version + 1, updatedAt: now },
          });
        } else {
          const household: HouseholdDoc = {
            _id: householdId,
            headUserId: userId,
            headIdHash: person.idHash,
            villageCode: village.code,
            members: [member],
            card: null,
            cardHistory: [],
            version: 1,
            createdAt: now,
            updatedAt: now,
          };
          await tx.collection<HouseholdDoc>(HOUSEHOLDS).add({ data: household });
        }
        await ctx.auditIn(tx, {
          action: 'user.register',
          actorId: userId,
          actorRole: 'resident',
          targetType: 'user',
          targetId: userId,
          detail: {
            household: householdId,
            mode: input.household.mode,
            village: village.code,
            name: person.nameMasked,
            idNumber: person.idMasked,
          },
        });
      });
    } catch (err) {
      if (isDuplicateKey(err)) {
        // The same account's other request may have won the race (its ID claim or account came first).
        if (await registeredMeanwhile(db, caller.openid)) throw conflict(ALREADY_REGISTERED);
        throw conflict(
          '该身份证号码已在其他微信账号上注册。如不是您本人注册的，请带身份证到村（社区）便民服务点办理',
        );
      }
      throw err;
    }
    return { userId, householdId, verification: 'pending', nextStep: NEXT_STEP_VERIFY };
  },
};

/** The household whose head has this ID number and name; one answer for "no such head" and "wrong name". */
async function findHousehold(db: Database, headId: string, headName: string): Promise<HouseholdDoc> {
  const headIdHash = lookupHash('id', headId);
  const { data } = await db.collection<HouseholdDoc>(HOUSEHOLDS).where({ headIdHash }).limit(1).get();
  const household = data[0];
  const head = household?.members.find((m) => m.relation === 'head');
  if (!household || !head || unseal(head.nameSealed) !== headName) {
    throw notFound('没有找到与该户主身份证号码和姓名相符的家庭。请核对后重试，或请户主先完成注册');
  }
  return household;
}
