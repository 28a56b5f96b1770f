/**
 * 批次详情: one batch with its figures and its lines (filtered by state), the bank file to export
 * (CSV or Excel, opened to forward, or its link copied), 失败重发 for the failed lines, and the way to
 * import the bank's results.
 */
import type { BatchSummary, LineState } from '../../../../typings/api';
import { elderMode } from '../../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData, pagedPage, reloadOnShow } from '../../../behaviors/paged-list';
import { confirm } from '../../../services/confirm';
import { handExport } from '../../../services/export-file';
import { batches, cancelBatch, createBatch, exportBatch } from '../../../services/payment';
import { showError } from '../../../services/toast';
import type { TapEvent } from '../../../types/events';
import { type BatchView, batchView, LINE_STATE_OPTIONS, type LineView, lineView } from '../../view';

const PAGE_SIZE = 20;

const HANDED_TOASTS = {
  opened: '',
  copied: '手机无法直接打开这个文件，下载链接已复制（10分钟内有效），可在电脑浏览器中打开',
  failed: '文件暂时无法下载，请稍后重试',
};

/** The reason for withdrawing a batch, typed into the dialog; null when the user backs out. */
function askReason(): Promise<string | null> {
  return new Promise((resolve) => {
    wx.showModal({
      title: '撤销批次',
      content: '',
      editable: true,
      placeholderText: '撤销原因，如：期次选错',
      confirmText: '撤销',
      success: (res) => resolve(res.confirm ? String(res.content ?? '').trim() : null),
      fail: () => resolve(null),
    });
  });
}

Component({
  behaviors: [elderMode, pagedPage, reloadOnShow],
  data: {
    id: '',
    batch: null as BatchView | null,
    /** the batch as answered: a re-send names its project, region and period */
    source: null as BatchSummary | null,
    lineState: '' as LineState | '',
    states: LINE_STATE_OPTIONS,
    exporting: '' as 'csv' | 'xlsx' | '',
    resending: false,
    cancelling: false,
    ...pagedData<LineView>(),
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: query.id ?? '' });
      this.loadPage(1);
    },
    /** Page 1 replaces the lines (and reads the batch's figures again); later pages add to them. */
    loadPage(page: number) {
      const { id, lineState } = this.data;
      return loadPaged(this as unknown as PagedHost<LineView>, page, async () => {
        const answer = await batches({
          batchId: id,
          page,
          pageSize: PAGE_SIZE,
          ...(lineState ? { lineState } : {}),
        });
        if (answer.batch) this.setData({ batch: batchView(answer.batch), source: answer.batch });
        return { rows: answer.lines.map(lineView), total: answer.linesTotal };
      });
    },
    onStateTap(event: TapEvent<{ value: LineState | '' }>) {
      this.setData({ lineState: event.currentTarget.dataset.value });
      this.loadPage(1);
    },
    async onExport(event: TapEvent<{ format: 'csv' | 'xlsx' }>) {
      const { format } = event.currentTarget.dataset;
      if (this.data.exporting) return;
      this.setData({ exporting: format });
      try {
        const file = await exportBatch(this.data.id, format);
        const handed = await handExport(file);
        if (HANDED_TOASTS[handed])
          wx.showToast({ title: HANDED_TOASTS[handed], icon: 'none', duration: 3500 });
        await this.loadPage(1);
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ exporting: '' });
      }
    },
    /** 失败重发: a new batch of this batch's failed lines (after the households fixed their cards). */
    async onResend() {
      const { source, resending } = this.data;
      if (!source || source.failedCount === 0 || resending) return;
      const agreed = await confirm(
        '失败重发',
        `把本批次发放失败的${source.failedCount}户重新生成一个批次。请先确认这些户已更正卡号或开户信息。`,
        '生成重发批次',
      );
      if (!agreed) return;
      this.setData({ resending: true });
      try {
        const created = await createBatch({
          projectCode: source.projectCode,
          regionCode: source.regionCode,
          period: source.period,
          resendOf: source.batchId,
        });
        wx.showToast({ title: `已生成重发批次：${created.lineCount}户`, icon: 'none', duration: 2500 });
        wx.navigateTo({ url: `/package-finance/pages/batch/index?id=${created.batchId}` });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ resending: false });
      }
    },
    /** 撤销批次: only before export; asks why, which the audit log keeps. */
    async onCancel() {
      const { source, cancelling } = this.data;
      if (source?.state !== 'created' || cancelling) return;
      const reason = await askReason();
      if (reason === null) return;
      if (reason.length < 2) {
        wx.showToast({ title: '请写明撤销原因', icon: 'none' });
        return;
      }
      this.setData({ cancelling: true });
      try {
        await cancelBatch({ batchId: source.batchId, reason });
        wx.showToast({ title: '批次已撤销，这些户可以重新生成批次', icon: 'none', duration: 2500 });
        await this.loadPage(1);
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ cancelling: false });
      }
    },
    onImport() {
      wx.navigateTo({ url: `/package-finance/pages/import/index?mode=results&batchId=${this.data.id}` });
    },
  },
});
