/**
 * 首页: the account state from user.login, a verified household's 明白账 card (payment.summary) and the
 * services of the platform.
 */
import { elderMode } from '../../behaviors/elder-mode';
import { session } from '../../behaviors/session';
import { tabPage } from '../../behaviors/tab-page';
import { summary } from '../../services/payment';
import { errorMessage, showError } from '../../services/toast';
import { loadSession, type SessionState, sessionState } from '../../stores/session';
import type { TapEvent } from '../../types/events';
import { describeLedger, type LedgerView, ledgerHousehold } from './ledger-view';
import { describeLogin } from './login-view';
import { SERVICES, type ServiceEntry } from './services';

Component({
  behaviors: [elderMode, session, tabPage('home')],
  data: {
    login: describeLogin(sessionState()),
    services: SERVICES,
    /** the household whose 明白账 card shows; '' shows none */
    ledgerHousehold: '',
    ledger: null as LedgerView | null,
    ledgerFailure: '',
  },
  observers: {
    session(state: SessionState) {
      const household = ledgerHousehold(state);
      const changed = household !== this.data.ledgerHousehold;
      this.setData({ login: describeLogin(state), ledgerHousehold: household });
      if (!changed) return;
      this.setData({ ledger: null, ledgerFailure: '' });
      if (household) this.loadLedger();
    },
  },
  pageLifetimes: {
    /** Back on the home page: money may have arrived meanwhile. */
    show() {
      if (this.data.ledgerHousehold && this.data.ledger) this.loadLedger();
    },
  },
  lifetimes: {
    attached() {
      // the same call as the session behavior's; this page is the one that reports its failure
      loadSession().catch(showError);
    },
  },
  methods: {
    /** The card stays on the page when the figures cannot be read: it says so and still opens the details. */
    async loadLedger() {
      try {
        this.setData({ ledger: describeLedger(await summary()), ledgerFailure: '' });
      } catch (error) {
        if (!this.data.ledger) this.setData({ ledgerFailure: errorMessage(error) });
      }
    },
    onOpenLedger() {
      wx.navigateTo({ url: '/pages/payments/index' });
    },
    onRetry() {
      loadSession(true).catch(showError);
    },
    onRegister() {
      wx.navigateTo({ url: '/pages/register/index' });
    },
    onServiceTap(event: TapEvent<{ key: ServiceEntry['key'] }>) {
      const service = SERVICES.find((s) => s.key === event.currentTarget.dataset.key);
      if (!service) return;
      if (!service.url) wx.showToast({ title: `${service.label}即将开放`, icon: 'none' });
      else if (service.tab) wx.switchTab({ url: service.url });
      else wx.navigateTo({ url: service.url });
    },
  },
});
