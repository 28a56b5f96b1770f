/**
 * Does what DevTools' 构建 npm does for this project: copies tdesign-miniprogram's miniprogram_dist into
 * miniprogram/miniprogram_npm/tdesign-miniprogram/. Skips the copy when the installed version is already there.
 * Run: tsx tools/build-npm.ts
 */
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const npmDir = join(root, 'miniprogram', 'miniprogram_npm');

/** The miniprogram npm packages to build: the package name and the folder it publishes for mini programs. */
const packages = [{ name: 'tdesign-miniprogram', dist: 'miniprogram_dist' }];

/** Copies one package unless the same version is already built; answers what it did. */
export function buildPackage(name: string, dist: string): string {
  const packageDir = join(root, 'node_modules', name);
  const source = join(packageDir, dist);
  if (!existsSync(source)) {
    throw new Error(`${relative(root, source)} 不存在：请先运行 npm install`);
  }
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const target = join(npmDir, name);
  const stamp = join(target, '.build-npm-version');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) {
    return `${name}@${version} 已是最新，跳过`;
  }
  rmSync(target, { recursive: true, force: true });
  cpSync(source, target, { recursive: true });
  writeFileSync(stamp, version);
  return `${name}@${version} → ${relative(root, target)}`;
}

export function buildNpm(): string[] {
  return packages.map((p) => buildPackage(p.name, p.dist));
}

// run as a script (tsx tools/build-npm.ts), not when the jest global setup imports it
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  for (const line of buildNpm()) console.log(`[build:npm] ${line}`);
}
