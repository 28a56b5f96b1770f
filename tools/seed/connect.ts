/**
 * A database handle for tools that run outside WeChat (seeding, imports, maintenance). They use
 * wx-server-sdk, the very SDK and API the functions use (`add({data})`, `doc().get()` → `{data: doc}`),
 * so a tool and a function can share code; @cloudbase/node-sdk speaks the same protocol with a
 * different call shape. Target: the local cloud by URL, or a real CloudBase environment by credentials
 * from the environment (TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY). One script, both targets.
 */
import cloud from 'wx-server-sdk';
import type { Database } from '../../cloudfunctions/_shared/db/database';
import { retryingDatabase } from '../../cloudfunctions/_shared/db/retrying-database';
import { localWxCloud } from '../local-cloud/gateway/sdk-client';

/** The local cloud at `baseUrl` (e.g. http://127.0.0.1:3900); changes no process-wide setting. */
export function connectLocal(baseUrl: string): Database {
  return retryingDatabase(localWxCloud(baseUrl).database() as unknown as Database);
}

/** A real environment; refuses to start without credentials rather than guessing. */
export function connectFromEnvironment(): Database {
  const { TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY } = process.env;
  if (!TCB_ENV || !TENCENTCLOUD_SECRETID || !TENCENTCLOUD_SECRETKEY) {
    throw new Error('需要环境变量 TCB_ENV、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY');
  }
  cloud.init({ env: TCB_ENV });
  return retryingDatabase(cloud.database() as unknown as Database);
}

/** Every document of a collection in `_id` order, a page of 1,000 at a time (for checks and tests). */
export async function readAll<T extends { _id: string } = { _id: string; [key: string]: unknown }>(
  db: Database,
  name: string,
): Promise<T[]> {
  const all: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db
      .collection<T>(name)
      .where({})
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get();
    all.push(...data);
    if (data.length < 1000) return all;
  }
}
