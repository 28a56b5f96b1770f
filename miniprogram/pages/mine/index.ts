/** 我的: the account, the 适老化 switch, and work entries that have no tab of their own. */
import { elderMode } from '../../behaviors/elder-mode';
import { session } from '../../behaviors/session';
import { tabPage } from '../../behaviors/tab-page';
import { hasAnyRole } from '../../shared/roles';
import { setElderMode } from '../../stores/elder-mode';
import type { SessionState } from '../../stores/session';

interface WorkEntry {
  key: string;
  title: string;
  description: string;
  url: string;
}

/** 审批 and 监督 have tabs of their own; finance's screens open from here. */
function workEntries(state: SessionState): WorkEntry[] {
  const roles = state.status === 'ready' ? state.login.roles : [];
  if (!hasAnyRole(roles, ['finance', 'admin'])) return [];
  return [
    {
      key: 'finance',
      title: '阳光发放',
      description: '发放批次、银行导出与回盘',
      url: '/package-finance/pages/index/index',
    },
  ];
}

function accountTitle(state: SessionState): string {
  if (state.status === 'loading') return '正在登录…';
  if (state.status === 'failed') return '暂时无法登录';
  return state.login.registered ? (state.login.maskedName ?? '已注册用户') : '未注册';
}

Component({
  behaviors: [elderMode, session, tabPage('mine')],
  data: {
    account: '',
    work: [] as WorkEntry[],
  },
  observers: {
    session(state: SessionState) {
      this.setData({ account: accountTitle(state), work: workEntries(state) });
    },
  },
  methods: {
    onElderChange(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      setElderMode(event.detail.value);
    },
  },
});
