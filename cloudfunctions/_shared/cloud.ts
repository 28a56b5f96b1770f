/**
 * The one place that touches wx-server-sdk directly: initialisation, the caller's identity and the
 * typed database. Everything else receives these through the action context.
 */
import cloud from 'wx-server-sdk';
import type { Database } from './db';
import { retryingDatabase } from './retrying-database';

let initialised = false;

function init(): void {
  if (initialised) return;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  initialised = true;
}

/** The caller's openid, from the platform context only — never from the event. */
export function callerOpenid(): string {
  init();
  const { OPENID } = cloud.getWXContext();
  return typeof OPENID === 'string' ? OPENID : '';
}

export function database(): Database {
  init();
  return retryingDatabase(cloud.database() as unknown as Database);
}

interface TempUrlAnswer {
  fileList: Array<{ fileID: string; tempFileURL: string; status: number }>;
}

/** Short-lived download links (10 minutes), fetched server-side so clients never read storage directly. */
export async function tempFileURLs(fileIDs: string[]): Promise<Map<string, string>> {
  init();
  if (fileIDs.length === 0) return new Map();
  const answer = (await cloud.getTempFileURL({
    fileList: fileIDs.map((fileID) => ({ fileID, maxAge: 600 })),
  })) as unknown as TempUrlAnswer;
  return new Map(answer.fileList.filter((f) => f.status === 0).map((f) => [f.fileID, f.tempFileURL]));
}
