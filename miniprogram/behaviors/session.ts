/**
 * Keeps `data.session` (the login result of this launch) up to date and asks for it on attach.
 * Pages derive their view from it in an `observers.session` entry; a failure stays in the state
 * (`status: 'failed'`), and the page that owns the account card shows it.
 */
import { loadSession, onSessionChange, sessionState } from '../stores/session';

const stops = new WeakMap<object, () => void>();

export const session = Behavior({
  data: { session: sessionState() },
  lifetimes: {
    attached() {
      this.setData({ session: sessionState() });
      stops.set(
        this,
        onSessionChange((state) => this.setData({ session: state })),
      );
      loadSession().catch(() => undefined);
    },
    detached() {
      stops.get(this)?.();
      stops.delete(this);
    },
  },
});
