/**
 * Residents and households as stored: personal numbers sealed, with keyed hashes for look-ups and
 * masks for display. Only the helpers here ever unseal a value, and only to compare or to show it
 * to someone entitled to it.
 */

import { checkIdNumber, type IdNumberInfo } from '../../../miniprogram/shared/idcard';
import { maskCardNumber, maskIdNumber, maskMobile, maskName } from '../../../miniprogram/shared/mask';
import type { CardKind, Relation } from '../../../typings/api';
import type { Doc } from '../db/database';
import { lookupHash, seal } from '../runtime/crypto';
import { invalid } from '../runtime/errors';

export const HOUSEHOLDS = 'households';
export const ID_CLAIMS = 'id_claims';
export const REGIONS = 'regions';

export interface SealedPerson {
  nameSealed: string;
  nameMasked: string;
  idSealed: string;
  idHash: string;
  idMasked: string;
}

export function sealPerson(name: string, idNumber: string): SealedPerson {
  return {
    nameSealed: seal(name),
    nameMasked: maskName(name),
    idSealed: seal(idNumber),
    idHash: lookupHash('id', idNumber),
    idMasked: maskIdNumber(idNumber),
  };
}

export function sealMobile(mobile: string): {
  mobileSealed: string;
  mobileHash: string;
  mobileMasked: string;
} {
  return {
    mobileSealed: seal(mobile),
    mobileHash: lookupHash('phone', mobile),
    mobileMasked: maskMobile(mobile),
  };
}

export interface HouseholdMember extends SealedPerson {
  memberId: string;
  userId: string | null;
  relation: Relation | 'head';
  joinedAt: Date;
}

export interface StoredCard {
  kind: CardKind;
  bank: string;
  numberSealed: string;
  numberHash: string;
  maskedNumber: string;
  tail: string;
  holderMemberId: string;
  holderNameMasked: string;
  boundAt: Date;
  boundBy: string;
}

export function sealCard(
  card: { kind: CardKind; bank: string; cardNumber: string },
  holder: HouseholdMember,
  boundBy: string,
  at: Date,
): StoredCard {
  return {
    kind: card.kind,
    bank: card.bank,
    numberSealed: seal(card.cardNumber),
    numberHash: lookupHash('card', card.cardNumber),
    maskedNumber: maskCardNumber(card.cardNumber),
    tail: card.cardNumber.slice(-4),
    holderMemberId: holder.memberId,
    holderNameMasked: holder.nameMasked,
    boundAt: at,
    boundBy,
  };
}

export interface HouseholdDoc extends Doc {
  _id: string;
  headUserId: string;
  headIdHash: string;
  villageCode: string;
  members: HouseholdMember[];
  card: StoredCard | null;
  cardHistory: Array<StoredCard & { replacedAt: Date }>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** One ID number, one account: the claim's `_id` is the keyed hash, so a second insert fails. */
export interface IdClaim extends Doc {
  _id: string;
  userId: string;
  at: Date;
}

export interface RegionDoc extends Doc {
  _id: string;
  code: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  parentCode: string | null;
  demo: boolean;
}

/** An ID number checked per GB 11643 (region, birth date on `today` or before, check digit), or INVALID_ARGUMENT. */
export function validId(value: string, today: string, who = ''): IdNumberInfo {
  const result = checkIdNumber(value, today);
  if (!result.ok) throw invalid(`${who}${result.reason}`);
  return result;
}
