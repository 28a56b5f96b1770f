/** The `supervision` cloud function (监督管理): the figures, overdue items and 约谈, risk alerts, the audit trail. */
import type {
  AlertsRequest,
  AlertsResponse,
  AlertView,
  AuditVerifyResponse,
  DashboardRequest,
  DashboardResponse,
  InterviewsRequest,
  InterviewsResponse,
  OverdueRequest,
  OverdueResponse,
  RegisterImportRequest,
  RegisterImportResponse,
  ResolveAlertRequest,
  RiskRule,
  RiskScanResponse,
} from '../../typings/api';
import { callFunction } from './call';

/** 数据看板 of a region (the caller's own when left out) and a year; with `export`, an xlsx link too. */
export function dashboard(request: DashboardRequest): Promise<DashboardResponse> {
  return callFunction('supervision', 'dashboard', request);
}

/** 超期督办: overdue approvals and tip-offs, grouped by the unit responsible. */
export function overdue(request: OverdueRequest = {}): Promise<OverdueResponse> {
  return callFunction('supervision', 'overdue', request);
}

/** 约谈 records: list, record one, or note the follow-up. */
export function interviews(request: InterviewsRequest): Promise<InterviewsResponse> {
  return callFunction('supervision', 'interviews', request);
}

/** 存疑数据: the alerts the risk rules raised, newest first. */
export function alerts(request: AlertsRequest): Promise<AlertsResponse> {
  return callFunction('supervision', 'alerts', request);
}

/** 确认属实 or 排除, with the note and the version seen: CONFLICT when another supervisor resolved it first. */
export function resolveAlert(request: ResolveAlertRequest): Promise<AlertView> {
  return callFunction('supervision', 'resolveAlert', request);
}

/** 死亡人员名单 / 干部及亲属名单 from a CSV already uploaded, for the risk rules. */
export function importRegister(request: RegisterImportRequest): Promise<RegisterImportResponse> {
  return callFunction('supervision', 'importRegister', request);
}

/** 审计核验: walks the hash chain and names the first broken entry. */
export function auditVerify(): Promise<AuditVerifyResponse> {
  return callFunction('supervision', 'auditVerify', {});
}

/** A scan stopped by the time limit goes on in the next call; after this many the scheduler finishes it. */
const SCAN_CALLS = 5;

/** 立即扫描: the scan continued until done (or SCAN_CALLS calls), what each call found added up. */
export async function runRiskScan(): Promise<RiskScanResponse> {
  const found: Partial<Record<RiskRule, number>> = {};
  let known = 0;
  for (let call = 1; ; call++) {
    const answer = await callFunction('supervision', 'runRiskScan', {});
    for (const [rule, count] of Object.entries(answer.found) as Array<[RiskRule, number]>) {
      found[rule] = (found[rule] ?? 0) + count;
    }
    known += answer.known;
    if (answer.state === 'done' || call >= SCAN_CALLS) return { found, known, state: answer.state };
  }
}
