/**
 * Hands an exported bank file to finance: downloaded under its own name and opened with the menu that
 * forwards it (to the bank's contact in WeChat, or saves it); where the phone cannot open it (a CSV on
 * most phones), the link is copied instead. The link is valid for ten minutes.
 */
import type { ExportBatchResponse } from '../../typings/api';

export type Handed = 'opened' | 'copied' | 'failed';

function download(file: ExportBatchResponse): Promise<string | null> {
  // a file under the user data folder keeps its name when forwarded
  const folder = wx.env?.USER_DATA_PATH;
  return new Promise((resolve) => {
    wx.downloadFile({
      url: file.url,
      ...(folder ? { filePath: `${folder}/${file.fileName}` } : {}),
      success: (res) => resolve(res.statusCode === 200 ? (res.filePath ?? res.tempFilePath ?? null) : null),
      fail: () => resolve(null),
    });
  });
}

function open(filePath: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.openDocument({
      filePath,
      showMenu: true,
      success: () => resolve(true),
      fail: () => resolve(false),
    });
  });
}

function copyLink(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    wx.setClipboardData({ data: url, success: () => resolve(true), fail: () => resolve(false) });
  });
}

export async function handExport(file: ExportBatchResponse): Promise<Handed> {
  const filePath = await download(file);
  if (filePath && (await open(filePath))) return 'opened';
  return (await copyLink(file.url)) ? 'copied' : 'failed';
}
