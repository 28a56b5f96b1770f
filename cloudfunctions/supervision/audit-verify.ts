/** 审计核验: walks the hash-chained audit log and names the first missing, altered or relinked entry. */
import * as z from 'zod/mini';
import type { AuditVerifyResponse } from '../../typings/api';
import { type ChainBreak, verifyAuditLog } from '../_shared/audit';
import type { ActionDef } from '../_shared/router';
import { supervisorGrants } from './scope';

const PROBLEM: Record<ChainBreak['kind'], (at: string) => string> = {
  missing: (at) => `${at}审计记录缺失（可能被删除）`,
  altered: (at) => `${at}审计记录的内容与其哈希不符（可能被改动）`,
  relinked: (at) => `${at}审计记录与前一条的链接断开（可能被替换或插入）`,
  head: (at) => `${at}及以后的审计记录与链头不符（最新的记录可能被删除）`,
};

/** 第3条, or 第5号链第3条 for the lanes after the first. */
function position(b: ChainBreak): string {
  return b.lane ? `第${b.lane}号链第${b.seq}条` : `第${b.seq}条`;
}

export const auditVerify: ActionDef<'supervision', 'auditVerify'> = {
  access: ['supervisor'],
  input: z.object({}),
  async handler(ctx): Promise<AuditVerifyResponse> {
    supervisorGrants(ctx.caller);
    const result = await verifyAuditLog(ctx.db);
    const answer: AuditVerifyResponse = {
      ok: result.ok,
      checked: result.entries,
      firstBroken: result.break
        ? {
            seq: result.break.seq,
            lane: result.break.lane ?? 0,
            problem: PROBLEM[result.break.kind](position(result.break)),
          }
        : null,
      headSeq: result.entries,
    };
    // Verifying is itself recorded, after the walk, so it never checks its own entry half-written.
    await ctx.audit({
      action: 'supervision.auditVerify',
      targetType: 'audit_log',
      targetId: 'chain',
      detail: { ok: answer.ok, checked: answer.checked, firstBroken: answer.firstBroken?.seq ?? null },
    });
    return answer;
  },
};
