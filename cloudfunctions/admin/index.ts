/** 管理：工作人员角色、行政区划。 */
import { createFunction } from '../_shared/router';
import { listRegions } from './regions';
import { grantRole, listStaff, revokeRole } from './roles';

export const main = createFunction('admin', { grantRole, revokeRole, listStaff, listRegions });
