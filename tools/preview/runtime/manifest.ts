/** What the build (../build.ts) tells the browser runtime about the mini program. */
export interface PreviewComponent {
  /** Path under miniprogram/ without extension: `pages/home/index`, `miniprogram_npm/tdesign-miniprogram/button/button`. */
  path: string;
  /** The host element's tag (`page` for every page). */
  tag: string;
  /** exparser's class prefix of the component's nodes; its CSS is scoped to it. */
  prefix: string;
  /** usingComponents: tag → component path. */
  using: Record<string, string>;
  isPage: boolean;
  /** navigationBarTitleText of the page's json. */
  title?: string | undefined;
  pullDownRefresh: boolean;
  styleIsolation?: string | undefined;
}

export interface PreviewManifest {
  /** Children before the components that use them. */
  components: PreviewComponent[];
  pages: string[];
  tabBar: Array<{ pagePath: string; text: string }>;
  /** app.json's tabBar.custom: the tab pages show custom-tab-bar/index. */
  custom: boolean;
  window: { title: string; backgroundColor: string };
}

/** A demo account of the switcher (tools/seed/index.ts). */
export interface PreviewAccount {
  openid: string;
  label: string;
}
