import * as z from 'zod/mini';
import { regionPrefix, regionWithin } from '../../miniprogram/shared/region';
import { shanghaiDay } from '../../miniprogram/shared/time';
import type { ListStaffResponse, RoleChangeResponse, RoleGrant, RoleName } from '../../typings/api';
import { validId } from '../_shared/domain/households';
import { USERS, type UserRecord } from '../_shared/runtime/caller';
import { lookupHash } from '../_shared/runtime/crypto';
import { conflict, invalid, notFound, precondition } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { docId, idNumber, labelled, page, pageSize, regionCode } from '../_shared/runtime/schemas';

const roleName = labelled(z.enum(['resident', 'cadre', 'finance', 'supervisor', 'admin']), '角色');

const grantSchema = labelled(
  z.object({
    role: roleName,
    level: labelled(z.optional(z.enum(['village', 'township', 'county'])), '干部层级'),
    regionCode: z.optional(regionCode('管辖地区')),
    projectCodes: labelled(
      z.optional(
        z.array(labelled(z.string().check(z.regex(/^[A-Z0-9_]{2,32}$/)), '项目编码')).check(z.maxLength(50)),
      ),
      '负责的项目',
    ),
    unit: labelled(z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(60))), '所在单位'),
  }),
  '角色',
);

/** A grant must carry the scope its role needs: cadre level + region, finance/supervisor region. */
function checkGrant(grant: RoleGrant): RoleGrant {
  if (grant.role === 'resident') throw invalid('群众角色随实名注册自动具有，无需授予');
  if (grant.role === 'cadre') {
    if (!grant.level || !grant.regionCode) throw invalid('干部角色需要指定层级和管辖地区');
    const expected = { village: 12, township: 9, county: 6 }[grant.level];
    if (regionPrefix(grant.regionCode).length !== expected) throw invalid('管辖地区与干部层级不相符');
    return { ...grant, projectCodes: grant.projectCodes ?? [] };
  }
  if (grant.role === 'finance' || grant.role === 'supervisor') {
    if (!grant.regionCode) throw invalid('财政和纪检监察角色需要指定管辖地区');
    const { level: _l, projectCodes: _p, ...rest } = grant;
    return rest;
  }
  return { role: 'admin', ...(grant.unit ? { unit: grant.unit } : {}) };
}

const sameScope = (a: RoleGrant, b: { role: RoleName; regionCode?: string }) =>
  a.role === b.role && (a.regionCode ?? '') === (b.regionCode ?? '');

async function changeRoles(
  ctx: ActionContext,
  userId: string,
  change: (roles: RoleGrant[]) => RoleGrant[],
  detail: Record<string, unknown>,
  action: string,
): Promise<RoleChangeResponse> {
  const { db, now } = ctx;
  return db.runTransaction(async (tx) => {
    const ref = tx.collection<UserRecord>(USERS).doc(userId);
    const { data: user } = await ref.get();
    const roles = change(user.roles);
    await ref.update({
      data: {
        roles,
        roleNames: [...new Set(roles.map((r) => r.role))],
        isStaff: roles.length > 0,
        version: user.version + 1,
        updatedAt: now,
      },
    });
    await ctx.auditIn(tx, {
      action,
      actorId: ctx.caller.user!._id,
      actorRole: 'admin',
      targetType: 'user',
      targetId: userId,
      detail,
    });
    return { userId, roles };
  });
}

/** 授予角色: staff are registered, verified people, found by their ID number. */
export const grantRole: ActionDef<'admin', 'grantRole'> = {
  access: ['admin'],
  input: z.object({ idNumber: idNumber('工作人员身份证号码'), grant: grantSchema }),
  async handler(ctx, input): Promise<RoleChangeResponse> {
    const grant = checkGrant(input.grant);
    const id = validId(input.idNumber, shanghaiDay(ctx.now)).normalized;
    const { data } = await ctx.db
      .collection<UserRecord>(USERS)
      .where({ idHash: lookupHash('id', id) })
      .limit(1)
      .get();
    const user = data.find((u) => u.registered);
    if (!user) throw notFound('没有找到该身份证号码的注册用户：工作人员需先在小程序完成实名注册');
    if (user.verification !== 'verified')
      throw precondition('该用户尚未通过实名核验，核验后才能授予工作角色');
    if (user.roles.some((r) => sameScope(r, grant))) throw conflict('该用户已经具有这个角色和管辖范围');
    return changeRoles(
      ctx,
      user._id,
      (roles) => [...roles, grant],
      { grant, name: user.nameMasked },
      'admin.grantRole',
    );
  },
};

/** 撤销角色 */
export const revokeRole: ActionDef<'admin', 'revokeRole'> = {
  access: ['admin'],
  input: z.object({
    userId: docId('工作人员'),
    role: roleName,
    regionCode: z.optional(regionCode('管辖地区')),
  }),
  async handler(ctx, input): Promise<RoleChangeResponse> {
    if (input.userId === ctx.caller.user?._id && input.role === 'admin')
      throw precondition('不能撤销自己的管理员角色');
    const { data } = await ctx.db.collection<UserRecord>(USERS).where({ _id: input.userId }).limit(1).get();
    const user = data[0];
    if (!user) throw notFound('没有找到该工作人员');
    const target = { role: input.role, ...(input.regionCode ? { regionCode: input.regionCode } : {}) };
    if (!user.roles.some((r) => sameScope(r, target))) throw notFound('该工作人员没有这个角色和管辖范围');
    return changeRoles(
      ctx,
      user._id,
      (roles) => roles.filter((r) => !sameScope(r, target)),
      { revoked: target },
      'admin.revokeRole',
    );
  },
};

/** 工作人员名单 */
export const listStaff: ActionDef<'admin', 'listStaff'> = {
  access: ['admin'],
  input: z.object({
    role: z.optional(roleName),
    regionCode: z.optional(regionCode('管辖地区')),
    page: page(),
    pageSize: pageSize(),
  }),
  async handler({ db }, input): Promise<ListStaffResponse> {
    const p = input.page ?? 1;
    const size = input.pageSize ?? 20;
    const matches = (u: UserRecord) =>
      u.roles.some(
        (r) =>
          (!input.role || r.role === input.role) &&
          (!input.regionCode || (r.regionCode !== undefined && regionWithin(input.regionCode, r.regionCode))),
      );
    // Staff are few (hundreds per county): read them in pages through the isStaff index and filter here.
    const staff: UserRecord[] = [];
    for (let offset = 0; ; offset += 1000) {
      const { data } = await db
        .collection<UserRecord>(USERS)
        .where({ isStaff: true })
        .orderBy('createdAt', 'asc')
        .skip(offset)
        .limit(1000)
        .get();
      staff.push(...data.filter(matches));
      if (data.length < 1000) break;
    }
    return {
      items: staff.slice((p - 1) * size, p * size).map((u) => ({
        userId: u._id,
        maskedName: u.nameMasked ?? '（未实名）',
        maskedMobile: u.mobileMasked ?? '',
        roles: u.roles,
      })),
      total: staff.length,
      page: p,
      pageSize: size,
    };
  },
};
