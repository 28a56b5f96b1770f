/**
 * After the tests that start local clouds: the run fails if any answer, log line or audit entry carried a full ID,
 * card or mobile number (tests/cloud/setup/pii-scan.ts). The trace folder is removed when clean and
 * kept for reading when not (or when YKT_TRACE_DIR was given).
 */
import fs from 'node:fs';
import { scanTrace } from './pii-scan';

export default function traceTeardown(): void {
  const dir = process.env.YKT_TRACE_DIR;
  // Every project's teardown runs after all tests: the first scans the whole run, the others find
  // the folder already scanned.
  if (!dir || process.env.YKT_TRACE_SCANNED === '1') return;
  process.env.YKT_TRACE_SCANNED = '1';
  const { lines, findings } = scanTrace(dir);
  if (findings.length === 0) {
    if (process.env.YKT_TRACE_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
    console.log(`\n个人信息扫描：${lines} 条应答、日志与审计记录中没有完整的身份证号、卡号或手机号`);
    return;
  }
  const shown = findings
    .slice(0, 30)
    .map((f) => `  ${f.kind} ${f.source} ${f.what} ${f.value}（${dir}/${f.file} 第 ${f.line} 行）`)
    .join('\n');
  throw new Error(
    `个人信息扫描：${findings.length} 处完整的个人信息出现在应答、日志或审计记录中（共 ${lines} 条）：\n${shown}`,
  );
}
