/**
 * Demo data for the local cloud (and, deliberately, for a staging environment): Dazhou's regions,
 * one staff account per role and a few households. Idempotent: documents have fixed ids and are written with `set`, so
 * running it twice changes nothing but the audit log's record that it ran.
 */

import { appendAudit, sealAudit } from '../../cloudfunctions/_shared/audit/audit-log';
import type { Database } from '../../cloudfunctions/_shared/db/database';
import { USERS, type UserRecord } from '../../cloudfunctions/_shared/runtime/caller';
import { projectSchema } from '../../cloudfunctions/admin/project-schema';
import type { RoleGrant, RoleName } from '../../typings/api';
import { seedCalendar } from './calendar';
import { demoCatalogue } from './catalogue';
import { demoHouseholds } from './demo-data';
import { seedPayments } from './payments';
import { seedHouseholds } from './people';
import { demoRegions } from './regions';
import { seedTipoffs } from './tipoffs';

export { libraryCalendar, libraryCalendarYears } from './calendar';
export { demoCatalogue } from './catalogue';
export { connectFromEnvironment, connectLocal, readAll } from './connect';
export { demoHouseholds } from './demo-data';
export { demoIdNumber } from './people';
export { demoRegions } from './regions';

export interface DemoAccount {
  openid: string;
  label: string;
}

/** The accounts `npm start` prints and the preview's switcher offers. */
export const demoAccounts: DemoAccount[] = [
  { openid: 'demo-resident', label: '群众（未注册，可体验实名注册）' },
  { openid: 'demo-resident-luoyong', label: '群众 · 罗勇（密林村户主，已核验，已绑卡）' },
  { openid: 'demo-resident-elder', label: '群众 · 张秀英（82岁，待村干部核验）' },
  { openid: 'demo-cadre-village', label: '村干部 · 罗江镇密林村' },
  { openid: 'demo-cadre-township', label: '乡镇经办 · 罗江镇' },
  { openid: 'demo-cadre-county', label: '县级主管部门 · 通川区民政局' },
  { openid: 'demo-finance', label: '财政 · 通川区财政局' },
  { openid: 'demo-supervisor', label: '纪检监察 · 通川区纪委监委' },
  { openid: 'demo-admin', label: '管理员 · 达州市财政局' },
];

export async function seedDemo(
  db: Database,
  at = new Date(),
): Promise<{ regions: number; people: number; projects: number }> {
  const regions = demoRegions();
  await Promise.all(
    regions.map((r) =>
      db
        .collection('regions')
        .doc(r.code)
        .set({ data: { ...r, updatedAt: at } }),
    ),
  );
  const people = await seedHouseholds(db, demoHouseholds, at);
  const projects = demoCatalogue(at).map((p) => projectSchema.parse(p));
  await Promise.all(
    projects.map((p) =>
      db
        .collection('projects')
        .doc(p.code)
        .set({ data: { ...p, version: 1, updatedAt: at } }),
    ),
  );
  const payments = await seedPayments(db, projects, at);
  const calendarYears = await seedCalendar(db, at);
  const tipoffs = await seedTipoffs(db, at);
  await appendAudit(
    db,
    {
      action: 'system.seedDemo',
      actorId: 'system:seed',
      actorRole: 'system',
      targetType: 'system',
      targetId: 'demo',
      detail: {
        regions: regions.length,
        households: demoHouseholds.map((h) => h.key),
        projects: projects.map((p) => p.code),
        payments,
        tipoffs,
        calendarYears,
      },
      requestId: 'seed',
    },
    at,
  );
  // A batch job seals its own entries rather than leave them for the scheduler.
  await sealAudit(db);
  return { regions: regions.length, people, projects: projects.length };
}

function staffRecord(openid: string, grants: RoleGrant[], at: Date): Omit<UserRecord, '_id'> {
  return {
    openid,
    registered: false,
    verification: 'pending',
    roles: grants,
    roleNames: [...new Set(grants.map((g) => g.role))] as RoleName[],
    isStaff: grants.length > 0,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
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
            isStaff: true,
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
    await sealAudit(db);
    granted.push(openid);
  }
  return granted;
}
