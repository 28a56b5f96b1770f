/** What 审计核验 says of a verification. Pure. */
import type { AuditVerifyResponse } from '../../../../typings/api';

export interface AuditResult {
  ok: boolean;
  /** 审计日志完整 / 发现审计日志被破坏 */
  title: string;
  /** 已核验1024条记录（其中3条是本次核验前刚封存入链的） */
  checked: string;
  /** the first broken entry: its number and what is wrong, '' when intact */
  brokenSeq: string;
  problem: string;
}

export function auditResult(r: AuditVerifyResponse): AuditResult {
  return {
    ok: r.ok && !r.firstBroken,
    title: r.ok && !r.firstBroken ? '审计日志完整，未发现篡改' : '发现审计日志被破坏',
    checked: `已核验${r.checked}条记录（共16条哈希链${r.sealedNow ? `，其中${r.sealedNow}条是核验前刚封存入链的新记录` : ''}）`,
    brokenSeq: r.firstBroken
      ? `第一处问题：${r.firstBroken.lane ? `第${r.firstBroken.lane}号链` : ''}序号${r.firstBroken.seq}`
      : '',
    problem: r.firstBroken?.problem ?? '',
  };
}
