/**
 * What a set of role grants lets a user see. Pure: the mini program's tab bar and the cloud side read the
 * same rules. Showing a tab is no permission — every action is checked again in the cloud functions.
 */
import type { RoleGrant, RoleName } from '../../typings/api';

/** The tabs of the mini program, in display order. */
export type TabKey = 'home' | 'approval' | 'supervise' | 'mine';

const TAB_ORDER: readonly TabKey[] = ['home', 'approval', 'supervise', 'mine'];

/** Roles that open a staff tab; a tab absent here is open to everyone, registered or not. */
const TAB_ROLES: Partial<Record<TabKey, readonly RoleName[]>> = {
  approval: ['cadre', 'admin'], // 审批
  supervise: ['supervisor', 'admin'], // 监督
};

export function hasAnyRole(roles: readonly RoleGrant[], names: readonly RoleName[]): boolean {
  return roles.some((grant) => names.includes(grant.role));
}

export function canSeeTab(roles: readonly RoleGrant[], tab: TabKey): boolean {
  const required = TAB_ROLES[tab];
  return required === undefined || hasAnyRole(roles, required);
}

/** The tabs shown to a user with these grants (首页 and 我的 always; 审批 and 监督 by role). */
export function visibleTabs(roles: readonly RoleGrant[]): TabKey[] {
  return TAB_ORDER.filter((tab) => canSeeTab(roles, tab));
}
