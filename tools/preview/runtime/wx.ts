/**
 * A thin `wx` for the browser: what the mini program and tdesign call, no more.
 * - wx.cloud.callFunction → POST /functions/<name> on the preview's origin (proxied to the local cloud)
 *   with X-WX-OPENID = the chosen demo account; wx.cloud.uploadFile → POST /storage/upload;
 * - storage in localStorage, one namespace per demo account (each account is its own phone);
 * - toasts, modals, action sheets and navigation drawn by ./ui.ts and ./router.ts;
 * - file pickers: a real <input type=file id="wx-file-picker">.
 */
import { followCloudOffset } from './clock';
import type { ExparserNode } from './engine';
import { SelectorQuery } from './engine';
import type { Router } from './router';
import { chooseFromList, hideToast, previewImage, showModal, showToast } from './ui';

type Options = Record<string, unknown> & {
  success?: (res: unknown) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
};

type Api = (options?: Options) => unknown;

/** Runs `work`, then the callbacks; answers a promise when no callback was given (as wx does). */
function settle<R>(
  name: string,
  options: Options | undefined,
  work: () => R | Promise<R>,
): Promise<R> | undefined {
  const opts = options ?? {};
  const promise = Promise.resolve()
    .then(work)
    .then((res) => {
      const withMsg = typeof res === 'object' && res !== null ? { errMsg: `${name}:ok`, ...res } : res;
      opts.success?.(withMsg);
      opts.complete?.(withMsg);
      return withMsg as R;
    })
    .catch((cause: unknown) => {
      const err = { errMsg: `${name}:fail ${cause instanceof Error ? cause.message : String(cause)}` };
      opts.fail?.(err);
      opts.complete?.(err);
      throw err;
    });
  if (opts.success || opts.fail || opts.complete) {
    promise.catch(() => undefined);
    return undefined;
  }
  return promise;
}

/** A URL of the local gateway (as config.gatewayBase names it) → the same path on this origin. */
function sameOrigin(url: string): string {
  try {
    const parsed = new URL(url, location.href);
    if (/^\/(functions|storage|files|triggers)\//.test(parsed.pathname))
      return parsed.pathname + parsed.search;
    return parsed.href;
  } catch {
    return url;
  }
}

interface UploadTask {
  onProgressUpdate(
    cb: (res: { progress: number; totalBytesSent: number; totalBytesExpectedToSend: number }) => void,
  ): void;
  offProgressUpdate(): void;
  abort(): void;
}

/** A multipart POST with progress (XMLHttpRequest: fetch reports no upload progress). */
function postMultipart(
  url: string,
  headers: Record<string, string>,
  fields: Record<string, string>,
  file: { name: string; filePath: string },
  done: (status: number, body: string) => void,
  failed: (message: string) => void,
): UploadTask {
  const xhr = new XMLHttpRequest();
  let listener: Parameters<UploadTask['onProgressUpdate']>[0] | undefined;
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable)
      listener?.({
        progress: Math.round((e.loaded / e.total) * 100),
        totalBytesSent: e.loaded,
        totalBytesExpectedToSend: e.total,
      });
  };
  xhr.onload = () => done(xhr.status, xhr.responseText);
  xhr.onerror = () => failed('network error');
  xhr.onabort = () => failed('abort');
  fetch(file.filePath)
    .then((res) => res.blob())
    .then((blob) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      form.append(file.name, blob, fileNames.get(file.filePath) ?? 'file');
      xhr.open('POST', sameOrigin(url));
      for (const [key, value] of Object.entries(headers)) xhr.setRequestHeader(key, value);
      xhr.send(form);
    })
    .catch((cause: unknown) => failed(cause instanceof Error ? cause.message : String(cause)));
  return {
    onProgressUpdate: (cb) => {
      listener = cb;
    },
    offProgressUpdate: () => {
      listener = undefined;
    },
    abort: () => xhr.abort(),
  };
}

/** Names of the files chosen in this session, by their blob URL (the upload keeps the extension). */
const fileNames = new Map<string, string>();

interface Chosen {
  path: string;
  size: number;
  name: string;
  type: string;
}

