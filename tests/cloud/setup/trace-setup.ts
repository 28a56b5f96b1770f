/**
 * Before the tests that start local clouds (the cloud and e2e projects): every local cloud of the run,
 * in jest's workers and in the child processes tests start, traces its answers, log lines and audit
 * entries into one fresh folder. Each project names this setup; the first one makes the folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function traceSetup(): void {
  if (process.env.YKT_TRACE_DIR) {
    // Made by another project's setup of this run, or given from outside: then the developer's to
    // read afterwards, and kept.
    if (process.env.YKT_TRACE_OWNED !== '1') process.env.YKT_TRACE_KEEP = '1';
    fs.mkdirSync(process.env.YKT_TRACE_DIR, { recursive: true });
    return;
  }
  process.env.YKT_TRACE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ykt-trace-'));
  process.env.YKT_TRACE_OWNED = '1';
}
