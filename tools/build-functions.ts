/**
 * Bundles each cloud function (`cloudfunctions/<name>/index.ts`, folders starting with `_` are
 * shared code) with esbuild into `build/cloudfunctions/<name>/`: a self-contained `index.js`, a
 * `package.json` that pins wx-server-sdk (the only external), and the function's `config.json`
 * (timeout, timer triggers, open API permissions). DevTools uploads exactly that folder.
 *
 * Each folder is written beside the output and swapped in by renaming, so a local cloud (or a test)
 * running during a rebuild always finds a whole function, the old one or the new.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '..');
const sourceRoot = join(root, 'cloudfunctions');
export const outputRoot = join(root, 'build', 'cloudfunctions');
const SDK_VERSION: string = JSON.parse(
  readFileSync(join(root, 'node_modules/wx-server-sdk/package.json'), 'utf8'),
).version;

interface FunctionConfig {
  timeout: number;
  triggers?: Array<{ name: string; type: 'timer'; config: string }>;
  permissions?: { openapi: string[] };
  /** Packages left out of the bundle and installed beside it (pinned to the repo's version), e.g. exceljs. */
  externals?: string[];
}

function versionOf(pkg: string): string {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

export function functionNames(): string[] {
  return readdirSync(sourceRoot, { withFileTypes: true })
    .filter(
      (d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(sourceRoot, d.name, 'index.ts')),
    )
    .map((d) => d.name)
    .sort();
}

function readConfig(name: string): FunctionConfig {
  const file = join(sourceRoot, name, 'config.json');
  const config: FunctionConfig = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { timeout: 10 };
  if (!Number.isInteger(config.timeout) || config.timeout < 1 || config.timeout > 900) {
    throw new Error(`${name}/config.json: timeout must be whole seconds between 1 and 900`);
  }
  return config;
}

export async function buildFunction(
  name: string,
  outRoot = outputRoot,
): Promise<{ name: string; bytes: number }> {
  const finalDir = join(outRoot, name);
  // Beside the output folder (same file system, so renames are atomic), never inside it, where the
  // local cloud would take it for a function.
  const staging = join(dirname(outRoot), '.staging', `${name}-${process.pid}`);
  const outDir = join(staging, 'new');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(sourceRoot, name, 'index.ts')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    // The cloud's Node 16 runtime is the oldest we deploy to.
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk', ...(readConfig(name).externals ?? [])],
    minify: true,
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const { externals = [], ...config } = readConfig(name);
  writeFileSync(join(outDir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const dependencies: Record<string, string> = { 'wx-server-sdk': SDK_VERSION };
  for (const pkg of externals) dependencies[pkg] = versionOf(pkg);
  writeFileSync(
    join(outDir, 'package.json'),
    `${JSON.stringify(
      {
        name: `ykt-${name}`,
        version: '1.0.0',
        private: true,
        main: 'index.js',
        dependencies,
      },
      null,
      2,
    )}\n`,
  );
  mkdirSync(outRoot, { recursive: true });
  if (existsSync(finalDir)) renameSync(finalDir, join(staging, 'old'));
  renameSync(outDir, finalDir);
  rmSync(staging, { recursive: true, force: true });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  return { name, bytes };
}

async function main(): Promise<void> {
  const names = process.argv.slice(2).length ? process.argv.slice(2) : functionNames();
  const built = await Promise.all(names.map((name) => buildFunction(name)));
  for (const { name, bytes } of built) {
    console.log(
      `  ${name.padEnd(12)} ${(bytes / 1024).toFixed(1).padStart(7)} KiB  build/cloudfunctions/${name}/`,
    );
  }
  console.log(`已构建 ${built.length} 个云函数`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
