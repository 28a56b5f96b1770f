/**
 * One world for the end-to-end tests: a fresh local cloud (tests/helpers/local-cloud.ts) seeded with the
 * demo data as `npm start` seeds it, and the browser preview in front of it, both on loopback.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type PreviewServer, startPreview } from '../../../tools/preview/server';
import { connectLocal, demoAccounts, seedDemo } from '../../../tools/seed';
import { startTestCloud, type TestCloud } from '../../helpers/local-cloud';

export interface PreviewWorld {
  cloud: TestCloud;
  preview: PreviewServer;
  /** The frame of the mini program as `openid`, opened at `route` (a path under miniprogram/). */
  appUrl(openid: string, route?: string, extra?: Record<string, string>): string;
  close(): Promise<void>;
}

export async function startPreviewWorld(
  opts: { port?: number; outDir?: string } = {},
): Promise<PreviewWorld> {
  const cloud = await startTestCloud({ strict: false });
  // tools in this process (the seed) seal personal data with the functions' key
  process.env.YKT_DATA_KEY = cloud.cloud.dataKey;
  try {
    await seedDemo(connectLocal(cloud.url), cloud.now());
    await cloud.trigger('scheduler');
    const outDir = opts.outDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ykt-preview-'));
    const preview = await startPreview({
      cloudUrl: cloud.url,
      accounts: demoAccounts,
      port: opts.port ?? 0,
      outDir,
    });
    return {
      cloud,
      preview,
      appUrl(openid, route, extra = {}) {
        const q = new URLSearchParams({ as: openid, ...extra });
        return `${preview.url}app.html?${q.toString()}${route ? `#/${route}` : ''}`;
      },
      async close() {
        await preview.close();
        await cloud.close();
        if (!opts.outDir) fs.rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await cloud.close();
    throw err;
  }
}
