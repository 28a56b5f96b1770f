/**
 * Demo people: every staff account is a registered, verified person (staff are people too), and a few
 * households live in the demo villages — some verified, some waiting for their village cadre. Their
 * ID numbers are valid per GB 11643 but invented; sealing uses the same key as the functions.
 */

import type { Database } from '../../cloudfunctions/_shared/db/database';
import {
  HOUSEHOLDS,
  type HouseholdDoc,
  type HouseholdMember,
  ID_CLAIMS,
  sealCard,
  sealMobile,
  sealPerson,
} from '../../cloudfunctions/_shared/domain/households';
import { USERS, type UserRecord } from '../../cloudfunctions/_shared/runtime/caller';
import { checkCharacter } from '../../miniprogram/shared/idcard';
import type { Relation, RoleGrant, RoleName } from '../../typings/api';

export function demoIdNumber(region6: string, birth: string, seq: number): string {
  const first17 = `${region6}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export interface DemoPerson {
  openid: string | null;
  name: string;
  idNumber: string;
  mobile: string;
  relation: Relation | 'head';
  verified: boolean;
  grants?: RoleGrant[];
}

export interface DemoHousehold {
  key: string;
  villageCode: string;
  people: DemoPerson[];
  card?: { kind: 'social_security' | 'bank'; bank: string; cardNumber: string };
}

function userRecord(
  p: DemoPerson,
  householdId: string,
  member: HouseholdMember,
  villageCode: string,
  at: Date,
): UserRecord {
  const grants = p.grants ?? [];
  const idInfo = p.idNumber.slice(6, 14);
  return {
    _id: `u-${p.openid}`,
    openid: p.openid ?? '',
    registered: true,
    verification: p.verified ? 'verified' : 'pending',
    roles: grants,
    roleNames: [...new Set(grants.map((g) => g.role))] as RoleName[],
    isStaff: grants.length > 0,
    ...sealPerson(p.name, p.idNumber),
    ...sealMobile(p.mobile),
    birthDate: `${idInfo.slice(0, 4)}-${idInfo.slice(4, 6)}-${idInfo.slice(6, 8)}`,
    gender: Number(p.idNumber[16]) % 2 === 1 ? 'male' : 'female',
    householdId,
    memberId: member.memberId,
    villageCode,
    verifiedAt: p.verified ? at : null,
    verifiedBy: p.verified ? 'system:seed' : null,
    verificationNote: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** Writes the households and their people with fixed ids (idempotent). */
export async function seedHouseholds(db: Database, households: DemoHousehold[], at: Date): Promise<number> {
  let people = 0;
  for (const h of households) {
    const householdId = `h-${h.key}`;
    const members: HouseholdMember[] = h.people.map((p, i) => ({
      ...sealPerson(p.name, p.idNumber),
      memberId: `m-${h.key}-${i}`,
      userId: p.openid ? `u-${p.openid}` : null,
      relation: p.relation,
      joinedAt: at,
    }));
    const head = members[0]!;
    const holder = h.card ? sealCard(h.card, head, head.userId ?? 'system:seed', at) : null;
    const doc: Omit<HouseholdDoc, '_id'> = {
      headUserId: head.userId ?? '',
      headIdHash: head.idHash,
      villageCode: h.villageCode,
      members,
      card: holder,
      cardHistory: [],
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await db.collection<HouseholdDoc>(HOUSEHOLDS).doc(householdId).set({ data: doc });
    for (const [i, p] of h.people.entries()) {
      const member = members[i]!;
      if (!p.openid) continue;
      const { _id, ...record } = userRecord(p, householdId, member, h.villageCode, at);
      await db.collection<UserRecord>(USERS).doc(_id).set({ data: record });
      await db
        .collection(ID_CLAIMS)
        .doc(member.idHash)
        .set({ data: { userId: _id, at } });
      people++;
    }
  }
  return people;
}
