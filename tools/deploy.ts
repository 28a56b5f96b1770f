/**
 * Deploys to a real CloudBase environment: collections with their indexes and deny-all client rules
 * from `database/manifest.ts`, and every built function folder from `build/cloudfunctions/` with its
 * timeout and timer triggers. Credentials come from the environment only:
 *   TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, and YKT_DATA_KEY (the personal-data key,
 *   passed to the functions as an environment variable, never written to the repository).
 * `npm run deploy -- --dry-run` prints the plan and touches nothing; it works without credentials.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CollectionSpec, collections, DENY_ALL_RULE } from '../database/manifest';

const root = resolve(__dirname, '..');
const functionsRoot = join(root, 'build', 'cloudfunctions');
/** The newest Node runtime CloudBase offers that the bundles target (esbuild target node16). */
const RUNTIME = 'Nodejs16.13';

export interface FunctionPlan {
  name: string;
  timeout: number;
  triggers: Array<{ name: string; type: string; config: string }>;
  runtime: string;
}

export interface DeployPlan {
  collections: Array<{
    name: string;
    rule: typeof DENY_ALL_RULE;
    /** Dropped when present, before the declared indexes are created. */
    retiredIndexes: string[];
    indexes: Array<{
      IndexName: string;
      MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean };
    }>;
  }>;
  functions: FunctionPlan[];
}

function indexPlan(c: CollectionSpec): DeployPlan['collections'][number]['indexes'] {
  return c.indexes.map((i) => ({
    IndexName: i.name,
    MgoKeySchema: {
      MgoIndexKeys: i.fields.map((f) => ({ Name: f.field, Direction: String(f.direction) })),
      MgoIsUnique: Boolean(i.unique),
    },
  }));
}

export function buildDeployPlan(builtRoot = functionsRoot): DeployPlan {
  if (!existsSync(builtRoot)) throw new Error('没有找到 build/cloudfunctions：请先运行 npm run build');
  const functions = readdirSync(builtRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(builtRoot, d.name, 'index.js')))
    .map((d) => {
      const config = JSON.parse(readFileSync(join(builtRoot, d.name, 'config.json'), 'utf8'));
      return { name: d.name, timeout: config.timeout, triggers: config.triggers ?? [], runtime: RUNTIME };
    });
  return {
    collections: collections.map((c) => ({
      name: c.name,
      rule: DENY_ALL_RULE,
      indexes: indexPlan(c),
      retiredIndexes: c.retiredIndexes ?? [],
    })),
    functions,
  };
}

function printPlan(plan: DeployPlan, envId: string): void {
  console.log(`部署目标环境：${envId}`);
  console.log(`集合 ${plan.collections.length} 个（客户端安全规则一律 read:false, write:false）：`);
  for (const c of plan.collections) {
    console.log(
      `  ${c.name.padEnd(16)} 索引 ${c.indexes.map((i) => i.IndexName).join(', ') || '（仅 _id）'}${
        c.retiredIndexes.length ? `；删除旧索引 ${c.retiredIndexes.join(', ')}` : ''
      }`,
    );
  }
  console.log(`云函数 ${plan.functions.length} 个：`);
  for (const f of plan.functions) {
    const timers = f.triggers.map((t) => `${t.name}@${t.config}`).join(', ');
    console.log(`  ${f.name.padEnd(16)} 超时 ${f.timeout}s  ${f.runtime}${timers ? `  定时 ${timers}` : ''}`);
  }
}

async function deploy(plan: DeployPlan): Promise<void> {
  const { TCB_ENV, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY, YKT_DATA_KEY } = process.env;
  if (!TCB_ENV || !TENCENTCLOUD_SECRETID || !TENCENTCLOUD_SECRETKEY) {
    throw new Error(
      '真实部署需要环境变量 TCB_ENV、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY（或先用 --dry-run 查看计划）',
    );
  }
  if (!YKT_DATA_KEY)
    throw new Error('真实部署需要环境变量 YKT_DATA_KEY（个人信息加密密钥，32 字节的 base64）');
  const { default: CloudBase } = await import('@cloudbase/manager-node');
  const manager = new CloudBase({
    secretId: TENCENTCLOUD_SECRETID,
    secretKey: TENCENTCLOUD_SECRETKEY,
    envId: TCB_ENV,
  });

  for (const c of plan.collections) {
    await manager.database.createCollectionIfNotExists(c.name);
    const existing = await manager.database.describeCollection(c.name);
    const have = new Set((existing.Indexes ?? []).map((i: { Name: string }) => i.Name));
    const retired = c.retiredIndexes.filter((name) => have.has(name)).map((IndexName) => ({ IndexName }));
    if (retired.length) await manager.database.updateCollection(c.name, { DropIndexes: retired });
    const missing = c.indexes.filter((i) => !have.has(i.IndexName));
    if (missing.length) await manager.database.updateCollection(c.name, { CreateIndexes: missing });
    await manager.commonService().call({
      Action: 'ModifySafetyRule',
      Param: { EnvId: TCB_ENV, CollectionName: c.name, AclTag: 'CUSTOM', Rule: JSON.stringify(c.rule) },
    });
    console.log(`  集合 ${c.name}：新建索引 ${missing.length} 个，安全规则已设为拒绝客户端读写`);
  }
  for (const f of plan.functions) {
    await manager.functions.createFunction({
      func: {
        name: f.name,
        timeout: f.timeout,
        runtime: f.runtime,
        handler: 'index.main',
        installDependency: true,
        triggers: f.triggers,
        envVariables: { YKT_DATA_KEY },
      },
      functionRootPath: functionsRoot,
      force: true,
    });
    console.log(`  云函数 ${f.name} 已上传`);
  }
}

async function main(): Promise<void> {
  const dryRun = process.argv.includes('--dry-run');
  const plan = buildDeployPlan();
  printPlan(plan, process.env.TCB_ENV ?? '（未设置 TCB_ENV）');
  if (dryRun) {
    console.log('演练（--dry-run）：以上为计划，未做任何改动。');
    return;
  }
  await deploy(plan);
  console.log('部署完成。');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
