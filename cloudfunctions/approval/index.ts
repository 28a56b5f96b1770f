/** 阳光审批：待办、详情、审核、批量审核。 */
import { type ActionTable, createFunction } from '../_shared/runtime/router';
import { detail } from './detail';
import { queue } from './queue';
import { batchReview, review } from './review';

/** The action table, exported so that tests can hold it against the contract. */
export const actions = { queue, detail, review, batchReview } satisfies ActionTable<'approval'>;

export const main = createFunction('approval', actions);
