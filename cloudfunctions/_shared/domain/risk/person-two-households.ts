/** 一人多户: one ID number among the members of two or more households. */
import { holdersRule } from './shared-holders';

export const personTwoHouseholds = holdersRule({
  rule: 'person_two_households',
  field: 'members.idHash',
  valuesOf: (page) => [...new Set(page.flatMap((h) => h.members.map((m) => m.idHash)).filter(Boolean))],
  holds: (h, idHash) => h.members.some((m) => m.idHash === idHash),
  who: (first, idHash, n) =>
    `身份证号${first.members.find((m) => m.idHash === idHash)?.idMasked ?? ''}同时登记在${n}户`,
});
