/**
 * A public list (公示名单) of a village or township, optionally of one project: masked name, village,
 * project, amount in 元, the notice period and its state. Shared by 公示公开 (residents) and 公示管理
 * (cadres). The page forwards its pull-down and bottom events to `reload` and `loadMore`.
 */
import { loadPaged, type PagedHost } from '../../behaviors/paged-list';
import { listPublicity } from '../../services/publicity';
import type { TapEvent } from '../../types/events';
import { type PublicityRow, publicityRow } from './view';

const PAGE_SIZE = 20;

Component({
  properties: {
    regionCode: { type: String, value: '' },
    projectCode: { type: String, value: '' },
  },
  data: {
    items: [] as PublicityRow[],
    total: 0,
    page: 0,
    hasMore: false,
    loading: false,
    failure: '',
    /** the latest query: an answer to an older one (filters changed meanwhile) is dropped */
    query: 0,
  },
  observers: {
    'regionCode, projectCode'() {
      this.reload();
    },
  },
  methods: {
    reload(): Promise<void> {
      return this.loadPage(1);
    },
    loadMore() {
      if (this.data.hasMore && !this.data.loading) this.loadPage(this.data.page + 1);
    },
    async loadPage(page: number) {
      const { regionCode, projectCode } = this.data;
      if (!regionCode) return;
      await loadPaged(this as unknown as PagedHost<PublicityRow>, page, async () => {
        const answer = await listPublicity({
          regionCode,
          ...(projectCode ? { projectCode } : {}),
          page,
          pageSize: PAGE_SIZE,
        });
        return { rows: answer.items.map(publicityRow), total: answer.total };
      });
    },
    onOpen(event: TapEvent<{ id: string }>) {
      wx.navigateTo({ url: `/pages/publicity/detail?id=${event.currentTarget.dataset.id}` });
    },
  },
});
