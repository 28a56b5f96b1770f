/**
 * The scan the whole test run ends with (tests/cloud/setup/trace-teardown.ts) must find what it is
 * looking for: a demo person's numbers, any valid ID number, any mobile number; and must not cry wolf
 * over masked values, ids and amounts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTrace } from '../../../tools/local-cloud/trace';
import { testIdNumber } from '../../helpers/world';
import { demoSecrets, idChecksumValid, scanText, scanTrace } from '../setup/pii-scan';

const secrets = demoSecrets();
const [demoId] = [...secrets].find(([, what]) => what === '演示身份证号')!;
const [demoCard] = [...secrets].find(([, what]) => what === '演示卡号')!;

test('a demo person’s full ID and card number are found wherever they sit in the text', () => {
  expect(scanText(JSON.stringify({ ok: true, data: { idNumber: demoId } }), secrets)).toEqual([
    { what: '演示身份证号', value: demoId },
  ]);
  expect(scanText(`卡号${demoCard}已绑定`, secrets).map((f) => f.what)).toEqual(['演示卡号']);
});

test('any ID number with a valid check digit is found; a wrong check digit or a longer number is not', () => {
  const other = testIdNumber(42, '19580203');
  expect(idChecksumValid(other)).toBe(true);
  expect(scanText(`"name":"某人","id":"${other}"`, secrets)).toEqual([{ what: '身份证号', value: other }]);
  const wrong = `${other.slice(0, 17)}${other[17] === '0' ? '1' : '0'}`;
  expect(scanText(wrong, secrets)).toEqual([]);
  expect(scanText(`9${other}`, secrets)).toEqual([]);
});

test('a mobile number is found, a masked one or a timestamp is not', () => {
  expect(scanText('联系电话 13812345678', secrets)).toEqual([{ what: '手机号', value: '13812345678' }]);
  expect(scanText('联系电话 138****5678', secrets)).toEqual([]);
  expect(scanText('"at":1764115200000,"amountFen":13812345678901', secrets)).toEqual([]);
  expect(scanText('511702********1234', secrets)).toEqual([]);
});

test('scanTrace reads what openTrace wrote and reports the place with the value masked', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ykt-trace-test-'));
  try {
    const trace = openTrace(dir)!;
    trace.write('answer', 'user', { ok: true, data: { nameMasked: '罗*' } });
    trace.write('log', 'cloud', `register ${demoId}`);
    trace.write('audit', 'audit_log', '{"after":{"mobile":"139****0000"}}');
    const { lines, findings } = scanTrace(dir, secrets);
    expect(lines).toBe(3);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ kind: 'log', source: 'cloud', line: 2, what: '演示身份证号' });
    expect(findings[0]!.value).not.toContain(demoId.slice(3, 14));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
