/** 我要举报: anonymous or by name; answered with a tracking code (and, anonymous, a secret shown once). */

import * as z from 'zod/mini';
import { maskName } from '../../miniprogram/shared/mask';
import { normalizeRegionCode, regionWithin } from '../../miniprogram/shared/region';
import type { RoleGrant, TipoffStaffResponse, TipoffSubmitResponse } from '../../typings/api';
import { riding } from '../_shared/audit/audit-log';
import { PROJECTS } from '../_shared/domain/catalogue';
import { NO_CALENDAR } from '../_shared/domain/deadlines';
import { heldCalendar } from '../_shared/domain/holiday-calendar';
import type { RegionDoc } from '../_shared/domain/households';
import { regionById } from '../_shared/domain/regions';
import { newSecret, newTipoff, TIPOFFS, type TipoffDoc, trackingCode } from '../_shared/domain/tipoffs';
import { contentChecker } from '../_shared/ports/channels';
import { queueNotice } from '../_shared/ports/notify';
import { requireRegistered, USERS, type UserRecord } from '../_shared/runtime/caller';
import { invalid, notFound, unauthenticated } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { docId, labelled, regionCode } from '../_shared/runtime/schemas';
import { acceptByProvisional } from './views';

const KINDS = ['publicity', 'payment', 'conduct', 'other'] as const;

async function region(ctx: ActionContext, code: string): Promise<RegionDoc> {
  const normal = normalizeRegionCode(code);
  const place = await regionById(ctx.db, normal ?? '');
  if (!place) throw notFound('没有找到这个地区');
  return place;
}

/** Staff grants that concern a place: the region's own cadres and those of the regions above it. */
function concerns(grant: RoleGrant, code: string): boolean {
  if (!grant.regionCode || grant.role === 'admin' || grant.role === 'resident') return false;
  return regionWithin(grant.regionCode, code) || regionWithin(code, grant.regionCode);
}

async function staffOf(ctx: ActionContext, code: string): Promise<UserRecord[]> {
  const out: UserRecord[] = [];
  let after: Date | null = null;
  for (;;) {
    const where: Record<string, unknown> = { isStaff: true };
    if (after) where.createdAt = ctx.db.command.gt(after);
    const { data } = await ctx.db
      .collection<UserRecord>(USERS)
      .where(where)
      .orderBy('createdAt', 'asc')
      .limit(1000)
      .get();
    out.push(...data.filter((u) => u.roles.some((g) => concerns(g, code))));
    if (data.length < 1000) return out;
    after = data[data.length - 1]?.createdAt ?? null;
  }
}

function unitOf(u: UserRecord, code: string): string {
  return u.roles.find((g) => concerns(g, code))?.unit ?? '';
}

/** The staff a reporter may name: masked names and units only. */
export const staff: ActionDef<'tipoff', 'staff'> = {
  access: 'registered',
  input: z.object({ regionCode: regionCode('被反映的地区') }),
  async handler(ctx, input): Promise<TipoffStaffResponse> {
    const place = await region(ctx, input.regionCode);
    const people = await staffOf(ctx, place.code);
    return {
      items: people.map((u) => ({
        staffId: u._id,
        maskedName: u.nameMasked ?? '工作人员',
        unit: unitOf(u, place.code),
      })),
    };
  },
};

const attachment = z.object({
  fileID: labelled(z.string().check(z.minLength(1), z.maxLength(500)), '附件'),
  name: labelled(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)), '附件名'),
});

