import { config } from '../../../miniprogram/config';
import { ApiError } from '../../../miniprogram/services/api-error';
import { importPath, safeFileName, uploadImportFile } from '../../../miniprogram/services/files';
import { importAll } from '../../../miniprogram/services/payment';
import type { BatchesResponse, ImportProgress, RegionView } from '../../../typings/api';
import { card, gaoling, gengdi } from '../helpers/declaration-fixtures';
import { finance, staffLogin } from '../helpers/fixtures';
import { batchesAnswer, batchLine, batchSummary, importProgress } from '../helpers/payment-fixtures';
import { openPage, type Rendered, render, settle, textOf } from '../helpers/render';
import { buttonLabels, find, tapButton, typeInto } from '../helpers/steps';
import {
  type Answers,
  type Envelope,
  eventsOf,
  fail,
  mockActions,
  mockApi,
  mockModal,
  mockUpload,
  ok,
  type UploadInFlight,
} from '../helpers/wx-mocks';

const INDEX = 'package-finance/pages/index/index';
const BATCH = 'package-finance/pages/batch/index';
const IMPORT = 'package-finance/pages/import/index';

const TONGCHUAN: RegionView = {
  code: '511702000000',
  name: '通川区',
  level: 'county',
  parentCode: '511700000000',
  demo: true,
};
const TOWNSHIPS: RegionView[] = [
  { code: '511702101000', name: '罗江镇', level: 'township', parentCode: '511702000000', demo: true },
  { code: '511702102000', name: '蒲家镇', level: 'township', parentCode: '511702000000', demo: true },
];

function financeCloud(answers: Answers = {}) {
  return mockActions({
    'user.login': ok(staffLogin(finance)),
    'declaration.listProjects': ok({ items: [card(gaoling()), card(gengdi())] }),
    'declaration.getProject': (event) => ok(event.code === 'GENGDI' ? gengdi() : gaoling()),
    'admin.listRegions': (event) =>
      ok({ items: event.parentCode === '511702000000' ? TOWNSHIPS : [TONGCHUAN] }),
    'payment.batches': ok(
      batchesAnswer({
        items: [
          batchSummary(2, {
            state: 'created',
            stateText: '待导出',
            paidCount: 0,
            paidFen: 0,
            failedCount: 0,
            failedFen: 0,
            pendingCount: 120,
            exportedAt: null,
          }),
          batchSummary(1),
        ],
        total: 2,
      }),
    ),
    ...answers,
  });
}

const texts = (page: Rendered, selector: string): string[] => page.querySelectorAll(selector).map(textOf);
const tagTexts = (page: Rendered, selector: string): string[] =>
  page.querySelectorAll(selector).map((tag) => textOf(tag.querySelector('.t-tag__text')));

beforeEach(() => {
  wx.clearStorageSync();
  mockApi('showToast');
  mockApi('stopPullDownRefresh');
  mockApi('setNavigationBarTitle');
});

