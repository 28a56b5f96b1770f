import { type PaymentFacts, rulesOver } from '../../../../cloudfunctions/_shared/domain/risk';
import { aboveStandard } from '../../../../cloudfunctions/_shared/domain/risk/above-standard';
import { paidTwice } from '../../../../cloudfunctions/_shared/domain/risk/paid-twice';
import { paidWithoutApproval } from '../../../../cloudfunctions/_shared/domain/risk/paid-without-approval';
import { approval, GAOLING, payment } from './risk-facts';

const facts = (over: Partial<PaymentFacts> = {}): PaymentFacts => ({
  payment: payment(),
  villageName: '米林村',
  approved: approval(),
  project: GAOLING,
  ...over,
});

describe('two payments for one household, project and period', () => {
  test.each([
    ['a single payment: nothing', payment(), false],
    ['a payment marked as another one again: an alert', payment({ duplicateOf: 'L:p0' }), true],
  ])('%s', (_name, p, raised) => {
    expect(paidTwice.check(facts({ payment: p })) !== null).toBe(raised);
  });

  test('names both payments and says which period was paid twice', () => {
    expect(paidTwice.check(facts({ payment: payment({ duplicateOf: 'L:p0' }) }))).toEqual({
      rule: 'paid_twice',
      key: ['h1', 'GAOLING', '2026-05'],
      regionCode: '511702001001',
      records: [
        { type: 'household', id: 'h1', label: '米林村' },
        { type: 'payment', id: 'L:p1', label: '高龄津贴 2026-05 50.00元（原发放平台，流水号RISK-0001）' },
        { type: 'payment', id: 'L:p0', label: '同期的另一笔发放' },
      ],
      why: '米林村一户高龄津贴2026-05期发放了两次（50.00元）',
    });
  });
});

describe('payment of a platform project without an approved declaration', () => {
  test.each([
    ['with an approved declaration: nothing', approval(), false],
    ['without one: an alert', undefined, true],
  ])('%s', (_name, approved, raised) => {
    expect(paidWithoutApproval.check(facts({ approved })) !== null).toBe(raised);
  });

  test('says what was paid to whom without approval', () => {
    expect(paidWithoutApproval.check(facts({ approved: undefined }))).toMatchObject({
      key: ['L:p1'],
      why: '米林村一户领取了高龄津贴2026-05期50.00元，平台上没有该户该年度审批通过的申报',
    });
  });
});

describe('payment above the project standard', () => {
  test.each([
    ['the standard exactly: nothing', facts(), false],
    ['less than the standard: nothing', facts({ payment: payment({ amountFen: 4_000 }) }), false],
    ['more than the standard: an alert', facts({ payment: payment({ amountFen: 8_000 }) }), true],
    [
      'more, but no approved declaration to measure by: nothing',
      facts({ payment: payment({ amountFen: 8_000 }), approved: undefined }),
      false,
    ],
    [
      'more, but the project is not in the catalogue: nothing',
      facts({ payment: payment({ amountFen: 8_000 }), project: undefined }),
      false,
    ],
    [
      'more, for a period the project does not have: nothing',
      facts({ payment: payment({ amountFen: 8_000, period: '2026-Q2' }) }),
      false,
    ],
  ])('%s', (_name, f, raised) => {
    expect(aboveStandard.check(f) !== null).toBe(raised);
  });

  test('says what was due, what was paid and how much more, with the declaration', () => {
    const draft = aboveStandard.check(facts({ payment: payment({ amountFen: 8_000 }) }));
    expect(draft).toMatchObject({
      rule: 'above_standard',
      key: ['L:p1'],
      why: '按标准该户2026-05期应发50.00元，实发80.00元，多发30.00元',
    });
    expect(draft?.records[2]).toEqual({ type: 'declaration', id: 'd1', label: '高龄津贴申报（张*）' });
  });
});

test('the payment rules run in the order the scan raised them: twice, then without approval or above', () => {
  expect(rulesOver('payments').map((r) => r.rule)).toEqual([
    'paid_twice',
    'paid_without_approval',
    'above_standard',
  ]);
  expect(rulesOver('households').map((r) => r.rule)).toEqual([
    'person_two_households',
    'card_several_households',
  ]);
});
