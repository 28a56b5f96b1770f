/**
 * A local cloud with the demo world in it (regions, staff, households), for tests of the functions.
 * The test process and the functions share one fresh data key, so tests can arrange sealed data.
 */

import type { Database } from '../../cloudfunctions/_shared/db/database';
import { generateDataKey } from '../../cloudfunctions/_shared/runtime/crypto';
import { connectLocal, demoHouseholds, demoIdNumber, readAll, seedDemo } from '../../tools/seed';
import type { ActionName, FunctionName, RequestOf, ResponseOf, Result } from '../../typings/api';
import { startTestCloud, type TestCloud, type TestCloudOptions } from './local-cloud';

export interface World extends Omit<TestCloud, 'call'> {
  db: Database;
  /** Calls `fn.action` as `openid` (omitted: an anonymous caller); the envelope, typed by the contract. */
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    params: RequestOf<F, A>,
    openid?: string,
  ): Promise<Result<ResponseOf<F, A>>>;
  /** Calls and expects `ok: true`, returning the data (fails the test with the envelope otherwise). */
  ok<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    params: RequestOf<F, A>,
    openid?: string,
  ): Promise<ResponseOf<F, A>>;
  /**
   * Sends `event` as it is, outside the contract: for the tests that send what no page may (malformed
   * events, fields the contract lacks, every action × every caller). The answer is untyped.
   */
  raw(fn: string, event: Record<string, unknown>, openid?: string): Promise<Result<unknown>>;
  /** Every document of a collection, for before/after comparisons. */
  snapshot(...collections: string[]): Promise<string>;
  /** Registers a household head and marks them verified (the cadre's on-site step, arranged). */
  verifiedResident(
    openid: string,
    person: { name: string; idNumber: string; villageCode: string },
  ): Promise<string>;
}

/** Every full ID and card number of the demo cast: none may leave in an answer that does not need it. */
export function demoSecrets(): Set<string> {
  const secrets = new Set<string>();
  for (const h of demoHouseholds) {
    if (h.card) secrets.add(h.card.cardNumber);
    for (const p of h.people) {
      secrets.add(p.idNumber);
      if (p.mobile) secrets.add(p.mobile);
    }
  }
  return secrets;
}

/** A material file id under the uploader's own folder, as the mini program uploads it. */
export const uploaded = (userId: string, materialKey: string, name = '1.jpg') => ({
  materialKey,
  fileID: `cloud://ykt-local.local/declarations/${userId}/${materialKey}/${name}`,
});

export async function startWorld(opts: TestCloudOptions = {}): Promise<World> {
  const key = generateDataKey();
  process.env.YKT_DATA_KEY = key;
  const cloud = await startTestCloud({ ...opts, functionEnv: { YKT_DATA_KEY: key, ...opts.functionEnv } });
  const db = connectLocal(cloud.url);
  try {
    await seedDemo(db, new Date('2026-11-01T00:00:00Z'));
  } catch (err) {
    await cloud.close();
    throw err;
  }
  const world: World = {
    ...cloud,
    db,
    /** Closes the cloud, failing the suite if any query no declared index serves was seen. */
    async close(): Promise<void> {
      const unindexed = cloud.store.strictViolations();
      await cloud.close();
      if (unindexed.length > 0) throw new Error(`unindexed queries: ${JSON.stringify(unindexed)}`);
    },
    call: (fn, action, params, openid) => cloud.call(fn, { ...(params as object), action }, openid),
    async ok(fn, action, params, openid) {
      const res = await world.call(fn, action, params, openid);
      if (!res.ok) throw new Error(`${fn}.${action} failed: ${res.code} ${res.message}`);
      return res.data;
    },
    raw: (fn, event, openid) => cloud.call(fn, event, openid),
    async verifiedResident(openid, person) {
      const { userId } = await world.ok(
        'user',
        'register',
        { ...person, mobile: '13412345678', household: { mode: 'head' } },
        openid,
      );
      await db
        .collection('users')
        .doc(userId)
        .update({ data: { verification: 'verified' } });
      return userId;
    },
    async snapshot(...collections: string[]): Promise<string> {
      const parts: unknown[] = [];
      for (const name of collections) {
        const all = await readAll(db, name);
        parts.push([name, all]);
      }
      return JSON.stringify(parts);
    },
  };
  return world;
}

/** A valid, invented ID number for test people. */
export function testIdNumber(seq: number, birth = '19700101', region = '511702'): string {
  return demoIdNumber(region, birth, seq);
}

export const VILLAGE_MILIN = '511702001001';
export const VILLAGE_HONGHUA = '511702001002';
export const VILLAGE_OTHER_TOWNSHIP = '511702002001';
