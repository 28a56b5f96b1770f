import * as z from 'zod/mini';
import { regionPrefix } from '../../miniprogram/shared/region';
import { shanghaiDay } from '../../miniprogram/shared/time';
import type { PendingResident, VerificationQueueResponse, VerifyResponse } from '../../typings/api';
import type { Transaction } from '../_shared/db/database';
import { pageOf } from '../_shared/db/paging';
import { HOUSEHOLDS, type HouseholdDoc, ID_CLAIMS, validId } from '../_shared/domain/households';
import { regionName } from '../_shared/domain/regions';
import { requireRole } from '../_shared/domain/scope';
import { type Caller, USERS, type UserRecord } from '../_shared/runtime/caller';
import { lookupHash, unseal } from '../_shared/runtime/crypto';
import { conflict, forbidden, invalid, notFound, precondition } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { docId, labelled, page, pageSize, regionCode } from '../_shared/runtime/schemas';

/** Village and township cadres confirm residents on site; county departments do not. */
function verifierGrants(caller: Caller, villageCode?: string) {
  const grants = requireRole(caller, 'cadre', villageCode ? { regionCode: villageCode } : {}).filter(
    (g) => g.level === 'village' || g.level === 'township',
  );
  if (grants.length === 0) throw forbidden('只有村（社区）和乡镇（街道）干部可以核验居民身份');
  return grants;
}

/** 居民核验: unverified residents of the cadre's villages, newest first. */
export const verificationQueue: ActionDef<'user', 'verificationQueue'> = {
  access: ['cadre'],
  input: z.object({ villageCode: z.optional(regionCode('村（社区）')), page: page(), pageSize: pageSize() }),
  async handler({ caller, db }, input): Promise<VerificationQueueResponse> {
    const grants = verifierGrants(caller, input.villageCode);
    const scope = input.villageCode ?? grants[0]!.regionCode!;
    const prefix = regionPrefix(scope);
    const _ = db.command;
    const villageFilter = prefix.length === 12 ? scope : _.and(_.gte(prefix), _.lt(`${prefix}~`));
    const where = { villageCode: villageFilter, verification: 'pending', registered: true };
    const {
      data,
      total,
      page: p,
      pageSize: size,
    } = await pageOf<UserRecord>(
      db,
      USERS,
      where,
      [
        ['villageCode', 'asc'],
        ['createdAt', 'desc'],
      ],
      input,
    );
    const names = new Map<string, string>();
    const items: PendingResident[] = [];
    for (const u of data) {
      const code = u.villageCode ?? '';
      if (!names.has(code)) names.set(code, await regionName(db, code));
      items.push({
        userId: u._id,
        maskedName: u.nameMasked ?? '',
        name: u.nameSealed ? unseal(u.nameSealed) : '',
        maskedIdNumber: u.idMasked ?? '',
        maskedMobile: u.mobileMasked ?? '',
        villageCode: code,
        villageName: names.get(code) ?? code,
        registeredAt: new Date(u.createdAt).toISOString(),
      });
    }
    return { items, total, page: p, pageSize: size };
  },
};

export const verifyInput = z.object({
  userId: docId('居民'),
  decision: labelled(z.enum(['confirm', 'refuse']), '核验结果'),
  reason: labelled(z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(200))), '不通过的原因'),
  idNumber: labelled(z.optional(z.string().check(z.minLength(1), z.maxLength(32))), '现场核对的身份证号码'),
});

/**
 * Confirms the person on site (the number read off their ID card must match), or refuses: the
 * registration is void, the ID number is freed for its real owner, and the account learns why.
 */
export const verify: ActionDef<'user', 'verify'> = {
  access: ['cadre'],
  input: verifyInput,
  async handler(ctx, input): Promise<VerifyResponse> {
    const { caller, db, now } = ctx;
    const { data } = await db.collection<UserRecord>(USERS).where({ _id: input.userId }).limit(1).get();
    const target = data[0];
    if (!target?.registered || !target.villageCode) throw notFound('没有找到这位居民的注册信息');
    verifierGrants(caller, target.villageCode);
    if (target.verification !== 'pending') throw conflict('这位居民已经核验过了，请刷新列表');
    if (input.decision === 'confirm') {
      if (!input.idNumber) throw invalid('请填写现场核对的身份证号码');
      const seen = validId(input.idNumber, shanghaiDay(now)).normalized;
      if (lookupHash('id', seen) !== target.idHash)
        throw invalid('现场核对的身份证号码与注册信息不一致，不能通过核验');
    } else if (!input.reason) {
      throw invalid('请填写不通过的原因');
    }
    const actorId = caller.user!._id;
    await db.runTransaction(async (tx) => {
      const ref = tx.collection<UserRecord>(USERS).doc(target._id);
      const { data: current } = await ref.get();
      if (current.version !== target.version || current.verification !== 'pending') {
        throw conflict('这位居民的信息刚刚被其他人处理，请刷新列表');
      }
      if (input.decision === 'confirm') {
        await ref.update({
          data: {
            verification: 'verified',
            verifiedAt: now,
            verifiedBy: actorId,
            verificationNote: null,
            version: current.version + 1,
            updatedAt: now,
          },
        });
      } else {
        await voidRegistration(tx, current, now);
        await ref.update({
          data: {
            registered: false,
            verification: 'rejected',
            verificationNote: input.reason ?? null,
            verifiedAt: now,
            verifiedBy: actorId,
            householdId: null,
            memberId: null,
            version: current.version + 1,
            updatedAt: now,
          },
        });
      }
      await ctx.auditIn(tx, {
        action: 'user.verify',
        actorId,
        actorRole: 'cadre',
        targetType: 'user',
        targetId: target._id,
        detail: { decision: input.decision, village: target.villageCode, reason: input.reason ?? null },
      });
    });
    return { userId: target._id, verification: input.decision === 'confirm' ? 'verified' : 'rejected' };
  },
};

/** Detaches a refused registration: frees the ID number and takes the person out of the household. */
async function voidRegistration(tx: Transaction, user: UserRecord, now: Date): Promise<void> {
  if (user.idHash) await tx.collection(ID_CLAIMS).doc(user.idHash).remove();
  if (!user.householdId) return;
  const ref = tx.collection<HouseholdDoc>(HOUSEHOLDS).doc(user.householdId);
  const { data: h } = await ref.get();
  const members = h.members.filter((m) => m.userId !== user._id);
  if (h.headUserId === user._id && members.length > 0) {
    throw precondition('该户主名下还有其他成员，请先到乡镇（街道）核实全户情况');
  }
  await ref.update({
    data: {
      members,
      // An emptied household no longer answers to its former head's ID number.
      headIdHash: members.length === 0 ? '' : h.headIdHash,
      void: members.length === 0,
      version: h.version + 1,
      updatedAt: now,
    },
  });
}
