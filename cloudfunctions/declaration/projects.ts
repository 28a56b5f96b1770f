import * as z from 'zod/mini';
import type { GetProjectResponse, ListProjectsResponse } from '../../typings/api';
import {
  currentWindow,
  loadProject,
  nextWindow,
  PROJECTS,
  type ProjectDoc,
  publicProject,
} from '../_shared/domain/catalogue';
import { type DeclarationLock, LOCKS } from '../_shared/domain/declarations';
import type { ActionDef } from '../_shared/runtime/router';
import { projectCode } from './submission';

/** 阳光申报: the projects, open or not, with the caller's household's open declarations. */
export const listProjects: ActionDef<'declaration', 'listProjects'> = {
  access: 'anyone',
  input: z.object({}),
  async handler({ caller, db, now }): Promise<ListProjectsResponse> {
    const { data: projects } = await db
      .collection<ProjectDoc>(PROJECTS)
      .where({ active: true })
      .orderBy('code', 'asc')
      .limit(1000)
      .get();
    const householdId = caller.user?.registered ? caller.user.householdId : null;
    const locks = householdId
      ? (await db.collection<DeclarationLock>(LOCKS).where({ householdId }).limit(1000).get()).data
      : [];
    return {
      items: projects.map((p) => {
        const open = currentWindow(p, now);
        const lock = open && locks.find((l) => l._id === `${householdId}:${p.code}:${open.period}`);
        return {
          code: p.code,
          name: p.name,
          department: p.department,
          standardText: p.standard.text,
          open: open !== null,
          window: open ?? nextWindow(p, now),
          demo: p.standard.demo,
          proxyAllowed: p.proxyAllowed,
          myOpenDeclarationId: lock ? lock.declarationId : null,
        };
      }),
    };
  },
};

/** 申报须知 */
export const getProject: ActionDef<'declaration', 'getProject'> = {
  access: 'anyone',
  input: z.object({ code: projectCode() }),
  async handler({ db, now }, input): Promise<GetProjectResponse> {
    const p = await loadProject(db, input.code);
    const window = currentWindow(p, now);
    return { ...publicProject(p), open: window !== null, currentWindow: window };
  },
};
