import * as z from 'zod/mini';
import type { HouseholdSummary, LoginResponse } from '../../typings/api';
import type { Database } from '../_shared/db/database';
import { HOUSEHOLDS, type HouseholdDoc } from '../_shared/domain/households';
import type { ActionDef } from '../_shared/runtime/router';

async function householdSummary(
  db: Database,
  householdId: string,
  userId: string,
): Promise<HouseholdSummary | null> {
  const { data } = await db.collection<HouseholdDoc>(HOUSEHOLDS).where({ _id: householdId }).limit(1).get();
  const h = data[0];
  if (!h) return null;
  return {
    householdId: h._id,
    isHead: h.headUserId === userId,
    memberCount: h.members.length,
    cardTail: h.card?.tail ?? null,
    villageCode: h.villageCode,
  };
}

/** 我是谁: registration and verification state, roles with scopes, household summary. */
export const login: ActionDef<'user', 'login'> = {
  access: 'anyone',
  input: z.object({}),
  async handler({ caller, db, now }): Promise<LoginResponse> {
    const user = caller.user;
    return {
      userId: user?._id ?? null,
      registered: Boolean(user?.registered),
      // A refused registration is void, but the account keeps its state and the cadre's reason.
      verification:
        user?.registered || user?.verification === 'rejected' ? user.verification : 'unregistered',
      verificationNote: user?.verification === 'rejected' ? (user.verificationNote ?? null) : null,
      maskedName: user?.registered ? (user.nameMasked ?? null) : null,
      // Residency comes with real-name registration; staff grants are stored.
      roles: [...(user?.registered ? [{ role: 'resident' as const }] : []), ...(user?.roles ?? [])],
      household: user?.householdId ? await householdSummary(db, user.householdId, user._id) : null,
      serverTime: now.toISOString(),
    };
  },
};
