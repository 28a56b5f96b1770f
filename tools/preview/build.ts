/**
 * Builds the browser preview of the mini program into build/preview/:
 *   gwx.js     every WXML under miniprogram/ compiled by wcc (miniprogram-compiler, as the page tests do)
 *   app.css    every component's WXSS scoped to its class prefix, rpx in frame units (./wxss.ts)
 *   app.js     the runtime (./runtime) with every page and component module, bundled by esbuild
 *   manifest   (inside app.js) the component graph read from the json files: who uses whom, by tag
 * The pages run on j-component + miniprogram-exparser, the engine under miniprogram-simulate.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { iconFallbackCss } from './icons';
import type { PreviewComponent, PreviewManifest } from './runtime/manifest';
import { readWxss, wxssToCss } from './wxss';

const ROOT = path.resolve(__dirname, '..', '..');
export const MINIPROGRAM_ROOT = path.join(ROOT, 'miniprogram');
export const PREVIEW_OUT = path.join(ROOT, 'build', 'preview');
const NPM_PREFIX = 'tdesign-miniprogram/';
const WCC_MAX_BUFFER = 32 * 1024 * 1024;

type Compiler = { wxmlToJs(rootPath: string, options?: object): string };
const requireHere = createRequire(__filename);

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  window?: Record<string, unknown>;
  tabBar?: { custom?: boolean; list: Array<{ pagePath: string; text: string }> };
}

interface ComponentJson {
  usingComponents?: Record<string, string>;
  navigationBarTitleText?: string;
  enablePullDownRefresh?: boolean;
  [key: string]: unknown;
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** Every page of app.json, sub-packages included, as paths under miniprogram/ without extension. */
export function pagesOf(app: AppJson): string[] {
  const pages = [...app.pages];
  for (const pkg of app.subPackages ?? []) for (const p of pkg.pages) pages.push(`${pkg.root}/${p}`);
  return pages;
}

/** Where a `usingComponents` entry of the component at `from` points, under miniprogram/. */
export function resolveUsing(from: string, target: string): string {
  if (target.startsWith(NPM_PREFIX)) return `miniprogram_npm/${target}`;
  if (target.startsWith('/')) return path.posix.normalize(target.slice(1));
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
}

/** A tag fit for a class prefix and an element name. */
const tagOf = (name: string): string => {
  const tag = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  return tag.includes('-') ? tag : `ykt-${tag}`;
};

/** The component graph from app.json: pages, the custom tab bar and all they use, children first. */
export function componentGraph(root = MINIPROGRAM_ROOT): PreviewManifest {
  const app = readJson<AppJson>(path.join(root, 'app.json'));
  const pages = pagesOf(app);
  const byPath = new Map<string, PreviewComponent>();
  const order: PreviewComponent[] = [];
  const usedPrefixes = new Set<string>();
  const uniquePrefix = (wanted: string): string => {
    let prefix = wanted;
    for (let n = 2; usedPrefixes.has(prefix); n++) prefix = `${wanted}${n}`;
    usedPrefixes.add(prefix);
    return prefix;
  };

  const visit = (componentPath: string, tag: string, isPage: boolean): void => {
    if (byPath.has(componentPath)) return;
    const jsonFile = path.join(root, `${componentPath}.json`);
    const json = fs.existsSync(jsonFile) ? readJson<ComponentJson>(jsonFile) : {};
    const node: PreviewComponent = {
      path: componentPath,
      // every page's host is <page>, as on the platform; app.wxss's `page {}` rules apply to it
      tag: isPage ? 'page' : tagOf(tag),
      prefix: uniquePrefix(isPage ? tagOf(`p-${componentPath.replace(/\/index$/, '')}`) : tagOf(tag)),
      using: {},
      isPage,
      title: typeof json.navigationBarTitleText === 'string' ? json.navigationBarTitleText : undefined,
      pullDownRefresh: json.enablePullDownRefresh === true,
      styleIsolation: typeof json.styleIsolation === 'string' ? json.styleIsolation : undefined,
    };
    byPath.set(componentPath, node);
    for (const [childTag, target] of Object.entries(json.usingComponents ?? {})) {
      const childPath = resolveUsing(componentPath, target);
      if (!fs.existsSync(path.join(root, `${childPath}.json`))) continue;
      node.using[childTag] = childPath;
      visit(childPath, childTag, false);
    }
    order.push(node);
  };

  for (const page of pages) visit(page, page, true);
  if (app.tabBar?.custom) visit('custom-tab-bar/index', 'ykt-tab-bar', false);
  return {
    components: order,
    pages,
    tabBar: (app.tabBar?.list ?? []).map((t) => ({ pagePath: t.pagePath, text: t.text })),
    custom: app.tabBar?.custom === true,
    window: {
      title: typeof app.window?.navigationBarTitleText === 'string' ? app.window.navigationBarTitleText : '',
      backgroundColor:
        typeof app.window?.backgroundColor === 'string' ? app.window.backgroundColor : '#f3f3f3',
    },
  };
}

