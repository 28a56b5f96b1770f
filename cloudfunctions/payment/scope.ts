/** Finance acts inside its region: a county finance bureau on its county, the city's on the city. */
import { regionWithin } from '../../miniprogram/shared/region';
import type { RoleGrant } from '../../typings/api';
import type { Caller } from '../_shared/caller';
import { forbidden } from '../_shared/errors';

type FinanceGrant = RoleGrant & { regionCode: string };

export function financeGrants(caller: Caller): FinanceGrant[] {
  return (caller.user?.roles ?? []).filter(
    (g): g is FinanceGrant => g.role === 'finance' && typeof g.regionCode === 'string',
  );
}

/** The grant covering `regionCode`, or FORBIDDEN naming nothing of the other region. */
export function financeGrantFor(caller: Caller, regionCode: string): FinanceGrant {
  const grant = financeGrants(caller).find((g) => regionWithin(g.regionCode, regionCode));
  if (!grant) throw forbidden('该地区不在您的财政发放管辖范围内');
  return grant;
}
