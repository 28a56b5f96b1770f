/**
 * 公示公开: the public lists of the resident's village (or its township, or another village chosen in the
 * picker), of all projects or one. Opens on the resident's own village from the login's household.
 */
import { elderMode } from '../../behaviors/elder-mode';
import { projectChoices } from '../../behaviors/project-options';
import { session } from '../../behaviors/session';
import type { VillagePick } from '../../components/village-picker/index';
import { parentRegionCode } from '../../shared/region';
import type { SessionState } from '../../stores/session';
import type { TapEvent } from '../../types/events';

type Scope = 'village' | 'township';

interface PublicityList {
  reload(): Promise<void>;
  loadMore(): void;
}

Component({
  behaviors: [elderMode, session, projectChoices],
  data: {
    /** the village the lists are of; its township for scope 'township' */
    village: { code: '', label: '本村' },
    scope: 'village' as Scope,
    regionCode: '',
    projectCode: '',
    pickerVisible: false,
  },
  observers: {
    session(state: SessionState) {
      const own = state.status === 'ready' ? state.login.household?.villageCode : undefined;
      if (own && !this.data.village.code) this.show({ code: own, label: '本村' }, 'village');
    },
  },
  methods: {
    show(village: { code: string; label: string }, scope: Scope) {
      const regionCode =
        scope === 'township' ? (parentRegionCode(village.code) ?? village.code) : village.code;
      this.setData({ village, scope, regionCode });
    },
    list(): PublicityList | null {
      return this.selectComponent('#list') as unknown as PublicityList | null;
    },
    onScopeTap(event: TapEvent<{ value: Scope }>) {
      if (this.data.village.code) this.show(this.data.village, event.currentTarget.dataset.value);
    },
    onProjectTap(event: TapEvent<{ value: string }>) {
      this.setData({ projectCode: event.currentTarget.dataset.value });
    },
    onPickVillage() {
      this.setData({ pickerVisible: true });
    },
    onPickerClose() {
      this.setData({ pickerVisible: false });
    },
    onVillagePicked(event: WechatMiniprogram.CustomEvent<VillagePick>) {
      this.setData({ pickerVisible: false });
      this.show({ code: event.detail.code, label: event.detail.label }, 'village');
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