describe('阳光发放', () => {
  test('lists the batches with their state, period, lines and totals in 元', async () => {
    const cloud = financeCloud();
    const page = render(INDEX);
    await settle();
    expect(eventsOf(cloud, 'payment.batches')).toEqual([{ action: 'batches', page: 1, pageSize: 20 }]);
    expect(texts(page, '.batch__title')).toEqual(['高龄津贴 · 通川区', '高龄津贴 · 通川区']);
    expect(tagTexts(page, '.batch__state')).toEqual(['待导出', '部分完成']);
    expect(tagTexts(page, '.batch__period')).toEqual(['2026年3月', '2026年3月']);
    expect(texts(page, '.batch__totals')).toEqual(['120户 合计6000.00元', '120户 合计6000.00元']);
    expect(texts(page, '.batch__progress')).toEqual([
      '已到账0户 0.00元 · 待回盘120户',
      '已到账100户 5000.00元 · 失败5户 250.00元 · 待回盘15户',
    ]);
  });

  test('tapping a batch opens its detail', async () => {
    financeCloud();
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = render(INDEX);
    await settle();
    find(page, '.batch--b1').dispatchEvent('tap');
    await settle();
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/package-finance/pages/batch/index?id=b1' }),
    );
  });

  test('the regions offered are the office’s county as a whole and its townships, the county chosen', async () => {
    const cloud = financeCloud();
    const page = render(INDEX);
    await settle();
    expect(eventsOf(cloud, 'admin.listRegions')).toEqual(
      expect.arrayContaining([
        { action: 'listRegions', parentCode: '511700000000' },
        { action: 'listRegions', parentCode: '511702000000' },
      ]),
    );
    expect(buttonLabels(page, '.region')).toEqual(['通川区（全辖区）', '罗江镇', '蒲家镇']);
    expect((page.data as { form: { regionCode: string } }).form.regionCode).toBe('511702000000');
  });

  test('a period that does not match the project’s frequency is refused in words, and nothing is sent', async () => {
    const cloud = financeCloud();
    const page = render(INDEX);
    await settle();
    await tapButton(page, '.project--GAOLING');
    await typeInto(page, '.period', '2026-3');
    await tapButton(page, '.create');
    expect(textOf(find(page, '.form-problem'))).toBe('期次格式不对：按月发放，期次写作“2026-03”');
    expect(eventsOf(cloud, 'payment.createBatch')).toEqual([]);
  });

  test('a yearly project wants a year as its period', async () => {
    const cloud = financeCloud();
    const page = render(INDEX);
    await settle();
    await tapButton(page, '.project--GENGDI');
    await typeInto(page, '.period', '2026-03');
    await tapButton(page, '.create');
    expect(textOf(find(page, '.form-problem'))).toBe('期次格式不对：按年发放，期次写作“2026”');
    expect(eventsOf(cloud, 'payment.createBatch')).toEqual([]);
  });

  test('without a project the form asks for one first', async () => {
    const cloud = financeCloud();
    const page = render(INDEX);
    await settle();
    await tapButton(page, '.create');
    expect(textOf(find(page, '.form-problem'))).toBe('请选择补贴项目');
    expect(eventsOf(cloud, 'payment.createBatch')).toEqual([]);
  });

  test('a batch is made after confirming, and the households left out are listed with the reason', async () => {
    const cloud = financeCloud({
      'payment.createBatch': ok({
        ...batchSummary(3, { batchId: 'b3', lineCount: 42, totalFen: 210000, state: 'created' }),
        excludedAlreadyPaid: 3,
        skipped: [
          {
            declarationId: 'd7',
            applicantMaskedName: '李*四',
            villageName: '青龙村',
            reason: '该户尚未绑定一卡通',
          },
        ],
      }),
    });
    mockModal(true);
    const page = render(INDEX);
    await settle();
    await tapButton(page, '.project--GAOLING');
    await tapButton(page, '.region--511702101000');
    await typeInto(page, '.period', ' 2026-03 ');
    await tapButton(page, '.create');
    expect(eventsOf(cloud, 'payment.createBatch')).toEqual([
      { action: 'createBatch', projectCode: 'GAOLING', regionCode: '511702101000', period: '2026-03' },
    ]);
    expect(textOf(find(page, '.created__title'))).toBe('已生成批次：42户，合计2100.00元');
    expect(textOf(find(page, '.created__excluded'))).toBe('另有3户已发放或已在其他批次中，未重复纳入');
    expect(texts(page, '.skipped__who')).toEqual(['李*四 · 青龙村']);
    expect(texts(page, '.skipped__reason')).toEqual(['该户尚未绑定一卡通']);
    expect(eventsOf(cloud, 'payment.batches')).toHaveLength(2);
  });

  test('cancelling the confirmation makes no batch', async () => {
    const cloud = financeCloud();
    mockModal(false);
    const page = render(INDEX);
    await settle();
    await tapButton(page, '.project--GAOLING');
    await typeInto(page, '.period', '2026-03');
    await tapButton(page, '.create');
    expect(eventsOf(cloud, 'payment.createBatch')).toEqual([]);
  });

  test('an account without a finance region is told it cannot make batches', async () => {
    financeCloud({ 'user.login': ok(staffLogin({ role: 'admin' })) });
    const page = render(INDEX);
    await settle();
    expect(textOf(find(page, '.no-region'))).toContain('没有财政发放的管辖区域');
    expect(page.querySelector('.create')).toBeUndefined();
  });
});

