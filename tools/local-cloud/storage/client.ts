/**
 * Storage for the mini program in gateway mode: the local equivalent of `wx.cloud.uploadFile`,
 * `getTempFileURL` and `deleteFile`, which in production go from the client straight to CloudBase.
 * Answers use the contract's envelope around what the wx.cloud APIs return.
 *
 *   POST /storage/upload      multipart (wx.uploadFile: file part + `cloudPath` field) → {fileID}
 *   POST /storage/temp-urls   {fileList: [fileID | {fileID, maxAge}]}               → {fileList}
 *   POST /storage/delete      {fileList: [fileID]}                                  → {fileList}
 *
 * The server only routes here with an X-WX-OPENID from loopback, like `/functions`.
 */
import type { IncomingMessage } from 'node:http';
import type { Answer } from '../gateway/envelope';
import { failure } from '../gateway/envelope';
import { parseJsonObject, readBody } from '../gateway/http';
import type { FileStorage } from './index';
import { boundaryOf, parseMultipart } from './multipart';

/** wx.cloud's per-file status codes for the SDK's codes. */
const STATUS: Record<string, number> = { SUCCESS: 0, STORAGE_FILE_NONEXIST: -503003, INVALID_PARAM: -501007 };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface FileResult {
  fileID: string;
  status: number;
  errMsg: string;
  tempFileURL?: string;
  maxAge?: number;
}

function perFile(item: unknown): FileResult {
  const r = isRecord(item) ? item : {};
  const code = typeof r.code === 'string' ? r.code : 'INVALID_PARAM';
  const status = STATUS[code] ?? -501001;
  const out: FileResult = {
    fileID: String(r.fileID ?? ''),
    status,
    errMsg: status === 0 ? 'ok' : String(r.message ?? code),
  };
  if (typeof r.maxAge === 'number') out.maxAge = r.maxAge;
  return out;
}

function listOf(answer: unknown, key: string): unknown[] {
  const data = isRecord(answer) && isRecord(answer.data) ? answer.data : {};
  const list = data[key];
  return Array.isArray(list) ? list : [];
}

export async function handleClientStorage(
  storage: FileStorage,
  req: IncomingMessage,
  route: string,
): Promise<Answer> {
  if (route === 'upload') {
    const boundary = boundaryOf(req.headers['content-type']);
    const read = await readBody(req, storage.maxUploadBytes);
    if (!read.ok) return { status: 413, body: failure('RESOURCE_EXHAUSTED', '文件过大') };
    const parts = boundary ? parseMultipart(read.body, boundary) : undefined;
    if (!parts) return { status: 400, body: failure('INVALID_ARGUMENT', '上传内容不是 multipart/form-data') };
    const file = parts.find((p) => p.filename !== undefined) ?? parts.find((p) => p.name === 'file');
    const cloudPath = parts.find((p) => p.name === 'cloudPath')?.data.toString('utf8') ?? '';
    if (!file) return { status: 400, body: failure('INVALID_ARGUMENT', '没有收到文件') };
    try {
      return {
        status: 200,
        body: { ok: true, data: { fileID: storage.put(cloudPath, file.data), statusCode: 200 } },
      };
    } catch (err) {
      return { status: 400, body: failure('INVALID_ARGUMENT', (err as Error).message) };
    }
  }
  const read = await readBody(req, 1024 * 1024);
  const body = read.ok ? parseJsonObject(read.body) : undefined;
  const fileList = body && Array.isArray(body.fileList) ? body.fileList : undefined;
  if (!fileList) return { status: 400, body: failure('INVALID_ARGUMENT', 'fileList 必须是数组') };
  if (route === 'temp-urls') {
    const file_list = fileList.map((f: unknown) =>
      isRecord(f) ? { fileid: f.fileID, max_age: f.maxAge } : { fileid: f },
    );
    const answer = storage.handleAction({ action: 'storage.batchGetDownloadUrl', file_list }, 'client');
    const list = listOf(answer, 'download_list').map((item) => {
      const url = isRecord(item) && typeof item.tempFileURL === 'string' ? item.tempFileURL : '';
      return { ...perFile(item), tempFileURL: url };
    });
    return { status: 200, body: { ok: true, data: { fileList: list } } };
  }
  if (route === 'delete') {
    const answer = storage.handleAction(
      { action: 'storage.batchDeleteFile', fileid_list: fileList },
      'client',
    );
    return {
      status: 200,
      body: { ok: true, data: { fileList: listOf(answer, 'delete_list').map(perFile) } },
    };
  }
  return { status: 404, body: failure('NOT_FOUND', `没有这个地址：/storage/${route}`) };
}
