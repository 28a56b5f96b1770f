/**
 * 名单导入 for the risk rules: the death register (from civil affairs / public security) and the list of
 * staff and their relatives (干部及亲属备案). Only keyed hashes and masked names are kept; the same row
 * imported again changes nothing.
 */
import * as z from 'zod/mini';
import { checkIdNumber } from '../../miniprogram/shared/idcard';
import { maskIdNumber, maskName } from '../../miniprogram/shared/mask';
import { shanghaiDay } from '../../miniprogram/shared/time';
import type { ImportError, RegisterImportResponse } from '../../typings/api';
import { insertNew } from '../_shared/db/bulk';
import { supervisorGrants } from '../_shared/domain/scope';
import {
  DEATHS,
  type DeathRecord,
  STAFF_RELATIVES,
  type StaffRelativeRecord,
} from '../_shared/jobs/risk-scan';
import { checkOwnFile, parseDay } from '../_shared/ports/import-files';
import { columns, parseTable } from '../_shared/ports/table-files';
import { downloadFile } from '../_shared/runtime/cloud';
import { lookupHash } from '../_shared/runtime/crypto';
import { invalid } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { labelled } from '../_shared/runtime/schemas';

const DEATH_COLUMNS = {
  idNumber: { names: ['身份证号', '身份证号码', '公民身份号码'], required: true },
  name: { names: ['姓名'], required: true },
  diedOn: { names: ['死亡日期', '注销日期'], required: true },
};
const STAFF_COLUMNS = {
  idNumber: { names: ['身份证号', '身份证号码', '亲属身份证号'], required: true },
  name: { names: ['姓名', '亲属姓名'], required: true },
  staff: { names: ['干部姓名', '工作人员姓名'], required: true },
  unit: { names: ['单位', '工作单位'], required: true },
  relation: { names: ['关系', '亲属关系'], required: true },
};

export const importRegister: ActionDef<'supervision', 'importRegister'> = {
  access: ['supervisor'],
  input: z.object({
    kind: labelled(z.enum(['deaths', 'staff_relatives']), '名单类别'),
    fileID: labelled(z.string().check(z.minLength(1), z.maxLength(500)), '名单文件'),
    fileName: labelled(z.string().check(z.trim(), z.minLength(1), z.maxLength(200)), '文件名'),
  }),
  async handler(ctx, input): Promise<RegisterImportResponse> {
    supervisorGrants(ctx.caller);
    checkOwnFile(ctx, input.fileID);
    const [header = [], ...rows] = await parseTable(input.fileName, await downloadFile(input.fileID)).catch(
      () => {
        throw invalid('文件无法读取：请上传CSV或Excel（.xlsx）文件');
      },
    );
    if (rows.length > 100_000) throw invalid('一个名单文件最多100000行，请拆分后导入');
    const today = shanghaiDay(ctx.now);
    const errors: ImportError[] = [];
    const valid = (cells: string[], at: number, row: number): string | null => {
      const id = (cells[at] ?? '').trim().toUpperCase();
      const check = checkIdNumber(id, today);
      if (!check.ok) {
        errors.push({ row, message: `身份证号不正确：${check.reason}` });
        return null;
      }
      return id;
    };
    let docs: Array<DeathRecord | StaffRelativeRecord> = [];
    if (input.kind === 'deaths') {
      const found = columns(header, DEATH_COLUMNS);
      if (!found.ok) throw invalid(`名单缺少列：${found.missing.join('、')}`);
      rows.forEach((cells, i) => {
        if (cells.every((c) => !c.trim())) return;
        const id = valid(cells, found.index.idNumber, i + 2);
        const diedOn = parseDay(cells[found.index.diedOn] ?? '');
        if (id && !diedOn) errors.push({ row: i + 2, message: '死亡日期格式不对，应如2026-03-05' });
        if (!id || !diedOn) return;
        docs.push({
          _id: lookupHash('id', id),
          diedOn,
          nameMasked: maskName((cells[found.index.name] ?? '').trim()),
          idMasked: maskIdNumber(id),
          importedAt: ctx.now,
        });
      });
    } else {
      const found = columns(header, STAFF_COLUMNS);
      if (!found.ok) throw invalid(`名单缺少列：${found.missing.join('、')}`);
      rows.forEach((cells, i) => {
        if (cells.every((c) => !c.trim())) return;
        const id = valid(cells, found.index.idNumber, i + 2);
        if (!id) return;
        docs.push({
          _id: lookupHash('id', id),
          personMasked: maskName((cells[found.index.name] ?? '').trim()),
          staffMasked: maskName((cells[found.index.staff] ?? '').trim()),
          unit: (cells[found.index.unit] ?? '').trim().slice(0, 60),
          relation: (cells[found.index.relation] ?? '').trim().slice(0, 20),
          importedAt: ctx.now,
        });
      });
    }
    docs = [...new Map(docs.map((d) => [d._id, d])).values()];
    const inserted = await insertNew(ctx.db, input.kind === 'deaths' ? DEATHS : STAFF_RELATIVES, docs);
    await ctx.audit({
      action: 'supervision.importRegister',
      targetType: input.kind,
      targetId: input.fileID,
      detail: { rows: rows.length, imported: inserted.size, errors: errors.length },
    });
    return { imported: inserted.size, unchanged: docs.length - inserted.size, errors: errors.slice(0, 1000) };
  },
};
