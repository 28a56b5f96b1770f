import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collections } from '../../../database/manifest';
import { buildFunction, functionNames } from '../../../tools/build-functions';
import { buildDeployPlan } from '../../../tools/deploy';

const out = mkdtempSync(join(tmpdir(), 'ykt-deploy-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

test('the deploy plan carries every collection with deny-all client rules and its indexes', async () => {
  await Promise.all(functionNames().map((n) => buildFunction(n, out)));
  const plan = buildDeployPlan(out);
  expect(plan.collections.map((c) => c.name)).toEqual(collections.map((c) => c.name));
  for (const c of plan.collections) expect(c.rule).toEqual({ read: false, write: false });
  const users = plan.collections.find((c) => c.name === 'users')!;
  expect(users.indexes).toContainEqual({
    IndexName: 'openid_unique',
    MgoKeySchema: { MgoIndexKeys: [{ Name: 'openid', Direction: '1' }], MgoIsUnique: true },
  });
  // The audit log's lanes replace the single chain's unique seq, and unsealed entries (no position yet)
  // the unique (lane, seq): an existing environment drops both.
  const audit = plan.collections.find((c) => c.name === 'audit_log')!;
  expect(audit.retiredIndexes).toEqual(['seq_unique', 'lane_seq_unique']);
  expect(audit.indexes.map((i) => i.IndexName)).toContain('lane_seq');
  expect(audit.indexes.map((i) => i.IndexName)).not.toContain('seq_unique');
  expect(audit.indexes.map((i) => i.IndexName)).not.toContain('lane_seq_unique');
  expect(plan.functions.map((f) => f.name)).toEqual(functionNames());
  for (const f of plan.functions) expect(f.timeout).toBeGreaterThanOrEqual(3);
});

test('a dry run without credentials prints the plan and changes nothing', () => {
  const repo = resolve(__dirname, '../../..');
  const env = { ...process.env };
  delete env.TENCENTCLOUD_SECRETID;
  delete env.TENCENTCLOUD_SECRETKEY;
  delete env.TCB_ENV;
  const output = execFileSync(join(repo, 'node_modules/.bin/tsx'), ['tools/deploy.ts', '--dry-run'], {
    cwd: repo,
    env,
    encoding: 'utf8',
  });
  expect(output).toContain('演练（--dry-run）');
  expect(output).toContain('audit_log');
});

test('a real deploy without credentials refuses with a plain message', () => {
  const repo = resolve(__dirname, '../../..');
  const env = { ...process.env, TCB_ENV: '', TENCENTCLOUD_SECRETID: '', TENCENTCLOUD_SECRETKEY: '' };
  let message = '';
  try {
    execFileSync(join(repo, 'node_modules/.bin/tsx'), ['tools/deploy.ts'], { cwd: repo, env, encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    message = String((err as { stderr?: string }).stderr);
  }
  expect(message).toContain('真实部署需要环境变量');
});
