/**
 * Tip-offs (举报投诉) as stored. An anonymous one keeps no openid and no user id: only a hash of the
 * secret its reporter holds. Supervisors whose region is in `scopeCodes` handle it; a tip-off about a
 * supervisor lists only the regions above theirs, and everyone it names is in `accusedUserIds`, which
 * every supervisor query excludes, so they never see it, not even as a count.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { parentRegionCode, regionAncestry, regionLevel } from '../../../miniprogram/shared/region';
import type { TipoffAttachment, TipoffEvent, TipoffKind, TipoffStatus } from '../../../typings/api';
import type { Riding } from '../audit/audit-log';
import type { Doc } from '../db/database';
import type { UserRecord } from '../runtime/caller';
import { type Calendar, type ProvisionalDue, storedDue } from './deadlines';

export const TIPOFFS = 'tipoffs';
export type { TipoffKind };

/** Acceptance of a tip-off and the reply after closing: 15 working days each. */
export const TIPOFF_DAYS = 15;

export interface TipoffEventRecord {
  event: TipoffEvent['event'];
  at: Date;
  unit: string;
  actorId: string;
  text: string | null;
}

/** A tip-off may carry the audit entries of its latest changes until the sealer moves them (`Riding`). */
export interface TipoffDoc extends Doc, Riding {
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
  /** The staff it names; none of them sees it anywhere. */
  accusedUserIds: string[];
  accused: { nameMasked: string; unit: string } | null;
  content: string;
  attachments: TipoffAttachment[];
  status: TipoffStatus;
  /** Regions whose supervisors handle it (the region and those above, or only those above a named supervisor). */
  scopeCodes: string[];
  escalated: boolean;
  acceptBy: Date;
  /** The current step's deadline: acceptance while submitted, the reply while closed; else null. */
  dueAt: Date | null;
  /** Set when `dueAt` is provisional (暂定); absent on tip-offs stored before calendars were data. */
  dueProvisional?: ProvisionalDue | null;
  events: TipoffEventRecord[];
  conclusion: string | null;
  reply: string | null;
  rating: 'satisfied' | 'dissatisfied' | null;
  reopenCount: number;
  version: number;
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

/**
 * Who handles a tip-off about `regionCode`: every supervisor whose region contains it — unless it names
 * a supervisor, when only regions above that supervisor's take it (the level above).
 */
export function handlingScope(
  regionCode: string,
  accused: UserRecord[],
): { scopeCodes: string[]; escalated: boolean } {
  const chain = regionAncestry(regionCode);
  const supervised = accused.flatMap((u) =>
    u.roles.filter((g) => g.role === 'supervisor' && g.regionCode).map((g) => g.regionCode as string),
  );
  if (supervised.length === 0) return { scopeCodes: chain, escalated: false };
  // Above the highest accused supervisor: a county's goes to the city.
  const depth = (code: string) =>
    ['province', 'city', 'county', 'township', 'village'].indexOf(regionLevel(code));
  const highest = Math.min(...supervised.map(depth));
  const above = chain.filter((code) => depth(code) < highest);
  const fallback = parentRegionCode(chain[0] ?? regionCode);
  return { scopeCodes: above.length ? above : fallback ? [fallback] : [], escalated: true };
}

export interface NewTipoff {
  code: string;
  kind: TipoffKind;
  anonymous: boolean;
  reporterUserId: string | null;
  secret: string | null;
  regionCode: string;
  projectCode: string | null;
  declarationId: string | null;
  accused: UserRecord[];
  accusedText: { nameMasked: string; unit: string } | null;
  content: string;
  attachments: TipoffAttachment[];
  now: Date;
  /** The holiday calendar the acceptance deadline is counted with. */
  calendar: Calendar;
}

export function newTipoff(t: NewTipoff): TipoffDoc {
  const due = storedDue(t.calendar, t.now, TIPOFF_DAYS, true);
  const { scopeCodes, escalated } = handlingScope(t.regionCode, t.accused);
  return {
    _id: t.code,
    code: t.code,
    kind: t.kind,
    anonymous: t.anonymous,
    reporterUserId: t.anonymous ? null : t.reporterUserId,
    secretHash: t.secret ? secretHash(t.code, t.secret) : null,
    regionCode: t.regionCode,
    projectCode: t.projectCode,
    declarationId: t.declarationId,
    accusedUserIds: t.accused.map((u) => u._id),
    accused: t.accusedText,
    content: t.content,
    attachments: t.attachments,
    status: 'submitted',
    scopeCodes,
    escalated,
    acceptBy: due.dueAt,
    ...due,
    events: [
      {
        event: 'submitted',
        at: t.now,
        unit: '举报人',
        actorId: t.anonymous ? 'anonymous' : (t.reporterUserId ?? ''),
        text: null,
      },
    ],
    conclusion: null,
    reply: null,
    rating: null,
    reopenCount: 0,
    version: 1,
    createdAt: t.now,
    updatedAt: t.now,
  };
}
