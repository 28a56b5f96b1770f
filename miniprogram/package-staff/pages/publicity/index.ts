/**
 * 公示管理: the cadre's public lists — the same list residents read, for the regions of the cadre's
 * scope (a township and its villages, a county's townships) and their projects.
 */

import { elderMode } from '../../../behaviors/elder-mode';
import { listProjects } from '../../../services/declaration';
import { errorMessage } from '../../../services/toast';
import { loadSession } from '../../../stores/session';
import type { TapEvent } from '../../../types/events';
import type { Option } from '../../../types/option';
import { cadreGrants, scopeProjects, scopeRegions } from '../../cadre-scope';

interface PublicityList {
  reload(): Promise<void>;
  loadMore(): void;
}

Component({
  behaviors: [elderMode],
  data: {
    regions: [] as Option[],
    projects: [] as Option[],
    regionCode: '',
    projectCode: '',
    failure: '',
  },
  lifetimes: {
    async attached() {
      try {
        const grants = cadreGrants((await loadSession()).roles);
        const [cards, regions] = await Promise.all([listProjects(), scopeRegions(grants, true)]);
        this.setData({
          projects: scopeProjects(cards, grants),
          regions,
          regionCode: regions[0]?.value ?? '',
          failure: regions.length ? '' : '您的账号没有可管理的公示范围',
        });
      } catch (error) {
        this.setData({ failure: errorMessage(error) });
      }
    },
  },
  methods: {
    list(): PublicityList | null {
      return this.selectComponent('#list') as unknown as PublicityList | null;
    },
    onRegionTap(event: TapEvent<{ value: string }>) {
      this.setData({ regionCode: event.currentTarget.dataset.value });
    },
    onProjectTap(event: TapEvent<{ value: string }>) {
      this.setData({ projectCode: event.currentTarget.dataset.value });
    },
    async onPullDownRefresh() {
      await this.list()?.reload();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      this.list()?.loadMore();
    },
  },
});
