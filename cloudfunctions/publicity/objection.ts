import * as z from 'zod/mini';
import { transition } from '../../miniprogram/shared/declaration-machine';
import type { PublicityObjectResponse } from '../../typings/api';
import { moved, saveMove } from '../_shared/domain/declaration-moves';
import { DECLARATIONS, type DeclarationDoc } from '../_shared/domain/declarations';
import { loadCalendar } from '../_shared/domain/holiday-calendar';
import { newSecret, newTipoff, TIPOFFS, type TipoffDoc, trackingCode } from '../_shared/domain/tipoffs';
import { requireRegistered } from '../_shared/runtime/caller';
import { notFound, precondition } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { docId, labelled } from '../_shared/runtime/schemas';

/**
 * 公示异议: during the notice period, anyone registered may object to a line of a public list. The
 * objection becomes a 公示投诉 tip-off for the supervisors and holds the item until it is handled.
 */
export const object: ActionDef<'publicity', 'object'> = {
  access: 'registered',
  input: z.object({
    publicityId: docId('公示'),
    content: labelled(z.string().check(z.trim(), z.minLength(10), z.maxLength(2000)), '异议内容'),
    anonymous: labelled(z.boolean(), '是否匿名'),
  }),
  async handler(ctx, input): Promise<PublicityObjectResponse> {
    const user = requireRegistered(ctx.caller);
    const code = trackingCode();
    const secret = input.anonymous ? newSecret() : null;
    // A missing document makes `doc().get()` throw inside the transaction: look first.
    // The tip-off it opens is accepted within 15 working days.
    const [{ data: found }, calendar] = await Promise.all([
      ctx.db.collection<DeclarationDoc>(DECLARATIONS).where({ _id: input.publicityId }).limit(1).get(),
      loadCalendar(ctx.db, ctx.now),
    ]);
    if (!found[0]) throw notFound('没有找到这条公示');
    await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<DeclarationDoc>(DECLARATIONS).doc(input.publicityId);
      const { data: current } = await ref.get();
      const open = current.publicity && new Date(current.publicity.endsAt) > ctx.now;
      const to = transition(current, { type: 'objection' });
      if (!open || !to.ok) throw precondition('公示期已结束或已有异议在核查，可通过“举报投诉”反映问题');
      const tipoff: TipoffDoc = newTipoff({
        code,
        kind: 'publicity',
        anonymous: input.anonymous,
        reporterUserId: user._id,
        secret,
        regionCode: current.villageCode,
        projectCode: current.projectCode,
        declarationId: current._id,
        accused: [],
        accusedText: null,
        content: input.content,
        attachments: [],
        now: ctx.now,
        calendar,
      });
      await tx.collection<TipoffDoc>(TIPOFFS).add({ data: tipoff });
      const next = moved(
        current,
        to,
        ctx.now,
        {
          stage: 'publicity',
          event: 'objection',
          unit: '纪检监察',
          actorId: 'system:objection',
          actorMaskedName: '',
          at: ctx.now,
          opinion: '公示期收到异议，暂停办理，待核查',
        },
        calendar,
      );
      await saveMove(tx, current, next, ctx.now, '公示期收到异议，暂停办理，待纪检监察部门核查');
      await ctx.auditIn(tx, {
        action: 'publicity.object',
        // No trace of who objected anonymously, not even in the audit log.
        actorId: input.anonymous ? 'anonymous' : user._id,
        actorRole: input.anonymous ? 'anonymous' : 'resident',
        targetType: 'declaration',
        targetId: current._id,
        detail: { tipoff: code, anonymous: input.anonymous },
      });
    });
    return { trackingCode: code, secret };
  },
};
