import * as z from 'zod/mini';
import { transition } from '../../miniprogram/shared/declaration-machine';
import type { SchedulerTickResponse } from '../../typings/api';
import { sealAudit } from '../_shared/audit/audit-log';
import type { Calendar } from '../_shared/domain/deadlines';
import { moved, notifyHousehold, REMIND_AFTER_DAYS, saveMove } from '../_shared/domain/declaration-moves';
import { DECLARATIONS, type DeclarationDoc } from '../_shared/domain/declarations';
import { readCalendar } from '../_shared/domain/holiday-calendar';
import { rollupStats, statsDue } from '../_shared/jobs/region-stats';
import { riskScan, scanDue } from '../_shared/jobs/risk-scan';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { calendarAlerts, settleProvisional } from './calendar';
import { deliver } from './deliver';

/** Items handled per step and run: the timer runs every ten minutes, so a backlog drains over a few runs. */
const BATCH = 200;

async function due(ctx: ActionContext, status: DeclarationDoc['status']): Promise<DeclarationDoc[]> {
  // Items already marked overdue are left out, so a backlog of them never hides a newly late one.
  const where =
    status === 'in_review'
      ? { status, dueAt: ctx.db.command.lt(ctx.now), overdueSince: null }
      : { status, dueAt: ctx.db.command.lt(ctx.now) };
  const { data } = await ctx.db
    .collection<DeclarationDoc>(DECLARATIONS)
    .where(where)
    .orderBy('dueAt', 'asc')
    .limit(BATCH)
    .get();
  return data;
}

/** The public notice is over: the item moves on to the stage after it. */
async function endNotice(ctx: ActionContext, seen: DeclarationDoc, calendar: Calendar): Promise<boolean> {
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<DeclarationDoc>(DECLARATIONS).doc(seen._id);
    const { data: current } = await ref.get();
    const to = transition(current, { type: 'publicity_end' });
    if (!to.ok || !current.dueAt || new Date(current.dueAt) > ctx.now) return false;
    const next = moved(
      current,
      to,
      ctx.now,
      {
        stage: 'publicity',
        event: 'approved',
        unit: '系统',
        actorId: 'system:scheduler',
        actorMaskedName: '',
        at: ctx.now,
        opinion: '公示期满，无异议',
      },
      calendar,
    );
    await saveMove(tx, current, next, ctx.now, '公示期满，无异议，进入下一环节');
    await ctx.auditIn(tx, {
      action: 'scheduler.endNotice',
      actorId: 'system:scheduler',
      actorRole: 'system',
      targetType: 'declaration',
      targetId: current._id,
      detail: { to: next.status },
    });
    return true;
  });
}

/** A stage past its deadline is marked once, for the queue's badge and supervision's overdue list. */
async function markOverdue(ctx: ActionContext, seen: DeclarationDoc): Promise<boolean> {
  if (seen.overdueSince) return false;
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<DeclarationDoc>(DECLARATIONS).doc(seen._id);
    const { data: current } = await ref.get();
    if (current.overdueSince || current.status !== 'in_review' || current.version !== seen.version)
      return false;
    await ref.update({ data: { overdueSince: ctx.now } });
    await ctx.auditIn(tx, {
      action: 'scheduler.markOverdue',
      actorId: 'system:scheduler',
      actorRole: 'system',
      targetType: 'declaration',
      targetId: current._id,
      detail: { stage: current.chain[current.stageIndex ?? -1]?.key ?? null, dueAt: current.dueAt },
    });
    return true;
  });
}

/** A returned item the household has not corrected: one reminder, then it is up to them. */
async function remind(ctx: ActionContext, seen: DeclarationDoc): Promise<boolean> {
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<DeclarationDoc>(DECLARATIONS).doc(seen._id);
    const { data: current } = await ref.get();
    if (!current.remindAt || new Date(current.remindAt) > ctx.now) return false;
    await ref.update({ data: { remindAt: null } });
    if (current.status !== 'returned') return false;
    await notifyHousehold(
      tx,
      current,
      `您的申报已退回${REMIND_AFTER_DAYS}天，请按审核意见修改后重新提交；如需帮助，请联系村（社区）干部`,
      ctx.now,
    );
    await ctx.auditIn(tx, {
      action: 'scheduler.remind',
      actorId: 'system:scheduler',
      actorRole: 'system',
      targetType: 'declaration',
      targetId: current._id,
      detail: { status: current.status },
    });
    return true;
  });
}

/** Of the run's 60 s: what is left unsealed waits for the next run, ten minutes on. */
const SEAL_BUDGET_MS = 20_000;

export const tick: ActionDef<'scheduler', 'tick'> = {
  access: 'system',
  input: z.object({}),
  async handler(ctx): Promise<SchedulerTickResponse> {
    // Read afresh, not from the instance's copy: an import must settle provisional deadlines at once.
    const calendar = await readCalendar(ctx.db, ctx.now);
    // First, so that a deadline the calendar moves later is not marked overdue by the earlier count.
    const settled = await settleProvisional(ctx, calendar);
    let noticesEnded = 0;
    for (const d of await due(ctx, 'publicity')) if (await endNotice(ctx, d, calendar)) noticesEnded++;
    let markedOverdue = 0;
    for (const d of await due(ctx, 'in_review')) if (await markOverdue(ctx, d)) markedOverdue++;
    let reminded = 0;
    const { data: toRemind } = await ctx.db
      .collection<DeclarationDoc>(DECLARATIONS)
      .where({ remindAt: ctx.db.command.lt(ctx.now) })
      .orderBy('remindAt', 'asc')
      .limit(BATCH)
      .get();
    for (const d of toRemind) if (await remind(ctx, d)) reminded++;
    const alerts = await calendarAlerts(ctx, calendar);
    const delivery = await deliver(ctx);
    let risk: SchedulerTickResponse['riskScan'] = null;
    if (await scanDue(ctx.db, ctx.now)) {
      const { raised, ...result } = await riskScan(ctx.db, ctx.now);
      risk = result.found;
      await ctx.audit({
        action: 'scheduler.riskScan',
        actorRole: 'system',
        targetType: 'alerts',
        targetId: `scan:${ctx.requestId}`,
        detail: { found: result.found, known: result.known, raised: raised.map((a) => a._id) },
      });
    }
    // The dashboard's figures: recounted township by township, continuing where the last run stopped.
    const stats = (await statsDue(ctx.db, ctx.now)) ? await rollupStats(ctx.db, ctx.now) : null;
    // Last, so the entries this tick wrote are sealed too.
    const auditSealed = await sealAudit(ctx.db, SEAL_BUDGET_MS);
    return {
      noticesEnded,
      markedOverdue,
      reminded,
      delivery,
      riskScan: risk,
      stats,
      auditSealed,
      calendar: { settled, ...alerts },
    };
  },
};
