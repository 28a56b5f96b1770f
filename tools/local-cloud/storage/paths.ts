/**
 * Cloud paths and fileIDs of the local file storage. A cloud path is what a function passes as
 * `cloudPath` (`avatars/u1.png`); its fileID is `cloud://<env>.local/<cloud path>`, shaped like the
 * cloud's `cloud://<env>.<bucket>/<path>`. Everything that reaches the disk goes through
 * `resolveCloudPath`, which refuses anything that could leave the storage folder.
 */
import path from 'node:path';

export const MAX_CLOUD_PATH_LENGTH = 1024;

/** Why a cloud path is refused, or undefined when it is fine. */
export function cloudPathProblem(cloudPath: string): string | undefined {
  if (cloudPath === '') return '文件路径不能为空';
  if (cloudPath.length > MAX_CLOUD_PATH_LENGTH) return '文件路径过长';
  if (cloudPath.startsWith('/')) return '文件路径不能以 / 开头';
  // `%`, `?` and `#` would change meaning inside the download URL; backslashes are separators on Windows.
  if (/[\\%?#]/.test(cloudPath)) return '文件路径不能包含 \\ % ? #';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\u0000-\u001f\u007f]/.test(cloudPath)) return '文件路径不能包含控制字符';
  for (const segment of cloudPath.split('/')) {
    if (segment === '') return '文件路径不能包含空的目录名';
    if (segment === '.' || segment === '..') return '文件路径不能包含 . 或 ..';
  }
  return undefined;
}

/** The file on disk for a cloud path, or undefined if the path is refused. */
export function resolveCloudPath(root: string, cloudPath: string): string | undefined {
  if (cloudPathProblem(cloudPath)) return undefined;
  const base = path.resolve(root);
  const file = path.resolve(base, ...cloudPath.split('/'));
  // Belt and braces: after resolution the file must still be inside the storage folder.
  return file.startsWith(base + path.sep) ? file : undefined;
}

export function fileIdFor(envId: string, cloudPath: string): string {
  return `cloud://${envId}.local/${cloudPath}`;
}

/** The cloud path inside a fileID (any `cloud://<env>.<bucket>/` prefix is accepted). */
export function cloudPathOf(fileId: string): string | undefined {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  if (!match) return undefined;
  const cloudPath = match[1]!;
  return cloudPathProblem(cloudPath) ? undefined : cloudPath;
}

/** Decodes a URL path (after the route prefix) into a cloud path, refusing malformed escapes. */
export function cloudPathFromUrl(encoded: string): string | undefined {
  try {
    const decoded = encoded.split('/').map(decodeURIComponent).join('/');
    return cloudPathProblem(decoded) ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** A URL path for a cloud path, every segment escaped (used for upload URLs). */
export function encodeCloudPath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/');
}
