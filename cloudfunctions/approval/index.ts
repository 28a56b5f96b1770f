/** 阳光审批：待办、详情、审核、批量审核。 */
import { createFunction } from '../_shared/router';
import { detail } from './detail';
import { queue } from './queue';
import { batchReview, review } from './review';

export const main = createFunction('approval', { queue, detail, review, batchReview });
