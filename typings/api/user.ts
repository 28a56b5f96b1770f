import type { CadreLevel, RoleGrant } from './roles';

/** Real-name verification of an account (实名核验). */
export type VerificationState = 'unregistered' | 'pending' | 'verified' | 'rejected';

export type LoginRequest = Record<string, never>;

export interface LoginResponse {
  /** The caller's own account id (opaque, not personal data); null for a visitor. Uploads go under it. */
  userId: string | null;
  registered: boolean;
  verification: VerificationState;
  /** The village cadre's reason when the registration was refused on site. */
  verificationNote: string | null;
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

/** 与户主关系 */
export type Relation = 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'other';

export type HouseholdChoice =
  | { mode: 'head' }
  | { mode: 'join'; headIdNumber: string; headName: string; relation: Relation };

export interface RegisterRequest {
  name: string;
  idNumber: string;
  mobile: string;
  /** 12-digit code of a village of Dazhou. */
  villageCode: string;
  household: HouseholdChoice;
}

export interface RegisterResponse {
  userId: string;
  householdId: string;
  verification: VerificationState;
  /** What the resident does next, in plain words. */
  nextStep: string;
}

export interface ProfileResponse {
  maskedName: string;
  maskedIdNumber: string;
  maskedMobile: string;
  birthDate: string;
  gender: 'male' | 'female';
  villageCode: string;
  villageName: string;
  verification: VerificationState;
  verificationNote: string | null;
  /** ISO time of the on-site confirmation, when verified. */
  verifiedAt: string | null;
  roles: RoleGrant[];
}

export interface UpdateProfileRequest {
  mobile?: string;
  villageCode?: string;
}

export type CardKind = 'social_security' | 'bank';

export interface CardView {
  kind: CardKind;
  bank: string;
  /** **** 1234 */
  maskedNumber: string;
  tail: string;
  holderMaskedName: string;
  boundAt: string;
}

export interface HouseholdMemberView {
  memberId: string;
  maskedName: string;
  maskedIdNumber: string;
  relation: Relation | 'head';
  /** Whether this member has an account of their own. */
  hasAccount: boolean;
  isMe: boolean;
}

export interface HouseholdResponse {
  householdId: string;
  villageCode: string;
  villageName: string;
  isHead: boolean;
  members: HouseholdMemberView[];
  card: CardView | null;
  /** Cards bound before, newest first: kept, never deleted. */
  cardHistory: Array<CardView & { replacedAt: string }>;
}

export interface BindCardRequest {
  kind: CardKind;
  bank: string;
  cardNumber: string;
  /** The member who holds the card. */
  holderMemberId: string;
}

export interface BindCardResponse {
  card: CardView;
}

export interface VerificationQueueRequest {
  /** Defaults to every village in the cadre's scope. */
  villageCode?: string;
  page?: number;
  pageSize?: number;
}

export interface PendingResident {
  userId: string;
  maskedName: string;
  /** Shown in full to the village cadre confirming the person on site: the decision needs it. */
  name: string;
  maskedIdNumber: string;
  maskedMobile: string;
  villageCode: string;
  villageName: string;
  registeredAt: string;
}

export interface VerificationQueueResponse {
  items: PendingResident[];
  total: number;
  page: number;
  pageSize: number;
}

export interface VerifyRequest {
  userId: string;
  decision: 'confirm' | 'refuse';
  /** Required when refusing: what the resident should do. */
  reason?: string;
  /** Required when confirming: the number read off the ID card shown on site, checked against the record. */
  idNumber?: string;
}

export interface VerifyResponse {
  userId: string;
  verification: VerificationState;
}

export interface StaffScopeView {
  role: RoleGrant['role'];
  level?: CadreLevel;
  regionCode?: string;
  projectCodes?: string[];
  unit?: string;
}

export interface FaceVerifyRequest {
  /** One-time token from the face-verification provider's client component. */
  token: string;
}
