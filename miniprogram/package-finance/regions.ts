/**
 * The regions a finance office may make batches for: its own region (the usual batch, a whole county)
 * and the regions one level under it. Only a convenience for choosing: the cloud checks the scope again.
 */
import type { RoleGrant } from '../../typings/api';
import { childRegionOptions, distinctOptions, regionName } from '../services/regions';
import { normalizeRegionCode } from '../shared/region';
import type { Option } from '../types/option';

/** The 12-digit regions of the caller's finance grants. */
export function financeRegions(roles: readonly RoleGrant[]): string[] {
  const codes = roles
    .filter((g) => g.role === 'finance' && g.regionCode)
    .map((g) => normalizeRegionCode(g.regionCode ?? ''))
    .filter((code): code is string => code !== null);
  return [...new Set(codes)];
}

export async function regionOptions(regions: readonly string[]): Promise<Option[]> {
  const options: Option[] = [];
  for (const code of regions) {
    const [name, children] = await Promise.all([regionName(code), childRegionOptions(code)]);
    options.push({ value: code, label: name ? `${name}（全辖区）` : '全辖区' }, ...children);
  }
  return distinctOptions(options);
}
