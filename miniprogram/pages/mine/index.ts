/**
 * 我的: the account and its verification state with what to do about it, 我的消息 with the unread count,
 * the profile, the household and its one card (masked), the 适老化 switch, and work entries that have no
 * tab of their own.
 */
import type { ProfileResponse } from '../../../typings/api';
import { elderMode } from '../../behaviors/elder-mode';
import { session } from '../../behaviors/session';
import { tabPage } from '../../behaviors/tab-page';
import { holidayCalendar } from '../../services/admin';
import { showError } from '../../services/toast';
import { household, notices, profile, updateProfile } from '../../services/user';
import { hasAnyRole } from '../../shared/roles';
import { checkMobile } from '../../shared/validators';
import { setElderMode } from '../../stores/elder-mode';
import type { SessionState } from '../../stores/session';
import {
  calendarNotice,
  describeHousehold,
  describeProfile,
  describeVerification,
  type HouseholdView,
  type MineMode,
  mineMode,
  type ProfileView,
  type VerificationView,
  type WorkEntry,
  workEntries,
} from './account-view';

function accountTitle(state: SessionState): string {
  if (state.status === 'loading') return '正在登录…';
  if (state.status === 'failed') return '暂时无法登录';
  return state.login.registered ? (state.login.maskedName ?? '已注册用户') : '未注册';
}

/** What the details depend on: they are asked again when it changes (registered, verified, a new card). */
function detailsKey(state: SessionState): string {
  if (state.status !== 'ready' || !state.login.registered) return '';
  const h = state.login.household;
  return [state.login.verification, h?.householdId, h?.memberCount, h?.cardTail].join('|');
}

Component({
  behaviors: [elderMode, session, tabPage('mine')],
  data: {
    mode: 'loading' as MineMode,
    account: '',
    verification: null as VerificationView | null,
    profile: null as ProfileView | null,
    household: null as HouseholdView | null,
    /** the verified head binds or changes the household's card */
    canBindCard: false,
    work: [] as WorkEntry[],
    detailsKey: '',
    /** unread notices, on the 我的消息 badge */
    unread: 0,
    /** admins only: 节假日安排 not entered yet, or '' */
    calendarNotice: '',
  },
  observers: {
    session(state: SessionState) {
      const mode = mineMode(state);
      const key = detailsKey(state);
      const changed = key !== this.data.detailsKey;
      const isAdmin = state.status === 'ready' && hasAnyRole(state.login.roles, ['admin']);
      this.setData({ mode, account: accountTitle(state), work: workEntries(state), detailsKey: key });
      if (isAdmin && changed) this.loadCalendarNotice();
      else if (!isAdmin) this.setData({ calendarNotice: '' });
      if (state.status === 'ready' && key && changed) {
        // the login's word until the profile answers with the date or the reason
        this.setData({ verification: describeVerification(state.login.verification, null, null) });
        this.loadDetails();
        this.loadUnread();
      } else if (!key) {
        this.setData({
          verification:
            mode === 'rejected' && state.status === 'ready'
              ? describeVerification('rejected', null, state.login.verificationNote)
              : null,
          profile: null,
          household: null,
          canBindCard: false,
          unread: 0,
        });
      }
    },
  },
  pageLifetimes: {
    /** Back from 我的消息 (or from what a notice opened): the count as it is now. */
    show() {
      if (this.data.detailsKey) this.loadUnread();
    },
  },
  methods: {
    async loadDetails() {
      try {
        const [me, home] = await Promise.all([profile(), household()]);
        this.showProfile(me);
        this.setData({
          household: describeHousehold(home),
          canBindCard: me.verification === 'verified' && home.isHead,
        });
      } catch (error) {
        showError(error);
      }
    },
    async loadUnread() {
      try {
        const { unread } = await notices({ pageSize: 1 });
        this.setData({ unread });
      } catch {
        // the badge is a hint: without an answer it keeps its last count
      }
    },
    async loadCalendarNotice() {
      try {
        this.setData({ calendarNotice: calendarNotice(await holidayCalendar()) });
      } catch {
        // a reminder: without an answer there is nothing to say
      }
    },
    showProfile(me: ProfileResponse) {
      this.setData({
        profile: describeProfile(me),
        verification: describeVerification(me.verification, me.verifiedAt, me.verificationNote),
      });
    },
    onRegister() {
      wx.navigateTo({ url: '/pages/register/index' });
    },
    onBindCard() {
      wx.navigateTo({ url: '/pages/bind-card/index' });
    },
    /** 修改手机号码: typed into the modal, checked here as the cloud checks it. */
    onChangeMobile() {
      wx.showModal({
        title: '修改手机号码',
        editable: true,
        placeholderText: '请输入新的11位手机号码',
        confirmText: '保存',
        success: async (res) => {
          if (!res.confirm) return;
          const mobile = (res.content ?? '').replace(/\s/g, '');
          const problem = checkMobile(mobile);
          if (problem) {
            wx.showToast({ title: problem, icon: 'none', duration: 2500 });
            return;
          }
          try {
            this.showProfile(await updateProfile({ mobile }));
            wx.showToast({ title: '手机号码已修改', icon: 'success' });
          } catch (error) {
            showError(error);
          }
        },
      });
    },
    onElderChange(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      setElderMode(event.detail.value);
    },
  },
});
