import type { RiskRule } from '../../../../typings/api';
import { type AlertDraft, type HouseholdFact, mention } from './draft';

/** One page of households and every household in the city holding any of the page's values. */
export interface HoldersFacts {
  page: HouseholdFact[];
  holders: HouseholdFact[];
}

export interface HoldersRuleSpec<R extends RiskRule> {
  rule: R;
  /** The indexed household field the scan looks the page's values up by. */
  field: 'members.idHash' | 'card.numberHash';
  /** The values of a page to look up (each once). */
  valuesOf(page: HouseholdFact[]): string[];
  holds(household: HouseholdFact, value: string): boolean;
  /** Who is shared, from the first household (by id) of the group. */
  who(first: HouseholdFact, value: string, households: number): string;
}

/**
 * A rule over values (an ID or card hash) held by more than one household: one draft per value naming
 * every holder, the same whichever page found it, so a group seen from two pages is raised once.
 */
export function holdersRule<R extends RiskRule>(spec: HoldersRuleSpec<R>) {
  return {
    ...spec,
    over: 'households' as const,
    check({ page, holders }: HoldersFacts): AlertDraft[] {
      return spec.valuesOf(page).flatMap((value): AlertDraft[] => {
        const holding = holders.filter((h) => spec.holds(h, value));
        if (holding.length < 2) return [];
        const sorted = [...holding].sort((x, y) => (x._id < y._id ? -1 : 1));
        const first = sorted[0] as HouseholdFact;
        return [
          {
            rule: spec.rule,
            key: [value, ...sorted.map((h) => h._id)],
            regionCode: first.villageCode,
            records: sorted.map(mention),
            why: `${spec.who(first, value, holding.length)}，请核实是否重复登记或冒领`,
          },
        ];
      });
    },
  };
}
