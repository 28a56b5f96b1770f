/** 管理：工作人员角色、行政区划、补贴项目目录。 */
import { createFunction } from '../_shared/router';
import { upsertProject } from './projects';
import { listRegions } from './regions';
import { grantRole, listStaff, revokeRole } from './roles';

export const main = createFunction('admin', { grantRole, revokeRole, listStaff, listRegions, upsertProject });
