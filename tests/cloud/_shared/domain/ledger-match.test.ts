import {
  type LedgerHousehold,
  type LedgerRow,
  ledgerPaymentId,
  ledgerPayments,
  ledgerSlots,
  matchLedgerRow,
  noticeDue,
} from '../../../../cloudfunctions/_shared/domain/ledger-match';

const NOW = new Date('2026-05-30T02:00:00Z');
const DACHUAN = '511703000000';
const TONGCHUAN = '511702000000';

const row = (over: Partial<LedgerRow> = {}): LedgerRow => ({
  row: 2,
  idHash: 'id-h1',
  project: { code: 'GAOLING', name: '高龄津贴' },
  period: '2026-05',
  amountFen: 5_000,
  paidAt: new Date('2026-05-19T16:00:00Z'),
  serial: 'RISK-0001',
  ...over,
});
const home = (id = 'h1', over: Partial<LedgerHousehold> = {}): LedgerHousehold => ({
  _id: id,
  villageCode: '511702001001',
  card: { kind: 'social_security', tail: '1234' },
  ...over,
});
const recorded = { householdId: 'h1', projectCode: 'GAOLING', period: '2026-05', amountFen: 5_000 };

describe('matching a ledger line to a household', () => {
  test.each<
    [string, LedgerHousehold | undefined, string[], typeof recorded | undefined, string, string | null]
  >([
    [
      'no household has the head’s ID',
      undefined,
      [TONGCHUAN],
      undefined,
      'error',
      '找不到该户主身份证号对应的家庭',
    ],
    [
      'the household lies outside the office’s regions',
      home(),
      [DACHUAN],
      undefined,
      'error',
      '该户不在您的管辖范围内，未导入',
    ],
    ['one of several regions holds it', home(), [DACHUAN, TONGCHUAN], undefined, 'new', null],
    ['the serial imported before with the same content', home(), [TONGCHUAN], recorded, 'unchanged', null],
    [
      'the serial imported before for another amount',
      home(),
      [TONGCHUAN],
      { ...recorded, amountFen: 6_000 },
      'error',
      '银行流水号已导入过，但内容不同，未改动',
    ],
    [
      'the serial imported before for another period',
      home(),
      [TONGCHUAN],
      { ...recorded, period: '2026-04' },
      'error',
      '银行流水号已导入过，但内容不同，未改动',
    ],
    [
      'the serial imported before for another household',
      home(),
      [TONGCHUAN],
      { ...recorded, householdId: 'h2' },
      'error',
      '银行流水号已导入过，但内容不同，未改动',
    ],
  ])('%s', (_name, head, regions, before, kind, message) => {
    const found = matchLedgerRow({ row: row(), head, regions, recorded: before });
    expect(found.kind).toBe(kind);
    expect('message' in found ? found.message : null).toBe(message);
  });
});

describe('a second payment for one household, project and period is marked, not refused', () => {
  test.each<[string, Map<string, { paymentId: string | null; batchId: string | null }>, string | null]>([
    ['a free place: the first payment', new Map(), null],
    [
      'a place paid by an earlier payment: a duplicate of it',
      new Map([['h1:GAOLING:2026-05', { paymentId: 'L:old', batchId: null }]]),
      'L:old',
    ],
    [
      'a place held by a platform batch: a duplicate of the batch',
      new Map([['h1:GAOLING:2026-05', { paymentId: null, batchId: 'B1' }]]),
      'batch:B1',
    ],
  ])('%s', (_name, held, duplicateOf) => {
    const [p] = ledgerPayments([{ row: row(), household: home() }], held, 'imp', NOW);
    expect(p?.duplicateOf).toBe(duplicateOf);
  });

  test('two lines of one chunk for the same place: the second is a duplicate of the first', () => {
    const payments = ledgerPayments(
      [
        { row: row(), household: home() },
        { row: row({ serial: 'RISK-0002', row: 3 }), household: home() },
        { row: row({ serial: 'RISK-0003', row: 4, period: '2026-04' }), household: home() },
      ],
      new Map(),
      'imp',
      NOW,
    );
    expect(payments.map((p) => p.duplicateOf)).toEqual([null, ledgerPaymentId('RISK-0001'), null]);
    expect(ledgerSlots(payments, NOW).map((s) => [s._id, s.paymentId])).toEqual([
      ['h1:GAOLING:2026-05', ledgerPaymentId('RISK-0001')],
      ['h1:GAOLING:2026-04', ledgerPaymentId('RISK-0003')],
    ]);
  });

  test('a payment records the bank’s day in Shanghai and the card as bound, or none', () => {
    const [withCard, without] = ledgerPayments(
      [
        { row: row(), household: home() },
        { row: row({ serial: 'RISK-0009' }), household: home('h2', { card: null }) },
      ],
      new Map(),
      'imp',
      NOW,
    );
    expect(withCard).toMatchObject({
      _id: ledgerPaymentId('RISK-0001'),
      source: 'ledger',
      year: 2026,
      month: 5,
      cardKind: 'social_security',
      cardTail: '1234',
      bankSerial: 'RISK-0001',
      createdAt: NOW,
    });
    expect(without).toMatchObject({ cardKind: 'social_security', cardTail: '' });
  });
});

test('a serial is the same payment however often it is imported, another serial another', () => {
  expect(ledgerPaymentId('RISK-0001')).toBe(ledgerPaymentId('RISK-0001'));
  expect(ledgerPaymentId('RISK-0001')).not.toBe(ledgerPaymentId('RISK-0002'));
  expect(ledgerPaymentId('RISK-0001')).toMatch(/^L:[0-9a-f]{40}$/);
});

test.each([
  ['paid yesterday to a known card', new Date('2026-05-29T02:00:00Z'), '1234', true],
  ['paid 30 days ago to the instant', new Date('2026-04-30T02:00:00Z'), '1234', false],
  ['paid just inside 30 days', new Date('2026-04-30T02:00:01Z'), '1234', true],
  ['paid yesterday to no known card', new Date('2026-05-29T02:00:00Z'), '', false],
])('the household hears of a ledger payment %s: %s', (_name, paidAt, cardTail, due) => {
  expect(noticeDue({ paidAt, cardTail }, NOW)).toBe(due);
});
