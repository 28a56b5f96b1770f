import * as z from 'zod/mini';
import type { VerifyResponse } from '../../typings/api';
import type { FaceVerifierRegistry } from '../_shared/ports/face-verification';
import { requireRegistered, USERS, type UserRecord } from '../_shared/runtime/caller';
import { unseal } from '../_shared/runtime/crypto';
import { conflict, invalid, precondition } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { labelled } from '../_shared/runtime/schemas';
import { faceVerifiers } from './face-providers';

/** 刷脸核验: the resident verifies themself through the deployment's provider, if it has one. */
export function faceVerifyAction(registry: FaceVerifierRegistry): ActionDef<'user', 'faceVerify'> {
  return {
    access: 'registered',
    input: z.object({ token: labelled(z.string().check(z.minLength(8), z.maxLength(512)), '刷脸核验凭证') }),
    async handler(ctx, input): Promise<VerifyResponse> {
      const user = requireRegistered(ctx.caller);
      if (user.verification === 'verified') throw conflict('您已完成实名核验');
      const verifier = registry.configured();
      if (!verifier)
        throw precondition('本地区暂未开通刷脸核验，请联系本村干部上门核验，或带身份证到村便民服务点核验');
      const result = await verifier.verify({
        name: unseal(user.nameSealed ?? ''),
        idNumber: unseal(user.idSealed ?? ''),
        token: input.token,
      });
      if (!result.matched) throw invalid('刷脸核验未通过，请重试，或联系本村干部上门核验');
      await ctx.db.runTransaction(async (tx) => {
        const ref = tx.collection<UserRecord>(USERS).doc(user._id);
        const { data: current } = await ref.get();
        if (current.version !== user.version) throw conflict('您的信息刚刚有变化，请重试');
        await ref.update({
          data: {
            verification: 'verified',
            verifiedAt: ctx.now,
            verifiedBy: `face:${verifier.name}`,
            version: current.version + 1,
            updatedAt: ctx.now,
          },
        });
        await ctx.auditIn(tx, {
          action: 'user.faceVerify',
          actorId: user._id,
          actorRole: 'resident',
          targetType: 'user',
          targetId: user._id,
          detail: { provider: verifier.name, reference: result.reference },
        });
      });
      return { userId: user._id, verification: 'verified' };
    },
  };
}

export const faceVerify = faceVerifyAction(faceVerifiers);
