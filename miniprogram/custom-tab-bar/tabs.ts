import type { TabKey } from '../shared/roles';

export interface TabItem {
  key: TabKey;
  label: string;
  /** tdesign icon name */
  icon: string;
  /** the tab page, as wx.switchTab wants it */
  url: string;
}

/** The tab pages of app.json's tabBar.list, with their labels and icons. */
export const TABS: Record<TabKey, TabItem> = {
  home: { key: 'home', label: '首页', icon: 'home', url: '/pages/home/index' },
  approval: { key: 'approval', label: '审批', icon: 'task-checked', url: '/pages/approval/index' },
  supervise: { key: 'supervise', label: '监督', icon: 'secured', url: '/pages/supervise/index' },
  mine: { key: 'mine', label: '我的', icon: 'user', url: '/pages/mine/index' },
};
