import type { LineDoc } from '../../../../cloudfunctions/_shared/domain/payments';
import {
  batchPayment,
  firstRows,
  PAID_BY_ANOTHER_LINE,
  paidByLine,
  paymentIdOf,
  type ResultColumns,
  readResultRow,
  repeatedRow,
  type SettleFacts,
  settleLine,
} from '../../../../cloudfunctions/_shared/domain/settlement';

const NOW = new Date('2026-05-10T02:00:00Z');
type Line = NonNullable<SettleFacts<LineDoc>['line']>;

const line = (over: Partial<LineDoc> = {}): LineDoc => ({
  _id: 'B20260510abc:h1',
  batchId: 'B20260510abc',
  seq: 1,
  householdId: 'h1',
  villageCode: '511702001001',
  villageName: '米林村',
  projectCode: 'GAOLING',
  period: '2026-05',
  declarationId: 'd1',
  amountFen: 5_000,
  card: {
    kind: 'social_security',
    bank: '四川农信',
    numberSealed: 's',
    maskedNumber: '**** 1234',
    tail: '1234',
    holderNameSealed: 's',
    holderNameMasked: '张*',
  },
  state: 'pending',
  failReason: null,
  resentIn: null,
  importId: null,
  ...over,
});

const PAID = { paid: true, amountFen: 5_000 };
const FAILED = { paid: false, amountFen: 5_000 };
const mine = { lineId: 'B20260510abc:h1' };
const another = { lineId: 'B20260401xyz:h1' };

describe('what one bank result line does', () => {
  test.each<
    [
      string,
      SettleFacts<Line>['row'],
      Line | undefined,
      { lineId: string } | undefined,
      string,
      string | null,
    ]
  >([
    [
      'a line of another batch is not this batch’s',
      PAID,
      line({ batchId: 'B-other' }),
      undefined,
      'error',
      '明细号不在本批次中',
    ],
    ['an unknown line is not this batch’s', PAID, undefined, undefined, 'error', '明细号不在本批次中'],
    [
      'another amount is left alone',
      { paid: true, amountFen: 5_001 },
      line(),
      undefined,
      'error',
      '金额与批次明细不符，未处理',
    ],
    ['paid on a pending line pays it', PAID, line(), undefined, 'pay', null],
    ['failed on a pending line fails it', FAILED, line(), undefined, 'fail', null],
    [
      'paid, with the slot paid by another line, is a conflict',
      PAID,
      line(),
      another,
      'conflict',
      PAID_BY_ANOTHER_LINE,
    ],
    [
      'failed, with the slot paid by another line, still fails this line',
      FAILED,
      line(),
      another,
      'fail',
      null,
    ],
    [
      'failed on a line whose payment is recorded cannot unpay it',
      FAILED,
      line({ state: 'paid', importId: 'imp' }),
      mine,
      'error',
      '该明细已入账，不能改为失败',
    ],
    [
      'this import again on its paid line pays it again (a chunk redone)',
      PAID,
      line({ state: 'paid', importId: 'imp' }),
      mine,
      'pay',
      null,
    ],
    [
      'this import again on its failed line may now pay it',
      PAID,
      line({ state: 'failed', importId: 'imp' }),
      undefined,
      'pay',
      null,
    ],
    [
      'another import: paid again on a paid line changes nothing',
      PAID,
      line({ state: 'paid', importId: 'old' }),
      mine,
      'unchanged',
      null,
    ],
    [
      'another import: failed again on a failed line changes nothing',
      FAILED,
      line({ state: 'failed', importId: 'old' }),
      undefined,
      'unchanged',
      null,
    ],
    [
      'another import: failed on a paid line is refused',
      FAILED,
      line({ state: 'paid', importId: 'old' }),
      mine,
      'error',
      '该明细已是“已到账”，与本次结果不一致，未改动',
    ],
    [
      'another import: paid on a failed line is refused',
      PAID,
      line({ state: 'failed', importId: 'old' }),
      undefined,
      'error',
      '该明细已是“发放失败”，与本次结果不一致，未改动',
    ],
    [
      'a re-sent line takes no result',
      PAID,
      line({ state: 'resent', importId: 'old' }),
      undefined,
      'error',
      '该明细已是“已重发”，与本次结果不一致，未改动',
    ],
  ])('%s', (_name, row, l, payment, kind, message) => {
    const settled = settleLine({ row, line: l, payment, batchId: 'B20260510abc', importId: 'imp' });
    expect(settled.kind).toBe(kind);
    expect('message' in settled ? settled.message : null).toBe(message);
  });

  test('a settled line carries the batch line it acts on', () => {
    const l = line();
    expect(
      settleLine({ row: PAID, line: l, payment: undefined, batchId: l.batchId, importId: 'imp' }),
    ).toEqual({
      kind: 'pay',
      line: l,
    });
  });
});

