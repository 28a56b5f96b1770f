/** 阳光申报: every project with what a household may receive, whether it is open now, and my open declaration. */
import { elderMode } from '../../behaviors/elder-mode';
import { listProjects } from '../../services/declaration';
import { errorMessage } from '../../services/toast';
import type { TapEvent } from '../../types/events';
import { type ProjectRow, projectRow } from './view';

Component({
  behaviors: [elderMode],
  data: {
    projects: [] as ProjectRow[],
    loading: true,
    failure: '',
  },
  lifetimes: {
    attached() {
      this.load();
    },
  },
  methods: {
    async load() {
      this.setData({ loading: true });
      try {
        const cards = await listProjects();
        this.setData({ projects: cards.map(projectRow), failure: '' });
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      } finally {
        this.setData({ loading: false });
      }
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    onOpen(event: TapEvent<{ code: string; id?: string }>) {
      wx.navigateTo({ url: `/pages/declare/notice?code=${event.currentTarget.dataset.code}` });
    },
    onMyDeclaration(event: TapEvent<{ code: string; id?: string }>) {
      wx.navigateTo({ url: `/pages/declarations/detail?id=${event.currentTarget.dataset.id}` });
    },
  },
});
