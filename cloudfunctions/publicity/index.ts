/** 公示公开：村、乡镇的公示名单与异议。 */
import { createFunction } from '../_shared/router';
import { detail, list } from './list';
import { object } from './object';

export const main = createFunction('publicity', { list, detail, object });
