/**
 * 存疑数据 for supervisors: run the scan now (only their region's findings are told), list the alerts of
 * their region, and resolve one. The scan itself is the shared job in `_shared/jobs/risk-scan.ts`.
 */

import * as z from 'zod/mini';
import type { AlertsResponse, AlertView, RiskRule, RiskScanResponse } from '../../typings/api';
import { pageOf } from '../_shared/db/paging';
import { regionNames } from '../_shared/domain/regions';
import { supervisorGrants } from '../_shared/domain/scope';
import { ALERTS, type AlertDoc, countByRule, RULE_TEXT, riskScan } from '../_shared/jobs/risk-scan';
import { conflict, notFound } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { labelled, page, pageSize } from '../_shared/runtime/schemas';

export const runRiskScan: ActionDef<'supervision', 'runRiskScan'> = {
  access: ['supervisor'],
  input: z.object({}),
  async handler(ctx): Promise<RiskScanResponse> {
    const grants = supervisorGrants(ctx.caller);
    // The scan is the timer's, over the whole city; the caller learns only what lies in their region,
    // as the alerts list shows it (a county's supervisor hears nothing of the other counties).
    const mine = (a: AlertDoc) => grants.some((g) => a.scopeCodes.includes(g.regionCode));
    const { raised, seen, ...result } = await riskScan(ctx.db, ctx.now);
    await ctx.audit({
      action: 'supervision.runRiskScan',
      targetType: 'alerts',
      targetId: `scan:${ctx.requestId}`,
      detail: { found: result.found, known: result.known, raised: raised.map((a) => a._id) },
    });
    return { found: countByRule(raised.filter(mine)), known: seen.filter(mine).length, state: result.state };
  },
};

function view(a: AlertDoc, regionName: string): AlertView {
  return {
    alertId: a._id,
    rule: a.rule,
    ruleText: RULE_TEXT[a.rule],
    regionCode: a.regionCode,
    regionName,
    records: a.records,
    why: a.why,
    status: a.status,
    note: a.note,
    createdAt: new Date(a.createdAt).toISOString(),
    resolvedAt: a.resolvedAt ? new Date(a.resolvedAt).toISOString() : null,
    version: a.version,
  };
}

const RULES = Object.keys(RULE_TEXT) as [RiskRule, ...RiskRule[]];

export const alerts: ActionDef<'supervision', 'alerts'> = {
  access: ['supervisor'],
  input: z.object({
    status: labelled(z.optional(z.enum(['open', 'confirmed', 'dismissed'])), '处理状态'),
    rule: labelled(z.optional(z.enum(RULES)), '风险规则'),
    page: page(),
    pageSize: pageSize(),
  }),
  async handler(ctx, input): Promise<AlertsResponse> {
    const where: Record<string, unknown> = {
      scopeCodes: ctx.db.command.in(supervisorGrants(ctx.caller).map((g) => g.regionCode)),
    };
    if (input.status) where.status = input.status;
    if (input.rule) where.rule = input.rule;
    const { data, ...paging } = await pageOf<AlertDoc>(ctx.db, ALERTS, where, [['createdAt', 'desc']], input);
    const names = await regionNames(
      ctx.db,
      data.map((a) => a.regionCode),
    );
    return { items: data.map((a) => view(a, names.get(a.regionCode) ?? a.regionCode)), ...paging };
  },
};

export const resolveAlert: ActionDef<'supervision', 'resolveAlert'> = {
  access: ['supervisor'],
  input: z.object({
    alertId: labelled(
      z.string().check(z.minLength(3), z.maxLength(80), z.regex(/^[a-z_]+:[0-9a-f]+$/)),
      '风险提示',
    ),
    version: labelled(z.int().check(z.gte(1)), '版本'),
    outcome: labelled(z.enum(['confirmed', 'dismissed']), '核查结论'),
    note: labelled(z.string().check(z.trim(), z.minLength(5), z.maxLength(1000)), '核查说明'),
  }),
  async handler(ctx, input): Promise<AlertView> {
    const { data } = await ctx.db.collection<AlertDoc>(ALERTS).where({ _id: input.alertId }).limit(1).get();
    const found = data[0];
    const grants = supervisorGrants(ctx.caller);
    if (!found || !grants.some((g) => found.scopeCodes.includes(g.regionCode)))
      throw notFound('没有找到这条风险提示');
    if (found.status !== 'open') throw conflict('这条风险提示已处理过');
    const next = await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<AlertDoc>(ALERTS).doc(found._id);
      const { data: a } = await ref.get();
      if (a.version !== input.version || a.status !== 'open')
        throw conflict('这条风险提示已被他人处理，请刷新后查看');
      const updated: AlertDoc = {
        ...a,
        status: input.outcome,
        note: input.note,
        resolvedBy: ctx.caller.user?._id ?? '',
        resolvedAt: ctx.now,
        version: a.version + 1,
      };
      const { _id, ...rest } = updated;
      await ref.set({ data: rest });
      await ctx.auditIn(tx, {
        action: 'supervision.resolveAlert',
        actorId: ctx.caller.user?._id ?? '',
        actorRole: 'supervisor',
        targetType: 'alert',
        targetId: a._id,
        detail: { rule: a.rule, outcome: input.outcome },
      });
      return updated;
    });
    const names = await regionNames(ctx.db, [next.regionCode]);
    return view(next, names.get(next.regionCode) ?? next.regionCode);
  },
};
