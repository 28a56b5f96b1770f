/**
 * 明白账: a verified resident's own household's payments. A household receives at most a few dozen
 * payments a year, so each action reads the year's payments in one query and pages in memory: three
 * database round trips at most, caller included.
 */
import * as z from 'zod/mini';
import { shanghaiYearMonth } from '../../miniprogram/shared/time';
import type {
  PaymentMineResponse,
  PaymentStatementResponse,
  PaymentSummaryResponse,
} from '../../typings/api';
import type { Database } from '../_shared/db/database';
import { DECLARATIONS, OPEN_STATUSES } from '../_shared/domain/declarations';
import { PAYMENTS, type PaymentDoc, paymentView } from '../_shared/domain/payments';
import { requireRegistered } from '../_shared/runtime/caller';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { labelled, page, pageSize } from '../_shared/runtime/schemas';

const year = () => labelled(z.int().check(z.gte(2000), z.lte(2100)), '年份');
const projectCode = () => labelled(z.string().check(z.regex(/^[A-Z][A-Z0-9_]{1,19}$/)), '补贴项目');

function householdOf(ctx: ActionContext): string {
  return requireRegistered(ctx.caller).householdId ?? '';
}

async function yearPayments(db: Database, householdId: string, y: number, project?: string) {
  const where: Record<string, unknown> = { householdId, year: y };
  if (project) where.projectCode = project;
  const { data } = await db
    .collection<PaymentDoc>(PAYMENTS)
    .where(where)
    .orderBy('paidAt', 'desc')
    .limit(1000)
    .get();
  return data;
}

export const mine: ActionDef<'payment', 'mine'> = {
  access: 'verified',
  input: z.object({
    year: year(),
    projectCode: z.optional(projectCode()),
    page: page(),
    pageSize: pageSize(),
  }),
  async handler(ctx, input): Promise<PaymentMineResponse> {
    const householdId = householdOf(ctx);
    const p = input.page ?? 1;
    const size = input.pageSize ?? 20;
    const [all, { data: first }] = await Promise.all([
      yearPayments(ctx.db, householdId, input.year, input.projectCode),
      ctx.db.collection<PaymentDoc>(PAYMENTS).where({ householdId }).orderBy('paidAt', 'asc').limit(1).get(),
    ]);
    const thisYear = shanghaiYearMonth(ctx.now).year;
    const from = first[0] ? Math.min(first[0].year, thisYear) : thisYear;
    const years: number[] = [];
    for (let y = thisYear; y >= from; y--) years.push(y);
    return {
      year: input.year,
      items: all.slice((p - 1) * size, p * size).map(paymentView),
      total: all.length,
      page: p,
      pageSize: size,
      years,
    };
  },
};

const sum = (ps: PaymentDoc[]) => ps.reduce((n, x) => n + x.amountFen, 0);

export const summary: ActionDef<'payment', 'summary'> = {
  access: 'verified',
  input: z.object({}),
  async handler(ctx): Promise<PaymentSummaryResponse> {
    const householdId = householdOf(ctx);
    const { year: y, month } = shanghaiYearMonth(ctx.now);
    const _ = ctx.db.command;
    const [payments, { total: inApproval }] = await Promise.all([
      yearPayments(ctx.db, householdId, y),
      ctx.db
        .collection(DECLARATIONS)
        .where({ householdId, status: _.in([...OPEN_STATUSES]) })
        .count(),
    ]);
    const thisMonth = payments.filter((p) => p.month === month);
    return {
      year: y,
      paidThisYear: { count: payments.length, totalFen: sum(payments) },
      arrivedThisMonth: { count: thisMonth.length, totalFen: sum(thisMonth) },
      inApproval,
      projectsReceived: new Set(payments.map((p) => p.projectCode)).size,
      lastPayment: payments[0] ? paymentView(payments[0]) : null,
    };
  },
};

export const statement: ActionDef<'payment', 'statement'> = {
  access: 'verified',
  input: z.object({ year: year() }),
  async handler(ctx, input): Promise<PaymentStatementResponse> {
    const payments = await yearPayments(ctx.db, householdOf(ctx), input.year);
    const byProject = new Map<string, PaymentStatementResponse['projects'][number]>();
    const monthTotals = Array.from({ length: 12 }, () => 0);
    for (const p of payments) {
      const row = byProject.get(p.projectCode) ?? {
        projectCode: p.projectCode,
        projectName: p.projectName,
        months: Array.from({ length: 12 }, () => 0),
        totalFen: 0,
        count: 0,
      };
      row.months[p.month - 1] = (row.months[p.month - 1] ?? 0) + p.amountFen;
      row.totalFen += p.amountFen;
      row.count += 1;
      byProject.set(p.projectCode, row);
      monthTotals[p.month - 1] = (monthTotals[p.month - 1] ?? 0) + p.amountFen;
    }
    return {
      year: input.year,
      projects: [...byProject.values()].sort((a, b) => b.totalFen - a.totalFen),
      monthTotals,
      totalFen: sum(payments),
      count: payments.length,
    };
  },
};
