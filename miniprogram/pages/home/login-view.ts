/** What the home page's account card says for each login state. Pure, so every branch is testable. */
import type { VerificationState } from '../../../typings/api';
import type { SessionState } from '../../stores/session';
import type { TagTheme } from '../../types/tag';

export interface LoginView {
  title: string;
  description: string;
  tag: { text: string; theme: TagTheme } | null;
  /** the button under the card, if any */
  action: 'retry' | 'register' | null;
}

const VERIFICATION_TAGS: Record<VerificationState, { text: string; theme: TagTheme }> = {
  unregistered: { text: '未实名', theme: 'default' },
  pending: { text: '核验中', theme: 'warning' },
  verified: { text: '已实名', theme: 'success' },
  rejected: { text: '核验未通过', theme: 'danger' },
};

export function describeLogin(state: SessionState): LoginView {
  switch (state.status) {
    case 'loading':
      return { title: '正在登录…', description: '', tag: null, action: null };
    case 'failed':
      return { title: '暂时无法登录', description: state.message, tag: null, action: 'retry' };
    case 'ready': {
      const { login } = state;
      if (!login.registered) {
        return {
          title: '您还没有注册',
          description: '实名注册后即可申报补贴、查询发放',
          tag: { text: '未注册', theme: 'default' },
          action: 'register',
        };
      }
      const card = login.household?.cardTail;
      return {
        title: login.maskedName ?? '已注册用户',
        description: !login.household ? '尚未加入家庭户' : card ? `一卡通尾号 ${card}` : '尚未绑定一卡通',
        tag: VERIFICATION_TAGS[login.verification],
        action: null,
      };
    }
  }
}
