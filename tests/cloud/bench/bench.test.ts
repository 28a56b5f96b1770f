import { runBench, table } from '../../../tools/bench';

// The benchmark's smoke run: every stage runs and reports; the figures themselves are for `npm run bench`.
test('npm run bench -- --quick measures every call, the bulk work, the engine and the packages', async () => {
  const report = await runBench({ quick: true, log: () => undefined });
  const names = new Set(report.calls.map((c) => c.name));
  expect([...names]).toEqual([
    'payment.mine',
    'payment.summary',
    'approval.queue 乡镇',
    'approval.queue 县级部门',
    'publicity.list',
    'supervision.dashboard 全市',
    'tipoff.submit',
  ]);
  for (const c of report.calls) {
    expect(c.calls).toBeGreaterThan(0);
    expect(c.p50).toBeGreaterThan(0);
    expect(c.roundTripsMax).toBeGreaterThan(0);
  }
  // Resident actions stay within three database round trips, caller included.
  for (const c of report.calls.filter(
    (x) => x.name.startsWith('payment.') || x.name === 'publicity.list' || x.name === 'tipoff.submit',
  ))
    expect(c.roundTripsMax).toBeLessThanOrEqual(3);
  expect(report.unindexedQueries).toBe(0);
  expect(report.bulk).toMatchObject({
    importLines: 1000,
    reimportAlreadyImported: true,
    reimportChangedPayments: 0,
  });
  expect(report.bulk.riskScanAlerts).toBeGreaterThanOrEqual(3);
  // The tip-offs filed during the run, and the imports' and scans' entries, all sealed and verified.
  expect(report.bulk.auditSealed).toBeGreaterThan(0);
  expect(report.bulk).toMatchObject({ auditVerifyOk: true });
  expect(report.engine.map((e) => e.name)).toEqual(['payment.mine', 'approval.queue 乡镇']);
  expect(report.bundles.map((b) => b.name)).toContain('payment');
  expect(report.packages[0]?.name).toBe('主包');
  expect(table(report)).toContain('| payment.mine | 1 |');
}, 300_000);
