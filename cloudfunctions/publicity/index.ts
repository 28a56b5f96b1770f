/** 公示公开：村、乡镇的公示名单。 */
import { createFunction } from '../_shared/router';
import { detail, list } from './list';

export const main = createFunction('publicity', { list, detail });
