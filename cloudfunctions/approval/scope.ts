import { regionWithin } from '../../miniprogram/shared/region';
import type { CadreLevel, RoleGrant } from '../../typings/api';
import type { Caller } from '../_shared/caller';
import { forbidden } from '../_shared/errors';
import type { DeclarationDoc } from '../declaration/model';

/** Cadre grants with a level and a region; county departments are limited to their projects. */
export function cadreGrants(caller: Caller): Array<RoleGrant & { level: CadreLevel; regionCode: string }> {
  const grants = (caller.user?.roles ?? []).filter(
    (g): g is RoleGrant & { level: CadreLevel; regionCode: string } =>
      g.role === 'cadre' && g.level !== undefined && g.regionCode !== undefined,
  );
  if (grants.length === 0) throw forbidden();
  return grants;
}

/** Village and township cadres handle every project unless their grant lists some; departments list theirs. */
export function grantCoversProject(grant: RoleGrant, projectCode: string): boolean {
  const listed = grant.projectCodes ?? [];
  if (grant.level === 'county') return listed.includes(projectCode);
  return listed.length === 0 || listed.includes(projectCode);
}

/** The grant under which the caller may act on this item now, if any. */
export function grantFor(caller: Caller, d: DeclarationDoc) {
  return cadreGrants(caller).find(
    (g) =>
      g.level === d.stageLevel &&
      regionWithin(g.regionCode, d.villageCode) &&
      grantCoversProject(g, d.projectCode),
  );
}

/** Whether the item lies in any of the caller's scopes at all (for reading its detail). */
export function inScope(caller: Caller, d: DeclarationDoc): boolean {
  return cadreGrants(caller).some(
    (g) => regionWithin(g.regionCode, d.villageCode) && grantCoversProject(g, d.projectCode),
  );
}
