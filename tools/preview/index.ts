/**
 * The hook of `npm start` (tools/start.ts): the browser preview beside the local cloud.
 * Environment: YKT_PREVIEW_PORT (default: the cloud's port + 1), YKT_PREVIEW=0 turns it off.
 */
import type { PreviewAccount } from './runtime/manifest';
import { type PreviewServer, startPreview } from './server';

export { type PreviewServer, startPreview } from './server';

export async function startPreviewBeside(
  cloud: { url: string; host: string; port: number },
  accounts: PreviewAccount[],
): Promise<PreviewServer | undefined> {
  if (process.env.YKT_PREVIEW === '0') return undefined;
  const port = Number(process.env.YKT_PREVIEW_PORT ?? cloud.port + 1);
  try {
    console.log('› 构建浏览器预览（build/preview）…');
    const preview = await startPreview({ cloudUrl: cloud.url, host: cloud.host, port, accounts });
    console.log(`  浏览器预览 ${preview.url}（手机框里跑真实页面；左侧（窄屏时在上方）切换演示账号）`);
    return preview;
  } catch (err) {
    // the cloud still serves: a broken preview must not keep anyone from the functions
    console.error(`浏览器预览未启动：${(err as Error).message}`);
    return undefined;
  }
}
