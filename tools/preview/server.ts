/**
 * The preview server (`npm start` runs it beside the local cloud): serves the shell (demo account
 * switcher + phone frame) at `/`, the mini program's frame at `/app.html`, the built bundle from
 * build/preview, and proxies the mini program's cloud calls (`/functions`, `/storage`, `/files`) to the
 * local cloud so the browser stays on one origin. Loopback only, like the cloud: X-WX-OPENID lets the
 * caller be anyone.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildPreview, PREVIEW_OUT } from './build';
import type { PreviewAccount } from './runtime/manifest';

export interface PreviewOptions {
  /** The local cloud, e.g. http://127.0.0.1:3900. */
  cloudUrl: string;
  /** Default 0 (a free port). */
  port?: number;
  /** Default 127.0.0.1; only loopback addresses are accepted. */
  host?: string;
  /** The switcher's accounts (tools/seed demoAccounts). */
  accounts: PreviewAccount[];
  /** Build into outDir first (default true). */
  build?: boolean;
  outDir?: string;
  /** The account the frame opens with when none is chosen. */
  defaultAccount?: string;
}

export interface PreviewServer {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const PROXIED = /^\/(functions|storage|files)\/|^\/(health|clock)$/;
const ASSETS: Record<string, { file: string; type: string; fromOut: boolean }> = {
  '/preview/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8', fromOut: true },
  '/preview/gwx.js': { file: 'gwx.js', type: 'text/javascript; charset=utf-8', fromOut: true },
  '/preview/app.css': { file: 'app.css', type: 'text/css; charset=utf-8', fromOut: true },
  '/preview/base.css': { file: 'base.css', type: 'text/css; charset=utf-8', fromOut: false },
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function appHtml(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>达州一卡通 · 预览</title>
<link rel="stylesheet" href="/preview/base.css">
<link rel="stylesheet" href="/preview/app.css">
</head>
<body>
<div id="wx-status"><span>9:41</span><span>WeChat</span><span>100%</span></div>
<div id="wx-nav">
  <button id="wx-back" aria-label="返回" hidden>‹</button>
  <button id="wx-home" aria-label="首页" hidden>⌂</button>
  <div id="wx-title"></div>
  <div class="wx-capsule" aria-hidden="true"><i>•••</i><i>◎</i></div>
</div>
<div id="wx-pages"></div>
<script src="/preview/gwx.js"></script>
<script src="/preview/app.js"></script>
</body>
</html>
`;
}

export function shellHtml(accounts: PreviewAccount[], defaultAccount: string): string {
  const options = accounts
    .map((a) => `<option value="${escapeHtml(a.openid)}">${escapeHtml(a.label)}</option>`)
    .join('');
  const buttons = accounts
    .map(
      (a) =>
        `<button type="button" class="account" data-openid="${escapeHtml(a.openid)}"><b>${escapeHtml(a.label)}</b><small>${escapeHtml(a.openid)}</small></button>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>达州一卡通 · 浏览器预览</title>
<style>
  body { margin: 0; font: 14px/1.5 -apple-system, 'PingFang SC', 'WenQuanYi Micro Hei', sans-serif; background: #e8ebf0; color: #1f2329; }
  .layout { display: flex; gap: 24px; justify-content: center; align-items: flex-start; padding: 16px; }
  aside { width: 300px; }
  aside h1 { font-size: 18px; margin: 0 0 4px; }
  aside p { margin: 0 0 12px; color: #5e6570; font-size: 12px; }
  .account { display: block; width: 100%; text-align: left; margin: 0 0 6px; padding: 8px 10px; border: 1px solid #d5d9e0; border-radius: 8px; background: #fff; cursor: pointer; font: inherit; }
  .account small { display: block; color: #8a919c; font-size: 11px; }
  .account[aria-pressed="true"] { border-color: #0052d9; box-shadow: 0 0 0 1px #0052d9 inset; }
  .tools { margin-top: 12px; display: flex; gap: 8px; flex-wrap: wrap; }
  .tools button, .tools label { font: inherit; font-size: 12px; }
  .clock { margin-top: 16px; padding-top: 12px; border-top: 1px solid #d5d9e0; font-size: 12px; }
  .clock .moved { color: #d54941; font-weight: bold; }
  .phone { width: 375px; height: min(812px, calc(100vh - 32px)); border: 10px solid #1f2329; border-radius: 40px; overflow: hidden; background: #fff; box-shadow: 0 12px 32px rgba(0,0,0,.25); flex: none; }
  .phone iframe { width: 100%; height: 100%; border: 0; display: block; }
  .compact { display: none; }
  @media (max-width: 720px) {
    .layout { flex-direction: column; align-items: center; gap: 8px; padding: 8px 0 0; }
    aside { display: none; }
    .compact { display: flex; gap: 6px; align-items: center; width: 395px; font-size: 12px; }
    .compact select { flex: 1; min-width: 0; font: inherit; }
    .phone { border-width: 0 10px 10px; border-radius: 0 0 28px 28px; height: min(812px, calc(100vh - 44px)); }
  }
</style>
</head>
<body>
<div class="layout">
  <aside>
    <h1>达州一卡通 · 浏览器预览</h1>
    <p>真实页面代码跑在浏览器里，调用本机的本地云。选一个演示账号，一分钟走完每个角色。这是近似渲染，以微信开发者工具为准。</p>
    <div id="accounts">${buttons}</div>
    <div class="tools">
      <label><input type="checkbox" id="elder"> 适老化模式</label>
      <button type="button" id="fresh">清空本账号缓存并重开</button>
    </div>
    <div class="clock">
      <div id="clock-now">本地云时钟：…</div>
      <div class="tools">
        <button type="button" class="clock-move" data-advance="86400000">快进 1 天</button>
        <button type="button" class="clock-move" data-advance="691200000">快进 8 天（公示期满）</button>
        <button type="button" class="clock-move" data-reset="1">复原时钟</button>
      </div>
    </div>
  </aside>
  <div class="compact"><label for="account-select">账号</label><select id="account-select">${options}</select><label><input type="checkbox" id="elder-compact"> 适老化</label></div>
  <div class="phone"><iframe id="phone" title="小程序预览" src="about:blank"></iframe></div>
</div>
<script>
(function () {
  var KEY = 'ykt-preview:account';
  var params = new URLSearchParams(location.search);
  var account = params.get('as') || localStorage.getItem(KEY) || ${JSON.stringify(defaultAccount)};
  var frame = document.getElementById('phone');
  var select = document.getElementById('account-select');
  var elderBoxes = [document.getElementById('elder'), document.getElementById('elder-compact')];
  var elderParam = params.get('elder');
  function open(extra, route) {
    localStorage.setItem(KEY, account);
    select.value = account;
    document.querySelectorAll('.account').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-openid') === account));
    });
    var q = new URLSearchParams({ as: account });
    Object.keys(extra || {}).forEach(function (k) { q.set(k, extra[k]); });
    frame.src = '/app.html?' + q.toString() + (route ? '#' + route : '');
  }
  document.querySelectorAll('.account').forEach(function (b) {
    b.addEventListener('click', function () { account = b.getAttribute('data-openid'); open({}); });
  });
  select.addEventListener('change', function () { account = select.value; open({}); });
  elderBoxes.forEach(function (box) {
    box.addEventListener('change', function () {
      elderBoxes.forEach(function (o) { o.checked = box.checked; });
      open({ elder: box.checked ? '1' : '0' }, frame.contentWindow && frame.contentWindow.location.hash.slice(1));
    });
  });
  document.getElementById('fresh').addEventListener('click', function () { open({ fresh: '1' }); });
  // The local cloud's clock (npm run clock does the same from a terminal); the pages follow it.
  var clockNow = document.getElementById('clock-now');
  function showClock(clock) {
    clockNow.innerHTML = '本地云时钟：' + clock.shanghai + '（北京时间）' +
      (clock.offsetMs ? '<br><span class="moved">已调整：' + clock.text + '</span>' : '');
  }
  fetch('/health').then(function (r) { return r.json(); }).then(function (h) { if (h.clock) showClock(h.clock); });
  document.querySelectorAll('.clock-move').forEach(function (b) {
    b.addEventListener('click', function () {
      var body = b.getAttribute('data-reset') ? { offsetMs: 0 } : { advanceMs: Number(b.getAttribute('data-advance')) };
      fetch('/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
        .then(function (r) { return r.json(); })
        .then(function (a) {
          if (a.clock) showClock(a.clock);
          open({}, frame.contentWindow && frame.contentWindow.location.hash.slice(1));
        });
    });
  });
  var first = {};
  if (elderParam === '1' || elderParam === '0') {
    first.elder = elderParam;
    elderBoxes.forEach(function (o) { o.checked = elderParam === '1'; });
  }
  open(first, location.hash.slice(1));
})();
</script>
</body>
</html>
`;
}

function proxy(cloudUrl: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const target = new URL(req.url ?? '/', cloudUrl);
  const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target.host };
  delete headers.origin;
  delete headers.referer;
  const upstream = http.request(target, { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (err) => {
    if (!res.headersSent) {
      res.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: false, code: 'INTERNAL', message: `本地云不可达：${err.message}` }));
    } else res.destroy();
  });
  req.pipe(upstream);
}

export async function startPreview(opts: PreviewOptions): Promise<PreviewServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`预览只监听本机地址，不接受 ${host}`);
  const outDir = opts.outDir ?? PREVIEW_OUT;
  if (opts.build !== false) await buildPreview(outDir);
  const defaultAccount = opts.defaultAccount ?? 'demo-resident-luoyong';
  const shell = shellHtml(opts.accounts, defaultAccount);
  const app = appHtml();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://preview');
    if (PROXIED.test(url.pathname)) {
      proxy(opts.cloudUrl, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (url.pathname === '/' || url.pathname === '/index.html')
      return send(200, 'text/html; charset=utf-8', shell);
    if (url.pathname === '/app.html') return send(200, 'text/html; charset=utf-8', app);
    if (url.pathname === '/accounts.json')
      return send(200, 'application/json; charset=utf-8', JSON.stringify(opts.accounts));
    const asset = ASSETS[url.pathname];
    if (asset) {
      const file = asset.fromOut
        ? path.join(outDir, asset.file)
        : path.join(__dirname, 'runtime', asset.file);
      if (fs.existsSync(file)) return send(200, asset.type, fs.readFileSync(file));
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    send(404, 'text/plain; charset=utf-8', `没有这个地址：${url.pathname}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
