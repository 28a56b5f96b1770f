/**
 * The page stack of the preview, as the platform keeps it: navigateTo pushes, navigateBack pops,
 * redirectTo replaces, switchTab shows a tab page (tab pages stay alive once opened), reLaunch starts
 * over. Each page is a j-component root under a `<page>` host in its own scrolling frame; tab pages get
 * their own instance of the custom tab bar (`this.getTabBar()`). The navigation bar is drawn here.
 * The top page's route is mirrored in the location hash, so a reload (or a screenshot URL) opens it.
 */
import type { ComponentCaller, ExparserNode, RootComponent } from './engine';
import { jComponent } from './engine';
import type { PreviewManifest } from './manifest';
import { parseUrl } from './url';

export { parseUrl };

export interface PageEntry {
  route: string;
  query: Record<string, string>;
  root: RootComponent;
  tabBar: RootComponent | undefined;
  frame: HTMLElement;
  title: string | undefined;
  reachedBottom: boolean;
}

export interface Router {
  current(): PageEntry | undefined;
  pages(): PageEntry[];
  scroller(): HTMLElement | null;
  currentNode(): ExparserNode | null;
  navigateTo(url: string): void;
  redirectTo(url: string): void;
  navigateBack(delta: number): void;
  switchTab(url: string): void;
  reLaunch(url: string): void;
  setTitle(title: string): void;
  pullDownRefresh(): void;
  stopPullDownRefresh(): void;
}

function call(target: ComponentCaller, name: string, ...args: unknown[]): void {
  const fn = target[name];
  if (typeof fn !== 'function') return;
  try {
    const out: unknown = fn.apply(target, args);
    if (out instanceof Promise) out.catch((e: unknown) => console.error(`${name}:`, e));
  } catch (e) {
    console.error(`${name}:`, e);
  }
}