export const submit: ActionDef<'tipoff', 'submit'> = {
  access: 'anyone',
  input: z.object({
    kind: labelled(z.enum(KINDS), '举报类别'),
    anonymous: labelled(z.boolean(), '是否匿名'),
    regionCode: regionCode('反映问题所在地'),
    projectCode: labelled(z.optional(z.string().check(z.regex(/^[A-Z][A-Z0-9_]{1,19}$/))), '补贴项目'),
    accusedStaffId: z.optional(docId('被反映人')),
    accusedText: labelled(z.optional(z.string().check(z.trim(), z.maxLength(60))), '被反映人'),
    content: labelled(z.string().check(z.trim(), z.minLength(10), z.maxLength(2000)), '举报内容'),
    attachments: labelled(z.optional(z.array(attachment).check(z.maxLength(9))), '附件'),
  }),
  async handler(ctx, input): Promise<TipoffSubmitResponse> {
    if (!ctx.caller.openid) throw unauthenticated('请在微信中打开小程序后举报');
    const reporter = input.anonymous ? null : requireRegistered(ctx.caller);
    const place = await region(ctx, input.regionCode);
    if (input.projectCode) {
      const { total } = await ctx.db.collection(PROJECTS).where({ code: input.projectCode }).count();
      if (total === 0) throw notFound('没有找到这个补贴项目');
    }
    // Attachments of a named tip-off sit in the reporter's folder; an anonymous one's carry no identity.
    const folder = reporter ? `/tipoffs/${reporter._id}/` : '/tipoffs/anonymous/';
    for (const a of input.attachments ?? []) {
      if (!a.fileID.includes(folder)) throw invalid('附件须由本人在举报页面上传');
    }
    let accused: UserRecord[] = [];
    let accusedText: TipoffDoc['accused'] = null;
    if (input.accusedStaffId) {
      const found = (await staffOf(ctx, place.code)).find((u) => u._id === input.accusedStaffId);
      if (!found) throw invalid('被反映人不在该地区的工作人员名单中，可直接填写姓名和单位');
      accused = [found];
      accusedText = { nameMasked: found.nameMasked ?? '', unit: unitOf(found, place.code) };
    } else if (input.accusedText) {
      accusedText = {
        nameMasked: maskName(input.accusedText.split(/[\s，,]/)[0] ?? input.accusedText),
        unit: input.accusedText,
      };
    }
    const verdict = await contentChecker().check(input.content, ctx.caller.openid);
    if (!verdict.pass) throw invalid('举报内容含有不适宜发布的信息，请修改后再提交');

    const code = trackingCode();
    const secret = input.anonymous ? newSecret() : null;
    const doc = newTipoff({
      code,
      kind: input.kind,
      anonymous: input.anonymous,
      reporterUserId: reporter?._id ?? null,
      secret,
      regionCode: place.code,
      projectCode: input.projectCode ?? null,
      declarationId: null,
      accused,
      accusedText,
      content: input.content,
      attachments: input.attachments ?? [],
      now: ctx.now,
      // Only the calendar this instance holds: reading it here would cost the reporter a round trip.
      // Without it the acceptance date is counted by weekends (provisional) and the scheduler settles
      // it within ten minutes.
      calendar: heldCalendar() ?? NO_CALENDAR,
    });
    // One write: the tip-off carries its own audit entry, so it is never stored without its record.
    const entry = ctx.auditEntry({
      action: 'tipoff.submit',
      // No trace of an anonymous reporter anywhere, the audit log included.
      actorId: reporter?._id ?? 'anonymous',
      actorRole: reporter ? 'resident' : 'anonymous',
      targetType: 'tipoff',
      targetId: code,
      detail: {
        kind: input.kind,
        region: place.code,
        escalated: doc.escalated,
        scopes: doc.scopeCodes.length,
      },
    });
    await ctx.db.collection<TipoffDoc>(TIPOFFS).add({ data: { ...doc, ...riding(entry) } });
    if (reporter?.householdId) {
      // The receipt in 我的消息 comes after the tip-off is safe. Should it fail, the tip-off still
      // stands, and the code on screen and 我的举报 both lead to it: the resident is not told to file
      // again. Its id comes from the code, so it is never written twice.
      await queueNotice(
        ctx.db,
        `n-tipoff-${code}`,
        {
          householdId: reporter.householdId,
          kind: 'tipoff',
          title: '举报已收到',
          body: `查询码${code}，将在15个工作日内受理`,
          page: `/pages/tipoff/track?code=${code}`,
        },
        ctx.now,
      ).catch((err: unknown) => {
        console.error(
          JSON.stringify({
            level: 'warn',
            requestId: ctx.requestId,
            fn: 'tipoff',
            action: 'submit',
            error: `receipt notice not written: ${(err as Error).message}`,
          }),
        );
      });
    }
    return {
      trackingCode: code,
      secret,
      acceptBy: doc.acceptBy.toISOString(),
      acceptByProvisional: acceptByProvisional(doc),
    };
  },
};
