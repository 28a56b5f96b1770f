import * as z from 'zod/mini';
import { regionPrefix } from '../../miniprogram/shared/region';
import type {
  PublicityDetailResponse,
  PublicityItem,
  PublicityListResponse,
  Standard,
} from '../../typings/api';
import type { Database } from '../_shared/db/database';
import { pageOf } from '../_shared/db/paging';
import { PROJECTS, type ProjectDoc } from '../_shared/domain/catalogue';
import { DECLARATIONS, type DeclarationDoc } from '../_shared/domain/declarations';
import { regionNames } from '../_shared/domain/regions';
import { invalid, notFound } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { docId, labelled, page, pageSize, regionCode } from '../_shared/runtime/schemas';

/** A line of a public list. Only these fields ever leave: no ID, card, phone or household. */
export function toPublicItem(
  d: DeclarationDoc,
  villageName: string,
  standard: Pick<Standard, 'text' | 'amountFen'> | null,
  now: Date,
): PublicityItem {
  if (!d.publicity) throw notFound('没有找到这条公示');
  const ended = new Date(d.publicity.endsAt) <= now;
  return {
    publicityId: d._id,
    maskedName: d.applicant.nameMasked,
    villageName,
    projectCode: d.projectCode,
    projectName: d.projectName,
    standardText: standard?.text ?? '',
    amountFen: standard?.amountFen ?? 0,
    startsAt: new Date(d.publicity.startsAt).toISOString(),
    endsAt: new Date(d.publicity.endsAt).toISOString(),
    stateText: d.status === 'objection_hold' ? '收到异议，核查中' : ended ? '公示结束' : '公示中',
    status: d.status,
  };
}

/**
 * The lines of a page. A notice carries its village's name and standard; for older ones without them
 * the names and projects of the whole page are read in one query each.
 */
async function publicItems(db: Database, docs: DeclarationDoc[], now: Date): Promise<PublicityItem[]> {
  const bare = docs.filter(
    (d) => d.publicity && (!d.publicity.villageName || d.publicity.standard === undefined),
  );
  const [names, projects] = bare.length
    ? await Promise.all([
        regionNames(
          db,
          bare.map((d) => d.villageCode),
        ),
        db
          .collection<ProjectDoc>(PROJECTS)
          .where({ code: db.command.in([...new Set(bare.map((d) => d.projectCode))]) })
          .limit(1000)
          .get()
          .then((r) => r.data),
      ])
    : [new Map<string, string>(), []];
  const standards = new Map(projects.map((p) => [p.code, p.standard]));
  return docs.map((d) => {
    const facts = d.publicity;
    const standard = facts?.standard !== undefined ? facts.standard : (standards.get(d.projectCode) ?? null);
    return toPublicItem(
      d,
      facts?.villageName || names.get(d.villageCode) || '',
      standard ? { text: standard.text, amountFen: standard.amountFen } : null,
      now,
    );
  });
}

/** 公示名单 of a village or a township: during and after the notice period. */
export const list: ActionDef<'publicity', 'list'> = {
  access: 'registered',
  input: z.object({
    regionCode: regionCode('村（社区）或乡镇（街道）'),
    projectCode: labelled(z.optional(z.string().check(z.regex(/^[A-Z0-9_]{2,32}$/))), '补贴项目'),
    page: page(),
    pageSize: pageSize(),
  }),
  async handler({ db, now }, input): Promise<PublicityListResponse> {
    const prefix = regionPrefix(input.regionCode);
    if (prefix.length < 9) throw invalid('请选择一个乡镇（街道）或村（社区）');
    const _ = db.command;
    const where: Record<string, unknown> = {
      'publicity.villageCode': prefix.length === 12 ? prefix : _.and(_.gte(prefix), _.lt(`${prefix}~`)),
    };
    if (input.projectCode) where.projectCode = input.projectCode;
    const { data, ...paging } = await pageOf<DeclarationDoc>(
      db,
      DECLARATIONS,
      where,
      [['publicity.startsAt', 'desc']],
      input,
    );
    return { items: await publicItems(db, data, now), ...paging };
  },
};

export const detail: ActionDef<'publicity', 'detail'> = {
  access: 'registered',
  input: z.object({ publicityId: docId('公示') }),
  async handler({ db, now }, input): Promise<PublicityDetailResponse> {
    const { data } = await db
      .collection<DeclarationDoc>(DECLARATIONS)
      .where({ _id: input.publicityId })
      .limit(1)
      .get();
    const d = data[0];
    if (!d?.publicity) throw notFound('没有找到这条公示');
    const [item] = await publicItems(db, [d], now);
    const open = d.status === 'publicity' && new Date(d.publicity.endsAt) > now;
    return {
      ...item!,
      canObject: open,
      objectionHint: open
        ? '如认为公示对象不符合条件，可在公示期内实名或匿名提出异议，纪检监察部门会受理核查'
        : '公示期已结束；如发现问题，仍可通过“举报投诉”反映',
    };
  },
};
