import type { RoleGrant, RoleName } from './roles';

export interface GrantRoleRequest {
  /** The staff member's ID number: staff are registered, verified people. */
  idNumber: string;
  grant: RoleGrant;
}

export interface RevokeRoleRequest {
  userId: string;
  role: RoleName;
  regionCode?: string;
}

export interface RoleChangeResponse {
  userId: string;
  roles: RoleGrant[];
}

export interface ListStaffRequest {
  role?: RoleName;
  /** Staff whose grants lie inside this region. */
  regionCode?: string;
  page?: number;
  pageSize?: number;
}

export interface StaffView {
  userId: string;
  maskedName: string;
  maskedMobile: string;
  roles: RoleGrant[];
}

export interface ListStaffResponse {
  items: StaffView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ListRegionsRequest {
  /** Children of this region; the city's counties when absent. */
  parentCode?: string;
}

export interface RegionView {
  code: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  parentCode: string | null;
  /** The code is invented for the demo, not the official one. */
  demo: boolean;
}

export interface ListRegionsResponse {
  items: RegionView[];
}
