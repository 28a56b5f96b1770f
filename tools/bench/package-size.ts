/**
 * What an upload of the mini program would take, per package, with unused files left out (as
 * `ignoreUploadUnusedFiles` does): starting from app.json's pages, the custom tab bar and each
 * subpackage's pages, it follows usingComponents (tdesign included), wxml import/include, wxss @import
 * and the TypeScript import graph, compiles TypeScript to JavaScript the way DevTools does (esbuild
 * transform, no minification), and sums the bytes. A file reached from a subpackage but lying outside
 * its root belongs to the main package, as DevTools places it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { transformSync } from 'esbuild';

const ROOT = resolve(__dirname, '..', '..', 'miniprogram');

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
}

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function bytesOf(file: string): number {
  if (file.endsWith('.ts')) {
    return Buffer.byteLength(
      transformSync(read(file), { loader: 'ts', format: 'cjs', target: 'es2020' }).code,
    );
  }
  return statSync(file).size;
}

/** A component or page path (no extension) to its files. */
function componentFiles(base: string): string[] {
  return ['.json', '.wxml', '.wxss', '.ts', '.js']
    .map((ext) => base + ext)
    .filter((f) => existsSync(f) && !(f.endsWith('.js') && existsSync(f.replace(/\.js$/, '.ts'))));
}

function resolveComponent(from: string, ref: string): string {
  if (ref.startsWith('/')) return join(ROOT, ref);
  if (ref.startsWith('.')) return resolve(dirname(from), ref);
  return join(ROOT, 'miniprogram_npm', ref);
}

function resolveModule(from: string, ref: string): string | null {
  const base = ref.startsWith('/') ? join(ROOT, ref) : resolve(dirname(from), ref);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.js`,
    join(base, 'index.ts'),
    join(base, 'index.js'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every file a set of entry components needs. */
function closure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = entries.flatMap(componentFiles);
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = read(file);
    if (file.endsWith('.json')) {
      const using = (JSON.parse(text) as { usingComponents?: Record<string, string> }).usingComponents ?? {};
      for (const ref of Object.values(using)) queue.push(...componentFiles(resolveComponent(file, ref)));
    } else if (file.endsWith('.wxml')) {
      for (const m of text.matchAll(/<(?:import|include)\s+src="([^"]+)"/g)) {
        const target = resolveModule(file, m[1] as string);
        if (target) queue.push(target);
      }
      for (const m of text.matchAll(/<wxs[^>]+src="([^"]+)"/g)) {
        const target = resolveModule(file, m[1] as string);
        if (target) queue.push(target);
      }
    } else if (file.endsWith('.wxss')) {
      for (const m of text.matchAll(/@import\s+["']([^"']+)["']/g)) {
        const target = resolveModule(file, m[1] as string);
        if (target) queue.push(target);
      }
    } else {
      for (const m of text.matchAll(
        /(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g,
      )) {
        const ref = (m[1] ?? m[2]) as string;
        if (!ref.startsWith('.') && !ref.startsWith('/')) continue;
        const target = resolveModule(file, ref);
        // Types from typings/ are erased: only the mini program's own files are uploaded.
        if (target?.startsWith(ROOT)) queue.push(target);
      }
    }
  }
  return seen;
}

export interface PackageSize {
  name: string;
  bytes: number;
  files: number;
}

export function packageSizes(): PackageSize[] {
  const app = JSON.parse(read(join(ROOT, 'app.json'))) as AppJson;
  const main = closure([
    join(ROOT, 'app'),
    join(ROOT, 'custom-tab-bar', 'index'),
    ...app.pages.map((p) => join(ROOT, p)),
  ]);
  for (const f of ['app.json', 'sitemap.json'].map((n) => join(ROOT, n))) if (existsSync(f)) main.add(f);
  const subs = (app.subPackages ?? []).map((s) => {
    const all = closure(s.pages.map((p) => join(ROOT, s.root, p)));
    const root = join(ROOT, s.root);
    const own = [...all].filter((f) => f.startsWith(root));
    for (const f of all) if (!f.startsWith(root)) main.add(f);
    return { name: s.root, files: own };
  });
  const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + bytesOf(f), 0);
  return [
    { name: '主包', bytes: sum(main), files: main.size },
    ...subs.map((s) => ({ name: s.name, bytes: sum(s.files), files: s.files.length })),
  ];
}

if (require.main === module) {
  for (const p of packageSizes())
    console.log(`${p.name.padEnd(20)} ${(p.bytes / 1024).toFixed(1)} KiB  ${p.files} files`);
}
