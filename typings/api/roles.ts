/** Roles and their scopes (DESIGN.md, "Roles"). */

export type RoleName = 'resident' | 'cadre' | 'finance' | 'supervisor' | 'admin';

/** 村 / 乡镇 / 县级主管部门 */
export type CadreLevel = 'village' | 'township' | 'county';

export interface RoleGrant {
  role: RoleName;
  /** Only for cadre. */
  level?: CadreLevel;
  /** Region the grant is scoped to (a staff member acts inside it and below). */
  regionCode?: string;
  /** Projects a cadre handles; empty or absent means none. */
  projectCodes?: string[];
  /** The handling unit shown in timelines, e.g. 通川区罗江镇人民政府. */
  unit?: string;
}
