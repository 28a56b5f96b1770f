/**
 * The 审批 and 监督 tab pages are thin entries in the main package: they list the screens of their
 * subpackage, for the roles that may open them. The screens themselves live in the subpackage.
 */
import { elderMode } from '../behaviors/elder-mode';
import { session } from '../behaviors/session';
import { tabPage } from '../behaviors/tab-page';
import { canSeeTab, type TabKey } from '../shared/roles';
import type { SessionState } from '../stores/session';

export interface StaffScreen {
  key: string;
  title: string;
  description: string;
  url: string;
}

export interface StaffTab {
  tab: TabKey;
  screens: StaffScreen[];
}

export function defineStaffTab({ tab, screens }: StaffTab): void {
  Component({
    behaviors: [elderMode, session, tabPage(tab)],
    data: { screens, allowed: false, ready: false },
    observers: {
      session(state: SessionState) {
        const ready = state.status === 'ready';
        this.setData({ ready, allowed: ready && canSeeTab(state.login.roles, tab) });
      },
    },
  });
}
