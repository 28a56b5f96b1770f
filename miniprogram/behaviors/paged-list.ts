/**
 * The paging every list page shares (居民核验, 我的申报, 审批待办, 公示名单): page 1 replaces the list,
 * later pages add to it, an answer to an older query (filters changed meanwhile) is dropped, and a
 * failure of the first page is shown in place of the list. A later page is sent to the view as its new
 * rows only (`items[40]`, `items[41]`, …), so what crosses to the render layer stays one page however
 * far a cadre scrolls.
 */
import { errorMessage, showError } from '../services/toast';

export interface PagedState<Row> {
  items: Row[];
  total: number;
  page: number;
  hasMore: boolean;
  loading: boolean;
  /** Why the list cannot be shown. */
  failure: string;
  /** The latest query's number. */
  query: number;
}

export function pagedData<Row>(): PagedState<Row> {
  return { items: [], total: 0, page: 0, hasMore: false, loading: false, failure: '', query: 0 };
}

export interface PagedHost<Row> {
  data: PagedState<Row>;
  /** Fields of the state, or `items[i]` paths for rows appended in place. */
  setData(patch: Partial<PagedState<Row>> | Record<string, unknown>): void;
}

/** The patch that shows a page: page 1 replaces the list, a later one appends its rows by path. */
export function pagePatch<Row>(
  shown: Row[],
  page: number,
  rows: Row[],
  total: number,
): Record<string, unknown> {
  if (page === 1) return { items: rows, total, page, hasMore: rows.length < total, failure: '' };
  const patch: Record<string, unknown> = {
    total,
    page,
    hasMore: shown.length + rows.length < total,
    failure: '',
  };
  rows.forEach((row, i) => {
    patch[`items[${shown.length + i}]`] = row;
  });
  return patch;
}

/** Loads `page`; true when its rows were shown. */
export async function loadPaged<Row>(
  host: PagedHost<Row>,
  page: number,
  fetch: () => Promise<{ rows: Row[]; total: number }>,
  options: { toastFirstPageFailure?: boolean } = {},
): Promise<boolean> {
  if (host.data.loading && page > 1) return false;
  const query = host.data.query + 1;
  host.setData({ loading: true, query });
  try {
    const { rows, total } = await fetch();
    if (query !== host.data.query) return false;
    host.setData(pagePatch(host.data.items, page, rows, total));
    return true;
  } catch (error) {
    if (query !== host.data.query) return false;
    if (page === 1) host.setData({ items: [], total: 0, failure: errorMessage(error) });
    if (page > 1 || options.toastFirstPageFailure) showError(error);
    return false;
  } finally {
    if (query === host.data.query) host.setData({ loading: false });
  }
}

interface PagedPage {
  data: { page: number; hasMore: boolean };
  loadPage(page: number): Promise<unknown> | unknown;
}

/**
 * The scrolling every list page shares, for pages that define `loadPage(page)`: pull down to reload,
 * reach the bottom (or tap 加载更多) for the next page, tap 重试 after a failed first page.
 */
export const pagedPage = Behavior({
  methods: {
    async onPullDownRefresh() {
      await (this as unknown as PagedPage).loadPage(1);
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      const page = this as unknown as PagedPage;
      if (page.data.hasMore) page.loadPage(page.data.page + 1);
    },
    onLoadMore() {
      const page = this as unknown as PagedPage;
      if (page.data.hasMore) page.loadPage(page.data.page + 1);
    },
    onRetry() {
      (this as unknown as PagedPage).loadPage(1);
    },
  },
});

/**
 * For a list whose rows open a detail where something can be done: back on the list, it is read again
 * as it is now (once it has been shown).
 */
export const reloadOnShow = Behavior({
  methods: {
    onShow() {
      const page = this as unknown as PagedPage;
      if (page.data.page > 0) page.loadPage(1);
    },
  },
});
