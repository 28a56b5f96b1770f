import * as z from 'zod/mini';
import { luhnValid } from '../../miniprogram/shared/validators';
import type { BindCardResponse, CardView, HouseholdResponse } from '../../typings/api';
import type { Database } from '../_shared/db/database';
import { HOUSEHOLDS, type HouseholdDoc, type StoredCard, sealCard } from '../_shared/domain/households';
import { regionName } from '../_shared/domain/regions';
import { requireRegistered, type UserRecord } from '../_shared/runtime/caller';
import { conflict, forbidden, invalid, notFound } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { docId, labelled } from '../_shared/runtime/schemas';

export async function loadHousehold(db: Database, user: UserRecord): Promise<HouseholdDoc> {
  const { data } = await db
    .collection<HouseholdDoc>(HOUSEHOLDS)
    .where({ _id: user.householdId ?? '' })
    .limit(1)
    .get();
  if (!data[0]) throw notFound('没有找到您的家庭信息，请到村便民服务点核实');
  return data[0];
}

function cardView(card: StoredCard): CardView {
  return {
    kind: card.kind,
    bank: card.bank,
    maskedNumber: card.maskedNumber,
    tail: card.tail,
    holderMaskedName: card.holderNameMasked,
    boundAt: new Date(card.boundAt).toISOString(),
  };
}

/** 我的家庭: members with masked names and ID numbers, the one card masked, and its history. */
export const household: ActionDef<'user', 'household'> = {
  access: 'registered',
  input: z.object({}),
  async handler({ caller, db }): Promise<HouseholdResponse> {
    const user = requireRegistered(caller);
    const h = await loadHousehold(db, user);
    return {
      householdId: h._id,
      villageCode: h.villageCode,
      villageName: await regionName(db, h.villageCode),
      isHead: h.headUserId === user._id,
      members: h.members.map((m) => ({
        memberId: m.memberId,
        maskedName: m.nameMasked,
        maskedIdNumber: m.idMasked,
        relation: m.relation,
        hasAccount: m.userId !== null,
        isMe: m.userId === user._id,
      })),
      card: h.card ? cardView(h.card) : null,
      cardHistory: [...h.cardHistory]
        .reverse()
        .map((c) => ({ ...cardView(c), replacedAt: new Date(c.replacedAt).toISOString() })),
    };
  },
};

/** Card schemes whose numbers carry a Luhn check digit: UnionPay (62), Visa (4), Mastercard (5). */
const LUHN_SCHEMES = /^(62|4|5)/;

export const bindCardInput = z.object({
  kind: labelled(z.enum(['social_security', 'bank']), '卡的类型'),
  bank: labelled(z.string().check(z.trim(), z.minLength(2), z.maxLength(30)), '开户银行'),
  cardNumber: labelled(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((v) => v.replace(/\s/g, '')),
      ),
      z.string().check(z.regex(/^\d{12,19}$/, '卡号应为12到19位数字')),
    ),
    '卡号',
  ),
  holderMemberId: docId('持卡人'),
});

/** 绑定/更换一卡通: only the verified head; the old card stays in the history. */
export const bindCard: ActionDef<'user', 'bindCard'> = {
  access: 'verified',
  input: bindCardInput,
  async handler(ctx, input): Promise<BindCardResponse> {
    const { db, now } = ctx;
    const user = requireRegistered(ctx.caller);
    if (LUHN_SCHEMES.test(input.cardNumber) && !luhnValid(input.cardNumber)) {
      throw invalid('卡号有误，请对照卡面重新输入');
    }
    const card = await db.runTransaction(async (tx) => {
      const ref = tx.collection<HouseholdDoc>(HOUSEHOLDS).doc(user.householdId ?? '');
      const { data: h } = await ref.get();
      if (h.headUserId !== user._id) throw forbidden('只有户主可以绑定或更换全家的一卡通');
      const holder = h.members.find((m) => m.memberId === input.holderMemberId);
      if (!holder) throw invalid('持卡人必须是本户成员');
      const next = sealCard(input, holder, user._id, now);
      if (h.card && h.card.numberHash === next.numberHash && h.card.holderMemberId === holder.memberId) {
        throw conflict('这张卡已经绑定在您家，无需重复绑定');
      }
      const history = h.card ? [...h.cardHistory, { ...h.card, replacedAt: now }] : h.cardHistory;
      await ref.update({
        data: { card: next, cardHistory: history, version: h.version + 1, updatedAt: now },
      });
      await ctx.auditIn(tx, {
        action: 'user.bindCard',
        actorId: user._id,
        actorRole: 'resident',
        targetType: 'household',
        targetId: h._id,
        detail: {
          kind: next.kind,
          bank: next.bank,
          card: next.maskedNumber,
          holder: next.holderNameMasked,
          replaced: h.card?.maskedNumber ?? null,
        },
      });
      return next;
    });
    return { card: cardView(card) };
  },
};
