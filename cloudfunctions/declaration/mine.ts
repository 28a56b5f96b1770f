import * as z from 'zod/mini';
import type { DeclarationDetail, MineResponse } from '../../typings/api';
import { pageOf } from '../_shared/db/paging';
import {
  DECLARATIONS,
  type DeclarationDoc,
  summary,
  detail as toDetail,
} from '../_shared/domain/declarations';
import { requireRegistered } from '../_shared/runtime/caller';
import type { ActionDef } from '../_shared/runtime/router';
import { docId, page, pageSize } from '../_shared/runtime/schemas';
import { ownDeclaration } from './household-declaration';

/** 我的申报: the household's declarations, newest first. */
export const mine: ActionDef<'declaration', 'mine'> = {
  access: 'registered',
  input: z.object({ page: page(), pageSize: pageSize() }),
  async handler({ caller, db }, input): Promise<MineResponse> {
    const user = requireRegistered(caller);
    const where = { householdId: user.householdId ?? '' };
    const { data, ...paging } = await pageOf<DeclarationDoc>(
      db,
      DECLARATIONS,
      where,
      [['submittedAt', 'desc']],
      input,
    );
    return { items: data.map(summary), ...paging };
  },
};

/** The full timeline: each stage, the handling unit and person, time, outcome, opinion. */
export const detail: ActionDef<'declaration', 'detail'> = {
  access: 'registered',
  input: z.object({ declarationId: docId('申报') }),
  async handler(ctx, input): Promise<DeclarationDetail> {
    return toDetail(await ownDeclaration(ctx, input.declarationId));
  },
};