describe('批次详情', () => {
  function batchCloud(answers: Answers = {}) {
    return financeCloud({
      'payment.batches': (event) =>
        ok(
          batchesAnswer({
            batch: batchSummary(1),
            lines:
              event.lineState === 'failed'
                ? [
                    batchLine(2, {
                      state: 'failed',
                      stateText: '发放失败',
                      failReason: '账户已销户',
                      bankSerial: null,
                      paidAt: null,
                    }),
                  ]
                : [
                    batchLine(1),
                    batchLine(2, {
                      state: 'failed',
                      stateText: '发放失败',
                      failReason: '账户已销户',
                      bankSerial: null,
                      paidAt: null,
                    }),
                  ],
            linesTotal: event.lineState === 'failed' ? 1 : 2,
          } satisfies Partial<BatchesResponse>),
        ),
      'payment.exportBatch': ok({
        fileID: 'cloud://env.bucket/exports/b1.xlsx',
        url: 'https://files.local/exports/b1.xlsx?sign=1',
        fileName: '高龄津贴-通川区-2026-03.xlsx',
        lineCount: 120,
        totalFen: 600000,
      }),
      ...answers,
    });
  }

  test('shows the batch’s figures and each line with holder, card, amount, state and the bank’s reason', async () => {
    const cloud = batchCloud();
    const page = await openPage(BATCH, { id: 'b1' });
    expect(eventsOf(cloud, 'payment.batches')).toEqual([
      { action: 'batches', batchId: 'b1', page: 1, pageSize: 20 },
    ]);
    expect(textOf(find(page, '.summary__totals'))).toBe('120户 合计6000.00元');
    expect(texts(page, '.line__title')).toEqual(['1. 王*1 · 青龙村', '2. 王*2 · 青龙村']);
    expect(texts(page, '.line__amount')).toEqual(['50.00元', '50.00元']);
    expect(tagTexts(page, '.line__state')).toEqual(['已发放', '发放失败']);
    expect(texts(page, '.line__detail')).toEqual([
      '流水号 S1 · 2026-03-25 10:00 到账',
      '失败原因：账户已销户',
    ]);
  });

  test('the state filter asks for those lines only', async () => {
    const cloud = batchCloud();
    const page = await openPage(BATCH, { id: 'b1' });
    await tapButton(page, '.line-state--failed');
    expect(eventsOf(cloud, 'payment.batches').at(-1)).toEqual({
      action: 'batches',
      batchId: 'b1',
      lineState: 'failed',
      page: 1,
      pageSize: 20,
    });
    expect(page.querySelectorAll('.line')).toHaveLength(1);
  });

  test('导出 Excel downloads the file and opens it with the menu to forward it', async () => {
    const cloud = batchCloud();
    const downloadFile = mockApi<{
      url: string;
      success(res: { statusCode: number; tempFilePath: string }): void;
    }>('downloadFile');
    downloadFile.mockImplementation((options) =>
      options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/b1.xlsx' }),
    );
    const openDocument = mockApi<{ filePath: string; showMenu: boolean; success(): void }>('openDocument');
    openDocument.mockImplementation((options) => options.success());
    const page = await openPage(BATCH, { id: 'b1' });
    await tapButton(page, '.export--xlsx');
    expect(eventsOf(cloud, 'payment.exportBatch')).toEqual([
      { action: 'exportBatch', batchId: 'b1', format: 'xlsx' },
    ]);
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://files.local/exports/b1.xlsx?sign=1' }),
    );
    expect(openDocument).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'wxfile://tmp/b1.xlsx', showMenu: true }),
    );
  });

  test('a file the phone cannot open has its link copied instead', async () => {
    batchCloud();
    mockApi<{ success(res: { statusCode: number; tempFilePath: string }): void }>(
      'downloadFile',
    ).mockImplementation((options) =>
      options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/b1.csv' }),
    );
    mockApi<{ fail(): void }>('openDocument').mockImplementation((options) => options.fail());
    const setClipboardData = mockApi<{ data: string; success(): void }>('setClipboardData');
    setClipboardData.mockImplementation((options) => options.success());
    const showToast = mockApi<{ title: string }>('showToast');
    const page = await openPage(BATCH, { id: 'b1' });
    await tapButton(page, '.export--csv');
    expect(setClipboardData).toHaveBeenCalledWith(
      expect.objectContaining({ data: 'https://files.local/exports/b1.xlsx?sign=1' }),
    );
    expect(showToast.mock.calls.at(-1)?.[0].title).toContain('下载链接已复制');
  });

  test('失败重发 makes a batch of the failed lines, naming the batch it re-sends', async () => {
    const cloud = batchCloud({
      'payment.createBatch': ok({
        ...batchSummary(4, { batchId: 'b4', resendOf: 'b1', lineCount: 5 }),
        excludedAlreadyPaid: 0,
        skipped: [],
      }),
    });
    mockModal(true);
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openPage(BATCH, { id: 'b1' });
    expect(buttonLabels(page, '.resend')).toEqual(['失败重发（5户）']);
    await tapButton(page, '.resend');
    expect(eventsOf(cloud, 'payment.createBatch')).toEqual([
      {
        action: 'createBatch',
        projectCode: 'GAOLING',
        regionCode: '511702000000',
        period: '2026-03',
        resendOf: 'b1',
      },
    ]);
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/package-finance/pages/batch/index?id=b4' }),
    );
  });

  test('a batch without failed lines offers no re-send', async () => {
    batchCloud({
      'payment.batches': ok(batchesAnswer({ batch: batchSummary(1, { failedCount: 0, failedFen: 0 }) })),
    });
    const page = await openPage(BATCH, { id: 'b1' });
    expect(page.querySelector('.resend')).toBeUndefined();
  });

  test('导入银行结果 opens the import of this batch', async () => {
    batchCloud();
    const navigateTo = mockApi<{ url: string }>('navigateTo');
    const page = await openPage(BATCH, { id: 'b1' });
    await tapButton(page, '.import');
    expect(navigateTo).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/package-finance/pages/import/index?mode=results&batchId=b1' }),
    );
  });
});

