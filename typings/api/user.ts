import type { RoleGrant } from './roles';

/** Real-name verification of an account (实名核验). */
export type VerificationState = 'unregistered' | 'pending' | 'verified' | 'rejected';

export type LoginRequest = Record<string, never>;

export interface LoginResponse {
  registered: boolean;
  verification: VerificationState;
  /** Masked name (张*三), only when registered. */
  maskedName: string | null;
  /** Staff roles with their scopes; a registered resident also has `resident`. */
  roles: RoleGrant[];
  household: HouseholdSummary | null;
  /** Server time, ISO 8601 UTC, so the client can show clock skew. */
  serverTime: string;
}

export interface HouseholdSummary {
  householdId: string;
  isHead: boolean;
  memberCount: number;
  /** 尾号 of the bound card, or null when none is bound. */
  cardTail: string | null;
  villageCode: string;
}
