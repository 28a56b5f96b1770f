import * as z from 'zod/mini';
import { regionPrefix, regionWithin } from '../../miniprogram/shared/region';
import type { QueueItem, QueueResponse } from '../../typings/api';
import type { Database } from '../_shared/db/database';
import { DECLARATIONS, type DeclarationDoc, summary } from '../_shared/domain/declarations';
import { regionName } from '../_shared/domain/regions';
import { cadreGrants, grantCoversProject } from '../_shared/domain/scope';
import { forbidden } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { labelled, page, pageSize, regionCode } from '../_shared/runtime/schemas';

export async function queueItem(
  db: Database,
  d: DeclarationDoc,
  now: Date,
  names = new Map<string, string>(),
): Promise<QueueItem> {
  if (!names.has(d.villageCode)) names.set(d.villageCode, await regionName(db, d.villageCode));
  return {
    ...summary(d),
    villageCode: d.villageCode,
    villageName: names.get(d.villageCode) ?? d.villageCode,
    overdue: d.dueAt !== null && new Date(d.dueAt).getTime() < now.getTime(),
    version: d.version,
  };
}

const MAX_SCAN = 5000;

/**
 * 审批待办: what the caller may act on now — their level, the regions under them, their projects —
 * overdue first, then by deadline; a stable order (deadline, then id) for paging.
 */
export const queue: ActionDef<'approval', 'queue'> = {
  access: ['cadre'],
  input: z.object({
    projectCode: labelled(z.optional(z.string().check(z.regex(/^[A-Z0-9_]{2,32}$/))), '补贴项目'),
    stage: labelled(
      z.optional(z.enum(['village_review', 'township_review', 'publicity', 'county_approval'])),
      '审批环节',
    ),
    villageCode: z.optional(regionCode('村（社区）')),
    overdueOnly: labelled(z.optional(z.boolean()), '只看超期'),
    page: page(),
    pageSize: pageSize(),
  }),
  async handler({ caller, db, now }, input): Promise<QueueResponse> {
    let grants = cadreGrants(caller);
    if (input.villageCode) {
      grants = grants.filter((g) => regionWithin(g.regionCode, input.villageCode!));
      if (grants.length === 0) throw forbidden('这个村（社区）不在您的管辖范围内');
    }
    const _ = db.command;
    const matches: DeclarationDoc[] = [];
    for (const g of grants) {
      const prefix = regionPrefix(input.villageCode ?? g.regionCode);
      const where: Record<string, unknown> = {
        status: 'in_review',
        stageLevel: g.level,
        villageCode: prefix.length === 12 ? prefix : _.and(_.gte(prefix), _.lt(`${prefix}~`)),
      };
      if (input.overdueOnly) where.dueAt = _.lt(now);
      const { data } = await db
        .collection<DeclarationDoc>(DECLARATIONS)
        .where(where)
        .orderBy('dueAt', 'asc')
        .limit(1000)
        .get();
      for (const d of data) {
        if (!grantCoversProject(g, d.projectCode)) continue;
        if (input.projectCode && d.projectCode !== input.projectCode) continue;
        const stage = d.stageIndex === null ? null : d.chain[d.stageIndex];
        if (input.stage && stage?.key !== input.stage) continue;
        if (!matches.some((m) => m._id === d._id)) matches.push(d);
      }
      if (matches.length > MAX_SCAN) break;
    }
    matches.sort((a, b) => {
      const due = new Date(a.dueAt ?? 0).getTime() - new Date(b.dueAt ?? 0).getTime();
      return due !== 0 ? due : a._id < b._id ? -1 : 1;
    });
    const p = input.page ?? 1;
    const size = input.pageSize ?? 20;
    const names = new Map<string, string>();
    const items: QueueItem[] = [];
    for (const d of matches.slice((p - 1) * size, p * size)) items.push(await queueItem(db, d, now, names));
    return { items, total: matches.length, page: p, pageSize: size };
  },
};
