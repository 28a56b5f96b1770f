/**
 * Region codes (行政区划代码). Stored as the 12-digit statistical code: 2 province, 2 city, 2 county,
 * 3 township, 3 village digits (达州市 511700000000, 通川区 511702000000, a village 511702001001).
 * Six-digit county codes such as 511702 are accepted and padded. A staff member's scope covers every
 * region whose code starts with the scope's significant prefix.
 */

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

const CODE = /^\d{6}(\d{6})?$/;

export function isRegionCode(code: string): boolean {
  return CODE.test(code);
}

/** Pads a 6-digit code to 12 digits; returns null for anything that is not a region code. */
export function normalizeRegionCode(code: string): string | null {
  if (!CODE.test(code)) return null;
  return code.length === 6 ? `${code}000000` : code;
}

export function regionLevel(code: string): RegionLevel {
  const c = normalizeRegionCode(code);
  if (!c) throw new Error(`not a region code: ${code}`);
  if (c.slice(9) !== '000') return 'village';
  if (c.slice(6, 9) !== '000') return 'township';
  if (c.slice(4, 6) !== '00') return 'county';
  if (c.slice(2, 4) !== '00') return 'city';
  return 'province';
}

const PREFIX_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};

/** The digits that every region inside this one starts with. */
export function regionPrefix(code: string): string {
  const c = normalizeRegionCode(code);
  if (!c) throw new Error(`not a region code: ${code}`);
  return c.slice(0, PREFIX_LENGTH[regionLevel(c)]);
}

/** Whether `code` lies inside (or is) the region `scope`. */
export function regionWithin(scope: string, code: string): boolean {
  const c = normalizeRegionCode(code);
  if (!c || !isRegionCode(scope)) return false;
  return c.startsWith(regionPrefix(scope));
}

export function parentRegionCode(code: string): string | null {
  const c = normalizeRegionCode(code);
  if (!c) return null;
  switch (regionLevel(c)) {
    case 'village':
      return `${c.slice(0, 9)}000`;
    case 'township':
      return `${c.slice(0, 6)}000000`;
    case 'county':
      return `${c.slice(0, 4)}00000000`;
    case 'city':
      return `${c.slice(0, 2)}0000000000`;
    default:
      return null;
  }
}

/** The region and every region above it up to the city, 12-digit codes, top first. */
export function regionAncestry(code: string): string[] {
  const chain: string[] = [];
  for (let c: string | null = normalizeRegionCode(code); c; c = parentRegionCode(c)) {
    if (regionLevel(c) === 'province') break;
    chain.unshift(c);
  }
  return chain;
}

/** Every 12-digit code inside `code` lies in [from, to): a range an index on the code can serve. */
export function regionRange(code: string): { from: string; to: string } {
  const prefix = regionPrefix(code);
  const next = String(Number(prefix) + 1).padStart(prefix.length, '0');
  return { from: prefix.padEnd(12, '0'), to: next.padEnd(12, '0') };
}
