import { paidAfterDeath } from '../../../../cloudfunctions/_shared/domain/risk/paid-after-death';
import { staffRelative } from '../../../../cloudfunctions/_shared/domain/risk/staff-relative';
import { household, payment } from './risk-facts';

describe('payment after a recorded death', () => {
  const home = household('h1');
  // 2026-03-01 00:30 in Shanghai is still February in UTC.
  const death = {
    _id: 'id-h1',
    diedOn: new Date('2026-02-28T16:30:00Z'),
    nameMasked: '张*',
    idMasked: '5117**********0000',
  };
  const paid = (period: string, amountFen = 5_000) => payment({ _id: `L:${period}`, period, amountFen });

  test.each([
    ['nothing paid since: nothing', [], 0],
    ['paid for the month of death (in Shanghai): nothing', [paid('2026-03')], 0],
    ['paid for a month after it: one payment', [paid('2026-03'), paid('2026-04')], 1],
    ['a yearly period is not counted by month', [paid('2026')], 0],
    ['two months after: both', [paid('2026-04'), paid('2026-05', 6_000)], 2],
  ])('%s', (_name, paidSince, late) => {
    const draft = paidAfterDeath.check({ household: home, death, paidSince });
    expect(draft?.records.filter((r) => r.type === 'payment').length ?? 0).toBe(late);
  });

  test('says the day of death in Shanghai, how many payments and how much', () => {
    const draft = paidAfterDeath.check({
      household: home,
      death,
      paidSince: [paid('2026-04'), paid('2026-05', 6_000)],
    });
    expect(draft).toMatchObject({
      rule: 'paid_after_death',
      key: ['h1', 'id-h1'],
      why: '户主已于2026-03-01登记死亡，之后仍发放2笔共110.00元',
    });
    expect(draft?.records[1]).toEqual({
      type: 'register',
      id: 'id-h1',
      label: '死亡登记：张* 5117**********0000',
    });
  });

  test('lists at most ten of the payments', () => {
    const many = Array.from({ length: 12 }, (_, i) => paid(`2026-${String(i + 1).padStart(2, '0')}`)).filter(
      (p) => p.period > '2026-03',
    );
    const draft = paidAfterDeath.check({ household: home, death, paidSince: [...many, ...many] });
    expect(draft?.records.filter((r) => r.type === 'payment')).toHaveLength(10);
    expect(draft?.why).toMatch(/之后仍发放18笔/);
  });
});

describe('beneficiaries on the list of staff and their relatives', () => {
  const home = household('h1', { ids: ['A', 'B'] });
  const entry = { _id: 'B', personMasked: '李*', staffMasked: '王*', unit: '某镇政府', relation: '儿子' };

  test.each([
    ['a listed member, paid: an alert', [entry], [payment()], true],
    ['a listed member, never paid: nothing', [entry], [], false],
    ['paid, but nobody of the household on the list: nothing', [{ ...entry, _id: 'Z' }], [payment()], false],
  ])('%s', (_name, listed, paid, raised) => {
    expect(staffRelative.check({ household: home, listed, paid }) !== null).toBe(raised);
  });

  test('says who is related to whom and lists the payments', () => {
    const draft = staffRelative.check({ household: home, listed: [entry], paid: [payment()] });
    expect(draft).toMatchObject({
      rule: 'staff_relative',
      key: ['h1', 'B'],
      why: '家庭成员李*是某镇政府王*的儿子，该户领取了补贴，请核实是否按规定备案、公示',
    });
    expect(draft?.records.map((r) => r.type)).toEqual(['household', 'register', 'payment']);
    expect(draft?.records[1]).toMatchObject({ label: '李*：某镇政府王*的儿子' });
  });
});
