/**
 * WXSS → CSS for the browser preview. Classes are scoped the way miniprogram-simulate scopes them (its
 * own postcss pass: `.x` → `.<prefix>--x`, matching the class prefix exparser gives the component's
 * nodes); then the browser-only steps: `:host` becomes the component's tag, rpx becomes a fraction of
 * the frame's width (750rpx = the frame), and fonts or images from the network are dropped (the preview
 * only talks to loopback).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

type WxssModule = { compile(wxss: string, options: { prefix?: string; less?: boolean }): string };
const requireHere = createRequire(__filename);
let simulateWxss: WxssModule | undefined;

/** miniprogram-simulate's own scoping and minifying pass (postcss + csso), loaded on first use. */
function simulateCompile(wxss: string, prefix: string): string {
  simulateWxss ??= requireHere('miniprogram-simulate/src/wxss') as WxssModule;
  return simulateWxss.compile(wxss, { prefix });
}

/** `12rpx` → `calc(12 * var(--rpx))`; `--rpx` is the frame's width / 750 (see runtime/app.css). */
export function rpxToCss(css: string): string {
  return css.replace(/(-?(?:\d+\.\d+|\.\d+|\d+))rpx\b/gi, (_all, n: string) => {
    const value = Number(n);
    if (value === 0) return '0px';
    return `calc(${value} * var(--rpx))`;
  });
}

/**
 * `50vh` → `calc(50 * var(--vh))`: on the platform a page's viewport is the window below the navigation
 * bar, which the preview draws inside the frame.
 */
export function vhToCss(css: string): string {
  return css.replace(/(-?(?:\d+\.\d+|\.\d+|\d+))vh\b/gi, (_all, n: string) =>
    Number(n) === 0 ? '0px' : `calc(${Number(n)} * var(--vh))`,
  );
}

/** `:host` (not supported outside a shadow DOM) → the component's own tag. */
export function hostToTag(css: string, tag: string): string {
  return css.replace(/:host\b(?!-)/g, tag);
}

/** Drops `@font-face` rules and `url()`s that point to the network: the preview talks to loopback only. */
export function dropRemote(css: string): string {
  return css
    .replace(/@font-face\s*\{[^}]*https?:\/\/[^}]*\}/gi, '')
    .replace(/url\(\s*['"]?https?:\/\/[^)]*\)/gi, 'none');
}

/** The text of a wxss file with its `@import`s inlined (relative to the importing file), each once. */
export function readWxss(file: string, seen: Set<string> = new Set()): string {
  if (seen.has(file) || !fs.existsSync(file)) return '';
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  return text.replace(/@import\s+(?:"([^"]+)"|'([^']+)')\s*;?/g, (_all, a?: string, b?: string) => {
    const target = path.resolve(path.dirname(file), (a ?? b)!);
    return readWxss(target, seen);
  });
}

export interface ScopeOptions {
  /** exparser's class prefix of the component (its nodes carry `<prefix>--<class>`). */
  prefix: string;
  /** The component's host tag, for `:host`. */
  tag: string;
}

/** One component's WXSS (imports already inlined) as browser CSS. */
export function wxssToCss(wxss: string, options: ScopeOptions): string {
  if (!wxss.trim()) return '';
  // the postcss pass drops a comment-only or empty sheet to '', fine
  const scoped = simulateCompile(dropRemote(wxss), options.prefix);
  return vhToCss(rpxToCss(hostToTag(scoped, options.tag)));
}

/** Inline `style` values written by pages (`width: {{w}}rpx`) go through the same rpx conversion. */
export function inlineStyleRpx(style: string): string {
  return rpxToCss(style);
}
