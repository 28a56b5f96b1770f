/**
 * Local file storage in `<dataDir>/files/`, serving the SDK's storage protocol:
 *
 * - `storage.getUploadMetadata` answers an upload URL on this server; the SDK then PUTs the bytes to
 *   it (as it would to COS) and reads an empty body as success or an XML `<Error>` as failure;
 * - `storage.batchGetDownloadUrl` answers temporary URLs `GET /files/<path>?sign=..&t=..`, signed with
 *   an HMAC that lives as long as the server, valid for `max_age` seconds;
 * - `storage.batchDeleteFile` deletes; `downloadFile` is `getTempFileURL` plus a GET, so it works too.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { readBody } from '../gateway/http';
import {
  cloudPathFromUrl,
  cloudPathOf,
  cloudPathProblem,
  encodeCloudPath,
  fileIdFor,
  resolveCloudPath,
} from './paths';

export interface FileStorageOptions {
  /** Folder of the files (created if missing). */
  root: string;
  envId: string;
  /** The server's base URL, e.g. `http://127.0.0.1:3900` (known once it listens). */
  baseUrl: () => string;
  maxUploadBytes?: number;
}

const DEFAULT_MAX_AGE_S = 86400;
const UPLOAD_URL_TTL_S = 600;
const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.zip': 'application/zip',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
};

