/**
 * 审批待办: what the cadre may act on now, overdue first, with filters by project, stage, village and
 * 只看超期; each item opens its detail. Items can be selected for 批量通过: after a confirmation the
 * server's answer is shown item by item, and the list is asked again (nothing changes before it answers).
 */

import { elderMode } from '../../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData, pagedPage, reloadOnShow } from '../../../behaviors/paged-list';
import { approvalQueue, batchReview } from '../../../services/approval';
import { confirm } from '../../../services/confirm';
import { listProjects } from '../../../services/declaration';
import { showError } from '../../../services/toast';
import { loadSession } from '../../../stores/session';
import type { TapEvent } from '../../../types/events';
import type { Option } from '../../../types/option';
import { cadreGrants, scopeProjects, scopeRegions } from '../../cadre-scope';
import {
  BATCH_LIMIT,
  type BatchResultRow,
  batchResultRows,
  NO_FILTERS,
  type QueueFilters,
  type QueueRow,
  queueRequest,
  queueRow,
  STAGE_OPTIONS,
} from './view';

const PAGE_SIZE = 20;

Component({
  behaviors: [elderMode, pagedPage, reloadOnShow],
  data: {
    filters: NO_FILTERS as QueueFilters,
    projects: [] as Option[],
    stages: STAGE_OPTIONS,
    villages: [] as Option[],
    ...pagedData<QueueRow>(),
    /** selected for 批量通过, by declaration id */
    selected: {} as Record<string, boolean>,
    selectedCount: 0,
    batching: false,
    batchResults: null as BatchResultRow[] | null,
  },
  lifetimes: {
    attached() {
      this.loadPage(1);
      this.loadFilterOptions();
    },
  },
  methods: {
    /** The projects and villages of the cadre's scope; the filters stay at 全部 if they cannot be read. */
    async loadFilterOptions() {
      try {
        const login = await loadSession();
        const grants = cadreGrants(login.roles);
        const [cards, villages] = await Promise.all([listProjects(), scopeRegions(grants)]);
        this.setData({ projects: scopeProjects(cards, grants), villages });
      } catch (error) {
        showError(error);
      }
    },
    /** Page 1 replaces the list (and the selection); later pages add to it. */
    async loadPage(page: number) {
      const now = new Date();
      const shown = await loadPaged(
        this as unknown as PagedHost<QueueRow>,
        page,
        async () => {
          const answer = await approvalQueue(queueRequest(this.data.filters, page, PAGE_SIZE));
          return { rows: answer.items.map((item) => queueRow(item, now)), total: answer.total };
        },
        { toastFirstPageFailure: true },
      );
      if (shown && page === 1) this.setData({ selected: {}, selectedCount: 0 });
    },
    setFilters(filters: QueueFilters) {
      this.setData({ filters });
      this.loadPage(1);
    },
    onProjectTap(event: TapEvent<{ value: string }>) {
      this.setFilters({ ...this.data.filters, projectCode: event.currentTarget.dataset.value });
    },
    onStageTap(event: TapEvent<{ value: QueueFilters['stage'] }>) {
      this.setFilters({ ...this.data.filters, stage: event.currentTarget.dataset.value });
    },
    onVillageTap(event: TapEvent<{ value: string }>) {
      this.setFilters({ ...this.data.filters, villageCode: event.currentTarget.dataset.value });
    },
    onOverdueTap() {
      this.setFilters({ ...this.data.filters, overdueOnly: !this.data.filters.overdueOnly });
    },
    onOpen(event: TapEvent<{ id: string }>) {
      wx.navigateTo({ url: `/package-staff/pages/review/index?id=${event.currentTarget.dataset.id}` });
    },
    onToggle(event: TapEvent<{ id: string }>) {
      const { id } = event.currentTarget.dataset;
      const selected = { ...this.data.selected };
      if (!selected[id] && this.data.selectedCount >= BATCH_LIMIT) {
        wx.showToast({ title: `一次最多批量审核${BATCH_LIMIT}件`, icon: 'none' });
        return;
      }
      if (selected[id]) delete selected[id];
      else selected[id] = true;
      this.setData({ selected, selectedCount: Object.keys(selected).length });
    },
    onClearSelection() {
      this.setData({ selected: {}, selectedCount: 0 });
    },
    async onBatchApprove() {
      const { selected, items, batching } = this.data;
      const chosen = items.filter((row) => selected[row.id]);
      if (chosen.length === 0 || batching) return;
      const agreed = await confirm(
        '批量通过',
        `将${chosen.length}件申报审核为“通过”，进入下一环节。每件的结果会逐一列出。`,
        '通过',
      );
      if (!agreed) return;
      this.setData({ batching: true });
      try {
        const answer = await batchReview({
          items: chosen.map((row) => ({ declarationId: row.id, version: row.version })),
          outcome: 'approve',
        });
        this.setData({ batchResults: batchResultRows(answer.results, chosen) });
        await this.loadPage(1);
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ batching: false });
      }
    },
    onCloseResults() {
      this.setData({ batchResults: null });
    },
    onResultsVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.onCloseResults();
    },
  },
});
