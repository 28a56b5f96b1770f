import {
  type ApprovedFact,
  advanceBuild,
  type BatchFacts,
  batchCandidates,
  batchStateAfter,
  batchTotals,
  newBuild,
  nothingToPay,
  notYetPlaced,
  type PayeeFact,
  planBatch,
  planResend,
} from '../../../../cloudfunctions/_shared/domain/batch-plan';
import type { LineDoc } from '../../../../cloudfunctions/_shared/domain/payments';

const MILIN = '511702001001';
const OTHER_COUNTY = '511703001001';
const NOW = new Date('2026-05-10T02:00:00Z');

const decl = (n: number, over: Partial<ApprovedFact> = {}): ApprovedFact => ({
  _id: `d${n}`,
  householdId: `h${n}`,
  villageCode: MILIN,
  approvedAt: new Date('2026-01-10T02:00:00Z'),
  updatedAt: new Date('2026-01-10T02:00:00Z'),
  applicant: { nameMasked: `张*${n}` },
  answers: { householdSize: 2 },
  ...over,
});

const payee = (n: number, over: Partial<PayeeFact> = {}): PayeeFact => ({
  _id: `h${n}`,
  villageCode: MILIN,
  members: [{ memberId: 'm1', nameSealed: 'sealed', nameMasked: `张*${n}` }],
  card: {
    kind: 'social_security',
    bank: '四川农信',
    numberSealed: 'sealed-card',
    maskedNumber: '**** 1234',
    tail: '1234',
    holderMemberId: 'm1',
  },
  ...over,
});

const facts = (over: Partial<BatchFacts> = {}): BatchFacts => {
  const page = over.page ?? [decl(1)];
  return {
    project: {
      code: 'GAOLING',
      standard: {
        amountFen: 5_000,
        unit: 'person_month',
        text: '每人每月50元',
        demo: true,
        quantityField: 'householdSize',
      },
      frequency: 'monthly',
    },
    regionCode: '511702000000',
    period: '2026-05',
    until: new Date('2026-05-31T16:00:00Z'),
    page,
    held: [],
    households: new Map(page.map((d, i) => [d.householdId, payee(i + 1)])),
    villageNames: new Map([[MILIN, '米林村']]),
    batchId: 'B20260510abc',
    nextSeq: 1,
    now: NOW,
    ...over,
  };
};

describe('who a batch is for', () => {
  const scope = { regionCode: '511702000000', until: new Date('2026-05-31T16:00:00Z') };
  test.each([
    ['a village inside the region', decl(1), true],
    ['a village of another county', decl(1, { villageCode: OTHER_COUNTY }), false],
    ['approved after the period ended', decl(1, { approvedAt: new Date('2026-06-01T00:00:00Z') }), false],
    [
      'approved the last instant of the period',
      decl(1, { approvedAt: new Date('2026-05-31T15:59:59Z') }),
      true,
    ],
    [
      'no approval time: its last update counts',
      decl(1, { approvedAt: null, updatedAt: new Date('2026-06-02T00:00:00Z') }),
      false,
    ],
  ])('%s', (_name, d, kept) => {
    expect(batchCandidates([d], scope)).toHaveLength(kept ? 1 : 0);
  });
});

describe('households already placed are left out', () => {
  test.each([
    ['a free place: kept', [], ['d1']],
    ['a place in another batch (or paid): left out', [{ householdId: 'h1', batchId: 'B-other' }], []],
    ['a place paid by the old platform: left out', [{ householdId: 'h1', batchId: null }], []],
    [
      'a place this batch took already (a resumed build): kept',
      [{ householdId: 'h1', batchId: 'B1' }],
      ['d1'],
    ],
  ])('%s', (_name, held, open) => {
    expect(notYetPlaced([decl(1)], held, 'B1').map((d) => d._id)).toEqual(open);
  });

  test('a household with two declarations is paid once', () => {
    expect(notYetPlaced([decl(1), decl(2, { householdId: 'h1' })], [], 'B1').map((d) => d._id)).toEqual([
      'd1',
    ]);
  });
});