/** The file of a component's logic: our TypeScript or tdesign's built JavaScript. */
function logicFile(root: string, componentPath: string): string | undefined {
  for (const ext of ['.ts', '.js']) {
    const file = path.join(root, `${componentPath}${ext}`);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** Every component's CSS, plus app.wxss scoped to each page (the platform applies it to pages only). */
export function buildCss(manifest: PreviewManifest, root = MINIPROGRAM_ROOT): string {
  const appWxss = readWxss(path.join(root, 'app.wxss'));
  const parts: string[] = [];
  for (const c of manifest.components) {
    const own = readWxss(path.join(root, `${c.path}.wxss`));
    const sheet = c.isPage ? `${appWxss}\n${own}` : own;
    const css = wxssToCss(sheet, { prefix: c.prefix, tag: c.tag });
    if (css) parts.push(`/* ${c.path} */\n${css}`);
  }
  const icon = manifest.components.find((c) => c.path.endsWith('tdesign-miniprogram/icon/icon'));
  if (icon) parts.push(`/* icons without the icon font */\n${iconFallbackCss(icon.prefix)}`);
  return parts.join('\n');
}

/** wcc's output for the whole tree, as a script that sets `window.__ykt_gwx__`. */
export function buildGwx(root = MINIPROGRAM_ROOT): string {
  const compiler = requireHere('miniprogram-compiler') as Compiler;
  const body = compiler.wxmlToJs(root, { maxBuffer: WCC_MAX_BUFFER });
  return `window.__webview_engine_version__ = 0.02;\nwindow.__ykt_gwx__ = (function () {\n${body}\n})();\n`;
}

/** The generated entry: the runtime, the manifest and a lazy loader per component module. */
function entrySource(manifest: PreviewManifest, root: string): string {
  const lines = [
    `import { boot } from ${JSON.stringify(path.join(__dirname, 'runtime', 'index.ts'))};`,
    'const modules = {',
  ];
  const app = logicFile(root, 'app');
  if (app) lines.push(`  app: () => require(${JSON.stringify(app)}),`);
  for (const c of manifest.components) {
    const file = logicFile(root, c.path);
    if (file) lines.push(`  ${JSON.stringify(c.path)}: () => require(${JSON.stringify(file)}),`);
  }
  lines.push('};', `boot(${JSON.stringify(manifest)}, modules);`);
  return lines.join('\n');
}

export async function buildJs(manifest: PreviewManifest, root = MINIPROGRAM_ROOT): Promise<string> {
  const result = await esbuild({
    stdin: {
      contents: entrySource(manifest, root),
      resolveDir: root,
      sourcefile: 'preview-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    // the platform resolves npm packages through miniprogram_npm (tdesign as built by build:npm)
    nodePaths: [path.join(root, 'miniprogram_npm'), path.join(ROOT, 'node_modules')],
    define: { global: 'globalThis', 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
    sourcemap: 'inline',
    legalComments: 'none',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no output');
  return out.text;
}

export interface PreviewBuild {
  dir: string;
  manifest: PreviewManifest;
}

/** Builds everything into `outDir` (default build/preview); answers the manifest. */
export async function buildPreview(outDir = PREVIEW_OUT, root = MINIPROGRAM_ROOT): Promise<PreviewBuild> {
  if (!fs.existsSync(path.join(root, 'miniprogram_npm', 'tdesign-miniprogram'))) {
    throw new Error('miniprogram/miniprogram_npm 不存在：先运行 npm run build:npm');
  }
  const manifest = componentGraph(root);
  const [js] = await Promise.all([buildJs(manifest, root)]);
  const css = buildCss(manifest, root);
  const gwx = buildGwx(root);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'app.js'), js);
  fs.writeFileSync(path.join(outDir, 'app.css'), css);
  fs.writeFileSync(path.join(outDir, 'gwx.js'), gwx);
  return { dir: outDir, manifest };
}
