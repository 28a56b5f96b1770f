/** 我的申报: the household's declarations with their status at a glance; each opens its timeline. */

import { elderMode } from '../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData, pagedPage, reloadOnShow } from '../../behaviors/paged-list';
import { mine } from '../../services/declaration';
import type { TapEvent } from '../../types/events';
import { type DeclarationRow, declarationRow } from './view';

const PAGE_SIZE = 20;

Component({
  behaviors: [elderMode, pagedPage, reloadOnShow],
  data: {
    ...pagedData<DeclarationRow>(),
    failure: '',
  },
  lifetimes: {
    attached() {
      this.loadPage(1);
    },
  },
  methods: {
    /** Page 1 replaces the list; later pages add to it. */
    loadPage(page: number) {
      return loadPaged(this as unknown as PagedHost<DeclarationRow>, page, async () => {
        const answer = await mine({ page, pageSize: PAGE_SIZE });
        return { rows: answer.items.map(declarationRow), total: answer.total };
      });
    },
    onOpen(event: TapEvent<{ id: string }>) {
      wx.navigateTo({ url: `/pages/declarations/detail?id=${event.currentTarget.dataset.id}` });
    },
    onDeclare() {
      wx.navigateTo({ url: '/pages/declare/index' });
    },
  },
});