describe('planning a page', () => {
  test('a household is paid the standard for the period, to its card, taking its place', () => {
    const { planned, skipped, excludedAlreadyPaid } = planBatch(facts({ nextSeq: 7 }));
    expect(skipped).toEqual([]);
    expect(excludedAlreadyPaid).toBe(0);
    expect(planned).toEqual([
      {
        line: expect.objectContaining({
          _id: 'B20260510abc:h1',
          seq: 7,
          amountFen: 10_000,
          villageName: '米林村',
          declarationId: 'd1',
          state: 'pending',
          card: expect.objectContaining({
            tail: '1234',
            holderNameMasked: '张*1',
            holderNameSealed: 'sealed',
          }),
        }),
        slot: {
          _id: 'h1:GAOLING:2026-05',
          householdId: 'h1',
          projectCode: 'GAOLING',
          period: '2026-05',
          state: 'in_batch',
          batchId: 'B20260510abc',
          paymentId: null,
          at: NOW,
        },
      },
    ]);
  });

  test.each([
    ['no quantity on the form', { answers: {} }, undefined, '申报表中没有有效的计发数量（人数或面积）'],
    ['no card bound', {}, payee(1, { card: null }), '该户没有绑定一卡通，请先联系群众绑卡'],
    [
      'the card holder left the household',
      {},
      payee(1, { members: [] }),
      '该户没有绑定一卡通，请先联系群众绑卡',
    ],
  ])('left out with its reason: %s', (_name, over, household, reason) => {
    const d = decl(1, over);
    const plan = planBatch(
      facts({ page: [d], ...(household ? { households: new Map([['h1', household]]) } : {}) }),
    );
    expect(plan.planned).toEqual([]);
    expect(plan.skipped).toEqual([
      { declarationId: 'd1', applicantMaskedName: '张*1', villageName: '米林村', reason },
    ]);
  });

  test('an amount of nothing is left out', () => {
    const plan = planBatch(
      facts({
        project: {
          code: 'GAOLING',
          standard: { amountFen: 0, unit: 'household_month', text: '0', demo: true },
          frequency: 'monthly',
        },
      }),
    );
    expect(plan.skipped.map((s) => s.reason)).toEqual(['按标准计算的金额为0']);
  });

  test('lines are numbered on from the build, in page order, and placed households counted', () => {
    const page = [decl(1), decl(2), decl(3)];
    const plan = planBatch(facts({ page, nextSeq: 11, held: [{ householdId: 'h2', batchId: 'B-other' }] }));
    expect(plan.planned.map((p) => [p.line.householdId, p.line.seq])).toEqual([
      ['h1', 11],
      ['h3', 12],
    ]);
    expect(plan.excludedAlreadyPaid).toBe(1);
  });
});

