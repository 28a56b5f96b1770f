/**
 * Renders pages and components of miniprogram/ with miniprogram-simulate and the official wxml compiler
 * (tdesign included, from miniprogram/miniprogram_npm).
 *
 * simulate loads a component's logic with `require(<path without extension>)`, so jest resolves the .ts
 * and compiles it with the project's transform. That require is cached, so each render starts from a fresh
 * module registry (jest.resetModules) and a fresh simulate: every render is a fresh launch of the app,
 * with the stores empty and the storage kept.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../../miniprogram');
const NPM_PREFIX = 'tdesign-miniprogram/';

type Simulate = typeof import('miniprogram-simulate');
type Compiler = { wxmlToJs(rootPath: string, options?: object): string };
type WxssModule = { compile(wxss: string, options: { prefix?: string; less?: boolean }): string };
const WXSS_MODULE = createRequire(__filename).resolve('miniprogram-simulate/src/wxss');
export type Rendered = ReturnType<Simulate['render']>;

/**
 * The platform resolves `tdesign-miniprogram/x/x` in usingComponents through miniprogram_npm; simulate
 * only relative paths. So every npm component named in the mini program's json files is handed to
 * simulate as an absolute path under miniprogram_npm.
 */
function npmComponents(): Record<string, string> {
  const map: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'miniprogram_npm') visit(file);
        continue;
      }
      if (!entry.name.endsWith('.json')) continue;
      const { usingComponents } = JSON.parse(readFileSync(file, 'utf8')) as {
        usingComponents?: Record<string, string>;
      };
      for (const [tag, target] of Object.entries(usingComponents ?? {})) {
        if (!target.startsWith(NPM_PREFIX)) continue;
        const absolute = `/miniprogram_npm/${target}`;
        if (map[tag] && map[tag] !== absolute) {
          throw new Error(`<${tag}> names two components: ${map[tag]} and ${absolute}`);
        }
        map[tag] = absolute;
      }
    }
  };
  visit(MINIPROGRAM_ROOT);
  return map;
}

/**
 * The costly, pure steps of a load are kept across launches: wcc compiles every wxml under the root at
 * once (about 1.5 s), and each component's wxss goes through postcss and csso.
 */
const compiledWxml = new Map<string, string>();
const WCC_MAX_BUFFER = 16 * 1024 * 1024;
const compiledWxss = new Map<string, string>();

interface Launch {
  simulate: Simulate;
  /** component id by absolute path (without extension), as simulate registered them */
  ids: Map<string, string>;
}

/** A fresh module registry with a fresh simulate: a new launch of the app. */
function launch(): Launch {
  jest.resetModules();
  jest.doMock('miniprogram-compiler', () => {
    const real = jest.requireActual<Compiler>('miniprogram-compiler');
    return {
      ...real,
      wxmlToJs(rootPath: string, options?: object): string {
        // wcc's output of the whole tree outgrows the compiler's default 1 MiB buffer, which truncates it
        const withRoom = { ...options, maxBuffer: WCC_MAX_BUFFER };
        if (!compiledWxml.has(rootPath)) compiledWxml.set(rootPath, real.wxmlToJs(rootPath, withRoom));
        return compiledWxml.get(rootPath)!;
      },
    };
  });
  jest.doMock(WXSS_MODULE, () => {
    const real = jest.requireActual<WxssModule>(WXSS_MODULE);
    return {
      ...real,
      compile(wxss: string, options: { prefix?: string; less?: boolean }): string {
        const key = `${options.prefix}|${options.less}|${wxss}`;
        if (!compiledWxss.has(key)) compiledWxss.set(key, real.compile(wxss, options));
        return compiledWxss.get(key)!;
      },
    };
  });
  // simulate registers each component through j-component's register: note the id of each path
  const ids = new Map<string, string>();
  const jComponent = require('j-component') as {
    register(definition: { id: string; path?: string }): string;
  };
  const register = jComponent.register.bind(jComponent);
  jComponent.register = (definition) => {
    if (definition.path) ids.set(definition.path, definition.id);
    return register(definition);
  };
  return { simulate: require('miniprogram-simulate') as Simulate, ids };
}

