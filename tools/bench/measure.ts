/** Latency and throughput of gateway calls at a given concurrency, with database round trips per call. */

export interface Sample {
  ms: number;
  roundTrips: number;
  ok: boolean;
  code: string | null;
}

export interface Figures {
  calls: number;
  concurrency: number;
  p50: number;
  p95: number;
  p99: number;
  /** Calls per second over the whole run. */
  throughput: number;
  roundTripsMax: number;
  roundTripsAvg: number;
  errors: Record<string, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at] as number;
}

export function summarize(samples: Sample[], concurrency: number, wallMs: number): Figures {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors: Record<string, number> = {};
  for (const s of samples) if (!s.ok) errors[s.code ?? 'HTTP'] = (errors[s.code ?? 'HTTP'] ?? 0) + 1;
  const trips = samples.map((s) => s.roundTrips);
  return {
    calls: samples.length,
    concurrency,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    throughput: round((samples.length / wallMs) * 1000),
    roundTripsMax: Math.max(0, ...trips),
    roundTripsAvg: round(trips.reduce((a, b) => a + b, 0) / Math.max(1, trips.length)),
    errors,
  };
}

export const round = (n: number) => Math.round(n * 100) / 100;

/** Calls the gateway as `openid` and times the whole HTTP exchange. */
export async function callGateway(url: string, fn: string, event: unknown, openid: string): Promise<Sample> {
  const started = performance.now();
  const res = await fetch(`${url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-WX-OPENID': openid },
    body: JSON.stringify(event),
  });
  const body = (await res.json()) as { ok?: boolean; code?: string };
  const ms = performance.now() - started;
  return {
    ms,
    roundTrips: Number(res.headers.get('X-DB-Round-Trips') ?? 0),
    ok: res.ok && body.ok === true,
    code: body.ok ? null : (body.code ?? `HTTP ${res.status}`),
  };
}

/** `calls` calls spread over `concurrency` workers; `next(i)` gives the i-th call. */
export async function load(
  calls: number,
  concurrency: number,
  next: (i: number) => Promise<Sample>,
): Promise<Figures> {
  const samples: Sample[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < calls) {
        const i = issued++;
        samples.push(await next(i));
      }
    }),
  );
  return summarize(samples, concurrency, performance.now() - started);
}
