/**
 * Uploads to cloud storage: a declaration's materials go to `declarations/<userId>/<material>/<time>-<n>.<ext>`,
 * finance's import files to `imports/<userId>/<time>-<name>`, a tip-off's pictures to
 * `tipoffs/<userId>/<time>-<n>.<ext>` (by name) or `tipoffs/anonymous/<random>/<time>-<n>.<ext>`; the cloud
 * functions accept only files under the caller's own folder (or, anonymous, the anonymous one). In gateway
 * mode (config.ts) the file goes to the local cloud's `POST /storage/upload`, which answers the same file id.
 */
import { config } from '../config';
import { ApiError, NETWORK_MESSAGE, UNAVAILABLE_MESSAGE } from './api-error';

export interface UploadRequest {
  /** The caller's userId (stores/session.ts). */
  userId: string;
  materialKey: string;
  /** The chosen file on the phone. */
  filePath: string;
  ext: string;
  /** Tells apart files chosen at the same moment. */
  n: number;
  /** 0–100 as the upload proceeds. */
  onProgress?: (percent: number) => void;
}

export function materialPath(
  userId: string,
  materialKey: string,
  ext: string,
  n: number,
  now: number,
): string {
  return `declarations/${userId}/${materialKey}/${now}-${n}.${ext}`;
}

/** Uploads one chosen file; answers its cloud file id. */
export function uploadMaterial(request: UploadRequest, now = Date.now()): Promise<string> {
  const cloudPath = materialPath(request.userId, request.materialKey, request.ext, request.n, now);
  return upload(cloudPath, request);
}

export interface ImportUploadRequest {
  /** The caller's userId (stores/session.ts). */
  userId: string;
  /** The chosen file on the phone. */
  filePath: string;
  /** Its name as chosen (银行回盘2026年3月.xlsx). */
  fileName: string;
  /** 0–100 as the upload proceeds. */
  onProgress?: (percent: number) => void;
}

/** A file name fit for a storage path: letters, digits, Chinese, `.`, `-` and `_`; at most 80 characters. */
export function safeFileName(name: string): string {
  const safe = name
    .trim()
    .replace(/[^A-Za-z0-9\u4e00-\u9fa5._-]+/g, '_')
    .slice(-80)
    .replace(/^[._]+/, '');
  return safe || 'file';
}

export function importPath(userId: string, fileName: string, now: number): string {
  return `imports/${userId}/${now}-${safeFileName(fileName)}`;
}

/** Uploads a bank result or ledger file for finance's imports; answers its cloud file id. */
export function uploadImportFile(request: ImportUploadRequest, now = Date.now()): Promise<string> {
  return upload(importPath(request.userId, request.fileName, now), request);
}

/** Who sends a tip-off: an anonymous reporter's pictures must carry nothing that points to them. */
export type TipoffReporter = { anonymous: true } | { anonymous: false; userId: string };

/** A folder name of no meaning, so the pictures of one anonymous tip-off sit together and apart from others. */
function randomToken(): string {
  return Array.from({ length: 2 }, () => Math.random().toString(36).slice(2, 10)).join('');
}

/** The folder of one tip-off's pictures: the reporter's own, or a random one under `anonymous/`. */
export function tipoffFolder(reporter: TipoffReporter, token = randomToken()): string {
  return reporter.anonymous ? `tipoffs/anonymous/${token}` : `tipoffs/${reporter.userId}`;
}

export interface TipoffUploadRequest {
  /** From {@link tipoffFolder}, the same for every picture of the tip-off. */
  folder: string;
  /** The chosen picture on the phone. */
  filePath: string;
  ext: string;
  /** Tells apart pictures sent at the same moment. */
  n: number;
  /** 0–100 as the upload proceeds. */
  onProgress?: (percent: number) => void;
}

export function tipoffPicturePath(folder: string, ext: string, n: number, now: number): string {
  return `${folder}/${now}-${n}.${ext}`;
}

/** Uploads one picture of a tip-off (举报附件); answers its cloud file id. */
export function uploadTipoffPicture(request: TipoffUploadRequest, now = Date.now()): Promise<string> {
  return upload(tipoffPicturePath(request.folder, request.ext, request.n, now), request);
}

interface Upload {
  filePath: string;
  onProgress?: (percent: number) => void;
}

function upload(cloudPath: string, request: Upload): Promise<string> {
  return config.transport === 'gateway' ? viaGateway(cloudPath, request) : viaCloud(cloudPath, request);
}

const uploadFailed = (cause: unknown) =>
  new ApiError('NETWORK', `上传失败：${NETWORK_MESSAGE}`, undefined, cause);

function viaCloud(cloudPath: string, { filePath, onProgress }: Upload): Promise<string> {
  return new Promise((resolve, reject) => {
    const task = wx.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve(res.fileID),
      fail: (cause) => reject(uploadFailed(cause)),
    });
    if (onProgress) task?.onProgressUpdate((res) => onProgress(res.progress));
  });
}

function viaGateway(cloudPath: string, { filePath, onProgress }: Upload): Promise<string> {
  return new Promise((resolve, reject) => {
    const task = wx.uploadFile({
      url: `${config.gatewayBase}/storage/upload`,
      filePath,
      name: 'file',
      formData: { cloudPath },
      header: { 'X-WX-OPENID': config.devOpenid },
      timeout: config.requestTimeout,
      success: (res) => {
        const answer = parseAnswer(res.data);
        if (answer?.ok && typeof answer.data?.fileID === 'string') resolve(answer.data.fileID);
        else
          reject(
            new ApiError(
              'INTERNAL',
              answer?.message ? `上传失败：${answer.message}` : UNAVAILABLE_MESSAGE,
              undefined,
              res,
            ),
          );
      },
      fail: (cause) => reject(uploadFailed(cause)),
    });
    if (onProgress) task?.onProgressUpdate((res) => onProgress(res.progress));
  });
}

interface StorageAnswer {
  ok?: boolean;
  data?: { fileID?: unknown };
  message?: string;
}

/** wx.uploadFile hands the body over as text. */
function parseAnswer(body: string): StorageAnswer | null {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as StorageAnswer) : null;
  } catch {
    return null;
  }
}
