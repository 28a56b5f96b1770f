/**
 * Demo data for the local cloud (and, deliberately, for a staging environment): Dazhou's regions and
 * one staff account per role. Idempotent: documents have fixed ids and are written with `set`, so
 * running it twice changes nothing but the audit log's record that it ran.
 */

import { appendAudit } from '../../cloudfunctions/_shared/audit';
import { USERS, type UserRecord } from '../../cloudfunctions/_shared/caller';
import type { Database } from '../../cloudfunctions/_shared/db';
import type { RoleGrant, RoleName } from '../../typings/api';
import { demoRegions } from './regions';

export { connectFromEnvironment, connectLocal } from './connect';
export { demoRegions } from './regions';

export interface DemoAccount {
  openid: string;
  label: string;
  grants: RoleGrant[];
}

const TONGCHUAN = '511702000000';
const LUOJIANG = '511702001000';
const MILIN = '511702001001';

/** One account per role, all in 通川区 so that one walk-through crosses every screen. */
export const demoAccounts: DemoAccount[] = [
  { openid: 'demo-resident', label: '群众（未注册，可体验实名注册）', grants: [] },
  {
    openid: 'demo-cadre-village',
    label: '村干部 · 罗江镇密林村',
    grants: [
      {
        role: 'cadre',
        level: 'village',
        regionCode: MILIN,
        unit: '罗江镇密林村村民委员会',
        projectCodes: [],
      },
    ],
  },
  {
    openid: 'demo-cadre-township',
    label: '乡镇经办 · 罗江镇',
    grants: [
      { role: 'cadre', level: 'township', regionCode: LUOJIANG, unit: '罗江镇人民政府', projectCodes: [] },
    ],
  },
  {
    openid: 'demo-cadre-county',
    label: '县级主管部门 · 通川区民政局',
    grants: [
      { role: 'cadre', level: 'county', regionCode: TONGCHUAN, unit: '通川区民政局', projectCodes: [] },
    ],
  },
  {
    openid: 'demo-finance',
    label: '财政 · 通川区财政局',
    grants: [{ role: 'finance', regionCode: TONGCHUAN, unit: '通川区财政局' }],
  },
  {
    openid: 'demo-supervisor',
    label: '纪检监察 · 通川区纪委监委',
    grants: [{ role: 'supervisor', regionCode: TONGCHUAN, unit: '通川区纪委监委' }],
  },
  {
    openid: 'demo-admin',
    label: '管理员',
    grants: [{ role: 'admin', unit: '达州市财政局' }],
  },
];

function staffRecord(openid: string, grants: RoleGrant[], at: Date): Omit<UserRecord, '_id'> {
  return {
    openid,
    registered: false,
    verification: 'pending',
    roles: grants,
    roleNames: [...new Set(grants.map((g) => g.role))] as RoleName[],
    createdAt: at,
    updatedAt: at,
  };
}

export async function seedDemo(
  db: Database,
  at = new Date(),
): Promise<{ regions: number; accounts: number }> {
  const regions = demoRegions();
  for (const r of regions) {
    await db
      .collection('regions')
      .doc(r.code)
      .set({ data: { ...r, updatedAt: at } });
  }
  const staff = demoAccounts.filter((a) => a.grants.length > 0);
  for (const account of staff) {
    await db
      .collection<UserRecord>(USERS)
      .doc(`u-${account.openid}`)
      .set({
        data: staffRecord(account.openid, account.grants, at),
      });
  }
  await appendAudit(
    db,
    {
      action: 'system.seedDemo',
      actorId: 'system:seed',
      actorRole: 'system',
      targetType: 'system',
      targetId: 'demo',
      detail: { regions: regions.length, accounts: staff.map((a) => a.openid) },
      requestId: 'seed',
    },
    at,
  );
  return { regions: regions.length, accounts: staff.length };
}

/** Makes each openid an admin (YKT_BOOTSTRAP_ADMINS), creating a staff record where there is none. */
export async function bootstrapAdmins(
  db: Database,
  openids: readonly string[],
  at = new Date(),
): Promise<string[]> {
  const granted: string[] = [];
  for (const openid of openids.map((o) => o.trim()).filter(Boolean)) {
    const { data } = await db.collection<UserRecord>(USERS).where({ openid }).limit(1).get();
    const existing = data[0];
    if (existing?.roles.some((g) => g.role === 'admin')) continue;
    const admin: RoleGrant = { role: 'admin', unit: '系统管理员' };
    let userId: string;
    if (existing) {
      userId = existing._id;
      await db
        .collection<UserRecord>(USERS)
        .doc(userId)
        .update({
          data: {
            roles: [...existing.roles, admin],
            roleNames: [...new Set([...existing.roleNames, 'admin'])],
            updatedAt: at,
          },
        });
    } else {
      userId = (
        await db
          .collection<UserRecord>(USERS)
          .add({ data: { ...staffRecord(openid, [admin], at) } as UserRecord })
      )._id;
    }
    await appendAudit(
      db,
      {
        action: 'system.bootstrapAdmin',
        actorId: 'system:bootstrap',
        actorRole: 'system',
        targetType: 'user',
        targetId: userId,
        detail: { role: 'admin', source: 'YKT_BOOTSTRAP_ADMINS' },
        requestId: 'bootstrap',
      },
      at,
    );
    granted.push(openid);
  }
  return granted;
}
