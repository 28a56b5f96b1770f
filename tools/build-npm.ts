/**
 * Does what DevTools' 构建 npm does for this project: copies tdesign-miniprogram's miniprogram_dist into
 * miniprogram/miniprogram_npm/tdesign-miniprogram/, and dayjs's main file (as index.js) with the one plugin
 * the time module uses. Skips a package whose installed version is already there.
 * Run: tsx tools/build-npm.ts
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const npmDir = join(root, 'miniprogram', 'miniprogram_npm');

/**
 * The mini program's npm packages: a package that publishes a folder for mini programs (`dist`) is
 * copied whole; a plain one by the files it needs (source → target inside miniprogram_npm/<name>/).
 */
type NpmPackage = { name: string; dist: string } | { name: string; files: Record<string, string> };

const packages: NpmPackage[] = [
  { name: 'tdesign-miniprogram', dist: 'miniprogram_dist' },
  { name: 'dayjs', files: { 'dayjs.min.js': 'index.js', 'plugin/utc.js': 'plugin/utc.js' } },
];

/** Copies one package unless the same version is already built; answers what it did. */
export function buildPackage(pkg: NpmPackage): string {
  const { name } = pkg;
  const packageDir = join(root, 'node_modules', name);
  const sources = 'dist' in pkg ? [pkg.dist] : Object.keys(pkg.files);
  for (const file of sources) {
    const source = join(packageDir, file);
    if (!existsSync(source)) throw new Error(`${relative(root, source)} 不存在：请先运行 npm install`);
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
  if ('dist' in pkg) cpSync(join(packageDir, pkg.dist), target, { recursive: true });
  else {
    for (const [from, to] of Object.entries(pkg.files)) {
      mkdirSync(dirname(join(target, to)), { recursive: true });
      cpSync(join(packageDir, from), join(target, to));
    }
  }
  writeFileSync(stamp, version);
  return `${name}@${version} → ${relative(root, target)}`;
}

export function buildNpm(): string[] {
  return packages.map((p) => buildPackage(p));
}

// run as a script (tsx tools/build-npm.ts), not when the jest global setup imports it
if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  for (const line of buildNpm()) console.log(`[build:npm] ${line}`);
}
