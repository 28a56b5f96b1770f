/**
 * Before the cloud tests: every local cloud of the run (in jest's workers and in the child processes
 * tests start) traces its answers, log lines and audit entries into one fresh folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function traceSetup(): void {
  // A folder given from outside is the developer's to read afterwards: used as it is and kept.
  if (process.env.YKT_TRACE_DIR) {
    process.env.YKT_TRACE_KEEP = '1';
    fs.mkdirSync(process.env.YKT_TRACE_DIR, { recursive: true });
    return;
  }
  process.env.YKT_TRACE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ykt-trace-'));
}
