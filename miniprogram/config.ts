import type { NoticeKind } from '../typings/api';

/**
 * How the mini program reaches its cloud functions. The one switch: `transport`.
 * - 'cloud': wx.cloud.callFunction (production, and DevTools against a real CloudBase environment);
 * - 'gateway': wx.request to the local cloud's functions gateway (`npm start`), development only.
 * Also the subscription message templates the app asks residents to accept.
 */
export interface AppConfig {
  transport: 'cloud' | 'gateway';
  /** CloudBase environment id; empty means the default environment of the AppID. */
  cloudEnv: string;
  /** Base URL of the local functions gateway: `npm start` listens on 127.0.0.1:3900 (YKT_PORT). */
  gatewayBase: string;
  /** The caller the gateway sees (header X-WX-OPENID): a demo account of tools/seed/demo-data.ts. */
  devOpenid: string;
  /** Milliseconds before a gateway request counts as failed. */
  requestTimeout: number;
  /**
   * Subscription message template ids (订阅消息模板) per kind of notice, from the WeChat console (公众平台 →
   * 订阅消息). A kind with an empty id is never asked for.
   */
  templates: Record<NoticeKind, string>;
}

export const config: AppConfig = {
  transport: 'cloud',
  cloudEnv: '',
  gatewayBase: 'http://127.0.0.1:3900',
  devOpenid: 'demo-resident-luoyong',
  requestTimeout: 10000,
  templates: { declaration: '', payment: '', tipoff: '' },
};
