/**
 * 节假日安排: the official holiday calendar that working-day deadlines count with, one list per year.
 * Admins see what is held and what is missing, and enter a year from the State Council's notice.
 */
import * as z from 'zod/mini';
import { shanghaiDay } from '../../miniprogram/shared/time';
import type { CalendarResponse, CalendarYearSummary, ImportCalendarResponse } from '../../typings/api';
import { yearOf } from '../_shared/domain/deadlines';
import {
  CALENDAR,
  CALENDAR_ALERT_KIND,
  type CalendarAlertDoc,
  type CalendarDoc,
  calendarAlertId,
  calendarId,
  forgetCalendar,
  SYSTEM_ALERTS,
} from '../_shared/domain/holiday-calendar';
import { conflict } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { labelled } from '../_shared/runtime/schemas';
import { checkCalendarRows } from './calendar-rows';

const year = () => labelled(z.int().check(z.gte(2000), z.lte(2100)), '年份');

function summaryOf(d: CalendarDoc): CalendarYearSummary {
  return {
    year: d.year,
    source: d.source,
    version: d.version,
    updatedAt: new Date(d.updatedAt).toISOString(),
    dayCount: d.days.length,
  };
}

/** 查看节假日安排: the years held, one year's days, the years missing, open alerts. */
export const calendar: ActionDef<'admin', 'calendar'> = {
  access: ['admin'],
  input: z.object({ year: z.optional(year()) }),
  async handler(ctx, input): Promise<CalendarResponse> {
    const [{ data: held }, { data: alerts }] = await Promise.all([
      ctx.db
        .collection<CalendarDoc>(CALENDAR)
        .where({ year: ctx.db.command.gte(2000) })
        .orderBy('year', 'desc')
        .limit(100)
        .get(),
      ctx.db
        .collection<CalendarAlertDoc>(SYSTEM_ALERTS)
        .where({ kind: CALENDAR_ALERT_KIND, status: 'open' })
        .limit(100)
        .get(),
    ]);
    const thisYear = yearOf(shanghaiDay(ctx.now));
    const asked = held.find((d) => d.year === (input.year ?? thisYear));
    return {
      years: held.map(summaryOf),
      year: asked ? { ...summaryOf(asked), days: asked.days } : null,
      missingYears: [thisYear, thisYear + 1].filter((y) => !held.some((d) => d.year === y)),
      alerts: alerts
        .sort((a, b) => a.year - b.year)
        .map((a) => ({ year: a.year, raisedAt: new Date(a.raisedAt).toISOString(), message: a.message })),
    };
  },
};

const row = z.object({
  date: labelled(z.string().check(z.maxLength(20)), '日期'),
  kind: labelled(z.enum(['holiday', 'workday']), '类型（放假或调休上班）'),
  name: labelled(z.string().check(z.trim(), z.minLength(1), z.maxLength(20)), '节日名称'),
});

/**
 * 导入节假日安排: one year's whole list replaces what was there. Provisional deadlines of that year are
 * counted again by the scheduler's next run; the year's missing-calendar alert is resolved at once.
 */
export const importCalendar: ActionDef<'admin', 'importCalendar'> = {
  access: ['admin'],
  input: z.object({
    year: year(),
    version: labelled(z.int().check(z.gte(0)), '版本'),
    rows: labelled(z.array(row).check(z.maxLength(100)), '节假日安排'),
  }),
  async handler(ctx, input): Promise<ImportCalendarResponse> {
    const days = checkCalendarRows(input.year, input.rows);
    const adminId = ctx.caller.user?._id ?? '';
    const stale = () => conflict(`${input.year}年的节假日安排刚刚被他人修改，请刷新后重新导入`);
    const stored = await ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<CalendarDoc>(CALENDAR).doc(calendarId(input.year));
      let current: CalendarDoc | null = null;
      try {
        current = (await ref.get()).data;
      } catch {
        // Not entered yet.
      }
      if ((current?.version ?? 0) !== input.version) throw stale();
      const doc: CalendarDoc = {
        _id: calendarId(input.year),
        year: input.year,
        days,
        source: 'admin',
        version: input.version + 1,
        updatedAt: ctx.now,
        updatedBy: adminId,
      };
      const { _id, ...rest } = doc;
      if (current) await ref.set({ data: rest });
      // A first entry is an insert, so two admins entering a new year at once cannot both win.
      else await tx.collection<CalendarDoc>(CALENDAR).add({ data: doc });
      const alertRef = tx.collection<CalendarAlertDoc>(SYSTEM_ALERTS).doc(calendarAlertId(input.year));
      let alert: CalendarAlertDoc | null = null;
      try {
        alert = (await alertRef.get()).data;
      } catch {
        // No alert was raised for this year.
      }
      if (alert?.status === 'open')
        await alertRef.update({ data: { status: 'resolved', resolvedAt: ctx.now } });
      await ctx.auditIn(tx, {
        action: 'admin.importCalendar',
        actorId: adminId,
        actorRole: 'admin',
        targetType: 'calendar',
        targetId: String(input.year),
        detail: {
          version: doc.version,
          holidays: days.filter((d) => d.kind === 'holiday').length,
          workdays: days.filter((d) => d.kind === 'workday').length,
          replacedSource: current?.source ?? null,
          alertResolved: alert?.status === 'open',
        },
      });
      return doc;
    });
    forgetCalendar();
    return { year: { ...summaryOf(stored), days: stored.days } };
  },
};
