/**
 * The preview's boot in the phone frame (app.html): sets the platform's globals (wx, App, getApp,
 * Component, Behavior, getCurrentPages), registers the built-in components and then every page and
 * component of the manifest (children first, as miniprogram-simulate's load does), launches the app and
 * opens the page named by the location hash.
 *
 * URL: app.html?as=<openid>[&elder=1|0][&fresh=1]#/<route>?<query>
 *   as     the demo account (X-WX-OPENID); default demo-resident-luoyong
 *   elder  sets the app's elder-mode switch in this account's storage before launch
 *   fresh  clears this account's storage first
 */
import { registerBuiltins } from './builtins';
import { installCloudClock } from './clock';
import type { ComponentCaller, Definition } from './engine';
import { adaptEngine, dispatchFromDom, jComponent } from './engine';
import type { PreviewComponent, PreviewManifest } from './manifest';
import { createRouter, parseUrl } from './router';
import { createWx } from './wx';

declare global {
  interface Window {
    __ykt_gwx__?: (path: string) => unknown;
    /** For tests and the shell: the booted app's state. */
    __ykt_preview__?: { ready: boolean; openid: string; route(): string | undefined; errors: string[] };
  }
}

const DEFAULT_ACCOUNT = 'demo-resident-luoyong';
const ELDER_KEY = 'ykt.elderMode';

type Modules = Record<string, () => unknown>;

function normalize(parts: string[]): string {
  const out: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function relationTarget(from: string, key: string): string {
  if (key.startsWith('/')) return normalize([key]);
  return normalize([from.split('/').slice(0, -1).join('/'), key]);
}

export function boot(manifest: PreviewManifest, modules: Modules): void {
  installCloudClock();
  const params = new URLSearchParams(location.search);
  const openid = params.get('as') || DEFAULT_ACCOUNT;
  const errors: string[] = [];
  window.addEventListener('error', (e) => errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => {
    const reason: unknown = e.reason;
    errors.push(reason instanceof Error ? reason.message : JSON.stringify(reason));
  });

  const ids = new Map(manifest.components.map((c, i) => [c.path, `ykt-c${i}`]));
  const router = createRouter(manifest, ids, () => undefined);
  const wx = createWx({ openid, router, currentPageNode: () => router.currentNode() });
  const runtime = globalThis as unknown as Record<string, unknown>;
  runtime.wx = wx;

  const storage = wx as unknown as {
    setStorageSync(k: string, v: unknown): void;
    clearStorageSync(): void;
  };
  if (params.get('fresh') === '1') storage.clearStorageSync();
  const elder = params.get('elder');
  if (elder === '1' || elder === '0') storage.setStorageSync(ELDER_KEY, elder === '1');

  // the platform's built-in behaviors that tdesign names
  const behavior = (definition: Definition) => jComponent.behavior(definition);
  runtime.wxFormField = behavior({
    properties: { name: { type: String, value: '' }, value: { type: null, value: '' } },
  });
  runtime.wxComponentExport = behavior({});
  runtime.wxFormFieldGroup = behavior({});
  runtime.wxFormFieldButton = behavior({});
  runtime.Behavior = behavior;

  let app: Record<string, unknown> = { globalData: {} };
  runtime.App = (options: Record<string, unknown>) => {
    app = { globalData: {}, ...options };
  };
  runtime.getApp = () => app;
  runtime.getCurrentPages = () => router.pages().map((p) => p.root.instance);

  let current: PreviewComponent | null = null;
  const registered = new Set<string>();
  runtime.Component = (options: Definition) => {
    const c = current;
    if (!c) throw new Error('Component() called outside a component module');
    if (registered.has(c.path)) throw new Error(`${c.path} registered twice`);
    registered.add(c.path);
    const usingComponents: Record<string, string> = {};
    for (const [tag, p] of Object.entries(c.using)) usingComponents[tag] = ids.get(p)!;
    const template = window.__ykt_gwx__?.(`${c.path}.wxml`);
    const definition: Definition = {
      id: ids.get(c.path),
      path: `/${c.path}`,
      template: typeof template === 'function' ? template : '',
      usingComponents,
      tagName: c.tag,
      ...options,
    };
    definition.options = { classPrefix: c.prefix, ...((options.options as Definition | undefined) ?? {}) };
    const relations = definition.relations as Record<string, Record<string, unknown>> | undefined;
    if (relations) {
      for (const key of Object.keys(relations)) {
        const id = ids.get(relationTarget(c.path, key));
        if (!id) continue;
        const value = relations[key]!;
        value.target = id;
        relations[id] = value;
        delete relations[key];
      }
    }
    jComponent.register(definition);
  };
  runtime.Page = (options: Record<string, unknown>) => {
    const { data, ...rest } = options;
    (runtime.Component as (o: Definition) => void)({ data, methods: rest });
  };

  registerBuiltins();
  adaptEngine(
    () => router.currentNode(),
    () => router.scroller(),
  );

  // a click is a tap (the platform's view layer makes taps of touches); CSS transitions and
  // animations report their end as on the platform (tdesign's popups and overlays listen)
  const pagesEl = document.getElementById('wx-pages')!;
  pagesEl.addEventListener('click', (e) => {
    dispatchFromDom(e.target, 'tap', { x: e.pageX, y: e.pageY }, e);
  });
  for (const name of ['transitionend', 'animationstart', 'animationiteration', 'animationend']) {
    pagesEl.addEventListener(name, (e) => dispatchFromDom(e.target, name, {}, e), true);
  }

  try {
    modules.app?.();
  } catch (e) {
    console.error('app:', e);
  }
  for (const c of manifest.components) {
    current = c;
    try {
      modules[c.path]?.();
    } catch (e) {
      console.error(`${c.path}:`, e);
      errors.push(`${c.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!registered.has(c.path)) {
      // a component without logic (or whose module ran earlier elsewhere) still renders its template
      (runtime.Component as (o: Definition) => void)({});
    }
    current = null;
  }

  const launchRoute = location.hash.replace(/^#\/?/, '');
  const first = manifest.tabBar[0]?.pagePath ?? manifest.pages[0] ?? '';
  const target = launchRoute || first;
  const { route, query } = parseUrl(`/${target}`, undefined);
  const options = { path: route, query, scene: 1001 };
  const call = (name: string, ...args: unknown[]) => {
    const fn = app[name];
    if (typeof fn === 'function') (fn as (...a: unknown[]) => unknown).apply(app, args);
  };
  try {
    call('onLaunch', options);
    call('onShow', options);
  } catch (e) {
    console.error('App.onLaunch:', e);
  }

  const isTab = manifest.tabBar.some((t) => t.pagePath === route);
  try {
    if (isTab) router.switchTab(`/${route}`);
    else router.reLaunch(`/${target}`);
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
    router.switchTab(`/${first}`);
  }

  window.__ykt_preview__ = { ready: true, openid, route: () => router.current()?.route, errors };
  document.body.dataset.account = openid;
  window.parent?.postMessage({ type: 'ykt-preview-ready', openid }, location.origin);
}

export type { ComponentCaller };
