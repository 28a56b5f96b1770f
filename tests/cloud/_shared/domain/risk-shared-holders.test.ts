import { cardSeveralHouseholds } from '../../../../cloudfunctions/_shared/domain/risk/card-several-households';
import { personTwoHouseholds } from '../../../../cloudfunctions/_shared/domain/risk/person-two-households';
import { HONGHUA, household } from './risk-facts';

describe('a person in two households (一人多户)', () => {
  const h1 = household('h1', { ids: ['A', 'B'] });
  const h2 = household('h2', { ids: ['C', 'A'], villageCode: HONGHUA });
  const h3 = household('h3', { ids: ['D', 'A'] });

  test.each([
    ['nobody shared: nothing', [h1], [h1], 0],
    ['a member of the page also in another household: one alert', [h1], [h1, h2], 1],
    ['the same person found from the other household: the same one alert', [h2], [h2, h1], 1],
    [
      'a member without an ID hash is never shared',
      [household('x', { ids: [''] })],
      [household('y', { ids: [''] })],
      0,
    ],
  ])('%s', (_name, page, holders, count) => {
    expect(personTwoHouseholds.check({ page, holders })).toHaveLength(count);
  });

  test('says whose ID, in how many households, and names them all in id order', () => {
    const [draft] = personTwoHouseholds.check({ page: [h3], holders: [h3, h2, h1] });
    expect(draft).toMatchObject({
      rule: 'person_two_households',
      key: ['A', 'h1', 'h2', 'h3'],
      regionCode: h1.villageCode,
      why: '身份证号5117**********0000同时登记在3户，请核实是否重复登记或冒领',
    });
    expect(draft?.records.map((r) => r.id)).toEqual(['h1', 'h2', 'h3']);
    expect(draft?.records[0]).toEqual({
      type: 'household',
      id: 'h1',
      villageCode: h1.villageCode,
      head: '户h1*0',
    });
  });

  test('looks up each ID hash of the page once', () => {
    expect(personTwoHouseholds.valuesOf([h1, h2])).toEqual(['A', 'B', 'C']);
  });
});

describe('a card bound to several households (一卡多户)', () => {
  const c1 = household('h1', { cardHash: 'K' });
  const c2 = household('h2', { cardHash: 'K' });
  const other = household('h3', { cardHash: 'L' });
  const none = household('h4');

  test.each([
    ['a card of one household: nothing', [c1], [c1, other], 0],
    ['one card on two households: one alert', [c1], [c1, c2], 1],
    ['a household without a card: nothing', [none], [none], 0],
  ])('%s', (_name, page, holders, count) => {
    expect(cardSeveralHouseholds.check({ page, holders })).toHaveLength(count);
  });

  test('says which card and on how many households', () => {
    const [draft] = cardSeveralHouseholds.check({ page: [c2], holders: [c2, c1] });
    expect(draft).toMatchObject({
      rule: 'card_several_households',
      key: ['K', 'h1', 'h2'],
      why: '尾号1234的四川农信卡同时绑定在2户，请核实是否重复登记或冒领',
    });
  });

  test('looks up each card of the page once, skipping households without one', () => {
    expect(cardSeveralHouseholds.valuesOf([c1, c2, none, other])).toEqual(['K', 'L']);
  });
});