describe('撤销批次', () => {
  function createdCloud() {
    return financeCloud({
      'payment.batches': ok(
        batchesAnswer({
          batch: batchSummary(1, { state: 'created', stateText: '待导出' }),
          lines: [batchLine(1)],
          linesTotal: 1,
        } satisfies Partial<BatchesResponse>),
      ),
      'payment.cancelBatch': ok(batchSummary(1, { state: 'cancelled', stateText: '已撤销' })),
    });
  }

  test('a batch not yet exported can be withdrawn, with the reason asked for', async () => {
    const cloud = createdCloud();
    const showModal = mockApi<{
      editable: boolean;
      success(res: { confirm: boolean; content: string }): void;
    }>('showModal');
    showModal.mockImplementation((options) => options.success({ confirm: true, content: ' 期次选错 ' }));
    const page = await openPage(BATCH, { id: 'b1' });
    await tapButton(page, '.cancel');
    expect(showModal.mock.calls[0]?.[0].editable).toBe(true);
    expect(eventsOf(cloud, 'payment.cancelBatch')).toEqual([
      { action: 'cancelBatch', batchId: 'b1', reason: '期次选错' },
    ]);
    expect(eventsOf(cloud, 'payment.batches')).toHaveLength(2);
  });

  test('no reason, no call; backing out, no call', async () => {
    const cloud = createdCloud();
    const showModal = mockApi<{ success(res: { confirm: boolean; content: string }): void }>('showModal');
    showModal.mockImplementationOnce((options) => options.success({ confirm: true, content: '' }));
    showModal.mockImplementationOnce((options) => options.success({ confirm: false, content: '期次选错' }));
    const page = await openPage(BATCH, { id: 'b1' });
    await tapButton(page, '.cancel');
    await tapButton(page, '.cancel');
    expect(eventsOf(cloud, 'payment.cancelBatch')).toEqual([]);
  });
});

