import { DECLARATIONS, type DeclarationDoc } from '../_shared/domain/declarations';
import { requireRegistered } from '../_shared/runtime/caller';
import { notFound } from '../_shared/runtime/errors';
import type { ActionContext } from '../_shared/runtime/router';

/** A declaration of the caller's own household; anyone else's reads as not found. */
export async function ownDeclaration(ctx: ActionContext, declarationId: string): Promise<DeclarationDoc> {
  const user = requireRegistered(ctx.caller);
  const { data } = await ctx.db
    .collection<DeclarationDoc>(DECLARATIONS)
    .where({ _id: declarationId })
    .limit(1)
    .get();
  const d = data[0];
  if (!d || !user.householdId || d.householdId !== user.householdId) throw notFound('没有找到这份申报');
  return d;
}