export function createRouter(
  manifest: PreviewManifest,
  ids: Map<string, string>,
  onChange: () => void,
): Router {
  const pagesEl = document.getElementById('wx-pages')!;
  const titleEl = document.getElementById('wx-title')!;
  const backEl = document.getElementById('wx-back')!;
  const homeEl = document.getElementById('wx-home')!;
  const tabRoutes = new Set(manifest.tabBar.map((t) => t.pagePath));
  const byPath = new Map(manifest.components.map((c) => [c.path, c]));
  let stack: PageEntry[] = [];
  const tabCache = new Map<string, PageEntry>();

  const titleOf = (entry: PageEntry) =>
    entry.title ?? byPath.get(entry.route)?.title ?? manifest.window.title;

  const refreshChrome = () => {
    const top = stack[stack.length - 1];
    titleEl.textContent = top ? titleOf(top) : '';
    backEl.hidden = stack.length <= 1;
    homeEl.hidden = !(stack.length === 1 && top && !tabRoutes.has(top.route));
    if (top) {
      const q = new URLSearchParams(top.query).toString();
      history.replaceState(
        null,
        '',
        `${location.pathname}${location.search}#/${top.route}${q ? `?${q}` : ''}`,
      );
      document.title = `${titleOf(top)} · 预览`;
    }
    onChange();
  };

  const show = (entry: PageEntry) => {
    entry.frame.hidden = false;
    call(entry.root.instance, 'onShow');
    entry.root.triggerPageLifeTime('show');
    if (entry.tabBar) entry.tabBar.triggerPageLifeTime('show');
  };

  const hide = (entry: PageEntry) => {
    call(entry.root.instance, 'onHide');
    entry.root.triggerPageLifeTime('hide');
    entry.frame.hidden = true;
  };

  const unload = (entry: PageEntry) => {
    call(entry.root.instance, 'onUnload');
    entry.root.detach();
    entry.tabBar?.detach();
    entry.frame.remove();
    if (tabCache.get(entry.route) === entry) tabCache.delete(entry.route);
  };

  const create = (route: string, query: Record<string, string>): PageEntry => {
    const id = ids.get(route);
    if (!id || !byPath.get(route)?.isPage) throw new Error(`没有这个页面：${route}`);
    const frame = document.createElement('section');
    frame.className = 'wx-page-frame';
    frame.dataset.route = route;
    frame.hidden = true;
    pagesEl.appendChild(frame);
    const root = jComponent.create(id);
    if (!root) throw new Error(`页面未注册：${route}`);
    const instance = root.instance;
    instance.route = route;
    instance.__route__ = route;
    instance.options = query;
    let tabBar: RootComponent | undefined;
    const tabBarId = ids.get('custom-tab-bar/index');
    if (manifest.custom && tabRoutes.has(route) && tabBarId) {
      tabBar = jComponent.create(tabBarId);
      const bar = tabBar;
      instance.getTabBar = () => bar?.instance;
    }
    const entry: PageEntry = { route, query, root, tabBar, frame, title: undefined, reachedBottom: false };
    root.attach(frame);
    if (tabBar) {
      const holder = document.createElement('div');
      holder.className = 'wx-tab-bar';
      frame.appendChild(holder);
      tabBar.attach(holder);
    }
    frame.addEventListener('scroll', () => {
      call(instance, 'onPageScroll', { scrollTop: frame.scrollTop });
      const atBottom = frame.scrollTop + frame.clientHeight >= frame.scrollHeight - 50;
      if (atBottom && !entry.reachedBottom) call(instance, 'onReachBottom');
      entry.reachedBottom = atBottom;
    });
    return entry;
  };

  const open = (route: string, query: Record<string, string>) => {
    const entry = create(route, query);
    stack.push(entry);
    call(entry.root.instance, 'onLoad', query);
    show(entry);
    refreshChrome();
    call(entry.root.instance, 'onReady');
  };

  const router: Router = {
    current: () => stack[stack.length - 1],
    pages: () => [...stack],
    scroller: () => stack[stack.length - 1]?.frame ?? null,
    currentNode: () => stack[stack.length - 1]?.root.instance._exparserNode ?? null,
    navigateTo(url) {
      const { route, query } = parseUrl(url, stack[stack.length - 1]?.route);
      if (tabRoutes.has(route)) throw new Error('can not navigateTo a tabbar page');
      if (stack.length >= 10) throw new Error('webview count limit exceed');
      const top = stack[stack.length - 1];
      if (top) hide(top);
      open(route, query);
    },
    redirectTo(url) {
      const { route, query } = parseUrl(url, stack[stack.length - 1]?.route);
      if (tabRoutes.has(route)) throw new Error('can not redirectTo a tabbar page');
      const top = stack.pop();
      if (top) {
        if (tabRoutes.has(top.route)) hide(top);
        else unload(top);
      }
      open(route, query);
    },
    navigateBack(delta) {
      if (stack.length <= 1) return;
      const count = Math.min(delta, stack.length - 1);
      for (let i = 0; i < count; i++) {
        const top = stack.pop()!;
        if (i === 0) hide(top);
        if (tabRoutes.has(top.route)) continue;
        unload(top);
      }
      const top = stack[stack.length - 1];
      if (top) show(top);
      refreshChrome();
    },
    switchTab(url) {
      const { route } = parseUrl(url, stack[stack.length - 1]?.route);
      if (!tabRoutes.has(route)) throw new Error('can not switchTab to a non-tabbar page');
      const top = stack[stack.length - 1];
      if (top?.route === route && stack.length === 1) return;
      if (top) hide(top);
      for (const entry of stack) if (!tabRoutes.has(entry.route)) unload(entry);
      const cached = tabCache.get(route);
      if (cached) {
        stack = [cached];
        show(cached);
        refreshChrome();
        return;
      }
      stack = [];
      const entry = create(route, {});
      tabCache.set(route, entry);
      stack.push(entry);
      call(entry.root.instance, 'onLoad', {});
      show(entry);
      refreshChrome();
      call(entry.root.instance, 'onReady');
    },
    reLaunch(url) {
      const { route, query } = parseUrl(url, stack[stack.length - 1]?.route);
      const top = stack[stack.length - 1];
      if (top) hide(top);
      for (const entry of stack) unload(entry);
      for (const entry of [...tabCache.values()]) if (entry.frame.isConnected) unload(entry);
      tabCache.clear();
      stack = [];
      if (tabRoutes.has(route)) router.switchTab(`/${route}`);
      else open(route, query);
    },
    setTitle(title) {
      const top = stack[stack.length - 1];
      if (top) top.title = title;
      refreshChrome();
    },
    pullDownRefresh() {
      const top = stack[stack.length - 1];
      if (!top) return;
      document.body.classList.add('wx-refreshing');
      call(top.root.instance, 'onPullDownRefresh');
    },
    stopPullDownRefresh() {
      document.body.classList.remove('wx-refreshing');
    },
  };

  backEl.addEventListener('click', () => router.navigateBack(1));
  homeEl.addEventListener('click', () => {
    const first = manifest.tabBar[0]?.pagePath ?? manifest.pages[0];
    if (first) router.reLaunch(`/${first}`);
  });
  return router;
}
