/** The preview's WXSS → CSS steps and its reading of the mini program (tools/preview), under Node. */
import fs from 'node:fs';
import path from 'node:path';
import { buildCss, componentGraph, pagesOf, resolveUsing } from '../../../tools/preview/build';
import { parseUrl } from '../../../tools/preview/runtime/url';
import { dropRemote, hostToTag, readWxss, rpxToCss, vhToCss, wxssToCss } from '../../../tools/preview/wxss';

const MINIPROGRAM = path.resolve(__dirname, '../../../miniprogram');

describe('rpx in frame units', () => {
  test('whole, decimal and negative rpx become a multiple of --rpx (the frame width / 750)', () => {
    expect(rpxToCss('padding: 32rpx 0.5rpx -16rpx .5rpx')).toBe(
      'padding: calc(32 * var(--rpx)) calc(0.5 * var(--rpx)) calc(-16 * var(--rpx)) calc(0.5 * var(--rpx))',
    );
  });

  test('0rpx is 0px, and other units and names stay as they are', () => {
    expect(rpxToCss('margin:0rpx 12px;--td-x-rpx:1em;width:calc(100% - 24rpx)')).toBe(
      'margin:0px 12px;--td-x-rpx:1em;width:calc(100% - calc(24 * var(--rpx)))',
    );
  });

  test('rpx inside var() fallbacks and the font shorthand', () => {
    expect(rpxToCss('font:var(--f,600 28rpx / 44rpx sans-serif)')).toBe(
      'font:var(--f,600 calc(28 * var(--rpx)) / calc(44 * var(--rpx)) sans-serif)',
    );
  });

  test('vh is the window below the navigation bar', () => {
    expect(vhToCss('min-height:100vh;height:50.5vh')).toBe(
      'min-height:calc(100 * var(--vh));height:calc(50.5 * var(--vh))',
    );
  });
});

describe('scoping a component sheet', () => {
  test('classes get the component prefix, as exparser writes them on the nodes', () => {
    const css = wxssToCss('.banner .title{color:red}\n.a.b{margin:8rpx}', { prefix: 'p-home', tag: 'page' });
    expect(css).toContain('.p-home--banner .p-home--title{color:red}');
    expect(css).toContain('.p-home--a.p-home--b{margin:calc(8 * var(--rpx))}');
  });

  test(':host becomes the host tag; page stays the page element', () => {
    expect(hostToTag(':host{display:flex}', 't-steps')).toBe('t-steps{display:flex}');
    expect(wxssToCss('page{--x:1}', { prefix: 'p', tag: 'page' })).toBe('page{--x:1}');
  });

  test('fonts and images from the network are dropped: the preview talks to loopback only', () => {
    const css = dropRemote(
      "@font-face{font-family:t;src:url(https://cdn.example/t.woff) format('woff')}.i{background:url('https://cdn.example/a.png')}",
    );
    expect(css).not.toContain('https://');
    expect(css).toContain('.i{background:none}');
  });

  test('@import is inlined relative to the importing file', () => {
    const text = readWxss(path.join(MINIPROGRAM, 'app.wxss'));
    expect(text).not.toMatch(/@import/);
    expect(text).toContain('.elder');
  });
});

describe('reading the mini program', () => {
  test('usingComponents resolve like the platform: npm, absolute and relative', () => {
    expect(resolveUsing('pages/home/index', 'tdesign-miniprogram/button/button')).toBe(
      'miniprogram_npm/tdesign-miniprogram/button/button',
    );
    expect(resolveUsing('pages/home/index', '/components/village-picker/index')).toBe(
      'components/village-picker/index',
    );
    expect(resolveUsing('miniprogram_npm/tdesign-miniprogram/button/button', '../icon/icon')).toBe(
      'miniprogram_npm/tdesign-miniprogram/icon/icon',
    );
  });

  const built = fs.existsSync(path.join(MINIPROGRAM, 'miniprogram_npm', 'tdesign-miniprogram'));
  (built ? test : test.skip)('every page is in the graph, after the components it uses', () => {
    const graph = componentGraph();
    const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8'));
    const order = graph.components.map((c) => c.path);
    for (const page of pagesOf(app)) expect(order).toContain(page);
    for (const [i, c] of graph.components.entries()) {
      for (const child of Object.values(c.using)) expect(order.indexOf(child)).toBeLessThan(i);
    }
    const prefixes = graph.components.map((c) => c.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(graph.components.filter((c) => c.isPage).every((c) => c.tag === 'page')).toBe(true);
    expect(order).toContain('custom-tab-bar/index');
  });

  (built ? test : test.skip)('app.wxss applies to pages under their own prefix only', () => {
    const graph = componentGraph();
    const css = buildCss(graph);
    const home = graph.components.find((c) => c.path === 'pages/home/index')!;
    const bar = graph.components.find((c) => c.path === 'custom-tab-bar/index')!;
    expect(css).toContain(`.${home.prefix}--page-intro`);
    expect(css).not.toContain(`.${bar.prefix}--page-intro`);
    expect(css).not.toMatch(/\d+rpx/);
  });
});

describe('page URLs', () => {
  test('absolute, relative and with a query', () => {
    expect(parseUrl('/pages/declare/form?code=GAOLING&x=a%3Db', undefined)).toEqual({
      route: 'pages/declare/form',
      query: { code: 'GAOLING', x: 'a=b' },
    });
    expect(parseUrl('../detail?id=1', 'pages/declarations/index')).toEqual({
      route: 'pages/detail',
      query: { id: '1' },
    });
    expect(parseUrl('detail?id=a=b', 'pages/declarations/index')).toEqual({
      route: 'pages/declarations/detail',
      query: { id: 'a=b' },
    });
  });
});
