/**
 * Materials (申报材料): which files a material accepts and how large, checked on the phone before a file
 * is uploaded and again by the cloud function before a declaration is stored.
 */
import type { MaterialKind, MaterialSpec } from '../../typings/api';

export const MATERIAL_EXTENSIONS: Readonly<Record<MaterialKind, readonly string[]>> = {
  image: ['jpg', 'jpeg', 'png', 'webp', 'heic'],
  pdf: ['pdf'],
};

/** 图片, PDF, or 图片或PDF, as a resident reads it. */
export function acceptText(accept: readonly MaterialKind[]): string {
  return accept.map((kind) => (kind === 'image' ? '图片' : 'PDF')).join('或');
}

/** "photo.JPG" → "jpg"; "" when the name has no extension. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** 5120 → "5MB", 500 → "500KB". */
export function sizeText(kb: number): string {
  return kb >= 1024 && kb % 1024 === 0 ? `${kb / 1024}MB` : `${kb}KB`;
}

/** Why this file cannot be one of the material's, or null when it can. */
export function materialFileProblem(
  material: MaterialSpec,
  file: { name: string; sizeBytes: number },
): string | null {
  const ext = extensionOf(file.name);
  if (!material.accept.some((kind) => MATERIAL_EXTENSIONS[kind].includes(ext))) {
    return `${material.label}只能上传${acceptText(material.accept)}`;
  }
  if (file.sizeBytes > material.maxSizeKB * 1024) {
    return `文件太大：${material.label}每个不能超过${sizeText(material.maxSizeKB)}`;
  }
  return null;
}
