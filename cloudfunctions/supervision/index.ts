/** 监督管理：数据看板、超期督办与约谈、存疑数据（风险规则、名单导入）、审计核验。 */
import { type ActionTable, createFunction } from '../_shared/runtime/router';
import { auditVerify } from './audit-verify';
import { dashboard } from './dashboard';
import { interviews, overdue } from './overdue';
import { importRegister } from './registers';
import { alerts, resolveAlert, runRiskScan } from './risk';

/** The action table, exported so that tests can hold it against the contract. */
export const actions = {
  dashboard,
  overdue,
  alerts,
  resolveAlert,
  runRiskScan,
  importRegister,
  auditVerify,
  interviews,
} satisfies ActionTable<'supervision'>;

export const main = createFunction('supervision', actions);
