/** Login answers of the `user.login` contract for the people the tests play. */
import type { LoginResponse, RoleGrant } from '../../../typings/api';

export const residentLogin = (): LoginResponse => ({
  registered: true,
  verification: 'verified',
  maskedName: '张*三',
  roles: [{ role: 'resident' }],
  household: {
    householdId: 'h1',
    isHead: true,
    memberCount: 4,
    cardTail: '1234',
    villageCode: '511702001001',
  },
  serverTime: '2026-03-01T02:00:00.000Z',
});

export const unregisteredLogin = (): LoginResponse => ({
  ...residentLogin(),
  registered: false,
  verification: 'unregistered',
  maskedName: null,
  roles: [],
  household: null,
});

/** A registered resident who also holds these staff grants. */
export function staffLogin(...grants: RoleGrant[]): LoginResponse {
  return { ...residentLogin(), roles: [{ role: 'resident' }, ...grants] };
}

export const cadre: RoleGrant = {
  role: 'cadre',
  level: 'village',
  regionCode: '511702001001',
  projectCodes: ['P01'],
};
export const supervisor: RoleGrant = { role: 'supervisor', regionCode: '511702' };
export const finance: RoleGrant = { role: 'finance', regionCode: '511702' };
export const admin: RoleGrant = { role: 'admin' };
