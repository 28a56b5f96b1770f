/**
 * 存疑数据: the alerts the risk rules raised (one person in two households, one card for several, payment
 * after death, ...), each with its rule, the records and why; open ones by default. 确认属实 or 排除 needs a
 * note and goes with the version seen. 立即扫描 runs the rules now and says what it found.
 */
import { elderMode } from '../../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData, pagedPage } from '../../../behaviors/paged-list';
import { alerts, resolveAlert, runRiskScan } from '../../../services/supervision';
import { showError } from '../../../services/toast';
import type { TapEvent } from '../../../types/events';
import { CONFLICT_TOAST, isConflict } from '../../view';
import {
  type AlertFilters,
  type AlertRow,
  alertRow,
  alertsRequest,
  DEFAULT_FILTERS,
  noteProblem,
  OUTCOME_LABELS,
  type Outcome,
  RULE_OPTIONS,
  type ScanResult,
  STATUS_OPTIONS,
  scanResult,
} from './view';

const PAGE_SIZE = 20;

Component({
  behaviors: [elderMode, pagedPage],
  data: {
    filters: DEFAULT_FILTERS as AlertFilters,
    rules: RULE_OPTIONS,
    statuses: STATUS_OPTIONS,
    ...pagedData<AlertRow>(),
    scanning: false,
    scan: null as ScanResult | null,
    /** the alert being resolved, and how */
    target: null as AlertRow | null,
    outcome: '' as Outcome | '',
    outcomeLabel: '',
    note: '',
    problem: '',
    resolving: false,
  },
  lifetimes: {
    attached() {
      this.loadPage(1);
    },
  },
  methods: {
    loadPage(page: number) {
      return loadPaged(this as unknown as PagedHost<AlertRow>, page, async () => {
        const answer = await alerts(alertsRequest(this.data.filters, page, PAGE_SIZE));
        return { rows: answer.items.map(alertRow), total: answer.total };
      });
    },
    setFilters(filters: AlertFilters) {
      this.setData({ filters });
      this.loadPage(1);
    },
    onRuleTap(event: TapEvent<{ value: AlertFilters['rule'] }>) {
      this.setFilters({ ...this.data.filters, rule: event.currentTarget.dataset.value });
    },
    onStatusTap(event: TapEvent<{ value: AlertFilters['status'] }>) {
      this.setFilters({ ...this.data.filters, status: event.currentTarget.dataset.value });
    },
    onResolveTap(event: TapEvent<{ id: string; outcome: Outcome }>) {
      const { id, outcome } = event.currentTarget.dataset;
      const target = this.data.items.find((a) => a.id === id) ?? null;
      if (!target) return;
      this.setData({ target, outcome, outcomeLabel: OUTCOME_LABELS[outcome], note: '', problem: '' });
    },
    onCloseSheet() {
      if (!this.data.resolving) this.setData({ target: null, outcome: '' });
    },
    onSheetVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.onCloseSheet();
    },
    onNoteInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ note: event.detail.value, problem: '' });
    },
    /** The note is checked here first; after the cloud answers (or a CONFLICT) the list is read again. */
    async onResolve() {
      const { target, outcome, note, resolving } = this.data;
      if (!target || !outcome || resolving) return;
      const problem = noteProblem(note);
      if (problem) {
        this.setData({ problem });
        return;
      }
      this.setData({ resolving: true });
      try {
        await resolveAlert({ alertId: target.id, version: target.version, outcome, note: note.trim() });
        this.setData({ resolving: false, target: null, outcome: '' });
        wx.showToast({ title: `已${OUTCOME_LABELS[outcome]}`, icon: 'none', duration: 2500 });
        await this.loadPage(1);
      } catch (error) {
        this.setData({ resolving: false });
        if (!isConflict(error)) {
          showError(error);
          return;
        }
        this.setData({ target: null, outcome: '' });
        await this.loadPage(1);
        wx.showToast({ title: CONFLICT_TOAST, icon: 'none', duration: 2500 });
      }
    },
    async onScan() {
      if (this.data.scanning) return;
      this.setData({ scanning: true, scan: null });
      try {
        this.setData({ scan: scanResult(await runRiskScan()) });
        await this.loadPage(1);
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ scanning: false });
      }
    },
    onCloseScan() {
      this.setData({ scan: null });
    },
  },
});
