import * as z from 'zod/mini';
import type { UpsertProjectResponse } from '../../typings/api';
import { PROJECTS, type ProjectDoc } from '../_shared/domain/catalogue';
import type { ActionDef } from '../_shared/runtime/router';
import { projectSchema } from './project-schema';

/** 维护补贴项目: create or replace a project; running declarations keep the chain they started with. */
export const upsertProject: ActionDef<'admin', 'upsertProject'> = {
  access: ['admin'],
  input: z.object({ project: projectSchema }),
  async handler(ctx, input): Promise<UpsertProjectResponse> {
    const { project } = input;
    return ctx.db.runTransaction(async (tx) => {
      const ref = tx.collection<ProjectDoc>(PROJECTS).doc(project.code);
      let version = 1;
      try {
        version = (await ref.get()).data.version + 1;
      } catch {
        // a new project: the SDK reports the missing document as an error
      }
      await ref.set({ data: { ...project, version, updatedAt: ctx.now } });
      await ctx.auditIn(tx, {
        action: 'admin.upsertProject',
        actorId: ctx.caller.user!._id,
        actorRole: 'admin',
        targetType: 'project',
        targetId: project.code,
        detail: {
          version,
          name: project.name,
          active: project.active,
          standardFen: project.standard.amountFen,
        },
      });
      return { code: project.code, version, created: version === 1 };
    });
  },
};
