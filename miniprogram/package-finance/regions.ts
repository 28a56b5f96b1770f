/**
 * The regions a finance office may make batches for: its own region (the usual batch, a whole county)
 * and the regions one level under it. Only a convenience for choosing: the cloud checks the scope again.
 */
import type { RoleGrant } from '../../typings/api';
import { listRegions } from '../services/admin';
import { normalizeRegionCode, parentRegionCode } from '../shared/region';

export interface RegionOption {
  value: string;
  label: string;
}

/** The 12-digit regions of the caller's finance grants. */
export function financeRegions(roles: readonly RoleGrant[]): string[] {
  const codes = roles
    .filter((g) => g.role === 'finance' && g.regionCode)
    .map((g) => normalizeRegionCode(g.regionCode ?? ''))
    .filter((code): code is string => code !== null);
  return [...new Set(codes)];
}

export async function regionOptions(regions: readonly string[]): Promise<RegionOption[]> {
  const options: RegionOption[] = [];
  for (const code of regions) {
    const parent = parentRegionCode(code);
    const [siblings, children] = await Promise.all([
      parent ? listRegions(parent) : Promise.resolve([]),
      listRegions(code),
    ]);
    const own = siblings.find((r) => r.code === code);
    options.push({ value: code, label: own ? `${own.name}（全辖区）` : '全辖区' });
    for (const r of children) options.push({ value: r.code, label: r.name });
  }
  return options.filter((o, i) => options.findIndex((x) => x.value === o.value) === i);
}
