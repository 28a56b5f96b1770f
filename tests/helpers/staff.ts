/** Staff accounts a test needs beyond the demo's (another county's, the city's). */
import type { RoleGrant } from '../../typings/api';
import type { World } from './world';

export async function addStaff(world: World, openid: string, grants: RoleGrant[]): Promise<string> {
  const at = new Date();
  const id = `u-${openid}`;
  await world.db.collection('users').add({
    data: {
      _id: id,
      openid,
      registered: false,
      verification: 'pending',
      roles: grants,
      roleNames: [...new Set(grants.map((g) => g.role))],
      isStaff: true,
      nameMasked: '测*员',
      version: 1,
      createdAt: at,
      updatedAt: at,
    },
  });
  return id;
}

export const CITY = '511700000000';
export const TONGCHUAN = '511702000000';
export const DACHUAN = '511703000000';
