/** 管理：工作人员角色、行政区划、补贴项目目录、节假日安排。 */
import { type ActionTable, createFunction } from '../_shared/runtime/router';
import { calendar, importCalendar } from './calendar';
import { upsertProject } from './projects';
import { listRegions } from './regions';
import { grantRole, listStaff, revokeRole } from './roles';

/** The action table, exported so that tests can hold it against the contract. */
export const actions = {
  grantRole,
  revokeRole,
  listStaff,
  listRegions,
  upsertProject,
  calendar,
  importCalendar,
} satisfies ActionTable<'admin'>;

export const main = createFunction('admin', actions);
