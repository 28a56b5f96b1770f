/**
 * A phone in the end-to-end tests: Debian's Chromium (never a downloaded browser) driven by
 * playwright-core, one browser context per demo account (its own storage, as its own phone), showing
 * the preview's frame of the mini program at 375×812.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import type { PreviewWorld } from './world';

export const CHROMIUM = process.env.YKT_CHROMIUM ?? '/usr/bin/chromium';
/** Where the screenshots go (git-ignored by `screenshots/`), to be looked at. */
export const SCREENSHOTS = path.resolve(__dirname, '../../../screenshots/preview');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A class of the mini program's WXML: exparser writes it with the component's prefix
 * (`p-pages-register--field-name`), so `.field-name` is matched by its suffix.
 */
export function wxClass(name: string): string {
  return `:is([class$="--${name}"], [class*="--${name} "])`;
}

export interface Phone {
  page: Page;
  openid: string;
  /** Opens a page of the mini program (a fresh launch of the app, as tapping a link from a chat does). */
  open(route: string, extra?: Record<string, string>): Promise<void>;
  /** The element with this WXML class. */
  cls(name: string, within?: Locator): Locator;
  /** The native <input>/<textarea> of the t-input or t-textarea with this class. */
  field(name: string): Locator;
  /** Waits for the text to be shown. */
  sees(text: string | RegExp): Promise<void>;
  /** Taps the (first visible) thing that shows exactly this text. */
  tap(text: string | RegExp): Promise<void>;
  /** Presses the button (a t-button's native button) that shows this text. */
  press(text: string | RegExp): Promise<void>;
  /** Answers the platform's modal (wx.showModal) with its confirm button. */
  confirm(): Promise<void>;
  /** A screenshot into screenshots/preview/<name>.png. */
  shot(name: string): Promise<string>;
  /** What went wrong in the page (uncaught errors), for the test to check. */
  errors: string[];
  close(): Promise<void>;
}

export async function openPhone(
  browser: Browser,
  world: PreviewWorld,
  openid: string,
  route = 'pages/home/index',
  extra: Record<string, string> = {},
): Promise<Phone> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 });
  // only the preview (loopback) may be reached
  await context.route(/^(?!http:\/\/(127\.0\.0\.1|localhost)[:/])/, (r) => r.abort());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  let launches = 0;
  const errors: string[] = [];
  // the page shown and the platform's overlays, not the navigation bar's title
  const screen = () => page.locator('.wx-page-frame:not([hidden]), #wx-layer');
  page.on('pageerror', (e) => errors.push(e.message));
  const phone: Phone = {
    page,
    openid,
    errors,
    async open(to, more = {}) {
      // a new query string: a fresh load even when only the route (the hash) differs
      launches += 1;
      await page.goto(world.appUrl(openid, to, { ...extra, ...more, launch: String(launches) }));
      await page.waitForFunction(() => window.__ykt_preview__?.ready === true);
    },
    cls: (name, within) => (within ?? page).locator(wxClass(name)),
    field: (name) => page.locator(`${wxClass(name)} :is(input, textarea)`).first(),
    async sees(text) {
      await screen().getByText(text).locator('visible=true').first().waitFor({ state: 'visible' });
    },
    async tap(text) {
      const target = screen()
        .getByText(text, { exact: typeof text === 'string' })
        .locator('visible=true')
        .first();
      await target.click();
    },
    async press(text) {
      const label =
        typeof text === 'string'
          ? new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
          : text;
      await screen().locator('wx-button').filter({ hasText: label }).locator('visible=true').first().click();
    },
    async confirm() {
      await page.locator('.wx-modal__button--confirm').click();
    },
    async shot(name) {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    close: () => context.close(),
  };
  await phone.open(route);
  return phone;
}

declare global {
  interface Window {
    __ykt_preview__?: { ready: boolean };
  }
}
