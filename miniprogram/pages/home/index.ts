/** 首页: the account state from user.login and the services of the platform. */
import { elderMode } from '../../behaviors/elder-mode';
import { session } from '../../behaviors/session';
import { tabPage } from '../../behaviors/tab-page';
import { showError } from '../../services/toast';
import { loadSession, type SessionState, sessionState } from '../../stores/session';
import { describeLogin } from './login-view';
import { SERVICES, type ServiceEntry } from './services';

Component({
  behaviors: [elderMode, session, tabPage('home')],
  data: {
    login: describeLogin(sessionState()),
    services: SERVICES,
  },
  observers: {
    session(state: SessionState) {
      this.setData({ login: describeLogin(state) });
    },
  },
  lifetimes: {
    attached() {
      // the same call as the session behavior's; this page is the one that reports its failure
      loadSession().catch(showError);
    },
  },
  methods: {
    onRetry() {
      loadSession(true).catch(showError);
    },
    onRegister() {
      wx.navigateTo({ url: '/pages/register/index' });
    },
    onServiceTap(
      event: WechatMiniprogram.CustomEvent<
        WechatMiniprogram.IAnyObject,
        WechatMiniprogram.IAnyObject,
        { key: ServiceEntry['key'] }
      >,
    ) {
      const service = SERVICES.find((s) => s.key === event.currentTarget.dataset.key);
      if (!service) return;
      if (!service.url) wx.showToast({ title: `${service.label}即将开放`, icon: 'none' });
      else if (service.tab) wx.switchTab({ url: service.url });
      else wx.navigateTo({ url: service.url });
    },
  },
});
