/**
 * The custom tab bar (app.json tabBar.custom): 首页 and 我的 for everyone, 审批 and 监督 by role.
 * Each tab page has its own instance; the page marks its tab through getTabBar() (behaviors/tab-page).
 */
import { elderMode } from '../behaviors/elder-mode';
import { session } from '../behaviors/session';
import { type TabKey, visibleTabs } from '../shared/roles';
import type { SessionState } from '../stores/session';
import { TABS, type TabItem } from './tabs';

function tabsFor(state: SessionState): TabItem[] {
  return visibleTabs(state.status === 'ready' ? state.login.roles : []).map((key) => TABS[key]);
}

Component({
  behaviors: [elderMode, session],
  data: {
    tabs: [] as TabItem[],
    selected: 'home' as TabKey,
  },
  observers: {
    session(state: SessionState) {
      this.setData({ tabs: tabsFor(state) });
    },
  },
  methods: {
    onChange(event: WechatMiniprogram.CustomEvent<{ value: TabKey }>) {
      wx.switchTab({ url: TABS[event.detail.value].url });
    },
  },
});
