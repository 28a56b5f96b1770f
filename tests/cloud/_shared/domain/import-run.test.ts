import {
  afterChunk,
  heldByAnother,
  importIdOf,
  MAX_ROWS,
  readChunk,
  rowsProblem,
  withRowErrors,
} from '../../../../cloudfunctions/_shared/domain/import-run';
import { checkOwnFile, parseDay } from '../../../../cloudfunctions/_shared/ports/import-files';

const NOW = new Date('2026-05-30T02:00:00Z');

test('an import is its kind, its batch and its content', () => {
  const hash = 'ab'.repeat(32);
  expect(importIdOf('results', 'B1', hash)).toBe(`results-B1-${'ab'.repeat(16)}`);
  expect(importIdOf('ledger', null, hash)).toBe(`ledger-ledger-${'ab'.repeat(16)}`);
});

test.each([
  ['no data rows', 0, '文件中没有数据行'],
  ['one row', 1, null],
  ['the most rows a file may hold', MAX_ROWS, null],
  ['one row too many', MAX_ROWS + 1, `一个文件最多${MAX_ROWS}行，请拆分后分别导入`],
])('a file with %s: %s', (_name, n, problem) => {
  expect(rowsProblem(Array.from({ length: n }, () => ['x']))).toBe(problem);
});

test.each([
  ['nobody holds it', null, false],
  ['another call holds it', { requestId: 'other', until: new Date('2026-05-30T02:00:30Z') }, true],
  ['this call holds it', { requestId: 'me', until: new Date('2026-05-30T02:00:30Z') }, false],
  ["another call's lease ran out", { requestId: 'other', until: NOW }, false],
])('an import %s: held by another %s', (_name, lease, held) => {
  expect(heldByAnother(lease, NOW, 'me')).toBe(held);
});

describe('after a chunk', () => {
  const doc = { paid: 1, failed: 2, unchanged: 3, errors: [{ row: 2, message: 'a' }], errorCount: 1 };

  test('the cursor moves to the chunk’s end and the counts add up', () => {
    expect(
      afterChunk(doc, { paid: 10, failed: 20, unchanged: 30, errors: [{ row: 9, message: 'b' }] }, 50),
    ).toEqual({
      cursor: 50,
      paid: 11,
      failed: 22,
      unchanged: 33,
      errors: [
        { row: 2, message: 'a' },
        { row: 9, message: 'b' },
      ],
      errorCount: 2,
    });
  });

  test('a thousand errors are kept to show and all are counted', () => {
    const many = Array.from({ length: 1500 }, (_, i) => ({ row: i + 3, message: 'x' }));
    const next = afterChunk(doc, { paid: 0, failed: 0, unchanged: 0, errors: many }, 1600);
    expect(next.errors).toHaveLength(1000);
    expect(next.errors[0]).toEqual({ row: 2, message: 'a' });
    expect(next.errorCount).toBe(1501);
  });
});

test('a chunk reads its rows only, drops blank ones and keeps what is wrong apart', () => {
  const rows = [['1'], ['x'], [''], ['4'], ['5']];
  const { parsed, errors } = readChunk(rows, 1, 4, (cells, i) => {
    if (!cells[0]) return null;
    return /^\d+$/.test(cells[0]) ? { value: Number(cells[0]), at: i } : { row: i + 2, message: '不是数字' };
  });
  expect(parsed).toEqual([{ value: 4, at: 3 }]);
  expect(errors).toEqual([{ row: 3, message: '不是数字' }]);
});

test("a chunk's errors come out in the file's order", () => {
  const out = withRowErrors({ paid: 1, failed: 0, unchanged: 0, errors: [{ row: 5, message: 'b' }] }, [
    { row: 7, message: 'c' },
    { row: 2, message: 'a' },
  ]);
  expect(out.errors.map((e) => e.row)).toEqual([2, 5, 7]);
  expect(out.paid).toBe(1);
});

describe('a day in an imported file', () => {
  test.each([
    ['2026-03-05', '2026-03-04T16:00:00.000Z'],
    ['2026/3/5', '2026-03-04T16:00:00.000Z'],
    ['20260305', '2026-03-04T16:00:00.000Z'],
    ['2026.03.05 14:30:00', '2026-03-04T16:00:00.000Z'],
    [' 2027-01-01 ', '2026-12-31T16:00:00.000Z'],
    ['2024-02-29', '2024-02-28T16:00:00.000Z'],
    ['2026-02-29', null],
    ['2026-13-01', null],
    ['2026-00-10', null],
    ['0050-03-05', null],
    ['5 March 2026', null],
    ['', null],
  ])('%s is the start of %s in Shanghai', (text, instant) => {
    expect(parseDay(text)?.toISOString() ?? null).toBe(instant);
  });
});

describe('an upload to import', () => {
  const caller = (id: string | null) =>
    ({ caller: { user: id ? { _id: id } : null } }) as Parameters<typeof checkOwnFile>[0];
  test.each([
    ['in the caller’s own folder', 'u1', 'cloud://env/imports/u1/ledger.csv', true],
    ['in another user’s folder', 'u1', 'cloud://env/imports/u2/ledger.csv', false],
    ['from a caller with no account', null, 'cloud://env/imports//ledger.csv', false],
  ])('%s may be imported: %s', (_name, user, fileID, allowed) => {
    const check = () => checkOwnFile(caller(user), fileID);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow('只能导入您本人上传的文件');
  });
});