describe('reading a row of the bank file', () => {
  const index: ResultColumns = { lineId: 0, amount: 1, result: 2, serial: 3, reason: 4, date: 5 };
  const read = (cells: string[]) => readResultRow(cells, index, 7, NOW);

  test.each<[string, string[], string]>([
    ['a malformed line id', ['B1:h1', '50.00', '成功', 'S0001', '', ''], '明细号格式不对'],
    [
      'a result that is neither',
      ['B20260510abc:h1', '50.00', '处理中', 'S0001', '', ''],
      '结果应为“成功”或“失败”，文件中是“处理中”',
    ],
    ['an amount that is no amount', ['B20260510abc:h1', '五十', '成功', 'S0001', '', ''], '金额格式不对'],
    [
      'a success without a serial',
      ['B20260510abc:h1', '50.00', '成功', '', '', ''],
      '成功的明细须有银行流水号（4–64位字母数字）',
    ],
    [
      'a day that does not exist',
      ['B20260510abc:h1', '50.00', '成功', 'S0001', '', '2026-02-30'],
      '入账日期格式不对，应如2026-03-05',
    ],
  ])('reports %s', (_name, cells, message) => {
    expect(read(cells)).toEqual({ row: 7, message });
  });

  test.each<[string, string[], Record<string, unknown>]>([
    [
      'a success with the bank’s day',
      ['B20260510abc:h1', '1,050.00', 'success', 'S0001', '', '2026/5/9'],
      { paid: true, amountFen: 105_000, paidAt: new Date('2026-05-08T16:00:00Z') },
    ],
    [
      'a success without a day is paid now',
      ['B20260510abc:h1', '50', '00', 'S0001', '', ''],
      { paid: true, paidAt: NOW },
    ],
    [
      'a failure without a reason',
      ['B20260510abc:h1', '50.00', '退回', '', '', ''],
      { paid: false, reason: '银行未说明原因' },
    ],
    [
      'a failure with the bank’s reason',
      ['B20260510abc:h1', '50.00', 'F', '', '账户已销户', ''],
      { paid: false, reason: '账户已销户' },
    ],
  ])('reads %s', (_name, cells, expected) => {
    expect(read(cells)).toMatchObject({ row: 7, lineId: 'B20260510abc:h1', ...expected });
  });

  test('a blank row is no row', () => {
    expect(read(['', ' ', '', '', '', ''])).toBeNull();
  });

  test('a column the file lacks reads as empty', () => {
    expect(
      readResultRow(
        ['B20260510abc:h1', '50.00', '失败'],
        { ...index, reason: -1, serial: -1, date: -1 },
        2,
        NOW,
      ),
    ).toMatchObject({
      paid: false,
      serial: '',
      reason: '银行未说明原因',
    });
  });
});

test('a line named again later in the file is reported with the row that named it first', () => {
  const rows = [['B1x:h1'], ['B1x:h2'], [' B1x:h1 '], ['']];
  const first = firstRows(rows, 0);
  const row = (lineId: string, n: number) => ({
    row: n + 2,
    lineId,
    paid: true,
    amountFen: 1,
    serial: 's',
    reason: '',
    paidAt: NOW,
  });
  expect(repeatedRow(row('B1x:h1', 0), 0, first)).toBeNull();
  expect(repeatedRow(row('B1x:h2', 1), 1, first)).toBeNull();
  expect(repeatedRow(row('B1x:h1', 2), 2, first)).toEqual({
    row: 4,
    message: '明细号与第2行重复，本行未处理',
  });
});

describe('the payment a paid line makes', () => {
  test.each([
    ['the month it arrived in Shanghai', new Date('2026-03-31T16:00:00Z'), 2026, 4],
    ['the last instant of a year in Shanghai', new Date('2026-12-31T15:59:59Z'), 2026, 12],
    ['the first instant of a year in Shanghai', new Date('2026-12-31T16:00:00Z'), 2027, 1],
  ])('is dated by %s', (_name, paidAt, year, month) => {
    const p = batchPayment(
      { paidAt, serial: 'S0001' },
      line(),
      { _id: 'B20260510abc', projectName: '高龄津贴' },
      'imp',
      NOW,
    );
    expect([p.year, p.month]).toEqual([year, month]);
  });

  test("has the household's slot as its id and the line's amount and card", () => {
    const p = batchPayment(
      { paidAt: NOW, serial: 'S0001' },
      line(),
      { _id: 'B20260510abc', projectName: '高龄津贴' },
      'imp',
      NOW,
    );
    expect(p).toMatchObject({
      _id: 'B:h1:GAOLING:2026-05',
      amountFen: 5_000,
      lineId: 'B20260510abc:h1',
      bankSerial: 'S0001',
      cardTail: '1234',
      source: 'batch',
      duplicateOf: null,
    });
    expect(paymentIdOf(line())).toBe(p._id);
  });

  test.each([
    ['its own payment', mine, true],
    ['another line’s payment', another, false],
    ['no payment', undefined, false],
  ])('the line is paid by %s: %s', (_name, recorded, paid) => {
    expect(paidByLine(line(), recorded)).toBe(paid);
  });
});
