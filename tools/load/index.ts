/**
 * `npm run load`: the gateway under a sustained mixed load from a second process, for a few minutes.
 * Starts a fresh local cloud with the demo data (a temporary folder, removed afterwards), runs
 * tools/load/run.ts (the generator is tools/load/generator.ts in its own Node process, over loopback),
 * prints the figures and exits non-zero when a check failed.
 *
 *   npm run load                              3 minutes, 16 users, 4 instances and 4 waiting per function
 *   npm run load -- --minutes 5 --users 24
 *   npm run load -- --pool 10 --queue 100     the gateway as `npm start` configures it
 *
 * Options: --minutes (3), --seconds, --users (16), --pool (instances per function, 4), --queue (calls
 * waiting per function, 4), --arranged (20 declarations to review). The pools are filled before the
 * load (memory is then compared at a constant number of instances); a small queue makes the gateway
 * refuse some calls (RESOURCE_EXHAUSTED), the deliberate refusal a client retries.
 * Build the functions first (`npm run build:functions`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDataKey } from '../../cloudfunctions/_shared/runtime/crypto';
import { startLocalCloud } from '../local-cloud/server';
import { connectLocal, seedDemo } from '../seed';
import { formatReport, runLoad } from './run';

const ROOT = path.resolve(__dirname, '..', '..');

function option(name: string): number | undefined {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} 需要一个正数`);
  return value;
}

async function main(): Promise<number> {
  const seconds = option('seconds') ?? (option('minutes') ?? 3) * 60;
  const users = option('users') ?? 16;
  const poolSize = option('pool') ?? 4;
  const queueSize = option('queue') ?? 4;
  const arranged = option('arranged') ?? 20;
  // The SDKs in this process would otherwise probe the cloud's metadata host over the network.
  process.env.TENCENTCLOUD = 'true';
  const key = generateDataKey();
  process.env.YKT_DATA_KEY = key;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ykt-load-'));
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  const cloudLog = fs.createWriteStream(path.join(ROOT, 'bench-results', 'load-cloud.log'));
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    strict: true,
    scheduler: false,
    // The local cloud's own log (function errors with their stacks) goes to a file beside the results.
    log: (line) => cloudLog.write(`${line}\n`),
    functionsDir: path.join(ROOT, 'build', 'cloudfunctions'),
    poolSize,
    queueSize,
    functionEnv: { YKT_DATA_KEY: key },
  });
  try {
    const db = connectLocal(cloud.url);
    await seedDemo(db);
    await cloud.trigger('scheduler');
    console.log(
      `本地云 ${cloud.url}：每个云函数最多 ${poolSize} 个实例、${queueSize} 个排队；负载进程：tsx tools/load/generator.ts`,
    );
    const report = await runLoad({
      url: cloud.url,
      db,
      functionStats: () => cloud.functionStats(),
      durationMs: seconds * 1000,
      users,
      arranged,
      prefill: poolSize,
      log: (line) => console.log(line),
    });
    const unindexed = cloud.store.strictViolations();
    if (unindexed.length > 0)
      report.problems.push(`unindexed queries: ${JSON.stringify(unindexed.slice(0, 5))}`);
    console.log(formatReport(report));
    const out = path.join(ROOT, 'bench-results', 'load.json');
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`完整数据：${path.relative(ROOT, out)}；本地云日志：bench-results/load-cloud.log`);
    return report.problems.length === 0 ? 0 : 1;
  } finally {
    await cloud.close();
    cloudLog.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
