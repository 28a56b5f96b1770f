/**
 * SDK clients for code that runs outside a function (tests, seeds, tools) and should talk to a local
 * cloud exactly as the functions do: a separate wx-server-sdk instance (wx-server-sdk's API, e.g.
 * `add({data})`, `doc().set({data})`) pointed at `<baseUrl>/admin` with admin rights and no caller.
 * Nothing global changes: other clouds in the same process keep their own URLs.
 */
import type * as WxServerSdk from 'wx-server-sdk';

export type WxCloud = typeof WxServerSdk;

interface WxServerSdkFactory {
  createNewInstance(config: Record<string, unknown>): WxCloud;
}

export function localWxCloud(baseUrl: string, envId = 'ykt-local'): WxCloud {
  // Otherwise the SDK probes the cloud's metadata host (a network lookup) before each request; the
  // local cloud is reached by serviceUrl, so this changes nothing else.
  process.env.TENCENTCLOUD = 'true';
  // Loaded on demand: the server itself never needs the SDK, and it takes a quarter second to load.
  const sdk = require('wx-server-sdk') as WxServerSdkFactory;
  return sdk.createNewInstance({
    env: envId,
    serviceUrl: `${baseUrl.replace(/\/$/, '')}/admin`,
    // Placeholders: without credentials the SDK raises an unhandled rejection that kills Node 20.
    secretId: 'local-cloud',
    secretKey: 'local-cloud',
  });
}
