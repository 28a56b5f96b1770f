/**
 * 我的消息: what the household was told about its declarations, payments and tip-offs, newest first.
 * Opening a notice marks it read and goes to what it is about; 全部已读 marks them all.
 */
import type { NoticeItem, NoticeKind } from '../../../typings/api';
import { elderMode } from '../../behaviors/elder-mode';
import { loadPaged, type PagedHost, pagedData, pagedPage } from '../../behaviors/paged-list';
import { TABS } from '../../custom-tab-bar/tabs';
import { showError } from '../../services/toast';
import { notices, readNotices } from '../../services/user';
import { shanghaiDateTime } from '../../shared/time';
import type { TapEvent } from '../../types/events';

const PAGE_SIZE = 20;

const KIND_LABELS: Readonly<Record<NoticeKind, string>> = {
  declaration: '申报进度',
  payment: '补贴发放',
  tipoff: '举报投诉',
};

interface NoticeRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  at: string;
  read: boolean;
  /** where the notice leads; '' for none */
  page: string;
}

function rowOf(n: NoticeItem): NoticeRow {
  return {
    id: n.id,
    kind: KIND_LABELS[n.kind],
    title: n.title,
    body: n.body,
    at: shanghaiDateTime(n.at),
    read: n.read,
    page: n.page ?? '',
  };
}

/** A tab page opens with switchTab (without its query), any other with navigateTo. */
function open(url: string): void {
  const path = url.split('?')[0];
  if (Object.values(TABS).some((tab) => tab.url === path)) wx.switchTab({ url: path });
  else wx.navigateTo({ url });
}

Component({
  behaviors: [elderMode, pagedPage],
  data: {
    ...pagedData<NoticeRow>(),
    failure: '',
    unread: 0,
    markingAll: false,
  },
  lifetimes: {
    attached() {
      this.loadPage(1);
    },
  },
  methods: {
    /** Page 1 replaces the list; later pages add to it. Every answer carries the unread count. */
    async loadPage(page: number) {
      let unread = this.data.unread;
      const shown = await loadPaged(this as unknown as PagedHost<NoticeRow>, page, async () => {
        const answer = await notices({ page, pageSize: PAGE_SIZE });
        unread = answer.unread;
        return { rows: answer.items.map(rowOf), total: answer.total };
      });
      if (shown) this.setData({ unread });
    },
    /** Goes where the notice leads at once; the read mark is sent meanwhile. */
    onOpen(event: TapEvent<{ index: number }>) {
      const index = event.currentTarget.dataset.index;
      const row = this.data.items[index];
      if (!row) return;
      if (!row.read) this.markRead(index, row.id);
      if (row.page) open(row.page);
    },
    async markRead(index: number, id: string) {
      try {
        const { unread } = await readNotices({ ids: [id] });
        if (this.data.items[index]?.id === id) this.setData({ [`items[${index}].read`]: true, unread });
      } catch {
        // the dot stays and the notice is marked when opened again
      }
    },
    async onReadAll() {
      if (this.data.markingAll || this.data.unread === 0) return;
      this.setData({ markingAll: true });
      try {
        const { unread } = await readNotices({});
        this.setData({ items: this.data.items.map((row) => ({ ...row, read: true })), unread });
      } catch (error) {
        showError(error);
      } finally {
        this.setData({ markingAll: false });
      }
    },
  },
});
