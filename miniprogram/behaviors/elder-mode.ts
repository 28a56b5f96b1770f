/**
 * Every page and the tab bar use this: `data.elder` follows the 适老化 switch, and the root view's class
 * (`{{elder ? 'elder' : ''}}`) turns on the larger type and higher contrast defined in app.wxss.
 */
import { isElderMode, onElderModeChange } from '../stores/elder-mode';

const stops = new WeakMap<object, () => void>();

export const elderMode = Behavior({
  data: { elder: false },
  lifetimes: {
    attached() {
      this.setData({ elder: isElderMode() });
      stops.set(
        this,
        onElderModeChange((elder) => this.setData({ elder })),
      );
    },
    detached() {
      stops.get(this)?.();
      stops.delete(this);
    },
  },
});
