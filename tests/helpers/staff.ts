/** Staff accounts a test needs beyond the demo's (another county's, the city's). */

import { demoHouseholds } from '../../tools/seed';
import type { RoleGrant } from '../../typings/api';
import { VILLAGE_MILIN, type World } from './world';

export async function addStaff(world: World, openid: string, grants: RoleGrant[]): Promise<string> {
  const at = world.now();
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

/** 罗勇's wife made a second cadre of 密林村, so that two cadres can race on one item. */
export async function secondMilinCadre(world: World): Promise<void> {
  const wife = demoHouseholds.find((h) => h.key === 'luoyong')!.people[1]!;
  await world.ok(
    'admin',
    'grantRole',
    {
      idNumber: wife.idNumber,
      grant: { role: 'cadre', level: 'village', regionCode: VILLAGE_MILIN, unit: '罗江镇密林村村民委员会' },
    },
    'demo-admin',
  );
}
