/**
 * `npm run bench` (full size) or `npm run bench -- --quick` (a smoke run the tests exercise): builds a
 * synthetic Dazhou in a fresh local cloud, measures the resident, staff and supervisor calls through
 * the functions gateway at 1, 8 and 32 concurrent callers, the bulk work (a batch for the city, the
 * bank's result file, the risk scan), the same look-ups straight on the storage engine, unindexed
 * queries, memory, function bundles and the mini program's packages. Prints a table and writes the
 * figures to bench-results/<mode>.json (git-ignored).
 */
import { execFileSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { EJSON } from 'bson';
import { sealAudit, verifyAuditLog } from '../../cloudfunctions/_shared/audit/audit-log';
import { parseCsv, toCsv } from '../../cloudfunctions/_shared/ports/table-files';
import { generateDataKey } from '../../cloudfunctions/_shared/runtime/crypto';
import type {
  CreateBatchResponse,
  ExportBatchResponse,
  ImportProgress,
  RiskScanResponse,
  SchedulerTickResponse,
} from '../../typings/api';
import { startLocalCloud } from '../local-cloud/server';
import { connectLocal, demoCatalogue, seedDemo } from '../seed';
import {
  approvedDeclaration,
  type City,
  COUNTIES,
  FULL,
  generateCity,
  Loader,
  PAY_YEAR,
  QUICK,
} from './city';
import { callGateway, type Figures, load, percentile, round } from './measure';
import { type PackageSize, packageSizes } from './package-size';

const ROOT = resolve(__dirname, '..', '..');
const FUNCTIONS = join(ROOT, 'build', 'cloudfunctions');

export interface BenchReport {
  mode: 'quick' | 'full';
  machine: { cpus: number; model: string; memoryGiB: number; node: string };
  generatedAt: string;
  data: Record<string, number>;
  generateSeconds: number;
  calls: Array<{ name: string } & Figures>;
  bulk: Record<string, number | string | boolean>;
  engine: Array<{ name: string; engineP50: number; gatewayP50: number; ratio: number }>;
  unindexedQueries: number;
  unindexedShapes: string[];
  peakRssMiB: number;
  /** Per function: the largest V8 heap one instance reported after a call. */
  instanceHeapMiB: Record<string, number>;
  /** Bundle size, and a cold `require` of it in a fresh Node with wx-server-sdk already loaded (the SDK alone is `sdkRequireMs`). */
  bundles: Array<{ name: string; kib: number; coldRequireMs: number }>;
  sdkRequireMs: number;
  packages: PackageSize[];
  /** The largest setData payload the page tests sent (build/setdata, written by the page tests). */
  setData: { page: string; bytes: number; pages: number; measuredAt: string } | null;
}

function largestSetData(): BenchReport['setData'] {
  const dir = join(ROOT, 'build', 'setdata');
  const files = readdirSync(dir, { withFileTypes: true }).filter((f) => f.name.endsWith('.json'));
  const seen = files.map(
    (f) => JSON.parse(readFileSync(join(dir, f.name), 'utf8')) as { page: string; bytes: number; at: string },
  );
  const top = seen.sort((a, b) => b.bytes - a.bytes)[0];
  return top ? { page: top.page, bytes: top.bytes, pages: seen.length, measuredAt: top.at } : null;
}

function sdkRequireMs(): number {
  const out = execFileSync(
    process.execPath,
    [
      '-e',
      "const t=process.hrtime.bigint();require('wx-server-sdk');console.log(Number(process.hrtime.bigint()-t)/1e6)",
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return round(Number(out.trim()));
}

function bundles(): BenchReport['bundles'] {
  return readdirSync(FUNCTIONS)
    .filter((n) => statSync(join(FUNCTIONS, n, 'index.js'), { throwIfNoEntry: false }))
    .map((name) => {
      const file = join(FUNCTIONS, name, 'index.js');
      // A fresh Node each time; wx-server-sdk (external, the same for every function) is loaded first.
      const out = execFileSync(
        process.execPath,
        [
          '-e',
          `require('wx-server-sdk');const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`,
        ],
        {
          cwd: ROOT,
          env: { ...process.env, TENCENTCLOUD_SECRETID: 'bench', TENCENTCLOUD_SECRETKEY: 'bench' },
          encoding: 'utf8',
        },
      );
      return { name, kib: round(statSync(file).size / 1024), coldRequireMs: round(Number(out.trim())) };
    });
}

export async function runBench(opts: { quick: boolean; log?: (line: string) => void }): Promise<BenchReport> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const size = opts.quick ? QUICK : FULL;
  const dataDir = mkdtempSync(join(tmpdir(), 'ykt-bench-'));
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  const cloudLog = createWriteStream(
    join(ROOT, 'bench-results', `${opts.quick ? 'quick' : 'full'}-cloud.log`),
  );
  const key = generateDataKey();
  process.env.YKT_DATA_KEY = key;
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 200);
  const cloud = await startLocalCloud({
    dataDir,
    port: 0,
    strict: true,
    scheduler: false,
    // The local cloud's own log (function errors with their stacks) goes to a file beside the results.
    quiet: false,
    log: (line) => cloudLog.write(`${line}\n`),
    functionsDir: FUNCTIONS,
    // Two cores: more instances than this only queue behind each other (and each holds the SDK in memory).
    poolSize: 8,
    queueSize: 1000,
    functionEnv: { YKT_DATA_KEY: key, YKT_RISK_SETTLE_MS: '0' },
  });
  try {
    const now = new Date();
    const db = connectLocal(cloud.url);
    await seedDemo(db, now);
    const loader = new Loader(cloud.store);
    const started = performance.now();
    const catalogue = demoCatalogue(now);
    const city: City = await generateCity(loader, size, catalogue, now, (line) => log(`  生成：${line}`));
    // The batch and import benchmark: households approved for 特困供养 across the city.
    // YKT_BENCH_BATCH overrides the batch's size, for studying the import alone.
    const batchSize = Number(process.env.YKT_BENCH_BATCH) || (opts.quick ? 1_000 : 100_000);
    const tekun = catalogue.find((p) => p.code === 'TEKUN');
    if (!tekun) throw new Error('TEKUN missing from the catalogue');
    const approvals = Array.from({ length: batchSize }, (_, i) =>
      approvedDeclaration(
        `d-t-${i}`,
        `h-c-${i}`,
        city.villages[i % city.villages.length] as string,
        { memberId: `m-c-${i}-0`, userId: null, nameMasked: '基*', idMasked: '' },
        tekun,
        String(PAY_YEAR),
        { careMode: 'home' },
        new Date(Date.UTC(PAY_YEAR, 0, 5)),
      ),
    );
    await loader.insert('declarations', approvals);
    await loader.insert('users', [
      {
        _id: 'u-bench-finance-city',
        openid: 'bench-finance-city',
        registered: false,
        verification: 'pending',
        roles: [{ role: 'finance', regionCode: '511700000000', unit: '达州市财政局' }],
        roleNames: ['finance'],
        isStaff: true,
        version: 1,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    const generateSeconds = round((performance.now() - started) / 1000);
    log(`数据生成 ${generateSeconds} 秒：${JSON.stringify(loader.counts)}`);
    await cloud.prewarm();

    // The dashboard sums the scheduler's rollup: run it over the whole city first (and time it). The
    // risk scan is marked as just run so the scheduler leaves it to the runRiskScan measurement below.
    const bulk: BenchReport['bulk'] = {};
    await db
      .collection('meta')
      .doc('risk_scan')
      .set({ data: { cursor: { at: new Date(0), id: '' }, until: null, lastRunAt: now } });
    let rollupRuns = 0;
    let rolled: SchedulerTickResponse['stats'] = null;
    const rollupStarted = performance.now();
    do {
      rollupRuns++;
      const res = (await cloud.trigger('scheduler')) as { ok: boolean; data: SchedulerTickResponse };
      if (!res.ok) throw new Error(`scheduler failed: ${JSON.stringify(res)}`);
      rolled = res.data.stats;
    } while (rolled?.state === 'running' && rollupRuns < 100);
    bulk.statsRollupSeconds = round((performance.now() - rollupStarted) / 1000);
    bulk.statsRollupRuns = rollupRuns;
    log(`  看板统计：${bulk.statsRollupSeconds} 秒，调度 ${rollupRuns} 次`);

    const pick = (i: number) => city.residents[(i * 7919) % city.residents.length] as string;
    const scenarios: Array<{
      name: string;
      fn: string;
      calls: number;
      /** Concurrency levels; the quick run keeps the slow city dashboard to one caller. */
      levels?: number[];
      event: (i: number) => [unknown, string];
    }> = [
      {
        name: 'payment.mine',
        fn: 'payment',
        calls: 200,
        event: (i) => [{ action: 'mine', year: PAY_YEAR }, pick(i)],
      },
      { name: 'payment.summary', fn: 'payment', calls: 200, event: (i) => [{ action: 'summary' }, pick(i)] },
      {
        name: 'approval.queue 乡镇',
        fn: 'approval',
        calls: 100,
        event: () => [{ action: 'queue' }, city.townshipCadre],
      },
      {
        name: 'approval.queue 县级部门',
        fn: 'approval',
        calls: 100,
        event: () => [{ action: 'queue' }, city.countyCadre],
      },
      {
        name: 'publicity.list',
        fn: 'publicity',
        calls: 100,
        event: (i) => [{ action: 'list', regionCode: city.townships[i % city.townships.length] }, pick(i)],
      },
      {
        name: 'supervision.dashboard 全市',
        fn: 'supervision',
        calls: 24,
        levels: opts.quick ? [1] : undefined,
        event: () => [{ action: 'dashboard', year: PAY_YEAR }, city.citySupervisor],
      },
      {
        name: 'tipoff.submit',
        fn: 'tipoff',
        calls: 100,
        event: (i) => [
          {
            action: 'submit',
            kind: 'other',
            anonymous: true,
            regionCode: city.villages[i % city.villages.length],
            content: '基准测试：村务公开栏长期没有更新。',
          },
          pick(i),
        ],
      },
    ];
    const calls: BenchReport['calls'] = [];
    for (const s of scenarios.filter(
      (x) => !process.env.YKT_BENCH_ONLY || x.name.includes(process.env.YKT_BENCH_ONLY),
    )) {
      for (const concurrency of s.levels ?? (opts.quick ? [1, 8] : [1, 8, 32])) {
        const n =
          Number(process.env.YKT_BENCH_CALLS) ||
          (opts.quick ? Math.max(concurrency, 2) : Math.max(s.calls, concurrency * 4));
        // Warm as many instances as the level uses, so cold starts are not counted as latency.
        await load(concurrency, concurrency, (i) => {
          const [event, openid] = s.event(i + 100_000);
          return callGateway(cloud.url, s.fn, event, openid);
        });
        const figures = await load(n, concurrency, (i) => {
          const [event, openid] = s.event(i);
          return callGateway(cloud.url, s.fn, event, openid);
        });
        calls.push({ name: s.name, ...figures });
        log(
          `  ${s.name} ×${concurrency}: p50 ${figures.p50} ms, p95 ${figures.p95} ms, ${figures.throughput}/s, 往返 ${figures.roundTripsMax}`,
        );
      }
    }

    // YKT_BENCH_ONLY=<part of a call's name> measures only those calls and skips the bulk work (for
    // studying one call, e.g. with YKT_WORKER_PROF; YKT_BENCH_CALLS sets how many calls per level).
    const only = process.env.YKT_BENCH_ONLY;
    // A failing bulk step is reported in the figures (bulk.error) and the rest of the run goes on.
    if (!only)
      await bulkWork().catch((err: unknown) => {
        bulk.error = (err as Error).message;
        log(`  批量失败：${bulk.error}（详见 bench-results/${opts.quick ? 'quick' : 'full'}-cloud.log）`);
      });
    async function bulkWork() {
      log('  批量：全市发放批次…');
      // Bulk: a batch for the whole city, its bank file, the same file again, the city's risk scan.
      const finance = 'bench-finance-city';
      let t = performance.now();
      let batch: CreateBatchResponse | null = null;
      let batchCalls = 0;
      do {
        batchCalls++;
        const res = (await cloud.invoke(
          'payment',
          {
            action: 'createBatch',
            projectCode: 'TEKUN',
            regionCode: '511700000000',
            period: `${PAY_YEAR}-12`,
          },
          finance,
        )) as { ok: boolean; data: CreateBatchResponse; message?: string };
        if (!res.ok) throw new Error(`createBatch failed: ${res.message}`);
        batch = res.data;
      } while (batch.state === 'building' && batchCalls < 50);
      bulk.createBatchLines = batch.lineCount;
      log(`  批量：发放批次 ${batch.lineCount} 行，${batchCalls} 次调用；导入银行回盘…`);
      bulk.createBatchSeconds = round((performance.now() - t) / 1000);
      bulk.createBatchCalls = batchCalls;
      const exported = (await cloud.invoke(
        'payment',
        { action: 'exportBatch', batchId: batch.batchId, format: 'csv' },
        finance,
      )) as { ok: boolean; data: ExportBatchResponse };
      const table = parseCsv(Buffer.from(await (await fetch(exported.data.url)).arrayBuffer()));
      const [header = [], ...rows] = table;
      const at = (name: string) => header.indexOf(name);
      const filled = rows.map((r, i) => {
        const copy = [...r];
        copy[at('结果')] = '成功';
        copy[at('银行流水号')] = `BANK${String(i).padStart(8, '0')}`;
        copy[at('入账日期')] = `${PAY_YEAR + 1}-01-05`;
        return copy;
      });
      const fileID = cloud.storage.put(`imports/u-${finance}/bench-result.csv`, toCsv([header, ...filled]));
      const importOnce = async () => {
        let last: ImportProgress | null = null;
        let n = 0;
        const began = performance.now();
        do {
          n++;
          const res = (await cloud.invoke(
            'payment',
            { action: 'importResults', batchId: batch?.batchId, fileID, fileName: 'bench-result.csv' },
            finance,
          )) as { ok: boolean; data: ImportProgress; message?: string };
          if (!res.ok) throw new Error(`importResults failed: ${res.message}`);
          last = res.data;
        } while (last.state !== 'done' && n < 500);
        return { last, seconds: (performance.now() - began) / 1000, calls: n };
      };
      const first = await importOnce();
      bulk.importLines = first.last.totalRows;
      bulk.importSeconds = round(first.seconds);
      bulk.importLinesPerSecond = round(first.last.totalRows / first.seconds);
      bulk.importCalls = first.calls;
      log(`  批量：回盘 ${bulk.importLines} 行 ${bulk.importSeconds} 秒；再次导入…`);
      const paymentsBefore = (
        await db
          .collection('payments')
          .where({ projectCode: 'TEKUN', period: `${PAY_YEAR}-12` })
          .count()
      ).total;
      const second = await importOnce();
      const paymentsAfter = (
        await db
          .collection('payments')
          .where({ projectCode: 'TEKUN', period: `${PAY_YEAR}-12` })
          .count()
      ).total;
      bulk.reimportAlreadyImported = second.last.alreadyImported;
      bulk.reimportChangedPayments = paymentsAfter - paymentsBefore;
      bulk.reimportSeconds = round(second.seconds);
      log('  批量：全市风险扫描…');
      t = performance.now();
      let scan: RiskScanResponse | null = null;
      let scanCalls = 0;
      // Each call answers what it raised itself: the cycle's alerts are the sum over its calls.
      let raised = 0;
      do {
        scanCalls++;
        const res = (await cloud.invoke('supervision', { action: 'runRiskScan' }, city.citySupervisor)) as {
          ok: boolean;
          data: RiskScanResponse;
          message?: string;
        };
        if (!res.ok) throw new Error(`runRiskScan failed: ${res.message}`);
        scan = res.data;
        raised += Object.values(scan.found).reduce((a, b) => a + (b ?? 0), 0);
      } while (scan.state === 'running' && scanCalls < 200);
      bulk.riskScanSeconds = round((performance.now() - t) / 1000);
      bulk.riskScanCalls = scanCalls;
      bulk.riskScanAlerts = raised;
      // Everything the run wrote to the audit log (tip-offs carrying theirs, imports, scans): moved and
      // sealed into the chains as the scheduler does, then the whole log verified.
      t = performance.now();
      bulk.auditSealed = await sealAudit(db);
      bulk.auditSealSeconds = round((performance.now() - t) / 1000);
      t = performance.now();
      const verdict = await verifyAuditLog(db);
      bulk.auditVerifyEntries = verdict.entries;
      bulk.auditVerifyOk = verdict.ok;
      bulk.auditVerifySeconds = round((performance.now() - t) / 1000);
    }

    // The storage engine alone, for the same look-ups: the cost of every layer above it.
    const engine: BenchReport['engine'] = [];
    const direct = async (
      name: string,
      collection: string,
      query: (i: number) => unknown,
      order: unknown,
    ) => {
      const times: number[] = [];
      for (let i = 0; i < 200; i++) {
        const began = performance.now();
        await cloud.store.handle({
          action: 'database.getDocument',
          collectionName: collection,
          query: EJSON.stringify(query(i), { relaxed: false }),
          order: EJSON.stringify(order),
          limit: 1000,
        });
        times.push(performance.now() - began);
      }
      const gateway = calls.find((c) => c.name === name && c.concurrency === 1);
      const engineP50 = round(
        percentile(
          times.sort((a, b) => a - b),
          50,
        ),
      );
      engine.push({
        name,
        engineP50,
        gatewayP50: gateway?.p50 ?? 0,
        ratio: round((gateway?.p50 ?? 0) / Math.max(engineP50, 0.001)),
      });
    };
    await direct(
      'payment.mine',
      'payments',
      (i) => ({ householdId: `h-c-${(i * 7919) % size.accounts}`, year: PAY_YEAR }),
      [{ field: 'paidAt', direction: 'desc' }],
    );
    await direct(
      'approval.queue 乡镇',
      'declarations',
      () => ({
        status: 'in_review',
        stageLevel: 'township',
        villageCode: {
          $gte: `${city.townships[0]?.slice(0, 9)}000`,
          $lt: `${city.townships[0]?.slice(0, 9)}~`,
        },
      }),
      [{ field: 'dueAt', direction: 'asc' }],
    );

    const violations = cloud.store.strictViolations();
    clearInterval(sampler);
    const report: BenchReport = {
      mode: opts.quick ? 'quick' : 'full',
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model ?? '',
        memoryGiB: round(totalmem() / 2 ** 30),
        node: process.version,
      },
      generatedAt: now.toISOString(),
      data: loader.counts,
      generateSeconds,
      calls,
      bulk,
      engine,
      unindexedQueries: violations.length,
      unindexedShapes: [
        ...new Set(violations.map((v) => `${v.collection} ${JSON.stringify(v.filter)}`)),
      ].slice(0, 20),
      peakRssMiB: round(peak / 2 ** 20),
      instanceHeapMiB: Object.fromEntries(
        Object.entries(cloud.functionStats()).map(([name, st]) => [name, round(st.peakHeapBytes / 2 ** 20)]),
      ),
      bundles: bundles(),
      sdkRequireMs: sdkRequireMs(),
      packages: packageSizes(),
      setData: existsSync(join(ROOT, 'build', 'setdata')) ? largestSetData() : null,
    };
    return report;
  } finally {
    clearInterval(sampler);
    await cloud.close();
    cloudLog.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function table(r: BenchReport): string {
  const lines = [
    `达州一卡通 基准测试（${r.mode === 'full' ? '全量' : '快速'}） ${r.generatedAt} · ${r.machine.cpus} 核 ${r.machine.model} · ${r.machine.memoryGiB} GiB · Node ${r.machine.node}`,
    `数据：${Object.entries(r.data)
      .map(([k, v]) => `${k} ${v}`)
      .join('，')}（生成 ${r.generateSeconds} 秒）`,
    '',
    '| 调用 | 并发 | 次数 | p50 ms | p95 ms | p99 ms | 吞吐/秒 | 数据库往返（最多/平均） | 错误 |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --- |',
    ...r.calls.map(
      (c) =>
        `| ${c.name} | ${c.concurrency} | ${c.calls} | ${c.p50} | ${c.p95} | ${c.p99} | ${c.throughput} | ${c.roundTripsMax} / ${c.roundTripsAvg} | ${
          Object.entries(c.errors)
            .map(([k, v]) => `${k}×${v}`)
            .join(' ') || '无'
        } |`,
    ),
    '',
    '| 批量 | 数值 |',
    '| --- | --: |',
    ...Object.entries(r.bulk).map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '| 存储引擎直查 | 引擎 p50 ms | 网关 p50 ms | 倍数 |',
    '| --- | --: | --: | --: |',
    ...r.engine.map((e) => `| ${e.name} | ${e.engineP50} | ${e.gatewayP50} | ${e.ratio} |`),
    '',
    `未走索引的查询：${r.unindexedQueries}${r.unindexedShapes.length ? `（${r.unindexedShapes.join('；')}）` : ''}；本地云进程内存峰值（含函数实例线程）：${r.peakRssMiB} MiB`,
    `单个函数实例的堆峰值（MiB，本次调用过的函数）：${Object.entries(r.instanceHeapMiB ?? {})
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join('，')}`,
    '',
    `wx-server-sdk 单独 require：${r.sdkRequireMs} ms（每个云函数相同，下表不含）`,
    '',
    '| 云函数 | 大小 KiB | 冷启动 require ms |',
    '| --- | --: | --: |',
    ...r.bundles.map((b) => `| ${b.name} | ${b.kib} | ${b.coldRequireMs} |`),
    '',
    '| 小程序包 | 大小 KiB | 文件数 |',
    '| --- | --: | --: |',
    ...r.packages.map((p) => `| ${p.name} | ${round(p.bytes / 1024)} | ${p.files} |`),
    '',
    r.setData
      ? `页面测试中最大的一次 setData：${r.setData.page} ${round(r.setData.bytes / 1024)} KiB（共 ${r.setData.pages} 个页面，${r.setData.measuredAt} 的测试）`
      : '页面测试中最大的一次 setData：尚无记录（先运行 npm test 或 npx jest --selectProjects miniprogram）',
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const quick = process.argv.includes('--quick');
  runBench({ quick })
    .then((report) => {
      const text = table(report);
      console.log(`\n${text}`);
      const dir = join(ROOT, 'bench-results');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${report.mode}.json`), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(join(dir, `${report.mode}.md`), `${text}\n`);
      console.log(`\n已写入 bench-results/${report.mode}.json`);
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}

export { COUNTIES };
