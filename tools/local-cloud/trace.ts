/**
 * The trace a test run can ask of the local cloud (YKT_TRACE_DIR): every answer a caller got, every
 * log line of the cloud and its functions (also when they are not printed), and every audit entry
 * written. The test run scans it afterwards for personal data that must never leave unmasked
 * (tests/cloud/setup/pii-scan.ts). One file per process; lines are written synchronously, so a
 * process killed with SIGKILL has still traced everything up to its last answer.
 */
import fs from 'node:fs';
import path from 'node:path';

export type TraceKind = 'answer' | 'log' | 'audit';

export interface Trace {
  write(kind: TraceKind, source: string, payload: unknown): void;
}

/** The trace for this process, or undefined when YKT_TRACE_DIR is not set (the default). */
export function openTrace(dir = process.env.YKT_TRACE_DIR): Trace | undefined {
  if (!dir) return undefined;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `trace-${process.pid}.jsonl`);
  let fd: number | undefined;
  return {
    write(kind, source, payload) {
      fd ??= fs.openSync(file, 'a');
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      fs.writeSync(fd, `${JSON.stringify({ kind, source, text })}\n`);
    },
  };
}
