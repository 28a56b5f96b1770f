import * as z from 'zod/mini';
import type { ProfileResponse } from '../../typings/api';
import type { Database } from '../_shared/db/database';
import { HOUSEHOLDS, type HouseholdDoc, sealMobile } from '../_shared/domain/households';
import { regionName } from '../_shared/domain/regions';
import { requireRegistered, USERS, type UserRecord } from '../_shared/runtime/caller';
import { conflict, precondition } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { mobile, regionCode } from '../_shared/runtime/schemas';
import { loadVillage } from './register';

export async function toProfile(db: Database, user: UserRecord): Promise<ProfileResponse> {
  return {
    maskedName: user.nameMasked ?? '',
    maskedIdNumber: user.idMasked ?? '',
    maskedMobile: user.mobileMasked ?? '',
    birthDate: user.birthDate ?? '',
    gender: user.gender ?? 'male',
    villageCode: user.villageCode ?? '',
    villageName: user.villageCode ? await regionName(db, user.villageCode) : '',
    verification: user.verification,
    verificationNote: user.verificationNote ?? null,
    verifiedAt: user.verifiedAt ? new Date(user.verifiedAt).toISOString() : null,
    roles: user.roles,
  };
}

/** 我的资料: the caller's own data, masked. */
export const profile: ActionDef<'user', 'profile'> = {
  access: 'registered',
  input: z.object({}),
  handler: ({ caller, db }) => toProfile(db, requireRegistered(caller)),
};

/**
 * Changes the mobile number, or moves a one-person household to another village — which needs a new
 * on-site confirmation by that village, so verification starts again.
 */
export const updateProfile: ActionDef<'user', 'updateProfile'> = {
  access: 'registered',
  input: z.object({ mobile: z.optional(mobile()), villageCode: z.optional(regionCode('所在村（社区）')) }),
  async handler(ctx: ActionContext, input): Promise<ProfileResponse> {
    const { db, now } = ctx;
    const user = requireRegistered(ctx.caller);
    const changes: Partial<UserRecord> = {};
    if (input.mobile !== undefined) Object.assign(changes, sealMobile(input.mobile.trim()));
    const moving = input.villageCode !== undefined && input.villageCode !== user.villageCode;
    const village = moving && input.villageCode ? await loadVillage(db, input.villageCode) : null;
    if (village) {
      Object.assign(changes, {
        villageCode: village.code,
        verification: 'pending',
        verifiedAt: null,
        verifiedBy: null,
      });
    }
    if (Object.keys(changes).length === 0) return toProfile(db, user);

    const updated = await db.runTransaction(async (tx) => {
      const userRef = tx.collection<UserRecord>(USERS).doc(user._id);
      const { data: current } = await userRef.get();
      if (current.version !== user.version) throw conflict('资料刚刚被修改，请刷新后重试');
      if (village) {
        const householdRef = tx.collection<HouseholdDoc>(HOUSEHOLDS).doc(current.householdId ?? '');
        const { data: household } = await householdRef.get();
        if (household.headUserId !== user._id || household.members.length > 1) {
          throw precondition('全家迁移到其他村（社区）需要到村便民服务点办理');
        }
        await householdRef.update({
          data: { villageCode: village.code, version: household.version + 1, updatedAt: now },
        });
      }
      const next = { ...current, ...changes, version: current.version + 1, updatedAt: now };
      await userRef.update({ data: { ...changes, version: next.version, updatedAt: now } });
      await ctx.auditIn(tx, {
        action: 'user.updateProfile',
        actorId: user._id,
        actorRole: 'resident',
        targetType: 'user',
        targetId: user._id,
        detail: { mobile: changes.mobileMasked, village: changes.villageCode },
      });
      return next;
    });
    return toProfile(db, updated);
  },
};
