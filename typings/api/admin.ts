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

/** 法定节假日 (a day off) or 调休上班 (a weekend day worked). */
export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  /** YYYY-MM-DD */
  date: string;
  kind: CalendarDayKind;
  /** The holiday it belongs to, e.g. 春节. */
  name: string;
}

export interface CalendarYearSummary {
  year: number;
  /** `chinese-days`: seeded from the library; `admin`: entered by an admin. */
  source: 'chinese-days' | 'admin';
  version: number;
  updatedAt: string;
  dayCount: number;
}

export interface CalendarAlertView {
  year: number;
  raisedAt: string;
  message: string;
}

export interface CalendarRequest {
  /** The year whose days to show; the current year when absent. */
  year?: number;
}

export interface CalendarResponse {
  /** The years held, newest first. */
  years: CalendarYearSummary[];
  /** The asked year with its days, or null when it has no calendar. */
  year: (CalendarYearSummary & { days: CalendarDay[] }) | null;
  /** This year and next year, those without a calendar: their working-day deadlines are provisional. */
  missingYears: number[];
  /** Open 节假日安排 alerts raised by the scheduler. */
  alerts: CalendarAlertView[];
}

export interface ImportCalendarRequest {
  year: number;
  /** The version the admin saw; 0 when the year has no calendar yet. */
  version: number;
  /** The year's whole list: it replaces what was there. */
  rows: CalendarDay[];
}

export interface ImportCalendarResponse {
  year: CalendarYearSummary & { days: CalendarDay[] };
}
