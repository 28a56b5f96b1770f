/** 我的申报: the household's declarations with their status at a glance; each opens its timeline. */
import { elderMode } from '../../behaviors/elder-mode';
import { mine } from '../../services/declaration';
import { errorMessage, showError } from '../../services/toast';
import { type DeclarationRow, declarationRow } from './view';

const PAGE_SIZE = 20;

Component({
  behaviors: [elderMode],
  data: {
    items: [] as DeclarationRow[],
    page: 0,
    hasMore: false,
    loading: false,
    failure: '',
  },
  lifetimes: {
    attached() {
      this.loadPage(1);
    },
  },
  methods: {
    /** Page 1 replaces the list; later pages add to it. */
    async loadPage(page: number) {
      if (this.data.loading) return;
      this.setData({ loading: true });
      try {
        const answer = await mine({ page, pageSize: PAGE_SIZE });
        const items = [...(page === 1 ? [] : this.data.items), ...answer.items.map(declarationRow)];
        this.setData({ items, page, hasMore: items.length < answer.total, failure: '' });
      } catch (error) {
        if (page === 1) this.setData({ failure: errorMessage(error) });
        else showError(error);
      } finally {
        this.setData({ loading: false });
      }
    },
    /** Back from a detail (withdrawn, resubmitted): the list as it is now. */
    onShow() {
      if (this.data.page > 0) this.loadPage(1);
    },
    async onPullDownRefresh() {
      await this.loadPage(1);
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      if (this.data.hasMore) this.loadPage(this.data.page + 1);
    },
    onOpen(
      event: WechatMiniprogram.CustomEvent<
        WechatMiniprogram.IAnyObject,
        WechatMiniprogram.IAnyObject,
        { id: string }
      >,
    ) {
      wx.navigateTo({ url: `/pages/declarations/detail?id=${event.currentTarget.dataset.id}` });
    },
    onDeclare() {
      wx.navigateTo({ url: '/pages/declare/index' });
    },
  },
});