describe('the build across pages', () => {
  test('moves on to the last declaration read and adds up what it left out', () => {
    const plan = planBatch(facts({ page: [decl(1), decl(2, { answers: {} })], held: [] }));
    const build = advanceBuild({ ...newBuild(), nextSeq: 5, excludedAlreadyPaid: 2 }, 'd2', plan);
    expect(build).toMatchObject({ after: 'd2', nextSeq: 6, excludedAlreadyPaid: 2, skippedCount: 1 });
    expect(advanceBuild(build, undefined, { planned: [], skipped: [], excludedAlreadyPaid: 0 }).after).toBe(
      'd2',
    );
  });

  test('keeps five hundred skipped households to show and counts them all', () => {
    const skippedOne = { declarationId: 'd', applicantMaskedName: '张*', villageName: '米林村', reason: 'r' };
    const plan = {
      planned: [],
      skipped: Array.from({ length: 300 }, () => skippedOne),
      excludedAlreadyPaid: 0,
    };
    const build = advanceBuild(advanceBuild(newBuild(), 'a', plan), 'b', plan);
    expect(build.skipped).toHaveLength(500);
    expect(build.skippedCount).toBe(600);
  });

  test.each([
    [
      'with an example reason',
      {
        ...newBuild(),
        excludedAlreadyPaid: 3,
        skippedCount: 1,
        skipped: [
          {
            declarationId: 'd',
            applicantMaskedName: '',
            villageName: '',
            reason: '该户没有绑定一卡通，请先联系群众绑卡',
          },
        ],
      },
      '没有可发放的对象：3户本期已发放或已在其他批次中，1户暂不能发放（如：该户没有绑定一卡通，请先联系群众绑卡）',
    ],
    ['without one', newBuild(), '没有可发放的对象：0户本期已发放或已在其他批次中，0户暂不能发放'],
  ])('says why nobody is paid, %s', (_name, build, text) => {
    expect(nothingToPay(build)).toBe(text);
  });
});

describe('a re-send of failed lines', () => {
  const failed = (n: number): LineDoc => ({
    _id: `B-old:h${n}`,
    batchId: 'B-old',
    seq: n * 10,
    householdId: `h${n}`,
    villageCode: MILIN,
    villageName: '米林村',
    projectCode: 'GAOLING',
    period: '2026-05',
    declarationId: `d${n}`,
    amountFen: 5_000,
    card: {
      kind: 'bank',
      bank: '旧银行',
      numberSealed: 'old',
      maskedNumber: '**** 0000',
      tail: '0000',
      holderNameSealed: 'old',
      holderNameMasked: `张*${n}`,
    },
    state: 'failed',
    failReason: '账户已销户',
    resentIn: null,
    importId: 'i',
  });

  test('pays the same amount again to the card bound now, renumbered; a household without a card is skipped', () => {
    const { lines, skipped } = planResend(
      [failed(1), failed(2), failed(3)],
      new Map([
        ['h1', payee(1)],
        ['h3', payee(3, { card: null })],
      ]),
      'B-new',
    );
    expect(lines.map((l) => [l._id, l.seq, l.amountFen, l.card.tail, l.declarationId])).toEqual([
      ['B-new:h1', 1, 5_000, '1234', 'd1'],
    ]);
    expect(skipped.map((s) => [s.declarationId, s.applicantMaskedName, s.reason])).toEqual([
      ['d2', '张*2', '该户目前没有绑定一卡通，请先联系群众绑卡'],
      ['d3', '张*3', '该户目前没有绑定一卡通，请先联系群众绑卡'],
    ]);
  });
});

describe("a batch's counts and state", () => {
  const totals = batchTotals([
    { _id: 'paid', n: 3, fen: 300 },
    { _id: 'failed', n: 1, fen: 100 },
    { _id: 'resent', n: 1, fen: 100 },
    { _id: 'pending', n: 2, fen: 200 },
    { _id: 'conflict', n: 4, fen: 400 },
  ]);

  test('counts every line but conflicts, and a re-sent line as failed here', () => {
    expect(totals).toEqual({
      lineCount: 7,
      totalFen: 700,
      paidCount: 3,
      paidFen: 300,
      failedCount: 2,
      failedFen: 200,
    });
  });

  test.each([
    ['building', 'some lines settled', totals, 'building'],
    ['created', 'some lines settled', totals, 'created'],
    ['cancelled', 'some lines settled', totals, 'cancelled'],
    ['exported', 'no line settled', { ...totals, paidCount: 0, failedCount: 0 }, 'exported'],
    ['exported', 'some lines settled', totals, 'partly_done'],
    ['partly_done', 'every line settled', { ...totals, paidCount: 5, failedCount: 2 }, 'done'],
  ] as const)('a batch %s with %s is %s after', (state, _what, t, next) => {
    expect(batchStateAfter(state, t)).toBe(next);
  });
});
