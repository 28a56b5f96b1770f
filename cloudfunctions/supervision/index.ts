/** 监督管理：数据看板、超期督办与约谈、存疑数据（风险规则、名单导入）、审计核验。 */
import { createFunction } from '../_shared/router';
import { auditVerify } from './audit-verify';
import { dashboard } from './dashboard';
import { interviews, overdue } from './overdue';
import { importRegister } from './registers';
import { alerts, resolveAlert, runRiskScan } from './risk';

export const main = createFunction('supervision', {
  dashboard,
  overdue,
  alerts,
  resolveAlert,
  runRiskScan,
  importRegister,
  auditVerify,
  interviews,
});
