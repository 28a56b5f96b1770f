import type { Database } from '../../../../cloudfunctions/_shared/db/database';
import type { RegionDoc } from '../../../../cloudfunctions/_shared/domain/households';
import { regionById } from '../../../../cloudfunctions/_shared/domain/regions';

/** A database holding some regions that counts the reads reaching it. */
function regionsDb(regions: RegionDoc[]) {
  const reads: string[] = [];
  const db = {
    collection: () => ({
      where: ({ _id }: { _id: string }) => ({
        limit: () => ({
          get: async () => {
            reads.push(_id);
            return { data: regions.filter((r) => r._id === _id) };
          },
        }),
      }),
    }),
  } as unknown as Database;
  return { db, reads };
}

const village = (code: string, name: string): RegionDoc => ({
  _id: code,
  code,
  name,
  level: 'village',
  parentCode: code.slice(0, 9).padEnd(12, '0'),
  demo: false,
});

test('a region read once is kept for ten minutes, then read again', async () => {
  const { db, reads } = regionsDb([village('511702901001', '甲村')]);
  const t = Date.UTC(2026, 10, 26, 8);
  expect((await regionById(db, '511702901001', t))?.name).toBe('甲村');
  expect((await regionById(db, '511702901001', t + 60_000))?.name).toBe('甲村');
  expect(reads).toEqual(['511702901001']);
  await regionById(db, '511702901001', t + 10 * 60_000 + 1);
  expect(reads).toEqual(['511702901001', '511702901001']);
});

test('a code not found is not kept: once the region exists it is found', async () => {
  const regions: RegionDoc[] = [];
  const { db, reads } = regionsDb(regions);
  const t = Date.UTC(2026, 10, 26, 9);
  expect(await regionById(db, '511702901002', t)).toBeNull();
  regions.push(village('511702901002', '乙村'));
  expect((await regionById(db, '511702901002', t + 1))?.name).toBe('乙村');
  expect(reads).toHaveLength(2);
});
