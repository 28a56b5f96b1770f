/**
 * `npm start`: builds what is stale, starts the local cloud on 127.0.0.1:3900 with its data in
 * `.data/`, seeds the demo data on the first start, makes YKT_BOOTSTRAP_ADMINS admins, and runs until
 * Ctrl-C. Restarting reuses the data; `npm run reset` wipes it.
 *
 * Environment: YKT_PORT (3900), YKT_HOST (127.0.0.1 — anything else exposes X-WX-OPENID to a
 * network), YKT_STRICT=1 (report unindexed queries), YKT_BOOTSTRAP_ADMINS (comma-separated openids),
 * YKT_FUNCTION_TIMEOUT_MS (timeout of functions whose config.json sets none), YKT_DATA_KEY,
 * YKT_CLOCK (start the cloud's clock moved: `+8d`, `-2h` or an instant; `npm run clock` moves it later).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { shanghaiDateTime } from '../miniprogram/shared/time';
import { type ClockSetting, describeOffset, parseClockSetting } from './local-cloud/clock';
import { type LocalCloud, startLocalCloud } from './local-cloud/server';
import { startPreviewBeside } from './preview';
import { bootstrapAdmins, connectLocal, type DemoAccount, demoAccounts, seedDemo } from './seed';

const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = path.join(ROOT, '.data');
const SEEDED_MARK = path.join(DATA_DIR, 'seeded.json');
const FUNCTIONS_OUT = path.join(ROOT, 'build', 'cloudfunctions');

/** Newest modification time under the given files and folders (node_modules and build skipped). */
function newestMtime(entries: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(p)) {
        if (child !== 'node_modules' && child !== 'build' && !child.startsWith('.'))
          visit(path.join(p, child));
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of entries) visit(path.join(ROOT, entry));
  return newest;
}

/** Why the functions need a build, or undefined when build/cloudfunctions is current. */
function functionsStale(): string | undefined {
  const sourceDir = path.join(ROOT, 'cloudfunctions');
  if (!fs.existsSync(sourceDir)) return undefined;
  const names = fs
    .readdirSync(sourceDir)
    .filter((n) => !n.startsWith('_') && fs.existsSync(path.join(sourceDir, n, 'index.ts')));
  let oldestOutput = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const stat = fs.statSync(path.join(FUNCTIONS_OUT, name, 'index.js'), { throwIfNoEntry: false });
    if (!stat) return `build/cloudfunctions/${name} 不存在`;
    oldestOutput = Math.min(oldestOutput, stat.mtimeMs);
  }
  const sources = [
    'cloudfunctions',
    'typings',
    'database',
    'miniprogram/shared',
    'tools/build-functions.ts',
    'package-lock.json',
  ];
  return newestMtime(sources) > oldestOutput ? '云函数源码比构建结果新' : undefined;
}

/** Why the mini program's npm packages need a build (same check as tools/build-npm.ts). */
function npmStale(): string | undefined {
  for (const name of ['tdesign-miniprogram', 'dayjs']) {
    const pkg = path.join(ROOT, 'node_modules', name, 'package.json');
    if (!fs.existsSync(pkg)) continue;
    const { version } = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string };
    const stamp = path.join(ROOT, 'miniprogram', 'miniprogram_npm', name, '.build-npm-version');
    if (!fs.existsSync(stamp)) return `miniprogram_npm/${name} 不存在`;
    if (fs.readFileSync(stamp, 'utf8').trim() !== version) return `${name} 版本已变`;
  }
  return undefined;
}

function runScript(script: string, why: string): void {
  console.log(`› npm run ${script}（${why}）`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', '--silent', script], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(`npm run ${script} 失败，本地云未启动。`);
    process.exit(result.status ?? 1);
  }
}

function buildStale(): void {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    }
  ).scripts;
  const fnWhy = functionsStale();
  if (fnWhy && scripts?.['build:functions']) runScript('build:functions', fnWhy);
  const npmWhy = npmStale();
  if (npmWhy && scripts?.['build:npm']) runScript('build:npm', npmWhy);
}

