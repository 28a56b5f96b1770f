/**
 * The files a staff screen shows (申报材料 to a cadre, 举报附件 to a supervisor): an image is previewed
 * among the page's other images; any other file is downloaded to the phone, then opened by the system's
 * reader. The page defines `imageUrls()`, the links of its images in the order shown; the tapped element
 * carries the file's link as `data-url`, and `data-file-type` (pdf) where the kind is known.
 */
import type { TapEvent } from '../types/events';

interface AttachmentsPage {
  imageUrls(): string[];
}

type FileType = WechatMiniprogram.OpenDocumentOption['fileType'];

export const attachments = Behavior({
  methods: {
    onPreviewImage(event: TapEvent<{ url: string }>) {
      const urls = (this as unknown as AttachmentsPage).imageUrls();
      wx.previewImage({ urls, current: event.currentTarget.dataset.url });
    },
    onOpenFile(event: TapEvent<{ url: string; fileType?: FileType }>) {
      const { url, fileType } = event.currentTarget.dataset;
      wx.showLoading({ title: '正在打开…' });
      wx.downloadFile({
        url,
        success: (res) => {
          wx.hideLoading();
          wx.openDocument({
            filePath: res.tempFilePath,
            ...(fileType ? { fileType } : {}),
            fail: () => wx.showToast({ title: '无法打开这个文件', icon: 'none' }),
          });
        },
        fail: () => {
          wx.hideLoading();
          wx.showToast({ title: '文件链接已过期，请下拉刷新后再试', icon: 'none' });
        },
      });
    },
  },
});
