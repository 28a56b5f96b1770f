/**
 * 举报件: the tip-offs of the supervisor's region, newest first, with filters by status and kind and
 * 只看超期; overdue ones carry how long. Each opens its detail; back from it, the list is read again.
 */
import { elderMode } from '../../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData, pagedPage, reloadOnShow } from '../../../behaviors/paged-list';
import { tipoffList } from '../../../services/tipoff';
import type { TapEvent } from '../../../types/events';
import {
  KIND_OPTIONS,
  listRequest,
  NO_FILTERS,
  STATUS_OPTIONS,
  type TipoffFilters,
  type TipoffRow,
  tipoffRow,
} from './view';

const PAGE_SIZE = 20;

Component({
  behaviors: [elderMode, pagedPage, reloadOnShow],
  data: {
    filters: NO_FILTERS as TipoffFilters,
    statuses: STATUS_OPTIONS,
    kinds: KIND_OPTIONS,
    ...pagedData<TipoffRow>(),
  },
  methods: {
    /** From the workbench, `overdue=1` opens on the overdue ones. */
    onLoad(query: Record<string, string | undefined>) {
      if (query.overdue === '1') this.setData({ filters: { ...NO_FILTERS, overdueOnly: true } });
      this.loadPage(1);
    },
    /** Page 1 replaces the list; later pages add to it. */
    loadPage(page: number) {
      const now = new Date();
      return loadPaged(this as unknown as PagedHost<TipoffRow>, page, async () => {
        const answer = await tipoffList(listRequest(this.data.filters, page, PAGE_SIZE));
        return { rows: answer.items.map((t) => tipoffRow(t, now)), total: answer.total };
      });
    },
    setFilters(filters: TipoffFilters) {
      this.setData({ filters });
      this.loadPage(1);
    },
    onStatusTap(event: TapEvent<{ value: TipoffFilters['status'] }>) {
      this.setFilters({ ...this.data.filters, status: event.currentTarget.dataset.value });
    },
    onKindTap(event: TapEvent<{ value: TipoffFilters['kind'] }>) {
      this.setFilters({ ...this.data.filters, kind: event.currentTarget.dataset.value });
    },
    onOverdueChange(event: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setFilters({ ...this.data.filters, overdueOnly: Boolean(event.detail.value) });
    },
    onOpen(event: TapEvent<{ id: string }>) {
      wx.navigateTo({ url: `/package-supervise/pages/tipoff/index?id=${event.currentTarget.dataset.id}` });
    },
  },
});
