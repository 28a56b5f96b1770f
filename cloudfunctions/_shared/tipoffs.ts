/**
 * Tip-offs (举报投诉) as stored. An anonymous one keeps no openid and no user id: only a hash of the
 * secret its reporter holds. The tip-off function (its own issue) handles them; objections to a
 * public list (公示投诉) are created here too.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Doc } from './db';

export const TIPOFFS = 'tipoffs';

export type TipoffKind = 'publicity' | 'payment' | 'conduct' | 'other';

export interface TipoffDoc extends Doc {
  _id: string;
  code: string;
  kind: TipoffKind;
  anonymous: boolean;
  /** Null for anonymous tip-offs. */
  reporterUserId: string | null;
  secretHash: string | null;
  regionCode: string;
  projectCode: string | null;
  declarationId: string | null;
  content: string;
  status: 'submitted' | 'accepted' | 'replied' | 'closed';
  createdAt: Date;
  updatedAt: Date;
}

/** 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), read aloud over a phone. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function trackingCode(): string {
  return `JB${Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;
}

export function newSecret(): string {
  return randomBytes(9).toString('base64url');
}

export function secretHash(code: string, secret: string): string {
  return createHash('sha256').update(`${code}:${secret}`).digest('hex');
}
