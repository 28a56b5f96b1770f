import { alertIdOf, settleDraft, villagesOf } from '../../../../cloudfunctions/_shared/domain/risk';
import { HONGHUA, MILIN } from './risk-facts';

test("an alert's id is its rule and a hash of its records, the same as stored alerts have", () => {
  expect(alertIdOf({ rule: 'paid_without_approval', key: ['L:p1'] })).toBe(
    'paid_without_approval:b570cfabf592e7a88a55b456',
  );
  expect(alertIdOf({ rule: 'paid_twice', key: ['h1', 'GAOLING', '2026-05'] })).toMatch(
    /^paid_twice:[0-9a-f]{24}$/,
  );
});

test.each([
  ['the same rule and records give the same id', ['a', 'b'], ['a', 'b'], true],
  ['other records give another id', ['a', 'b'], ['a', 'c'], false],
  ['the order of the records counts', ['a', 'b'], ['b', 'a'], false],
])('%s', (_name, one, other, same) => {
  const a = alertIdOf({ rule: 'card_several_households', key: one });
  const b = alertIdOf({ rule: 'card_several_households', key: other });
  expect(a === b).toBe(same);
});

test('a stored draft names each household by its village and head, or by its code when the name is unknown', () => {
  const draft = {
    rule: 'card_several_households' as const,
    key: ['c', 'h1', 'h2'],
    regionCode: MILIN,
    records: [
      { type: 'household' as const, id: 'h1', villageCode: MILIN, head: '张*' },
      { type: 'household' as const, id: 'h2', villageCode: HONGHUA, head: '李*' },
      { type: 'payment' as const, id: 'p', label: '高龄津贴' },
    ],
    why: '为什么',
  };
  expect(villagesOf([draft])).toEqual([MILIN, HONGHUA]);
  expect(settleDraft(draft, new Map([[MILIN, '米林村']]))).toEqual({
    _id: alertIdOf(draft),
    rule: 'card_several_households',
    regionCode: MILIN,
    scopeCodes: ['511700000000', '511702000000', '511702001000', MILIN],
    records: [
      { type: 'household', id: 'h1', label: '米林村 · 户主张*' },
      { type: 'household', id: 'h2', label: `${HONGHUA} · 户主李*` },
      { type: 'payment', id: 'p', label: '高龄津贴' },
    ],
    why: '为什么',
  });
});