async function seedAndBootstrap(cloud: LocalCloud): Promise<void> {
  const db = connectLocal(cloud.url);
  if (!fs.existsSync(SEEDED_MARK)) {
    console.log('› 首次启动：写入演示数据…');
    const result = await seedDemo(db, cloud.clock.now());
    fs.writeFileSync(SEEDED_MARK, `${JSON.stringify({ at: new Date().toISOString(), result }, null, 2)}\n`);
    // One scheduler run now rather than at the next ten minutes: the dashboard's figures are counted.
    await cloud.trigger('scheduler');
    console.log(
      `  演示数据已写入：行政区划 ${result.regions} 个，演示人员 ${result.people} 人，补贴项目 ${result.projects} 个`,
    );
  }
  const admins = (process.env.YKT_BOOTSTRAP_ADMINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (admins.length > 0) {
    await bootstrapAdmins(db, admins);
    console.log(`› YKT_BOOTSTRAP_ADMINS：${admins.join(', ')} 是管理员`);
  }
}

/** The clock's line in the banner: only when it is moved, so nobody forgets it is. */
function clockLines(cloud: LocalCloud): string[] {
  const offset = cloud.clock.offsetMs();
  if (offset === 0) return [];
  return [
    `  时钟       已调整：${shanghaiDateTime(cloud.clock.now())}（北京时间），${describeOffset(offset)}（npm run clock -- reset 复原）`,
  ];
}

function banner(cloud: LocalCloud, strict: boolean, accounts: DemoAccount[]): string {
  const functions = fs.existsSync(cloud.functionsDir)
    ? fs
        .readdirSync(cloud.functionsDir)
        .filter((n) => fs.existsSync(path.join(cloud.functionsDir, n, 'index.js')))
    : [];
  const loopback = cloud.host === '127.0.0.1' || cloud.host === '::1' || cloud.host === 'localhost';
  const example = accounts[0]?.openid ?? 'demo-resident';
  const lines = [
    '',
    '达州一卡通 · 本地云已启动',
    `  地址       ${cloud.url}${loopback ? '（只监听本机）' : ''}`,
    `  健康检查   ${cloud.url}/health`,
    `  数据       ${path.relative(ROOT, DATA_DIR)}/（npm run reset 清空）`,
    `  严格模式   ${strict ? '开' : '关（YKT_STRICT=1 打开）'}`,
    ...clockLines(cloud),
    `  云函数     ${functions.length > 0 ? functions.join(', ') : '（无：先运行 npm run build:functions）'}`,
    '',
    '  试一试：',
    `    curl -s -X POST ${cloud.url}/functions/user -H 'Content-Type: application/json' \\`,
    `      -H 'X-WX-OPENID: ${example}' -d '{"action":"login"}'`,
    '',
  ];
  if (accounts.length > 0) {
    const width = Math.max(...accounts.map((a) => a.openid.length));
    lines.push('  演示账号（作为 X-WX-OPENID 请求头）：');
    for (const a of accounts) lines.push(`    ${a.openid.padEnd(width)}  ${a.label}`);
    lines.push('');
  }
  lines.push('  注意：X-WX-OPENID 请求头可以冒充任何用户，只用于本机开发，切勿暴露到网络。');
  if (!loopback) lines.push(`  警告：正在监听 ${cloud.host}，网络上的任何人都能冒充任何用户！`);
  lines.push('  按 Ctrl-C 停止。', '');
  return lines.join('\n');
}

async function main(): Promise<void> {
  buildStale();
  const port = Number(process.env.YKT_PORT ?? 3900);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`YKT_PORT 不合法：${process.env.YKT_PORT}`);
  const host = process.env.YKT_HOST ?? '127.0.0.1';
  const strict = process.env.YKT_STRICT === '1';
  fs.mkdirSync(DATA_DIR, { recursive: true });

  let clock: ClockSetting | undefined;
  if (process.env.YKT_CLOCK) clock = parseClockSetting(process.env.YKT_CLOCK);
  const cloud = await startLocalCloud({ dataDir: DATA_DIR, port, host, strict, clock });
  // Tools in this process (the seed) seal personal data with the same key as the functions.
  process.env.YKT_DATA_KEY ??= cloud.dataKey;

  let stoppingSince = 0;
  const stop = (signal: string) => {
    if (stoppingSince > 0) {
      // Ctrl-C reaches this process twice (from the terminal and relayed by tsx): only a later,
      // deliberate second Ctrl-C forces the exit.
      if (Date.now() - stoppingSince < 1500) return;
      console.log('再次收到停止信号：立即退出。');
      process.exit(1);
    }
    stoppingSince = Date.now();
    console.log(`\n收到 ${signal}，正在停止本地云…`);
    cloud.close().then(
      () => {
        console.log('本地云已停止。');
        process.exit(0);
      },
      (err: Error) => {
        console.error(`停止时出错：${err.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  try {
    await seedAndBootstrap(cloud);
  } catch (err) {
    // The cloud still runs: a broken seed shouldn't keep anyone from the functions.
    console.error(`演示数据/管理员初始化失败：${(err as Error).stack ?? String(err)}`);
  }
  console.log(banner(cloud, strict, demoAccounts));
  await startPreviewBeside(cloud, demoAccounts);
  // Warm one instance per function in the background so that the first click isn't a cold start.
  void cloud.prewarm();
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