describe('导入银行结果', () => {
  const FILE = {
    path: 'wxfile://tmp/result.csv',
    name: '回盘 2026年3月.csv',
    size: 2048,
    time: 0,
    type: 'file',
  };

  function chooseFile(file = FILE) {
    const choose = mockApi<{ extension: string[]; success(res: { tempFiles: (typeof FILE)[] }): void }>(
      'chooseMessageFile',
    );
    choose.mockImplementation((options) => options.success({ tempFiles: [file] }));
    return choose;
  }

  /** Picks the file, lets its upload finish and the import run to its end. */
  async function importFile(page: Rendered, uploads: UploadInFlight[], fileID: string): Promise<void> {
    await tapButton(page, '.choose');
    uploads[0]!.succeed(fileID);
    for (let i = 0; i < 5; i++) await settle();
  }

  test('uploads the chosen file to the caller’s import folder and calls importResults until done, then shows the counts and row errors', async () => {
    const answers: ImportProgress[] = [
      importProgress({ state: 'running', totalRows: 5000, processedRows: 2000, paid: 1990, failed: 0 }),
      importProgress({ state: 'running', totalRows: 5000, processedRows: 4000, paid: 3980, failed: 5 }),
      importProgress({
        totalRows: 5000,
        processedRows: 5000,
        paid: 4980,
        failed: 8,
        unchanged: 10,
        errors: [
          { row: 3, message: '金额与明细不符' },
          { row: 17, message: '找不到明细号 L999' },
        ],
        errorCount: 2,
        batch: batchSummary(1, { paidCount: 4980, failedCount: 8 }),
      }),
    ];
    const cloud = financeCloud({ 'payment.importResults': () => ok(answers.shift()!) });
    const uploads = mockUpload();
    const choose = chooseFile();
    const page = await openPage(IMPORT, { mode: 'results', batchId: 'b1' });
    const fileID = 'cloud://env.bucket/imports/u-resident/1-回盘_2026年3月.csv';
    await importFile(page, uploads, fileID);
    expect(choose.mock.calls[0]![0]).toMatchObject({ extension: ['csv', 'xlsx'] });
    expect(uploads[0]!.cloudPath).toMatch(/^imports\/u-resident\/\d+-回盘_2026年3月\.csv$/);
    const request = { action: 'importResults', batchId: 'b1', fileID, fileName: '回盘 2026年3月.csv' };
    expect(eventsOf(cloud, 'payment.importResults')).toEqual([request, request, request]);
    expect(textOf(find(page, '.result__title'))).toBe('导入完成：共5000行');
    expect(texts(page, '.count__value')).toEqual(['4980', '8', '10', '2']);
    expect(texts(page, '.row-error')).toEqual(['第3行：金额与明细不符', '第17行：找不到明细号 L999']);
  });

  test('while the import runs the progress bar follows the rows handled', async () => {
    let release: (envelope: Envelope<'payment.importResults'>) => void = () => undefined;
    financeCloud({
      'payment.importResults': () => new Promise((resolve) => (release = resolve)),
    });
    const uploads = mockUpload();
    chooseFile();
    const page = await openPage(IMPORT, { mode: 'results', batchId: 'b1' });
    await importFile(page, uploads, 'cloud://env.bucket/imports/u-resident/1-r.csv');
    release(ok(importProgress({ state: 'running', totalRows: 5000, processedRows: 2000 })));
    await settle();
    expect(page.data).toMatchObject({ stage: 'importing', percent: 40 });
    expect(textOf(find(page, '.running__text'))).toBe('正在导入：已处理 2000 / 5000 行');
  });

  test('a file imported before says nothing was changed', async () => {
    financeCloud({ 'payment.importResults': ok(importProgress({ alreadyImported: true })) });
    const uploads = mockUpload();
    chooseFile();
    const page = await openPage(IMPORT, { mode: 'results', batchId: 'b1' });
    await importFile(page, uploads, 'cloud://env.bucket/imports/u-resident/1-r.csv');
    expect(textOf(find(page, '.result__title'))).toBe('该文件已导入过，未作任何改动');
    expect(textOf(find(page, '.result__counts-title'))).toBe('以下是该文件上次导入的结果');
  });

  test('a failed call stops the import and shows the server’s message', async () => {
    let calls = 0;
    const cloud = financeCloud({
      'payment.importResults': () =>
        ++calls === 1
          ? ok(importProgress({ state: 'running', totalRows: 5000, processedRows: 2000 }))
          : fail('INVALID_ARGUMENT', '文件无法读取：请上传CSV或Excel（.xlsx）文件'),
    });
    const uploads = mockUpload();
    chooseFile();
    const page = await openPage(IMPORT, { mode: 'results', batchId: 'b1' });
    await importFile(page, uploads, 'cloud://env.bucket/imports/u-resident/1-r.csv');
    expect(eventsOf(cloud, 'payment.importResults')).toHaveLength(2);
    expect(textOf(find(page, '.problem'))).toBe('导入未完成：文件无法读取：请上传CSV或Excel（.xlsx）文件');
  });

  test('the ledger mode imports through importLedger, without a batch', async () => {
    const cloud = financeCloud({ 'payment.importLedger': ok(importProgress({ paid: 120, failed: 0 })) });
    const uploads = mockUpload();
    chooseFile({ ...FILE, name: '台账.xlsx' });
    const page = await openPage(IMPORT, { mode: 'ledger' });
    await importFile(page, uploads, 'cloud://env.bucket/imports/u-resident/1-台账.xlsx');
    expect(eventsOf(cloud, 'payment.importLedger')).toEqual([
      {
        action: 'importLedger',
        fileID: 'cloud://env.bucket/imports/u-resident/1-台账.xlsx',
        fileName: '台账.xlsx',
      },
    ]);
    expect(page.querySelector('.back')).toBeUndefined();
  });

  test('a file that is neither CSV nor Excel is refused before anything is uploaded', async () => {
    financeCloud();
    const uploads = mockUpload();
    chooseFile({ ...FILE, name: '回盘.txt' });
    const page = await openPage(IMPORT, { mode: 'results', batchId: 'b1' });
    await tapButton(page, '.choose');
    expect(uploads).toHaveLength(0);
    expect(textOf(find(page, '.problem'))).toBe('请选择CSV或Excel（.xlsx）文件');
  });
});

