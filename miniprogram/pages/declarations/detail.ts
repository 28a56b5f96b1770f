/**
 * 申报详情: the status, who declared (代办 with the proxy's unit), the timeline as steps (stage, unit,
 * masked person, time, outcome, opinion, due time), 撤回 while allowed and 修改后重新提交 after 打回.
 */
import { detailPage } from '../../behaviors/detail-page';
import { elderMode } from '../../behaviors/elder-mode';
import { detail, withdraw } from '../../services/declaration';
import { errorMessage, showError } from '../../services/toast';
import { type DetailView, detailView } from './view';

/** Asks to confirm the withdrawal, with an optional reason; null when the person cancels. */
function askWithdrawal(projectName: string): Promise<{ reason: string } | null> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '撤回申报',
      content: `撤回后这份${projectName}申报将作废，本期可重新申报。可填写撤回原因（选填）`,
      editable: true,
      placeholderText: '撤回原因（选填）',
      confirmText: '撤回',
      cancelText: '不撤回',
      success: (res) => resolve(res.confirm ? { reason: (res.content ?? '').trim() } : null),
      fail: () => resolve(null),
    });
  });
}

Component({
  behaviors: [elderMode, detailPage],
  data: {
    id: '',
    view: null as DetailView | null,
    failure: '',
    withdrawing: false,
  },
  methods: {
    /** Back from 重新提交: the timeline as it is now. */
    onShow() {
      if (this.data.view) this.load();
    },
    async load() {
      try {
        this.setData({ view: detailView(await detail(this.data.id)), failure: '' });
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      }
    },
    async onWithdraw() {
      const { view, withdrawing } = this.data;
      if (!view?.canWithdraw || withdrawing) return;
      const answer = await askWithdrawal(view.projectName);
      if (!answer) return;
      this.setData({ withdrawing: true });
      try {
        await withdraw(view.id, answer.reason || undefined);
        wx.showToast({ title: '已撤回', icon: 'success' });
        await this.load();
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ withdrawing: false });
      }
    },
    onResubmit() {
      const { view } = this.data;
      if (view?.canResubmit) wx.navigateTo({ url: `/pages/declare/form?declarationId=${view.id}` });
    },
  },
});
