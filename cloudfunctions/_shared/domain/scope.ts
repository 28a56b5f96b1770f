/**
 * Scope (管辖范围): what lies inside a staff member's grants. The one place every function asks —
 * cadres by region, level and project, finance and supervisors by region, tip-offs never to the staff
 * member they name. Pure over the caller's grants; FORBIDDEN names nothing of what lies outside.
 */
import { normalizeRegionCode, regionRange, regionWithin } from '../../../miniprogram/shared/region';
import type { CadreLevel, RoleGrant, RoleName } from '../../../typings/api';
import type { Database } from '../db/database';
import type { Caller } from '../runtime/caller';
import { forbidden, invalid } from '../runtime/errors';
import type { DeclarationDoc } from './declarations';
import type { TipoffDoc } from './tipoffs';

type CadreGrant = RoleGrant & { level: CadreLevel; regionCode: string };
type RegionGrant = RoleGrant & { regionCode: string };

/**
 * Village and township cadres handle every project unless their grant lists some; county departments
 * (县级主管部门) handle only the projects they list.
 */
export function grantCoversProject(grant: RoleGrant, projectCode: string): boolean {
  const listed = grant.projectCodes ?? [];
  if (grant.level === 'county') return listed.includes(projectCode);
  return listed.length === 0 || listed.includes(projectCode);
}

export interface ScopeNeed {
  /** The region acted on must lie inside the grant's region. */
  regionCode?: string;
  /** A cadre grant must cover this project. */
  projectCode?: string;
  /** A cadre grant must be at this level. */
  level?: RoleGrant['level'];
}

function grantCovers(grant: RoleGrant, need: ScopeNeed): boolean {
  if (need.regionCode !== undefined && !(grant.regionCode && regionWithin(grant.regionCode, need.regionCode)))
    return false;
  if (need.projectCode !== undefined && !grantCoversProject(grant, need.projectCode)) return false;
  if (need.level !== undefined && grant.level !== need.level) return false;
  return true;
}

/** The caller's grants of `role` that cover the scope; FORBIDDEN when there is none. */
export function requireRole(caller: Caller, role: RoleName, need: ScopeNeed = {}): RoleGrant[] {
  const grants = caller.user?.roles.filter((g) => g.role === role && grantCovers(g, need)) ?? [];
  if (grants.length === 0) throw forbidden();
  return grants;
}

/** Cadre grants with a level and a region; FORBIDDEN when the caller has none. */
export function cadreGrants(caller: Caller): CadreGrant[] {
  const grants = (caller.user?.roles ?? []).filter(
    (g): g is CadreGrant => g.role === 'cadre' && g.level !== undefined && g.regionCode !== undefined,
  );
  if (grants.length === 0) throw forbidden();
  return grants;
}

/** The grant under which the caller may act on this declaration now, if any. */
export function grantFor(caller: Caller, d: DeclarationDoc): CadreGrant | undefined {
  return cadreGrants(caller).find(
    (g) =>
      g.level === d.stageLevel &&
      regionWithin(g.regionCode, d.villageCode) &&
      grantCoversProject(g, d.projectCode),
  );
}

/** Whether the declaration lies in any of the caller's scopes at all (for reading its detail). */
export function inScope(caller: Caller, d: DeclarationDoc): boolean {
  return cadreGrants(caller).some(
    (g) => regionWithin(g.regionCode, d.villageCode) && grantCoversProject(g, d.projectCode),
  );
}

/** Finance grants: a county finance bureau acts on its county, the city's on the city. */
export function financeGrants(caller: Caller): RegionGrant[] {
  return (caller.user?.roles ?? []).filter(
    (g): g is RegionGrant => g.role === 'finance' && typeof g.regionCode === 'string',
  );
}

/** The finance grant covering `regionCode`, or FORBIDDEN naming nothing of the other region. */
export function financeGrantFor(caller: Caller, regionCode: string): RegionGrant {
  const grant = financeGrants(caller).find((g) => regionWithin(g.regionCode, regionCode));
  if (!grant) throw forbidden('该地区不在您的财政发放管辖范围内');
  return grant;
}

/** Supervisor grants (纪委监委 of a county or the city); FORBIDDEN when the caller has none. */
export function supervisorGrants(caller: Caller): RegionGrant[] {
  const grants = (caller.user?.roles ?? []).filter(
    (g): g is RegionGrant => g.role === 'supervisor' && typeof g.regionCode === 'string',
  );
  if (grants.length === 0) throw forbidden();
  return grants;
}

/** The region asked for, if inside the supervisor's; else their own (the first grant). */
export function regionFor(caller: Caller, asked?: string): string {
  const grants = supervisorGrants(caller);
  if (!asked) return grants[0]?.regionCode ?? '';
  const code = normalizeRegionCode(asked);
  if (!code) throw invalid('地区代码不正确');
  if (!grants.some((g) => regionWithin(g.regionCode, code))) throw forbidden('该地区不在您的监督范围内');
  return code;
}

/** `{ field: [from, to) }` for every 12-digit code inside `region`. */
export function inRegion(db: Database, region: string) {
  const { from, to } = regionRange(region);
  return db.command.and(db.command.gte(from), db.command.lt(to));
}

/** The query part every supervisor's read of tip-offs shares: their scopes, and never what names them. */
export function visibleTo(db: Database, caller: Caller): Record<string, unknown> {
  const _ = db.command;
  return {
    scopeCodes: _.in(supervisorGrants(caller).map((g) => g.regionCode)),
    accusedUserIds: _.nin([caller.user?._id ?? '']),
  };
}

/** Whether a supervisor may see this tip-off: in their scope, and not naming them. */
export function canSee(caller: Caller, t: TipoffDoc): boolean {
  const me = caller.user?._id ?? '';
  return (
    !t.accusedUserIds.includes(me) &&
    supervisorGrants(caller).some((g) => t.scopeCodes.includes(g.regionCode))
  );
}
