/**
 * A page that shows one record opened with `?id=` (审核, 举报详情, 申报详情, 公示详情), for pages that
 * hold `data.id` and define `load()`: on load the id is kept and the record read; pulling down (where the
 * page enables it) reads it again.
 */
interface DetailPage {
  setData(patch: { id: string }): void;
  load(): Promise<unknown>;
}

export const detailPage = Behavior({
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const page = this as unknown as DetailPage;
      page.setData({ id: query.id ?? '' });
      page.load();
    },
    async onPullDownRefresh() {
      await (this as unknown as DetailPage).load();
      wx.stopPullDownRefresh();
    },
  },
});
