import * as z from 'zod/mini';
import type { ListRegionsResponse } from '../../typings/api';
import { REGIONS, type RegionDoc } from '../_shared/domain/households';
import type { ActionDef } from '../_shared/runtime/router';
import { regionCode } from '../_shared/runtime/schemas';

const CITY = '511700000000';

/** 行政区划: children of a region, for pickers. Public: registration needs it before anything else. */
export const listRegions: ActionDef<'admin', 'listRegions'> = {
  access: 'anyone',
  input: z.object({ parentCode: z.optional(regionCode('上级地区')) }),
  async handler({ db }, input): Promise<ListRegionsResponse> {
    const { data } = await db
      .collection<RegionDoc>(REGIONS)
      .where({ parentCode: input.parentCode ?? CITY })
      .orderBy('code', 'asc')
      .limit(1000)
      .get();
    return {
      items: data.map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parentCode,
        demo: r.demo,
      })),
    };
  },
};
