/**
 * 导入原发放平台台账: payments made through the existing disbursement platform, matched to households
 * by the head's ID number (its keyed hash), idempotent by bank serial. The money already moved, so a
 * second payment for one household, project and period is recorded as it happened, marked, and left
 * for the risk scan; recent ones (30 days) also reach the household as a notice in the app.
 */
import * as z from 'zod/mini';
import { parsePeriod } from '../../miniprogram/shared/entitlement';
import { checkIdNumber } from '../../miniprogram/shared/idcard';
import { parseYuan } from '../../miniprogram/shared/money';
import { shanghaiDay } from '../../miniprogram/shared/time';
import type { ImportError, ImportProgress } from '../../typings/api';
import { byIds, insertNew } from '../_shared/db/bulk';
import { PROJECTS, type ProjectDoc } from '../_shared/domain/catalogue';
import { HOUSEHOLDS, type HouseholdDoc } from '../_shared/domain/households';
import { type ChunkOutcome, readChunk, withRowErrors } from '../_shared/domain/import-run';
import {
  type LedgerHousehold,
  type LedgerRow,
  ledgerPaymentId,
  ledgerPayments,
  ledgerSlots,
  matchLedgerRow,
  noticeDue,
} from '../_shared/domain/ledger-match';
import {
  noticeText,
  PAYMENTS,
  type PaymentDoc,
  SLOTS,
  type SlotDoc,
  slotId,
} from '../_shared/domain/payments';
import { financeGrants } from '../_shared/domain/scope';
import { parseDay } from '../_shared/ports/import-files';
import { NOTIFICATIONS, noticeDoc } from '../_shared/ports/notify';
import type { Table } from '../_shared/ports/table-files';
import { lookupHash } from '../_shared/runtime/crypto';
import { forbidden } from '../_shared/runtime/errors';
import type { ActionContext, ActionDef } from '../_shared/runtime/router';
import { labelled } from '../_shared/runtime/schemas';
import { runImport } from './imports';

const LEDGER_COLUMNS = {
  idNumber: { names: ['户主身份证号', '身份证号', '身份证号码', '户主身份证号码'], required: true },
  project: { names: ['项目代码', '补贴项目代码', '项目编码'], required: true },
  period: { names: ['期次', '发放期次', '所属期'], required: true },
  amount: { names: ['金额', '金额元', '发放金额'], required: true },
  date: { names: ['发放日期', '入账日期', '日期'], required: true },
  serial: { names: ['银行流水号', '流水号', '交易流水号'], required: true },
};
type Cols = Record<keyof typeof LEDGER_COLUMNS, number>;

function readRow(
  cells: string[],
  at: Cols,
  row: number,
  projects: Map<string, ProjectDoc>,
  today: string,
): LedgerRow | ImportError | null {
  const get = (k: keyof Cols) => (cells[at[k]] ?? '').trim();
  if (cells.every((c) => c.trim() === '')) return null;
  const id = checkIdNumber(get('idNumber'), today);
  if (!id.ok) return { row, message: `户主身份证号不正确：${id.reason}` };
  const project = projects.get(get('project').toUpperCase());
  if (!project) return { row, message: `没有项目代码“${get('project')}”` };
  const period = get('period');
  if (!parsePeriod(project.frequency, period))
    return { row, message: `期次“${period}”与该项目的发放频次不符` };
  const amountFen = parseYuan(get('amount').replace(/,/g, ''));
  if (amountFen === null || amountFen <= 0) return { row, message: '金额格式不对' };
  const paidAt = parseDay(get('date'));
  if (!paidAt) return { row, message: '发放日期格式不对，应如2026-03-05' };
  const serial = get('serial');
  if (!/^[\w-]{4,64}$/.test(serial)) return { row, message: '银行流水号应为4–64位字母数字' };
  return {
    row,
    idHash: lookupHash('id', get('idNumber').toUpperCase()),
    project,
    period,
    amountFen,
    paidAt,
    serial,
  };
}