describe('importAll', () => {
  test('gives up with a plain message when the server stops making progress', async () => {
    const cloud = financeCloud({
      'payment.importLedger': ok(importProgress({ state: 'running', totalRows: 100, processedRows: 40 })),
    });
    const seen: number[] = [];
    const run = importAll('ledger', { fileID: 'f', fileName: 'a.csv' }, (p) => seen.push(p.processedRows));
    await expect(run).rejects.toBeInstanceOf(ApiError);
    await expect(run).rejects.toThrow('导入暂时没有进展');
    expect(eventsOf(cloud, 'payment.importLedger')).toHaveLength(4);
    expect(seen).toEqual([40, 40, 40, 40]);
  });
});

describe('the upload of an import file', () => {
  test('goes under the caller’s own import folder, its name kept readable and safe', () => {
    expect(importPath('u1', '回盘 2026年3月(1).csv', 1700000000000)).toBe(
      'imports/u1/1700000000000-回盘_2026年3月_1_.csv',
    );
    expect(safeFileName('../../x.xlsx')).toBe('x.xlsx');
    expect(safeFileName('   ')).toBe('file');
  });

  test('in gateway mode goes to the local cloud’s storage with the same path', async () => {
    const initial = { ...config };
    Object.assign(config, {
      transport: 'gateway',
      gatewayBase: 'http://127.0.0.1:9000',
      devOpenid: 'dev-finance',
    });
    try {
      const upload = mockApi<{
        url: string;
        formData: { cloudPath: string };
        header: Record<string, string>;
        success(res: { statusCode: number; data: string }): void;
      }>('uploadFile');
      upload.mockImplementation((options) =>
        options.success({
          statusCode: 200,
          data: JSON.stringify({ ok: true, data: { fileID: `cloud://local/${options.formData.cloudPath}` } }),
        }),
      );
      const fileID = await uploadImportFile(
        { userId: 'u1', filePath: 'wxfile://tmp/a.csv', fileName: 'a.csv' },
        1700000000000,
      );
      expect(fileID).toBe('cloud://local/imports/u1/1700000000000-a.csv');
      expect(upload.mock.calls[0]![0]).toMatchObject({
        url: 'http://127.0.0.1:9000/storage/upload',
        header: { 'X-WX-OPENID': 'dev-finance' },
      });
    } finally {
      Object.assign(config, initial);
    }
  });
});
