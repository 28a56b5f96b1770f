/**
 * What a cadre's grants (from user.login) offer as filters: the regions under them and their projects.
 * Only a convenience for choosing: the cloud functions check every scope again.
 */
import type { ProjectCard, RoleGrant } from '../../typings/api';
import { projectOptions } from '../services/declaration';
import { childRegionOptions, distinctOptions, regionName } from '../services/regions';
import { regionLevel } from '../shared/region';
import type { Option } from '../types/option';

export function cadreGrants(roles: readonly RoleGrant[]): Array<RoleGrant & { regionCode: string }> {
  return roles.filter(
    (g): g is RoleGrant & { regionCode: string } => g.role === 'cadre' && g.regionCode !== undefined,
  );
}

/**
 * The regions one level under each grant: a village cadre's own village, a township's villages, a
 * county's townships. `withTownship` puts a township grant's own region first (公示 of the whole township).
 */
export async function scopeRegions(
  grants: ReadonlyArray<{ regionCode: string }>,
  withTownship = false,
): Promise<Option[]> {
  const options: Option[] = [];
  for (const { regionCode } of grants) {
    const level = regionLevel(regionCode);
    if (level === 'village') {
      options.push({ value: regionCode, label: (await regionName(regionCode)) ?? regionCode });
      continue;
    }
    if (level === 'township' && withTownship) options.push({ value: regionCode, label: '全乡镇（街道）' });
    options.push(...(await childRegionOptions(regionCode)));
  }
  return distinctOptions(options);
}

/** The projects the grants cover: all for a village or township grant without a list, else the listed ones. */
export function scopeProjects(cards: readonly ProjectCard[], grants: readonly RoleGrant[]): Option[] {
  const all = grants.some((g) => g.level !== 'county' && (g.projectCodes ?? []).length === 0);
  const listed = new Set(grants.flatMap((g) => g.projectCodes ?? []));
  return projectOptions(cards.filter((c) => all || listed.has(c.code)));
}