const absolute = (componentPath: string): string => path.join(MINIPROGRAM_ROOT, componentPath);

/**
 * The largest `setData` payload each page sends in the tests (JSON bytes, as the platform measures it),
 * kept in build/setdata/ for `npm run bench` to report. The platform warns above 256 KB.
 */
export const SETDATA_DIR = path.resolve(__dirname, '../../../build/setdata');
const largestSetData = new Map<string, number>();

function measureSetData(componentPath: string, rendered: Rendered): void {
  const instance = rendered.instance as unknown as {
    setData(data: Record<string, unknown>, callback?: () => void): void;
  };
  const setData = instance.setData.bind(instance);
  instance.setData = (data, callback) => {
    const bytes = Buffer.byteLength(JSON.stringify(data) ?? '', 'utf8');
    if (bytes > (largestSetData.get(componentPath) ?? 0)) {
      largestSetData.set(componentPath, bytes);
      mkdirSync(SETDATA_DIR, { recursive: true });
      const keys = Object.keys(data).slice(0, 10);
      writeFileSync(
        path.join(SETDATA_DIR, `${componentPath.replace(/[^\w-]+/g, '_')}.json`),
        `${JSON.stringify({ page: componentPath, bytes, keys, at: new Date().toISOString() })}\n`,
      );
    }
    setData(data, callback);
  };
}

/** Renders one page or component (its path under miniprogram/, without extension) and attaches it. */
export function render(componentPath: string): Rendered {
  const { simulate } = launch();
  const id = simulate.load(absolute(componentPath), {
    rootPath: MINIPROGRAM_ROOT,
    usingComponents: npmComponents(),
  });
  const component = simulate.render(id);
  measureSetData(componentPath, component);
  component.attach(document.createElement('parent-wrapper'));
  return component;
}

/**
 * A tab page as the user sees it: the page and, beside it, the custom tab bar that the runtime adds.
 * Both come from one load, so they share the app's modules (one session, one elder-mode store).
 */
export function renderTabPage(pagePath: string): { page: Rendered; tabBar: Rendered } {
  const { simulate, ids } = launch();
  const pageId = simulate.load(absolute(pagePath), {
    rootPath: MINIPROGRAM_ROOT,
    usingComponents: { ...npmComponents(), 'ykt-tab-bar': '/custom-tab-bar/index' },
  });
  const tabBarId = ids.get(absolute('custom-tab-bar/index'));
  if (!tabBarId) throw new Error('custom-tab-bar was not registered');
  const screenId = simulate.load({
    template: '<ykt-page id="page"/><ykt-tab-bar id="tab-bar"/>',
    usingComponents: { 'ykt-page': pageId, 'ykt-tab-bar': tabBarId },
  });
  const screen = simulate.render(screenId);
  const page = screen.querySelector('#page');
  if (page) measureSetData(pagePath, page);
  screen.attach(document.createElement('parent-wrapper'));
  return { page: screen.querySelector('#page')!, tabBar: screen.querySelector('#tab-bar')! };
}

/** Lets pending promises (a mocked cloud call) settle and the view update. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** The visible text of a rendered node, whitespace collapsed. */
export function textOf(node: { dom?: Element | null } | undefined): string {
  return (node?.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Closes a rendered page as leaving it does (j-component detaches it; its typings omit the method). */
export function close(component: Rendered): void {
  (component as unknown as { detach(): void }).detach();
}

/** Opens a page as navigating to it with a query does: rendered, then its onLoad with the query. */
export async function openPage(componentPath: string, query: Record<string, string> = {}): Promise<Rendered> {
  const page = render(componentPath);
  (page.instance as unknown as { onLoad(query: Record<string, string>): void }).onLoad(query);
  await settle();
  return page;
}