function contentTypeOf(cloudPath: string): string {
  return CONTENT_TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function cosError(res: ServerResponse, status: number, code: string, message: string): void {
  // The SDK parses COS's XML error format after an upload.
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
    `<Resource></Resource><RequestId>local</RequestId><TraceId>local</TraceId></Error>`;
  res.writeHead(status, {
    'Content-Type': 'application/xml; charset=utf-8',
    'Content-Length': Buffer.byteLength(xml),
  });
  res.end(xml);
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export class FileStorage {
  readonly root: string;
  private readonly secret = randomBytes(32);
  readonly maxUploadBytes: number;

  constructor(private readonly opts: FileStorageOptions) {
    this.root = path.resolve(opts.root);
    fs.mkdirSync(this.root, { recursive: true });
    this.maxUploadBytes = opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  }

  /** Answers one `storage.*` action of the SDK API (HTTP 200, SDK error shapes). */
  handleAction(body: Record<string, unknown>, requestId: string): unknown {
    switch (body.action) {
      case 'storage.getUploadMetadata':
        return this.uploadMetadata(body, requestId);
      case 'storage.batchGetDownloadUrl':
        return this.downloadUrls(body, requestId);
      case 'storage.batchDeleteFile':
        return this.deleteFiles(body, requestId);
      default:
        return { code: 'INVALID_PARAM', message: `本地云不支持 ${String(body.action)}`, requestId };
    }
  }

  /** Serves `PUT /upload/<path>` and `GET|HEAD /files/<path>`; false when the URL is not ours. */
  async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname.startsWith('/upload/') && req.method === 'PUT') {
      await this.receiveUpload(req, res, url);
      return true;
    }
    if (url.pathname.startsWith('/files/') && (req.method === 'GET' || req.method === 'HEAD')) {
      this.serveFile(req, res, url);
      return true;
    }
    return false;
  }

  /** Stores bytes directly (for tools and tests); answers the fileID. */
  put(cloudPath: string, bytes: Buffer): string {
    const file = resolveCloudPath(this.root, cloudPath);
    if (!file) throw new Error(`文件路径不合法：${cloudPathProblem(cloudPath) ?? cloudPath}`);
    this.writeAtomically(file, bytes);
    return fileIdFor(this.opts.envId, cloudPath);
  }

  /** A temporary download URL for a fileID, or undefined if the fileID is malformed. */
  tempFileUrl(fileId: string, maxAgeSeconds = DEFAULT_MAX_AGE_S): string | undefined {
    const cloudPath = cloudPathOf(fileId);
    if (!cloudPath) return undefined;
    const expires = Math.floor(Date.now() / 1000) + maxAgeSeconds;
    // The path stays unescaped: the SDK applies encodeURI() to temp URLs before fetching them.
    return `${this.opts.baseUrl()}/files/${cloudPath}?sign=${this.sign('GET', cloudPath, expires)}&t=${expires}`;
  }

  private uploadMetadata(body: Record<string, unknown>, requestId: string): unknown {
    const cloudPath = typeof body.path === 'string' ? body.path : '';
    const problem = cloudPathProblem(cloudPath);
    if (problem) return { code: 'INVALID_PARAM', message: problem, requestId };
    const expires = Math.floor(Date.now() / 1000) + UPLOAD_URL_TTL_S;
    const sign = this.sign('PUT', cloudPath, expires);
    const url = `${this.opts.baseUrl()}/upload/${encodeCloudPath(cloudPath)}?sign=${sign}&t=${expires}`;
    const fileId = fileIdFor(this.opts.envId, cloudPath);
    // The SDK sends cosFileId as an HTTP header, so it must be ASCII whatever the path is.
    const cosFileId = createHash('sha256').update(cloudPath).digest('hex').slice(0, 32);
    return {
      data: { url, token: 'local', authorization: sign, fileId, cosFileId, download_url: '' },
      requestId,
    };
  }

  private downloadUrls(body: Record<string, unknown>, requestId: string): unknown {
    const list = Array.isArray(body.file_list) ? body.file_list : [];
    const download_list = list.map((item: unknown) => {
      const fileId = isRecord(item) && typeof item.fileid === 'string' ? item.fileid : '';
      const maxAge = isRecord(item) && typeof item.max_age === 'number' ? item.max_age : DEFAULT_MAX_AGE_S;
      const cloudPath = cloudPathOf(fileId);
      const file = cloudPath && resolveCloudPath(this.root, cloudPath);
      if (!file) return { fileID: fileId, code: 'INVALID_PARAM', message: '文件 ID 不合法' };
      if (!fs.existsSync(file))
        return { fileID: fileId, code: 'STORAGE_FILE_NONEXIST', message: '文件不存在' };
      return { fileID: fileId, code: 'SUCCESS', maxAge, tempFileURL: this.tempFileUrl(fileId, maxAge) };
    });
    return { data: { download_list }, requestId };
  }

  private deleteFiles(body: Record<string, unknown>, requestId: string): unknown {
    const list = Array.isArray(body.fileid_list) ? body.fileid_list : [];
    const delete_list = list.map((item: unknown) => {
      const fileId = typeof item === 'string' ? item : '';
      const cloudPath = cloudPathOf(fileId);
      const file = cloudPath && resolveCloudPath(this.root, cloudPath);
      if (!file) return { fileID: fileId, code: 'INVALID_PARAM', message: '文件 ID 不合法' };
      try {
        fs.unlinkSync(file);
        return { fileID: fileId, code: 'SUCCESS' };
      } catch {
        return { fileID: fileId, code: 'STORAGE_FILE_NONEXIST', message: '文件不存在' };
      }
    });
    return { data: { delete_list }, requestId };
  }

  private async receiveUpload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const cloudPath = cloudPathFromUrl(url.pathname.slice('/upload/'.length));
    const file = cloudPath && resolveCloudPath(this.root, cloudPath);
    if (!cloudPath || !file) {
      req.resume();
      cosError(res, 400, 'InvalidArgument', 'invalid path');
      return;
    }
    if (!this.verify('PUT', cloudPath, url)) {
      req.resume();
      cosError(res, 403, 'SignatureDoesNotMatch', 'bad or expired signature');
      return;
    }
    const body = await readBody(req, this.maxUploadBytes);
    if (!body.ok) {
      cosError(res, 413, 'EntityTooLarge', `file larger than ${this.maxUploadBytes} bytes`);
      return;
    }
    this.writeAtomically(file, body.body);
    res.writeHead(200, { 'Content-Length': 0, ETag: `"${body.body.length}"` });
    res.end();
  }

  private serveFile(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const cloudPath = cloudPathFromUrl(url.pathname.slice('/files/'.length));
    const file = cloudPath && resolveCloudPath(this.root, cloudPath);
    if (!cloudPath || !file) {
      plain(res, 400, '文件路径不合法');
      return;
    }
    if (!this.verify('GET', cloudPath, url)) {
      plain(res, 403, '链接无效或已过期');
      return;
    }
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      plain(res, 404, '文件不存在');
      return;
    }
    res.writeHead(200, { 'Content-Type': contentTypeOf(cloudPath), 'Content-Length': stat.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  private writeAtomically(file: string, bytes: Buffer): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Write then rename: a reader never sees half a file, a crash never leaves one.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.uploading`;
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, file);
  }

  private sign(method: string, cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret)
      .update(`${method}\n${cloudPath}\n${expires}`)
      .digest('hex')
      .slice(0, 40);
  }

  private verify(method: string, cloudPath: string, url: URL): boolean {
    const sign = url.searchParams.get('sign') ?? '';
    const expires = Number(url.searchParams.get('t'));
    if (!Number.isInteger(expires) || expires < Date.now() / 1000) return false;
    const expected = Buffer.from(this.sign(method, cloudPath, expires));
    const given = Buffer.from(sign);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

export { cloudPathOf, cloudPathProblem, fileIdFor } from './paths';
