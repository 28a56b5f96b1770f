/**
 * The scheduler's part in the holiday calendar: deadlines counted while their year's holidays were not
 * known here are counted again once they are, and admins are alerted to a year that is missing (this
 * year, and next year from 1 November).
 */
import type { SchedulerTickResponse } from '../../typings/api';
import { type Calendar, calendarYearsDue, type ProvisionalDue, storedDue } from '../_shared/domain/deadlines';
import { DECLARATIONS, type DeclarationDoc } from '../_shared/domain/declarations';
import {
  CALENDAR_ALERT_KIND,
  type CalendarAlertDoc,
  calendarAlertId,
  calendarAlertMessage,
  SYSTEM_ALERTS,
} from '../_shared/domain/holiday-calendar';
import { TIPOFFS, type TipoffDoc } from '../_shared/domain/tipoffs';
import type { ActionContext } from '../_shared/runtime/router';

/** Items settled per collection and run; the rest wait for the next run, ten minutes on. */
const BATCH = 200;

type Counted = Pick<DeclarationDoc | TipoffDoc, '_id' | 'dueAt' | 'dueProvisional' | 'version'>;

/** Still the deadline the scheduler saw, with its year now held? */
function settles(
  current: Counted,
  seen: Counted,
  calendar: Calendar,
): current is Counted & {
  dueProvisional: ProvisionalDue;
} {
  return (
    current.version === seen.version &&
    Boolean(current.dueProvisional) &&
    calendar.years.has(current.dueProvisional?.missingYear ?? 0)
  );
}

function recount(calendar: Calendar, p: ProvisionalDue) {
  return storedDue(calendar, new Date(p.from), p.days, true);
}

async function provisional<T extends Counted>(
  ctx: ActionContext,
  collection: string,
  calendar: Calendar,
): Promise<T[]> {
  const years = [...calendar.years];
  if (years.length === 0) return [];
  const { data } = await ctx.db
    .collection<T>(collection)
    .where({ 'dueProvisional.missingYear': ctx.db.command.in(years) })
    .limit(BATCH)
    .get();
  return data;
}

type Due = ReturnType<typeof recount>;

/**
 * Counts one item's deadline again in a transaction over the version seen: the new deadline, what the
 * item's kind moves with it (`also`), and the audit entry of the change. False when it needs nothing.
 */
async function settle<T extends DeclarationDoc | TipoffDoc>(
  ctx: ActionContext,
  calendar: Calendar,
  seen: T,
  kind: { collection: string; targetType: 'declaration' | 'tipoff' },
  also: (current: T, due: Due) => Record<string, unknown>,
): Promise<boolean> {
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<T>(kind.collection).doc(seen._id);
    const { data: current } = await ref.get();
    if (!settles(current, seen, calendar)) return false;
    const due = recount(calendar, current.dueProvisional);
    await ref.update({
      data: { ...due, ...also(current, due), version: current.version + 1, updatedAt: ctx.now },
    });
    await ctx.auditIn(tx, {
      action: 'scheduler.settleDeadline',
      actorId: 'system:scheduler',
      actorRole: 'system',
      targetType: kind.targetType,
      targetId: current._id,
      detail: { from: current.dueAt, to: due.dueAt, provisional: Boolean(due.dueProvisional) },
    });
    return true;
  });
}

function settleDeclaration(ctx: ActionContext, seen: DeclarationDoc, calendar: Calendar) {
  return settle(
    ctx,
    calendar,
    seen,
    { collection: DECLARATIONS, targetType: 'declaration' },
    (current, due) => {
      const noticeEnds =
        current.publicity &&
        current.dueAt &&
        +new Date(current.publicity.endsAt) === +new Date(current.dueAt);
      return {
        // A later deadline lifts an overdue mark the earlier count put on.
        ...(current.overdueSince && due.dueAt > ctx.now ? { overdueSince: null } : {}),
        ...(noticeEnds && current.publicity
          ? { publicity: { ...current.publicity, endsAt: due.dueAt } }
          : {}),
      };
    },
  );
}

function settleTipoff(ctx: ActionContext, seen: TipoffDoc, calendar: Calendar) {
  return settle(ctx, calendar, seen, { collection: TIPOFFS, targetType: 'tipoff' }, (current, due) =>
    current.status === 'submitted' ? { acceptBy: due.dueAt } : {},
  );
}

/** Counts again the provisional deadlines whose missing year the calendar now holds. */
export async function settleProvisional(ctx: ActionContext, calendar: Calendar): Promise<number> {
  const [declarations, tipoffs] = await Promise.all([
    provisional<DeclarationDoc>(ctx, DECLARATIONS, calendar),
    provisional<TipoffDoc>(ctx, TIPOFFS, calendar),
  ]);
  let settled = 0;
  for (const d of declarations) if (await settleDeclaration(ctx, d, calendar)) settled++;
  for (const t of tipoffs) if (await settleTipoff(ctx, t, calendar)) settled++;
  return settled;
}

/** One open alert per missing year (its id is fixed), resolved once the year is held. */
export async function calendarAlerts(
  ctx: ActionContext,
  calendar: Calendar,
): Promise<Pick<SchedulerTickResponse['calendar'], 'alertsRaised' | 'alertsResolved'>> {
  const { data: open } = await ctx.db
    .collection<CalendarAlertDoc>(SYSTEM_ALERTS)
    .where({ kind: CALENDAR_ALERT_KIND, status: 'open' })
    .limit(100)
    .get();
  const missing = calendarYearsDue(ctx.now, calendar.years);
  const alertsRaised = missing.filter((y) => !open.some((a) => a.year === y));
  const alertsResolved = open.filter((a) => calendar.years.has(a.year)).map((a) => a.year);
  for (const year of alertsRaised) {
    await ctx.db.runTransaction(async (tx) => {
      const alert: Omit<CalendarAlertDoc, '_id'> = {
        kind: CALENDAR_ALERT_KIND,
        year,
        status: 'open',
        message: calendarAlertMessage(year),
        raisedAt: ctx.now,
        resolvedAt: null,
      };
      await tx.collection<CalendarAlertDoc>(SYSTEM_ALERTS).doc(calendarAlertId(year)).set({ data: alert });
      await ctx.auditIn(tx, {
        action: 'scheduler.calendarAlert',
        actorId: 'system:scheduler',
        actorRole: 'system',
        targetType: 'calendar',
        targetId: String(year),
        detail: { status: 'open' },
      });
    });
  }
  for (const year of alertsResolved) {
    await ctx.db.runTransaction(async (tx) => {
      await tx
        .collection<CalendarAlertDoc>(SYSTEM_ALERTS)
        .doc(calendarAlertId(year))
        .update({ data: { status: 'resolved', resolvedAt: ctx.now } });
      await ctx.auditIn(tx, {
        action: 'scheduler.calendarAlert',
        actorId: 'system:scheduler',
        actorRole: 'system',
        targetType: 'calendar',
        targetId: String(year),
        detail: { status: 'resolved' },
      });
    });
  }
  return { alertsRaised, alertsResolved };
}
