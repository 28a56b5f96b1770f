/**
 * The personal-data scan of a test run's trace (tools/local-cloud/trace.ts): every answer, log line
 * and audit entry the local clouds of the run produced. None may carry a full ID number, bank or
 * social-security card number or mobile number: of the demo people by name, and of anyone by shape
 * (an 18-digit ID number whose check digit is right, an 11-digit mobile number).
 */
import fs from 'node:fs';
import path from 'node:path';
import { demoHouseholds } from '../../../tools/seed';

export interface Finding {
  file: string;
  line: number;
  kind: string;
  source: string;
  what: string;
  /** The secret masked, so the report itself does not leak it. */
  value: string;
}

/** Every full ID, card and phone number of the demo cast. */
export function demoSecrets(): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const h of demoHouseholds) {
    if (h.card) secrets.set(h.card.cardNumber, '演示卡号');
    for (const p of h.people) {
      secrets.set(p.idNumber, '演示身份证号');
      if (p.mobile) secrets.set(p.mobile, '演示手机号');
    }
  }
  return secrets;
}

const ID_SHAPE =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_SHAPE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643: the 18th character checks the first 17. */
export function idChecksumValid(id: string): boolean {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17]!.toUpperCase();
}

export const maskValue = (v: string): string =>
  `${v.slice(0, 3)}${'*'.repeat(Math.max(0, v.length - 7))}${v.slice(-4)}`;

/** Scans one line's text; returns what it found. */
export function scanText(text: string, secrets: Map<string, string>): Array<{ what: string; value: string }> {
  const found: Array<{ what: string; value: string }> = [];
  for (const [secret, what] of secrets) if (text.includes(secret)) found.push({ what, value: secret });
  for (const m of text.matchAll(ID_SHAPE)) {
    if (idChecksumValid(m[0]) && !secrets.has(m[0])) found.push({ what: '身份证号', value: m[0] });
  }
  for (const m of text.matchAll(MOBILE_SHAPE)) {
    if (!secrets.has(m[0])) found.push({ what: '手机号', value: m[0] });
  }
  return found;
}

/** Every finding in the trace files of `dir`. */
export function scanTrace(dir: string, secrets = demoSecrets()): { lines: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let lines = 0;
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : [];
  for (const file of files) {
    const content = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const [i, raw] of content.split('\n').entries()) {
      if (raw === '') continue;
      lines += 1;
      // A line cut short by a killed process is scanned as it stands.
      let entry: { kind?: string; source?: string; text?: string } = { text: raw };
      try {
        entry = JSON.parse(raw) as typeof entry;
      } catch {}
      for (const hit of scanText(entry.text ?? raw, secrets)) {
        findings.push({
          file,
          line: i + 1,
          kind: entry.kind ?? '?',
          source: entry.source ?? '?',
          what: hit.what,
          value: maskValue(hit.value),
        });
      }
    }
  }
  return { lines, findings };
}
