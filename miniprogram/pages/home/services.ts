/** The services on the home page (便民服务). A service without `url` is announced as coming soon. */
export interface ServiceEntry {
  key: 'declare' | 'declarations' | 'payments' | 'publicity' | 'tipoff' | 'mine';
  label: string;
  /** tdesign icon name */
  icon: string;
  description: string;
  /** the page it opens; `tab` when that page is a tab page (wx.switchTab) */
  url?: string;
  tab?: boolean;
}

export const SERVICES: readonly ServiceEntry[] = [
  {
    key: 'declare',
    label: '阳光申报',
    icon: 'file-add',
    description: '补贴在线申报',
    url: '/pages/declare/index',
  },
  {
    key: 'declarations',
    label: '我的申报',
    icon: 'task',
    description: '申报进度一目了然',
    url: '/pages/declarations/index',
  },
  {
    key: 'payments',
    label: '补贴查询',
    icon: 'wallet',
    description: '每笔发放明白账',
    url: '/pages/payments/index',
  },
  {
    key: 'publicity',
    label: '公示公开',
    icon: 'notification',
    description: '本村公示名单',
    url: '/pages/publicity/index',
  },
  {
    key: 'tipoff',
    label: '举报投诉',
    icon: 'chat-error',
    description: '可匿名举报',
    url: '/pages/tipoff/index',
  },
  {
    key: 'mine',
    label: '我的',
    icon: 'user',
    description: '账户与设置',
    url: '/pages/mine/index',
    tab: true,
  },
];
