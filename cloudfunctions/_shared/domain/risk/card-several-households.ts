/** 一卡多户: one card bound to two or more households. */
import { holdersRule } from './shared-holders';

export const cardSeveralHouseholds = holdersRule({
  rule: 'card_several_households',
  field: 'card.numberHash',
  valuesOf: (page) => [
    ...new Set(page.map((h) => h.card?.numberHash).filter((x): x is string => Boolean(x))),
  ],
  holds: (h, numberHash) => h.card?.numberHash === numberHash,
  who: (first, _numberHash, n) =>
    `尾号${first.card?.tail ?? ''}的${first.card?.bank ?? ''}卡同时绑定在${n}户`,
});
