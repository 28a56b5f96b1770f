/**
 * Child process for the crash tests: the whole local cloud (store + functions gateway) on the data
 * folder given as argv[2], on a free loopback port; prints `READY <port>` once the functions it is
 * asked about are warm. The data key comes from YKT_DATA_KEY in the environment, so sealed data
 * stays readable across restarts.
 *
 * The test may arm a self-kill by writing one JSON line to stdin, a list of stages:
 *   [{"count": 1, "when": "after", "collection": "payment_imports", "contains": "done"},
 *    {"count": 2, "when": "after", "action": "commitTransaction"}]
 * Every database request that matches the current stage (all its filters; none given: every request)
 * counts; the count-th one moves on to the next stage, and at the last stage makes the process
 * SIGKILL itself, `before` the request is handled or `after` it (committed, its answer not sent).
 * The child answers `ARMED` on stdout.
 */
import path from 'node:path';
import { startLocalCloud } from '../../../tools/local-cloud/server';

interface Arm {
  count: number;
  when: 'before' | 'after';
  collection?: string;
  action?: string;
  contains?: string;
}

const dataDir = process.argv[2];
const key = process.env.YKT_DATA_KEY;
if (!dataDir || !key) throw new Error('usage: YKT_DATA_KEY=... cloud-child <dataDir>');
const ROOT = path.resolve(__dirname, '../../..');

let armed: Arm[] = [];
let seen = 0;

function matches(arm: Arm, body: Record<string, unknown>): boolean {
  if (arm.collection !== undefined && body.collectionName !== arm.collection) return false;
  if (arm.action !== undefined && !String(body.action).includes(arm.action)) return false;
  if (arm.contains !== undefined && !JSON.stringify(body).includes(arm.contains)) return false;
  return true;
}

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is not deliverable later than this; the line below is never reached.
  throw new Error('unreachable');
}

async function main(): Promise<void> {
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    functionsDir: path.join(ROOT, 'build', 'cloudfunctions'),
    strict: false,
    scheduler: false,
    quiet: process.env.YKT_CLOUD_LOG !== '1',
    functionEnv: {
      YKT_DATA_KEY: key as string,
      // One chunk of 25 rows per import call, and a short lease, so that a crashed call's lease
      // lapses within the test rather than after the production 55 s.
      YKT_IMPORT_CHUNK_ROWS: '25',
      YKT_IMPORT_BUDGET_MS: '1',
      YKT_IMPORT_LEASE_MS: '1500',
    },
  });
  const store = cloud.store;
  const handle = store.handle.bind(store);
  store.handle = async (body, instanceId) => {
    const arm = armed[0];
    if (arm && matches(arm, body)) {
      seen += 1;
      if (seen >= arm.count) {
        seen = 0;
        armed = armed.slice(1);
        if (armed.length === 0) {
          if (arm.when === 'before') die();
          const answer = await handle(body, instanceId);
          die();
          return answer;
        }
      }
    }
    return handle(body, instanceId);
  };

  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    input += chunk;
    for (let nl = input.indexOf('\n'); nl >= 0; nl = input.indexOf('\n')) {
      const line = input.slice(0, nl).trim();
      input = input.slice(nl + 1);
      if (line) {
        armed = JSON.parse(line) as Arm[];
        seen = 0;
        process.stdout.write('ARMED\n');
      }
    }
  });

  const warm = (process.env.CRASH_PREWARM ?? '').split(',').filter(Boolean);
  if (warm.length > 0) await cloud.prewarm(warm);
  process.stdout.write(`READY ${cloud.port}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
