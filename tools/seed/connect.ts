/**
 * A database handle for tools that run outside WeChat (seeding, imports, maintenance), through
 * @cloudbase/node-sdk: the local cloud by URL, or a real CloudBase environment by credentials from the
 * environment (TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY). One script, both targets.
 */
import tcb from '@cloudbase/node-sdk';
import type { Database } from '../../cloudfunctions/_shared/db';

/** The local cloud at `baseUrl` (e.g. http://127.0.0.1:3900). */
export function connectLocal(baseUrl: string): Database {
  const app = tcb.init({
    env: 'local',
    serviceUrl: `${baseUrl.replace(/\/$/, '')}/admin`,
    secretId: 'local',
    secretKey: 'local',
  });
  return app.database() as unknown as Database;
}

/** A real environment; refuses to start without credentials rather than guessing. */
export function connectFromEnvironment(): Database {
  const { TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY } = process.env;
  if (!TCB_ENV || !TENCENTCLOUD_SECRETID || !TENCENTCLOUD_SECRETKEY) {
    throw new Error('需要环境变量 TCB_ENV、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY');
  }
  const app = tcb.init({ env: TCB_ENV, secretId: TENCENTCLOUD_SECRETID, secretKey: TENCENTCLOUD_SECRETKEY });
  return app.database() as unknown as Database;
}
