/**
 * A page of the tab bar: marks its tab as selected in the custom tab bar whenever the page shows.
 * A page built with Component() receives its page events as methods, so this is `methods.onShow`.
 */
import type { TabKey } from '../shared/roles';

export function tabPage(tab: TabKey): string {
  return Behavior({
    methods: {
      onShow() {
        // getTabBar exists on the pages of a custom tab bar only
        if (typeof this.getTabBar === 'function') this.getTabBar()?.setData({ selected: tab });
      },
    },
  });
}
