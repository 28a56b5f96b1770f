import type { Handed } from '../services/export-file';

/** What the supervisor is told after each outcome ('' when the document opened). */
export const HANDED_TOASTS: Readonly<Record<Handed, string>> = {
  opened: '',
  copied: '手机无法直接打开这个文件，下载链接已复制，可在电脑浏览器中打开',
  failed: '文件暂时无法下载，请稍后重试',
};
