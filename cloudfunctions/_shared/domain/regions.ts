/**
 * 行政区划 are reference data: the deployment loads them and no function ever changes them. So a
 * function instance keeps each region it has read for a while, and most calls that name a region
 * (a tip-off's place, a registration's village, a notice's village name) spend no database round trip
 * on it. Only found regions are kept: a code not found is read again next time.
 */
import { byIds } from '../db/bulk';
import type { Database } from '../db/database';
import { REGIONS, type RegionDoc } from './households';

const KEEP_MS = 10 * 60 * 1000;
/** Dazhou has about 2,300 regions; the bound only guards against a flood of made-up codes. */
const MAX_KEPT = 5000;

const kept = new Map<string, { region: RegionDoc; until: number }>();

/** The region with this code, or null. */
export async function regionById(db: Database, code: string, now = Date.now()): Promise<RegionDoc | null> {
  const hit = kept.get(code);
  if (hit && hit.until > now) return hit.region;
  const { data } = await db.collection<RegionDoc>(REGIONS).where({ _id: code }).limit(1).get();
  const region = data[0] ?? null;
  if (region) {
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(code, { region, until: now + KEEP_MS });
  } else kept.delete(code);
  return region;
}

/** A region's name, or its code when it is not found. */
export async function regionName(db: Database, code: string): Promise<string> {
  return (await regionById(db, code))?.name ?? code;
}

/** Code → name of the regions found among `codes` (one indexed read; codes not found are left out). */
export async function regionNames(db: Database, codes: Iterable<string>): Promise<Map<string, string>> {
  const regions = await byIds<RegionDoc>(db, REGIONS, [...new Set(codes)]);
  return new Map(regions.map((r) => [r._id, r.name]));
}
