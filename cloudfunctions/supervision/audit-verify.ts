/**
 * 审计核验: seals what was written since the scheduler last did, then walks the hash-chained audit log
 * and names the first missing, altered or relinked entry, or one left unsealed too long.
 */
import * as z from 'zod/mini';
import type { AuditVerifyResponse } from '../../typings/api';
import { type ChainBreak, SEAL_GRACE_MS, sealAudit, verifyAuditLog } from '../_shared/audit/audit-log';
import { supervisorGrants } from '../_shared/domain/scope';
import type { ActionDef } from '../_shared/runtime/router';

const PROBLEM: Record<ChainBreak['kind'], (at: string) => string> = {
  missing: (at) => `${at}审计记录缺失（可能被删除）`,
  altered: (at) => `${at}审计记录的内容与其哈希不符（可能被改动）`,
  relinked: (at) => `${at}审计记录与前一条的链接断开（可能被替换或插入）`,
  head: (at) => `${at}及以后的审计记录与链头不符（最新的记录可能被删除）`,
  unsealed: (at) =>
    `${at}有审计记录超过${SEAL_GRACE_MS / 60_000}分钟仍未封存入链（封存任务可能已停止，请联系平台管理员）`,
};

/** 第3条, or 第5号链第3条 for the lanes after the first; an entry not sealed has no place yet. */
function position(b: ChainBreak): string {
  if (b.kind === 'unsealed') return `第${b.lane ?? 0}号链`;
  return b.lane ? `第${b.lane}号链第${b.seq}条` : `第${b.seq}条`;
}

/** Sealing before the walk stops here, leaving the walk its time; anything still waiting is not counted. */
const SEAL_BUDGET_MS = 15_000;

export const auditVerify: ActionDef<'supervision', 'auditVerify'> = {
  access: ['supervisor'],
  input: z.object({}),
  async handler(ctx): Promise<AuditVerifyResponse> {
    supervisorGrants(ctx.caller);
    // Everything written up to now is sealed first, so the walk covers it.
    const sealedNow = await sealAudit(ctx.db, SEAL_BUDGET_MS);
    const result = await verifyAuditLog(ctx.db, 1000, ctx.now);
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
      sealedNow,
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