async function ledgerChunk(
  ctx: ActionContext,
  rows: LedgerRow[],
  regions: string[],
  importId: string,
): Promise<ChunkOutcome> {
  const out: ChunkOutcome = { paid: 0, failed: 0, unchanged: 0, errors: [] };
  const _ = ctx.db.command;
  const heads = new Map<string, HouseholdDoc>();
  const hashes = [...new Set(rows.map((r) => r.idHash))];
  for (let i = 0; i < hashes.length; i += 1000) {
    const { data } = await ctx.db
      .collection<HouseholdDoc>(HOUSEHOLDS)
      .where({ headIdHash: _.in(hashes.slice(i, i + 1000)) })
      .limit(1000)
      .get();
    for (const h of data) heads.set(h.headIdHash, h);
  }
  const known = new Map(
    (
      await byIds<PaymentDoc>(
        ctx.db,
        PAYMENTS,
        rows.map((r) => ledgerPaymentId(r.serial)),
      )
    ).map((p) => [p._id, p]),
  );
  const matched: Array<{ row: LedgerRow; household: LedgerHousehold }> = [];
  for (const r of rows) {
    const recorded = known.get(ledgerPaymentId(r.serial));
    const found = matchLedgerRow({ row: r, head: heads.get(r.idHash), regions, recorded });
    if (found.kind === 'error') out.errors.push({ row: r.row, message: found.message });
    else if (found.kind === 'unchanged') out.unchanged++;
    else matched.push({ row: r, household: found.household });
  }
  const slots = new Map(
    (
      await byIds<SlotDoc>(
        ctx.db,
        SLOTS,
        matched.map(({ row, household }) => slotId(household._id, row.project.code, row.period)),
      )
    ).map((s) => [s._id, s]),
  );
  const payments = ledgerPayments(matched, slots, importId, ctx.now);
  const inserted = await insertNew(ctx.db, PAYMENTS, payments);
  // The household's place for the period, so a platform batch does not pay it again.
  await insertNew(ctx.db, SLOTS, ledgerSlots(payments, ctx.now));
  const recent = payments.filter((p) => noticeDue(p, ctx.now));
  await insertNew(
    ctx.db,
    NOTIFICATIONS,
    recent.map((p) =>
      noticeDoc(
        `N:${p._id}`,
        {
          householdId: p.householdId,
          kind: 'payment',
          title: `补贴到账：${p.projectName}`,
          body: noticeText(p),
          page: '/pages/payments/index',
          paymentId: p._id,
        },
        ctx.now,
      ),
    ),
  );
  // A payment this import wrote before a crash counts as imported now; another import's is unchanged.
  for (const p of payments) {
    if (inserted.has(p._id)) out.paid++;
    else out.unchanged++;
  }
  return out;
}

export const importLedger: ActionDef<'payment', 'importLedger'> = {
  access: ['finance'],
  input: z.object({
    fileID: labelled(z.string().check(z.minLength(1), z.maxLength(500)), '台账文件'),
    fileName: labelled(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)), '文件名'),
  }),
  async handler(ctx, input): Promise<ImportProgress> {
    const regions = financeGrants(ctx.caller).map((g) => g.regionCode);
    if (regions.length === 0) throw forbidden();
    const { data: projectList } = await ctx.db.collection<ProjectDoc>(PROJECTS).where({}).limit(1000).get();
    const projects = new Map(projectList.map((p) => [p.code, p]));
    const today = shanghaiDay(ctx.now);
    const progress = await runImport(ctx, {
      kind: 'ledger',
      batchId: null,
      fileID: input.fileID,
      fileName: input.fileName,
      columns: LEDGER_COLUMNS,
      fileLabel: '台账文件',
      async chunk(rows: Table, from, to, importId, at) {
        const { parsed, errors } = readChunk(rows, from, to, (cells, i) =>
          readRow(cells, at, i + 2, projects, today),
        );
        return withRowErrors(await ledgerChunk(ctx, parsed, regions, importId), errors);
      },
    });
    return { ...progress, batch: null };
  },
};
