/** Supervisors act within their region: a county's 纪委监委 on its county, the city's on the city. */
import { normalizeRegionCode, regionRange, regionWithin } from '../../miniprogram/shared/region';
import type { Caller } from '../_shared/caller';
import type { Database } from '../_shared/db';
import { forbidden, invalid } from '../_shared/errors';
import { supervisorGrants } from '../tipoff/handle';

export { supervisorGrants };

/** The region asked for, if inside the caller's; else the caller's own (the first grant). */
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