/** The real file picker; answers the chosen files (or fails on cancel). */
function pickFiles(accept: string, multiple: boolean): Promise<Chosen[]> {
  return new Promise((resolve, reject) => {
    document.getElementById('wx-file-picker')?.remove();
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'wx-file-picker';
    input.accept = accept;
    input.multiple = multiple;
    input.style.display = 'none';
    document.body.appendChild(input);
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      input.remove();
      if (files.length === 0) {
        reject(new Error('cancel'));
        return;
      }
      resolve(
        files.map((f) => {
          // like the platform's temp paths, the path ends in the file's extension (the app checks it)
          const path = `${URL.createObjectURL(f)}#${f.name.replace(/[^\w.-]+/g, '_')}`;
          fileNames.set(path, f.name);
          return { path, size: f.size, name: f.name, type: f.type };
        }),
      );
    });
    input.addEventListener('cancel', () => {
      input.remove();
      reject(new Error('cancel'));
    });
    input.click();
  });
}

const EXTENSION_OF_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
};

export interface WxContext {
  openid: string;
  router: Router;
  currentPageNode(): ExparserNode | null;
}

export function createWx(ctx: WxContext): Record<string, unknown> {
  const prefix = `ykt-preview:${ctx.openid}:`;
  const identity = { 'X-WX-OPENID': ctx.openid };

  const storage = {
    getStorageSync(key: string): unknown {
      const raw = localStorage.getItem(prefix + key);
      if (raw === null) return '';
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return '';
      }
    },
    setStorageSync(key: string, value: unknown): void {
      localStorage.setItem(prefix + key, JSON.stringify(value));
    },
    removeStorageSync(key: string): void {
      localStorage.removeItem(prefix + key);
    },
    clearStorageSync(): void {
      for (const key of Object.keys(localStorage)) if (key.startsWith(prefix)) localStorage.removeItem(key);
    },
    getStorageInfoSync() {
      const keys = Object.keys(localStorage)
        .filter((k) => k.startsWith(prefix))
        .map((k) => k.slice(prefix.length));
      return { keys, currentSize: 0, limitSize: 10240 };
    },
  };

  const windowInfo = () => {
    const width = document.documentElement.clientWidth;
    const screenHeight = document.documentElement.clientHeight;
    const windowHeight = ctx.router.scroller()?.clientHeight ?? screenHeight;
    return {
      pixelRatio: window.devicePixelRatio || 2,
      screenWidth: width,
      screenHeight,
      windowWidth: width,
      windowHeight,
      statusBarHeight: 20,
      screenTop: screenHeight - windowHeight,
      safeArea: { left: 0, right: width, top: 20, bottom: screenHeight, width, height: screenHeight - 20 },
    };
  };
  const baseInfo = {
    SDKVersion: '3.8.0',
    version: '8.0.50',
    language: 'zh_CN',
    theme: 'light',
    enableDebug: false,
    host: { env: 'WeChat' },
  };
  const deviceInfo = {
    brand: 'preview',
    model: '浏览器预览',
    system: 'Preview',
    platform: 'devtools',
    benchmarkLevel: 1,
  };

  const callFunction = (options: Options) =>
    settle('cloud.callFunction', options, async () => {
      const name = String(options.name);
      const res = await fetch(`/functions/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...identity },
        body: JSON.stringify(options.data ?? {}),
      });
      const result: unknown = await res.json();
      followCloudOffset(res.headers.get('X-Clock-Offset-Ms'));
      return { result, requestID: res.headers.get('X-Request-Id') ?? '' };
    });

  const jsonPost = (path: string, body: unknown) =>
    fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...identity },
      body: JSON.stringify(body),
    }).then(
      (res) => res.json() as Promise<{ ok?: boolean; data?: Record<string, unknown>; message?: string }>,
    );

  const cloud = {
    init: () => undefined,
    callFunction,
    uploadFile(options: Options): UploadTask {
      const opts = options;
      return postMultipart(
        '/storage/upload',
        identity,
        { cloudPath: String(opts.cloudPath) },
        { name: 'file', filePath: String(opts.filePath) },
        (status, body) => {
          let answer: { ok?: boolean; data?: { fileID?: string }; message?: string } = {};
          try {
            answer = JSON.parse(body) as typeof answer;
          } catch {
            // not JSON: reported below
          }
          if (answer.ok && answer.data?.fileID) {
            const res = { fileID: answer.data.fileID, statusCode: status, errMsg: 'cloud.uploadFile:ok' };
            opts.success?.(res);
            opts.complete?.(res);
          } else {
            const err = { errMsg: `cloud.uploadFile:fail ${answer.message ?? status}` };
            opts.fail?.(err);
            opts.complete?.(err);
          }
        },
        (message) => {
          const err = { errMsg: `cloud.uploadFile:fail ${message}` };
          opts.fail?.(err);
          opts.complete?.(err);
        },
      );
    },
    getTempFileURL: (options: Options) =>
      settle('cloud.getTempFileURL', options, async () => {
        const answer = await jsonPost('/storage/temp-urls', { fileList: options.fileList });
        const list = (answer.data?.fileList as Array<Record<string, unknown>>) ?? [];
        return {
          fileList: list.map((f) => ({ ...f, tempFileURL: sameOrigin(String(f.tempFileURL ?? '')) })),
        };
      }),
    deleteFile: (options: Options) =>
      settle('cloud.deleteFile', options, async () => {
        const answer = await jsonPost('/storage/delete', { fileList: options.fileList });
        return { fileList: answer.data?.fileList ?? [] };
      }),
    downloadFile: (options: Options) =>
      settle('cloud.downloadFile', options, async () => {
        const answer = await jsonPost('/storage/temp-urls', { fileList: [options.fileID] });
        const first = ((answer.data?.fileList as Array<Record<string, unknown>>) ?? [])[0];
        const res = await fetch(sameOrigin(String(first?.tempFileURL ?? '')));
        return { tempFilePath: URL.createObjectURL(await res.blob()), statusCode: res.status };
      }),
  };

  const router = ctx.router;
  const navigation = (name: string, go: (options: Options) => void) => (options: Options) =>
    settle(name, options, () => {
      go(options);
      return {};
    });

  const api: Record<string, unknown> = {
    ...storage,
    getStorage: (o: Options) =>
      settle('getStorage', o, () => ({ data: storage.getStorageSync(String(o.key)) })),
    setStorage: (o: Options) =>
      settle('setStorage', o, () => {
        storage.setStorageSync(String(o.key), o.data);
        return {};
      }),
    removeStorage: (o: Options) =>
      settle('removeStorage', o, () => {
        storage.removeStorageSync(String(o.key));
        return {};
      }),
    cloud,
    env: { USER_DATA_PATH: 'wxfile://usr' },
    canIUse: () => true,
    getWindowInfo: windowInfo,
    getDeviceInfo: () => deviceInfo,
    getAppBaseInfo: () => baseInfo,
    getSystemInfoSync: () => ({ ...windowInfo(), ...deviceInfo, ...baseInfo, fontSizeSetting: 16 }),
    getSystemInfo: (o: Options) =>
      settle('getSystemInfo', o, () => ({
        ...windowInfo(),
        ...deviceInfo,
        ...baseInfo,
        fontSizeSetting: 16,
      })),
    getAppAuthorizeSetting: () => ({}),
    getSystemSetting: () => ({ theme: 'light' }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-preview', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => ({ path: router.current()?.route ?? '', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: router.current()?.route ?? '', query: {}, scene: 1001 }),
    getMenuButtonBoundingClientRect: () => {
      const width = document.documentElement.clientWidth;
      return { width: 87, height: 32, top: 26, bottom: 58, left: width - 94, right: width - 7 };
    },
    onThemeChange: () => undefined,
    offThemeChange: () => undefined,
    onMenuButtonBoundingClientRectWeightChange: () => undefined,
    offMenuButtonBoundingClientRectWeightChange: () => undefined,
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    onError: () => undefined,
    onUnhandledRejection: () => undefined,
    onNetworkStatusChange: () => undefined,
    getNetworkType: (o: Options) => settle('getNetworkType', o, () => ({ networkType: 'wifi' })),
    getUpdateManager: () => ({
      onCheckForUpdate: () => undefined,
      onUpdateReady: () => undefined,
      onUpdateFailed: () => undefined,
    }),
    nextTick: (cb: () => void) => {
      void Promise.resolve().then(cb);
    },
    createSelectorQuery: () => new SelectorQuery(),
    createAnimation: () => {
      const animation: Record<string, unknown> = {};
      const chain = () => animation;
      for (const m of [
        'opacity',
        'translate',
        'translateX',
        'translateY',
        'scale',
        'rotate',
        'width',
        'height',
        'backgroundColor',
        'step',
        'top',
        'left',
      ])
        animation[m] = chain;
      animation.export = () => ({ actions: [] });
      return animation;
    },
    hideKeyboard: () => {
      (document.activeElement as HTMLElement | null)?.blur?.();
    },
    vibrateShort: () => undefined,
    vibrateLong: () => undefined,
    login: (o: Options) => settle('login', o, () => ({ code: 'preview' })),
    getSetting: (o: Options) => settle('getSetting', o, () => ({ authSetting: {} })),
    authorize: (o: Options) => settle('authorize', o, () => ({})),
    openSetting: (o: Options) => settle('openSetting', o, () => ({ authSetting: {} })),
    requestSubscribeMessage: (o: Options) =>
      settle('requestSubscribeMessage', o, () => {
        const res: Record<string, string> = {};
        for (const id of (o.tmplIds as string[]) ?? []) res[id] = 'accept';
        return res;
      }),
    showShareMenu: () => undefined,
    hideShareMenu: () => undefined,
    reportAnalytics: () => undefined,
    reportEvent: () => undefined,
    showToast: (o: Options) =>
      settle('showToast', o, () => {
        showToast(o as Parameters<typeof showToast>[0]);
        return {};
      }),
    hideToast: (o?: Options) =>
      settle('hideToast', o, () => {
        hideToast();
        return {};
      }),
    showLoading: (o: Options) =>
      settle('showLoading', o, () => {
        showToast({ title: String(o.title ?? ''), icon: 'loading', mask: o.mask === true }, true);
        return {};
      }),
    hideLoading: (o?: Options) =>
      settle('hideLoading', o, () => {
        hideToast();
        return {};
      }),
    showModal: (o: Options) => settle('showModal', o, () => showModal(o as Parameters<typeof showModal>[0])),
    showActionSheet: (o: Options) =>
      settle('showActionSheet', o, async () => {
        const index = await chooseFromList(String(o.alertText ?? ''), (o.itemList as string[]) ?? []);
        if (index === null) throw new Error('cancel');
        return { tapIndex: index };
      }),
    previewImage: (o: Options) =>
      settle('previewImage', o, () => {
        previewImage((o.urls as string[]) ?? [], o.current as string | undefined);
        return {};
      }),
    previewMedia: (o: Options) =>
      settle('previewMedia', o, () => {
        const sources = (o.sources as Array<{ url: string }>) ?? [];
        previewImage(sources.map((s) => s.url));
        return {};
      }),
    saveImageToPhotosAlbum: (o: Options) => settle('saveImageToPhotosAlbum', o, () => ({})),
    setClipboardData: (o: Options) =>
      settle('setClipboardData', o, async () => {
        await navigator.clipboard?.writeText(String(o.data ?? '')).catch(() => undefined);
        showToast({ title: '内容已复制', icon: 'none' });
        return {};
      }),
    getClipboardData: (o: Options) =>
      settle('getClipboardData', o, async () => ({
        data: (await navigator.clipboard?.readText().catch(() => '')) ?? '',
      })),
    navigateTo: navigation('navigateTo', (o) => router.navigateTo(String(o.url))),
    redirectTo: navigation('redirectTo', (o) => router.redirectTo(String(o.url))),
    navigateBack: navigation('navigateBack', (o) => router.navigateBack(Number(o.delta ?? 1) || 1)),
    switchTab: navigation('switchTab', (o) => router.switchTab(String(o.url))),
    reLaunch: navigation('reLaunch', (o) => router.reLaunch(String(o.url))),
    setNavigationBarTitle: (o: Options) =>
      settle('setNavigationBarTitle', o, () => {
        router.setTitle(String(o.title ?? ''));
        return {};
      }),
    setNavigationBarColor: (o: Options) => settle('setNavigationBarColor', o, () => ({})),
    showNavigationBarLoading: () => undefined,
    hideNavigationBarLoading: () => undefined,
    startPullDownRefresh: (o?: Options) =>
      settle('startPullDownRefresh', o, () => {
        router.pullDownRefresh();
        return {};
      }),
    stopPullDownRefresh: (o?: Options) =>
      settle('stopPullDownRefresh', o, () => {
        router.stopPullDownRefresh();
        return {};
      }),
    pageScrollTo: (o: Options) =>
      settle('pageScrollTo', o, () => {
        const scroller = router.scroller();
        if (scroller) scroller.scrollTop = Number(o.scrollTop ?? 0);
        return {};
      }),
    request: (o: Options) =>
      settle('request', o, async () => {
        const method = String(o.method ?? 'GET').toUpperCase();
        const headers: Record<string, string> = { ...((o.header as Record<string, string>) ?? {}) };
        const hasBody = method !== 'GET' && method !== 'HEAD';
        const res = await fetch(sameOrigin(String(o.url)), {
          method,
          headers,
          body: hasBody ? (typeof o.data === 'string' ? o.data : JSON.stringify(o.data ?? {})) : undefined,
        });
        const text = await res.text();
        let data: unknown = text;
        if (o.dataType !== 'text') {
          try {
            data = JSON.parse(text);
          } catch {
            data = text;
          }
        }
        return { data, statusCode: res.status, header: Object.fromEntries(res.headers.entries()) };
      }),
    uploadFile: (o: Options): UploadTask =>
      postMultipart(
        String(o.url),
        (o.header as Record<string, string>) ?? {},
        (o.formData as Record<string, string>) ?? {},
        { name: String(o.name ?? 'file'), filePath: String(o.filePath) },
        (status, body) => {
          const res = { data: body, statusCode: status, errMsg: 'uploadFile:ok' };
          o.success?.(res);
          o.complete?.(res);
        },
        (message) => {
          const err = { errMsg: `uploadFile:fail ${message}` };
          o.fail?.(err);
          o.complete?.(err);
        },
      ),
    downloadFile: (o: Options) =>
      settle('downloadFile', o, async () => {
        const res = await fetch(sameOrigin(String(o.url)), {
          headers: (o.header as Record<string, string>) ?? {},
        });
        const blob = await res.blob();
        const path = URL.createObjectURL(blob);
        const name = /filename\*?=(?:UTF-8'')?"?([^";]+)/i.exec(
          res.headers.get('Content-Disposition') ?? '',
        )?.[1];
        if (name) fileNames.set(path, decodeURIComponent(name));
        return { tempFilePath: path, statusCode: res.status };
      }),
    openDocument: (o: Options) =>
      settle('openDocument', o, () => {
        const path = String(o.filePath);
        const a = document.createElement('a');
        a.href = path;
        a.download = fileNames.get(path) ?? `document.${String(o.fileType ?? 'xlsx')}`;
        document.body.appendChild(a);
        a.click();
        a.remove();
        return {};
      }),
    chooseMedia: (o: Options) =>
      settle('chooseMedia', o, async () => {
        const types = (o.mediaType as string[]) ?? ['image', 'video'];
        const accept = types.map((t) => `${t}/*`).join(',');
        const files = await pickFiles(accept, Number(o.count ?? 9) > 1);
        return {
          type: 'image',
          tempFiles: files.map((f) => ({
            tempFilePath: f.path,
            size: f.size,
            fileType: f.type.startsWith('video') ? 'video' : 'image',
            width: 0,
            height: 0,
          })),
        };
      }),
    chooseImage: (o: Options) =>
      settle('chooseImage', o, async () => {
        const files = await pickFiles('image/*', Number(o.count ?? 9) > 1);
        return {
          tempFilePaths: files.map((f) => f.path),
          tempFiles: files.map((f) => ({ path: f.path, size: f.size })),
        };
      }),
    chooseMessageFile: (o: Options) =>
      settle('chooseMessageFile', o, async () => {
        const extensions = (o.extension as string[]) ?? [];
        const accept =
          o.type === 'image' ? 'image/*' : extensions.length ? extensions.map((e) => `.${e}`).join(',') : '';
        const files = await pickFiles(accept, Number(o.count ?? 1) > 1);
        return {
          tempFiles: files.map((f) => ({
            path: f.path,
            size: f.size,
            name: f.name,
            type: f.type.startsWith('image') ? 'image' : 'file',
            time: Math.floor(Date.now() / 1000),
          })),
        };
      }),
    getFileSystemManager: () => ({
      readFile: (o: Options) => settle('readFile', o, () => ({ data: '' })),
      getFileInfo: (o: Options) => settle('getFileInfo', o, () => ({ size: 0 })),
    }),
    getImageInfo: (o: Options) =>
      settle('getImageInfo', o, () => {
        const src = String(o.src);
        const name = fileNames.get(src) ?? '';
        const type = EXTENSION_OF_TYPE[name] ?? name.split('.').pop() ?? 'jpg';
        return { width: 0, height: 0, path: src, type };
      }),
  };
  return api;
}

export type { Api };
