/**
 * 所在村（社区）: a bottom sheet that walks 县（市、区） → 乡镇（街道） → 村（社区）, asking admin.listRegions
 * for each level only when the person gets there. Emits `pick` ({ code, label }) for a village and `close`.
 */
import type { RegionView } from '../../../typings/api';
import { listRegions } from '../../services/admin';
import { errorMessage } from '../../services/toast';
import type { TapEvent } from '../../types/events';

export interface VillagePick {
  code: string;
  /** 县 乡镇 村, as shown */
  label: string;
}

interface RegionOption {
  code: string;
  label: string;
  final: boolean;
}

interface PathStep {
  code: string;
  label: string;
}

const LEVEL_TITLES = ['请选择县（市、区）', '请选择乡镇（街道）', '请选择村（社区）'];

/** Regions answered in this launch, by parent ('' for the counties): going back costs no call. */
const children = new Map<string, RegionView[]>();

function optionOf(region: RegionView): RegionOption {
  return {
    code: region.code,
    label: region.demo ? `${region.name}（演示）` : region.name,
    final: region.level === 'village',
  };
}

Component({
  properties: {
    visible: { type: Boolean, value: false },
  },
  data: {
    path: [] as PathStep[],
    options: [] as RegionOption[],
    levelTitle: LEVEL_TITLES[0],
    loading: false,
    error: '',
  },
  observers: {
    visible(visible: boolean) {
      if (visible && this.data.options.length === 0 && !this.data.loading) this.showLevel([]);
    },
  },
  methods: {
    /** Shows the children of the last step of `path` (the counties for an empty path). */
    async showLevel(path: PathStep[]) {
      const parent = path[path.length - 1]?.code ?? '';
      const levelTitle = LEVEL_TITLES[Math.min(path.length, LEVEL_TITLES.length - 1)];
      this.setData({ path, levelTitle, error: '' });
      let regions = children.get(parent);
      if (!regions) {
        this.setData({ loading: true, options: [] });
        try {
          regions = await listRegions(parent || undefined);
          children.set(parent, regions);
        } catch (error) {
          this.setData({ loading: false, error: errorMessage(error) });
          return;
        }
      }
      this.setData({ loading: false, options: regions.map(optionOf) });
    },
    onPick(event: TapEvent<{ index: number }>) {
      const option = this.data.options[event.currentTarget.dataset.index];
      if (!option || this.data.loading) return;
      const path = [...this.data.path, { code: option.code, label: option.label }];
      if (!option.final) {
        this.showLevel(path);
        return;
      }
      const pick: VillagePick = { code: option.code, label: path.map((step) => step.label).join(' ') };
      this.triggerEvent('pick', pick);
    },
    /** Back to a level above: tapping 通川区 in the path lists the counties again. */
    onStepTap(event: TapEvent<{ index: number }>) {
      this.showLevel(this.data.path.slice(0, event.currentTarget.dataset.index));
    },
    onRetry() {
      this.showLevel(this.data.path);
    },
    onClose() {
      this.triggerEvent('close');
    },
    onVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.triggerEvent('close');
    },
  },
});
