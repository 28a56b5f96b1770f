/**
 * 查询进度: a tip-off found by its code (and, anonymous, its secret) shows its status, the timeline of
 * handling units, the reply and, once answered, 满意/不满意 (the first dissatisfaction reopens it; after
 * the second, where else to turn). Opened from a notice with `?code=`, a named reporter's tip-off shows
 * at once. Below the query form, 我的举报: a registered reporter's named tip-offs.
 */
import { elderMode } from '../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData } from '../../behaviors/paged-list';
import { session } from '../../behaviors/session';
import { ApiError } from '../../services/api-error';
import { myTipoffs, rateTipoff, trackTipoff } from '../../services/tipoff';
import { errorMessage, showError } from '../../services/toast';
import type { SessionState } from '../../stores/session';
import type { TapEvent } from '../../types/events';
import { codeProblem, normalizeCode } from './form';
import { type TipoffRow, type TrackView, tipoffRow, trackView } from './view';

const PAGE_SIZE = 20;

/** Asks for an optional comment before 不满意; null when the person cancels. */
function askDissatisfied(canReopen: boolean): Promise<{ comment: string } | null> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '对答复不满意',
      content: canReopen
        ? '提交后将重新办理：纪检监察部门会重新核查并再次答复（只能重新办理一次）。可填写不满意的原因（选填）'
        : '这是重新办理后的答复，提交后办理结束。可填写不满意的原因（选填）',
      editable: true,
      placeholderText: '不满意的原因（选填）',
      confirmText: '提交',
      cancelText: '取消',
      success: (res) => resolve(res.confirm ? { comment: (res.content ?? '').trim() } : null),
      fail: () => resolve(null),
    });
  });
}

Component({
  behaviors: [elderMode, session],
  data: {
    ...pagedData<TipoffRow>(),
    code: '',
    secret: '',
    querying: false,
    queryError: '',
    view: null as TrackView | null,
    /** the code and secret the view was found with: rating sends them again */
    found: { code: '', secret: '' },
    rating: false,
    registered: false,
  },
  observers: {
    session(state: SessionState) {
      const registered = state.status === 'ready' && state.login.registered;
      if (registered === this.data.registered) return;
      this.setData({ registered });
      if (registered) this.loadPage(1);
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const code = normalizeCode(query.code ?? '');
      if (!code) return;
      this.setData({ code });
      // an anonymous tip-off needs its secret, which is typed here, never carried in the url
      if (query.anonymous !== '1') this.lookup(code, '', true);
    },
    /** Back from another tip-off's view (rated meanwhile): the list as it is now. */
    onShow() {
      if (this.data.page > 0) this.loadPage(1);
    },
    loadPage(page: number) {
      return loadPaged(this as unknown as PagedHost<TipoffRow>, page, async () => {
        const answer = await myTipoffs({ page, pageSize: PAGE_SIZE });
        return { rows: answer.items.map(tipoffRow), total: answer.total };
      });
    },
    async onPullDownRefresh() {
      if (this.data.registered) await this.loadPage(1);
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      if (!this.data.view && this.data.hasMore) this.loadPage(this.data.page + 1);
    },

    onCodeInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: event.detail.value, queryError: '' });
    },
    onSecretInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ secret: event.detail.value, queryError: '' });
    },
    onQuery() {
      const code = normalizeCode(this.data.code);
      const problem = codeProblem(code);
      if (problem) {
        this.setData({ queryError: problem });
        return;
      }
      this.lookup(code, this.data.secret.trim(), false);
    },
    /**
     * Finds the tip-off. `quiet` (opened from a notice): a tip-off that is not the caller's own named one
     * only leaves the form with the code filled in, waiting for the secret.
     */
    async lookup(code: string, secret: string, quiet: boolean) {
      if (this.data.querying) return;
      this.setData({ querying: true, queryError: '' });
      try {
        const answer = await trackTipoff(secret ? { trackingCode: code, secret } : { trackingCode: code });
        this.setData({ view: trackView(answer), found: { code, secret } });
      } catch (error) {
        if (!(quiet && error instanceof ApiError && error.code === 'NOT_FOUND'))
          this.setData({ queryError: errorMessage(error) });
      } finally {
        this.setData({ querying: false });
      }
    },
    onOpen(event: TapEvent<{ code: string }>) {
      wx.navigateTo({ url: `/pages/tipoff/track?code=${event.currentTarget.dataset.code}` });
    },
    /** Back to the form (and 我的举报) to follow another tip-off; the secret typed is forgotten. */
    onAnother() {
      this.setData({ view: null, code: '', secret: '', queryError: '', found: { code: '', secret: '' } });
    },

    async rate(satisfied: boolean, comment: string) {
      const { found } = this.data;
      this.setData({ rating: true });
      try {
        const answer = await rateTipoff({
          trackingCode: found.code,
          ...(found.secret ? { secret: found.secret } : {}),
          satisfied,
          ...(comment ? { comment } : {}),
        });
        this.setData({ view: trackView(answer) });
        const reopened = !satisfied && answer.status !== 'replied';
        wx.showToast({ title: reopened ? '已提交，将重新办理' : '感谢您的评价', icon: 'none' });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ rating: false });
      }
    },
    onSatisfied() {
      if (this.data.view?.canRate && !this.data.rating) this.rate(true, '');
    },
    async onDissatisfied() {
      const { view, rating } = this.data;
      if (!view?.canRate || rating) return;
      const answer = await askDissatisfied(view.canReopen);
      if (answer) await this.rate(false, answer.comment);
    },
  },
});
