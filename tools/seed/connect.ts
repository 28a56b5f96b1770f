/**
 * A database handle for tools that run outside WeChat (seeding, imports, maintenance). They use
 * wx-server-sdk, the very SDK and API the functions use (`add({data})`, `doc().get()` → `{data: doc}`),
 * so a tool and a function can share code; @cloudbase/node-sdk speaks the same protocol with a
 * different call shape. Target: the local cloud by URL, or a real CloudBase environment by credentials
 * from the environment (TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY). One script, both targets.
 */
import cloud from 'wx-server-sdk';
import type { Database } from '../../cloudfunctions/_shared/db';
import { retryingDatabase } from '../../cloudfunctions/_shared/retrying-database';
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
