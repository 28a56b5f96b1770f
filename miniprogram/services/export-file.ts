/**
 * Hands an exported file (a bank file, the dashboard's spreadsheet) to the staff member: downloaded under
 * its own name and opened with the menu that forwards it (to a contact in WeChat) or saves it; where
 * the phone cannot open it (a CSV on most phones), the link is copied instead. Links last ten minutes.
 */
export interface ExportedFile {
  url: string;
  fileName: string;
}

export type Handed = 'opened' | 'copied' | 'failed';

function download(file: ExportedFile): Promise<string | null> {
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

function open(filePath: string, xlsx: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    wx.openDocument({
      filePath,
      ...(xlsx ? { fileType: 'xlsx' as const } : {}),
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

export async function handExport(file: ExportedFile): Promise<Handed> {
  const filePath = await download(file);
  if (filePath && (await open(filePath, /\.xlsx$/i.test(file.fileName)))) return 'opened';
  return (await copyLink(file.url)) ? 'copied' : 'failed';
}
