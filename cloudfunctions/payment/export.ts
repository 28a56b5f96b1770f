/**
 * 导出: the file the bank pays from. It carries the holder's full name and card number, because the
 * bank needs them; it goes to cloud storage under the batch with a ten-minute link, and the audit log
 * records who took it, never its contents. The bank fills in the result columns and sends it back.
 */
import * as z from 'zod/mini';
import { formatYuan } from '../../miniprogram/shared/money';
import { shanghaiStamp } from '../../miniprogram/shared/time';
import type { ExportBatchResponse } from '../../typings/api';
import { BATCHES, type BatchDoc, LINES, type LineDoc } from '../_shared/domain/payments';
import { financeGrantFor } from '../_shared/domain/scope';
import { type Table, toCsv, toXlsx } from '../_shared/ports/table-files';
import { tempFileURLs, uploadFile } from '../_shared/runtime/cloud';
import { unseal } from '../_shared/runtime/crypto';
import { notFound, precondition } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { docId, labelled } from '../_shared/runtime/schemas';

/** The export's header; the last four columns are the bank's to fill in (importResults reads them). */
export const EXPORT_HEADER = [
  '明细号',
  '村（社区）',
  '持卡人姓名',
  '卡号',
  '开户银行',
  '金额（元）',
  '补贴项目',
  '发放期次',
  '结果',
  '银行流水号',
  '失败原因',
  '入账日期',
];

export async function allLines(
  db: Parameters<ActionDef<'payment', 'exportBatch'>['handler']>[0]['db'],
  batchId: string,
  state?: LineDoc['state'],
): Promise<LineDoc[]> {
  const out: LineDoc[] = [];
  for (let seq = -1; ; ) {
    const where: Record<string, unknown> = { batchId, seq: db.command.gt(seq) };
    if (state) where.state = state;
    const { data } = await db.collection<LineDoc>(LINES).where(where).orderBy('seq', 'asc').limit(1000).get();
    out.push(...data);
    if (data.length < 1000) return out;
    seq = data[data.length - 1]?.seq ?? seq;
  }
}

export const exportBatch: ActionDef<'payment', 'exportBatch'> = {
  access: ['finance'],
  input: z.object({ batchId: docId('发放批次'), format: labelled(z.enum(['csv', 'xlsx']), '文件格式') }),
  async handler(ctx, input): Promise<ExportBatchResponse> {
    const { data } = await ctx.db.collection<BatchDoc>(BATCHES).where({ _id: input.batchId }).limit(1).get();
    const batch = data[0];
    if (!batch) throw notFound('没有找到这个发放批次');
    financeGrantFor(ctx.caller, batch.regionCode);
    if (batch.state === 'building') throw precondition('批次还在生成中，请稍后再导出');
    if (batch.state === 'cancelled') throw precondition('这个批次已撤销，不能导出');
    // Every line goes out, so the bank's file can answer each; settled ones are marked so.
    const lines = (await allLines(ctx.db, batch._id)).filter(
      (l) => l.state !== 'resent' && l.state !== 'conflict',
    );
    const rows: Table = [
      EXPORT_HEADER,
      ...lines.map((l) => [
        l._id,
        l.villageName,
        unseal(l.card.holderNameSealed),
        unseal(l.card.numberSealed),
        l.card.bank,
        formatYuan(l.amountFen).replace('元', ''),
        batch.projectName,
        batch.period,
        l.state === 'paid' ? '成功' : l.state === 'failed' ? '失败' : '',
        '',
        l.failReason ?? '',
        '',
      ]),
    ];
    const content = input.format === 'csv' ? toCsv(rows) : await toXlsx('发放明细', rows);
    const stamp = shanghaiStamp(ctx.now);
    const fileName = `${batch.projectName}-${batch.regionName}-${batch.period}-${batch._id}-${stamp}.${input.format}`;
    const fileID = await uploadFile(`exports/${batch._id}/${fileName}`, content);
    const url = (await tempFileURLs([fileID])).get(fileID) ?? '';
    if (batch.state === 'created') {
      await ctx.db
        .collection<BatchDoc>(BATCHES)
        .doc(batch._id)
        .update({ data: { state: 'exported', exportedAt: ctx.now, version: batch.version + 1 } });
    }
    await ctx.audit({
      action: 'payment.exportBatch',
      targetType: 'payment_batch',
      targetId: batch._id,
      detail: { format: input.format, lines: lines.length, totalFen: batch.totalFen, fileID },
    });
    return {
      fileID,
      url,
      fileName,
      lineCount: lines.length,
      totalFen: lines.reduce((n, l) => n + l.amountFen, 0),
    };
  },
};
