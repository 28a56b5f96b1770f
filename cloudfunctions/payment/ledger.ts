/**
 * 导入原发放平台台账: payments made through the existing disbursement platform, matched to households
 * by the head's ID number (its keyed hash), idempotent by bank serial. The money already moved, so a
 * second payment for one household, project and period is recorded as it happened, marked, and left
 * for the risk scan; recent ones (30 days) also reach the household as a notice in the app.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { parsePeriod } from '../../miniprogram/shared/entitlement';
import { checkIdNumber } from '../../miniprogram/shared/idcard';
import { parseYuan } from '../../miniprogram/shared/money';
import { regionWithin } from '../../miniprogram/shared/region';
import type { ImportError, ImportProgress } from '../../typings/api';
import { byIds, insertNew } from '../_shared/bulk';
import { PROJECTS, type ProjectDoc } from '../_shared/catalogue';
import { lookupHash } from '../_shared/crypto';
import { forbidden } from '../_shared/errors';
import { NOTIFICATIONS, noticeDoc } from '../_shared/notify';
import { HOUSEHOLDS, type HouseholdDoc } from '../_shared/people';
import type { ActionContext, ActionDef } from '../_shared/router';
import { labelled } from '../_shared/schemas';
import { columns, type Table } from '../_shared/table-files';
import { type ChunkOutcome, parseDay, runImport } from './imports';
import {
  noticeText,
  PAYMENTS,
  type PaymentDoc,
  SLOTS,
  type SlotDoc,
  shanghaiYearMonth,
  slotId,
} from './model';
import { financeGrants } from './scope';

const LEDGER_COLUMNS = {
  idNumber: { names: ['户主身份证号', '身份证号', '身份证号码', '户主身份证号码'], required: true },
  project: { names: ['项目代码', '补贴项目代码', '项目编码'], required: true },
  period: { names: ['期次', '发放期次', '所属期'], required: true },
  amount: { names: ['金额', '金额元', '发放金额'], required: true },
  date: { names: ['发放日期', '入账日期', '日期'], required: true },
  serial: { names: ['银行流水号', '流水号', '交易流水号'], required: true },
};
type Cols = Record<keyof typeof LEDGER_COLUMNS, number>;
const RECENT_MS = 30 * 24 * 3600 * 1000;

interface LedgerRow {
  row: number;
  idHash: string;
  project: ProjectDoc;
  period: string;
  amountFen: number;
  paidAt: Date;
  serial: string;
}

export const ledgerPaymentId = (serial: string) =>
  `L:${createHash('sha256').update(serial).digest('hex').slice(0, 40)}`;

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
  const matched: Array<{ r: LedgerRow; h: HouseholdDoc }> = [];
  for (const r of rows) {
    const h = heads.get(r.idHash);
    if (!h) {
      out.errors.push({ row: r.row, message: '找不到该户主身份证号对应的家庭' });
      continue;
    }
    if (!regions.some((code) => regionWithin(code, h.villageCode))) {
      out.errors.push({ row: r.row, message: '该户不在您的管辖范围内，未导入' });
      continue;
    }
    const before = known.get(ledgerPaymentId(r.serial));
    if (before) {
      const same =
        before.householdId === h._id &&
        before.projectCode === r.project.code &&
        before.period === r.period &&
        before.amountFen === r.amountFen;
      if (same) out.unchanged++;
      else out.errors.push({ row: r.row, message: '银行流水号已导入过，但内容不同，未改动' });
      continue;
    }
    matched.push({ r, h });
  }
  const slots = new Map(
    (
      await byIds<SlotDoc>(
        ctx.db,
        SLOTS,
        matched.map(({ r, h }) => slotId(h._id, r.project.code, r.period)),
      )
    ).map((s) => [s._id, s]),
  );
  const seenSlot = new Map<string, string>();
  const payments: PaymentDoc[] = matched.map(({ r, h }) => {
    const slot = slotId(h._id, r.project.code, r.period);
    const id = ledgerPaymentId(r.serial);
    const held = slots.get(slot);
    const duplicateOf =
      held?.paymentId ?? (held?.batchId ? `batch:${held.batchId}` : (seenSlot.get(slot) ?? null));
    if (!seenSlot.has(slot)) seenSlot.set(slot, id);
    const { year, month } = shanghaiYearMonth(r.paidAt);
    return {
      _id: id,
      householdId: h._id,
      villageCode: h.villageCode,
      projectCode: r.project.code,
      projectName: r.project.name,
      period: r.period,
      year,
      month,
      amountFen: r.amountFen,
      paidAt: r.paidAt,
      source: 'ledger',
      lineId: null,
      batchId: null,
      bankSerial: r.serial,
      cardKind: h.card?.kind ?? 'social_security',
      cardTail: h.card?.tail ?? '',
      duplicateOf,
      importId,
      createdAt: ctx.now,
    };
  });
  const inserted = await insertNew(ctx.db, PAYMENTS, payments);
  // The household's place for the period, so a platform batch does not pay it again.
  await insertNew(
    ctx.db,
    SLOTS,
    payments
      .filter((p) => !p.duplicateOf)
      .map((p) => ({
        _id: slotId(p.householdId, p.projectCode, p.period),
        householdId: p.householdId,
        projectCode: p.projectCode,
        period: p.period,
        state: 'paid' as const,
        batchId: null,
        paymentId: p._id,
        at: ctx.now,
      })),
  );
  const recent = payments.filter(
    (p) => ctx.now.getTime() - new Date(p.paidAt).getTime() < RECENT_MS && p.cardTail !== '',
  );
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
    const today = new Date(ctx.now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    let index: Cols | null = null;
    const progress = await runImport(ctx, {
      kind: 'ledger',
      batchId: null,
      fileID: input.fileID,
      fileName: input.fileName,
      header(header) {
        const found = columns(header, LEDGER_COLUMNS);
        if (!found.ok) return `台账文件缺少列：${found.missing.join('、')}（第1行应为表头）`;
        index = found.index;
        return null;
      },
      async chunk(rows: Table, from, to, importId) {
        const parsed: LedgerRow[] = [];
        const errors: ImportError[] = [];
        for (let i = from; i < to; i++) {
          const r = readRow(rows[i] ?? [], index as Cols, i + 2, projects, today);
          if (r === null) continue;
          if ('message' in r) errors.push(r);
          else parsed.push(r);
        }
        const out = await ledgerChunk(ctx, parsed, regions, importId);
        return { ...out, errors: [...errors, ...out.errors].sort((a, b) => a.row - b.row) };
      },
    });
    return { ...progress, batch: null };
  },
};
