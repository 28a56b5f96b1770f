/**
 * The subsidy projects as a resident filter's choices (公示名单, 举报): `data.projects`, read once on
 * attach. Put it last among a page's behaviors, so it reads after the page's own state is set up; a
 * failure is toasted and leaves the filter at 全部.
 */
import { listProjects, projectOptions } from '../services/declaration';
import { showError } from '../services/toast';
import type { Option } from '../types/option';

export const projectChoices = Behavior({
  data: { projects: [] as Option[] },
  lifetimes: {
    async attached() {
      try {
        this.setData({ projects: projectOptions(await listProjects()) });
      } catch (error) {
        showError(error);
      }
    },
  },
});
