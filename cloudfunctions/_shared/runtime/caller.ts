/**
 * Who is calling: resolved from the platform's OPENID and the `users` collection, never from the
 * event. A caller without a user record is a visitor; one with a record but no real-name
 * registration is staff-only (e.g. a bootstrap admin).
 */

import type { NoticeKind, RoleGrant, RoleName, VerificationState } from '../../../typings/api';
import type { Riding } from '../audit/audit-log';
import type { Database, Doc } from '../db/database';
import { unauthenticated } from './errors';

export const USERS = 'users';

/** An account may carry the audit entries of its latest changes until the sealer moves them (`Riding`). */
export interface UserRecord extends Doc, Riding {
  _id: string;
  openid: string;
  /** Real-name registration (实名注册) done: the ID number is on file. */
  registered: boolean;
  verification: Exclude<VerificationState, 'unregistered'>;
  roles: RoleGrant[];
  /** Role names alone, for reading; `isStaff` is what the index serves. */
  roleNames: RoleName[];
  isStaff: boolean;
  nameMasked?: string;
  nameSealed?: string;
  idSealed?: string;
  idHash?: string;
  idMasked?: string;
  mobileSealed?: string;
  mobileHash?: string;
  mobileMasked?: string;
  birthDate?: string;
  gender?: 'male' | 'female';
  householdId?: string | null;
  memberId?: string | null;
  villageCode?: string;
  verifiedAt?: Date | null;
  verifiedBy?: string | null;
  verificationNote?: string | null;
  /** Subscription messages this account still allows, per kind (each acceptance allows one). */
  subscriptions?: Partial<Record<NoticeKind, number>>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface Caller {
  openid: string;
  user: UserRecord | null;
}

export async function loadCaller(db: Database, openid: string): Promise<Caller> {
  if (!openid) return { openid, user: null };
  const { data } = await db.collection<UserRecord>(USERS).where({ openid }).limit(1).get();
  return { openid, user: data[0] ?? null };
}

export function hasRole(caller: Caller, role: RoleName): boolean {
  return Boolean(caller.user?.roles.some((g) => g.role === role));
}

/** The caller's registered user record, or UNAUTHENTICATED. */
export function requireRegistered(caller: Caller): UserRecord {
  if (!caller.user?.registered) throw unauthenticated();
  return caller.user;
}
