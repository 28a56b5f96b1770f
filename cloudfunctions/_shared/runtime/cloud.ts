/**
 * The one place that touches wx-server-sdk directly: initialisation, the caller's identity and the
 * typed database. Everything else receives these through the action context.
 */
import cloud from 'wx-server-sdk';
import type { Database } from '../db/database';
import { retryingDatabase } from '../db/retrying-database';

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

interface SubscribeMessageApi {
  subscribeMessage: {
    send(options: {
      touser: string;
      templateId: string;
      page: string;
      data: Record<string, { value: string }>;
      miniprogramState: string;
    }): Promise<unknown>;
  };
}

/** WeChat's subscription message; 43101 means the account has no allowance left for that template. */
export async function sendSubscribeMessage(message: {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}): Promise<{ ok: true } | { ok: false; reason: string }> {
  init();
  try {
    await (cloud.openapi as unknown as SubscribeMessageApi).subscribeMessage.send({
      ...message,
      miniprogramState: process.env.YKT_MINIPROGRAM_STATE ?? 'formal',
    });
    return { ok: true };
  } catch (error) {
    const code = (error as { errCode?: unknown }).errCode;
    if (code === 43101) return { ok: false, reason: '用户未订阅或订阅次数已用完' };
    return { ok: false, reason: `微信发送失败（${typeof code === 'number' ? code : '未知错误'}）` };
  }
}

/** Stores a file the function made (an export) and answers its fileID. */
export async function uploadFile(cloudPath: string, content: Buffer): Promise<string> {
  init();
  const answer = (await cloud.uploadFile({ cloudPath, fileContent: content })) as unknown as {
    fileID: string;
  };
  return answer.fileID;
}

/** Reads a file a user uploaded (an import). */
export async function downloadFile(fileID: string): Promise<Buffer> {
  init();
  const answer = (await cloud.downloadFile({ fileID })) as unknown as { fileContent: Buffer };
  return answer.fileContent;
}

interface SecurityApi {
  security: {
    msgSecCheck(options: { openid: string; scene: number; version: number; content: string }): Promise<{
      result?: { suggest?: string };
    }>;
  };
}

/** WeChat's text check; only `risky` refuses, `review` passes to the supervisors who read everything anyway. */
export async function msgSecCheck(content: string, openid: string): Promise<{ pass: boolean }> {
  init();
  const answer = await (cloud.openapi as unknown as SecurityApi).security.msgSecCheck({
    openid,
    scene: 3,
    version: 2,
    content,
  });
  return { pass: answer.result?.suggest !== 'risky' };
}
