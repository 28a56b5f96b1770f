/**
 * Regions as the staff screens' filters name them (行政区划, from admin.listRegions): a region's own name
 * is read among its parent's children, and a list of choices names each region once.
 */
import { parentRegionCode } from '../shared/region';
import type { Option } from '../types/option';
import { listRegions } from './admin';

/** The name of a region, read among its parent's children; undefined for the top or an unlisted one. */
export async function regionName(code: string): Promise<string | undefined> {
  const parent = parentRegionCode(code);
  if (!parent) return undefined;
  const siblings = await listRegions(parent);
  return siblings.find((r) => r.code === code)?.name;
}

/** The regions one level under `code`, as choices. */
export async function childRegionOptions(code: string): Promise<Option[]> {
  return (await listRegions(code)).map((r) => ({ value: r.code, label: r.name }));
}

/** The choices with each value once, the first kept: grants and their regions may overlap. */
export function distinctOptions(options: readonly Option[]): Option[] {
  return options.filter((o, i) => options.findIndex((x) => x.value === o.value) === i);
}
