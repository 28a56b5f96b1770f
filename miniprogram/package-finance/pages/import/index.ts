/**
 * 导入: the bank's result file of a batch (`mode=results&batchId=`) or the old platform's ledger
 * (`mode=ledger`). The chosen file (from a WeChat chat) is uploaded to the caller's import folder, then
 * imported call by call with a progress bar until done; the counts and every unusable row are shown.
 * Importing the same file again changes nothing and says so.
 */
import type { ImportProgress } from '../../../../typings/api';
import { elderMode } from '../../../behaviors/elder-mode';
import { uploadImportFile } from '../../../services/files';
import { type ImportKind, importAll } from '../../../services/payment';
import { errorMessage } from '../../../services/toast';
import { loadSession } from '../../../stores/session';
import {
  type BatchView,
  batchView,
  type ImportResultView,
  importPercent,
  importResultView,
} from '../../view';

type Stage = 'choose' | 'uploading' | 'importing' | 'done';

const ACCEPTED = /\.(csv|xlsx)$/i;

const INTROS: Record<ImportKind, string> = {
  results:
    '请选择银行返回的回盘文件（CSV或Excel），须含“明细号、金额、结果”列，可含“银行流水号、失败原因、入账日期”。同一文件重复导入不会重复入账。',
  ledger:
    '请选择原发放平台导出的台账（CSV或Excel），须含“户主身份证号、项目代码、期次、金额、发放日期、银行流水号”列。同一文件重复导入不会重复记账。',
};

/** The file chosen from a chat, or null when the person cancelled. */
function chooseFile(): Promise<WechatMiniprogram.ChooseFile | null> {
  return new Promise((resolve) => {
    wx.chooseMessageFile({
      count: 1,
      type: 'file',
      extension: ['csv', 'xlsx'],
      success: (res) => resolve(res.tempFiles[0] ?? null),
      fail: () => resolve(null),
    });
  });
}

Component({
  behaviors: [elderMode],
  data: {
    mode: 'results' as ImportKind,
    batchId: '',
    intro: INTROS.results,
    stage: 'choose' as Stage,
    fileName: '',
    percent: 0,
    /** 正在导入：已处理 2000 / 12000 行 */
    progressText: '',
    problem: '',
    result: null as ImportResultView | null,
    batch: null as BatchView | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const mode: ImportKind = query.mode === 'ledger' ? 'ledger' : 'results';
      this.setData({ mode, batchId: query.batchId ?? '', intro: INTROS[mode] });
      if (mode === 'ledger') wx.setNavigationBarTitle({ title: '导入原平台台账' });
    },
    async onChoose() {
      if (this.data.stage === 'uploading' || this.data.stage === 'importing') return;
      const file = await chooseFile();
      if (!file) return;
      if (!ACCEPTED.test(file.name)) {
        this.setData({ problem: '请选择CSV或Excel（.xlsx）文件' });
        return;
      }
      this.setData({ fileName: file.name, problem: '', result: null, batch: null });
      try {
        const { userId } = await loadSession();
        if (!userId) {
          this.setData({ problem: '请先注册登录后再导入' });
          return;
        }
        this.setData({ stage: 'uploading', percent: 0, progressText: '正在上传文件…' });
        const fileID = await uploadImportFile({
          userId,
          filePath: file.path,
          fileName: file.name,
          onProgress: (percent) => this.setData({ percent }),
        });
        this.setData({ stage: 'importing', percent: 0, progressText: '正在导入…' });
        const request = { fileID, fileName: file.name };
        const done =
          this.data.mode === 'results'
            ? await importAll('results', { ...request, batchId: this.data.batchId }, (p) =>
                this.showProgress(p),
              )
            : await importAll('ledger', request, (p) => this.showProgress(p));
        this.setData({
          stage: 'done',
          result: importResultView(done),
          batch: done.batch ? batchView(done.batch) : null,
        });
      } catch (error) {
        this.setData({ stage: 'choose', problem: `导入未完成：${errorMessage(error)}` });
      }
    },
    showProgress(p: ImportProgress) {
      this.setData({
        percent: importPercent(p),
        progressText: `正在导入：已处理 ${p.processedRows} / ${p.totalRows} 行`,
      });
    },
    onAnother() {
      this.setData({ stage: 'choose', fileName: '', result: null, batch: null, problem: '' });
    },
    onBack() {
      wx.navigateBack();
    },
  },
});
