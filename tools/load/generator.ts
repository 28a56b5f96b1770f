/**
 * The load generator: a separate Node process (`tsx tools/load/generator.ts '<config json>'`, started by
 * tools/load/run.ts) that plays `users` virtual users against the local cloud's gateway over loopback
 * with a keep-alive agent, for `durationMs`, then prints one JSON report (tools/load/protocol.ts) on
 * stdout: answers per action and per code, latency percentiles, and every write it saw acknowledged.
 *
 * The mix: resident reads (payment.mine, payment.summary, publicity.list, declaration.mine,
 * user.notices), resident writes (tipoff.submit, user.readNotices, and fresh households: user.register,
 * the village cadre's user.verify, declaration.submit), staff reads (approval.queue,
 * supervision.dashboard) and staff writes (approval.review of the arranged and the freshly submitted
 * declarations, each handed to one virtual user only, so decisions never race each other).
 *
 * A call the gateway refuses (RESOURCE_EXHAUSTED: instances and queue full) did not run; a step of a
 * flow is retried after a pause, a read is not.
 */
import http from 'node:http';
import { checkCharacter } from '../../miniprogram/shared/idcard';
import type { Acknowledged, ActionFigures, GeneratorConfig, GeneratorReport, ReviewAck } from './protocol';

interface Answer {
  status: number;
  code: string;
  message: string;
  data: unknown;
}

const BUSY = 'RESOURCE_EXHAUSTED';
/** Refusals in a row after which a flow step is given up. */
const MAX_REFUSALS = 60;
const UNEXPECTED_KEPT = 20;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** mulberry32: a small seeded generator, so that a run's mix can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[at] as number;
}

const round = (n: number) => Math.round(n * 10) / 10;

function assertLoopback(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    throw new Error(`load generator only talks to loopback, not ${url.hostname}`);
  }
}

class Client {
  private readonly agent: http.Agent;
  private readonly base: URL;
  private readonly samples = new Map<string, { ms: number[]; codes: Record<string, number> }>();
  readonly unexpected: GeneratorReport['unexpected'] = [];
  calls = 0;

  constructor(url: string, sockets: number) {
    this.base = new URL(url);
    assertLoopback(this.base);
    // Sockets taken in turn (fifo) and idle ones dropped after 3 s, well before the server's 5 s
    // keep-alive timeout: a request never goes out on a socket the server is closing.
    this.agent = new http.Agent({
      keepAlive: true,
      maxSockets: sockets,
      keepAliveMsecs: 1000,
      scheduling: 'fifo',
      timeout: 3000,
    });
  }

  /** POST /functions/<fn> as `openid`; the answer, recorded under `fn.action`. */
  async call(fn: string, event: Record<string, unknown>, openid: string): Promise<Answer> {
    const name = `${fn}.${String(event.action)}`;
    const started = performance.now();
    const answer = await this.post(fn, event, openid);
    const ms = performance.now() - started;
    let entry = this.samples.get(name);
    if (!entry) {
      entry = { ms: [], codes: {} };
      this.samples.set(name, entry);
    }
    entry.ms.push(ms);
    entry.codes[answer.code] = (entry.codes[answer.code] ?? 0) + 1;
    this.calls++;
    if (answer.code !== 'ok' && answer.code !== BUSY && this.unexpected.length < UNEXPECTED_KEPT) {
      this.unexpected.push({
        action: name,
        code: answer.code,
        status: answer.status,
        message: answer.message,
      });
    }
    return answer;
  }

  private post(fn: string, event: Record<string, unknown>, openid: string): Promise<Answer> {
    const body = Buffer.from(JSON.stringify(event));
    return new Promise((resolve) => {
      const req = http.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          path: `/functions/${encodeURIComponent(fn)}`,
          method: 'POST',
          agent: this.agent,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': body.length,
            'X-WX-OPENID': openid,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            let parsed: unknown;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              resolve({ status, code: `HTTP ${status}`, message: 'not JSON', data: undefined });
              return;
            }
            if (isRecord(parsed) && parsed.ok === true) {
              resolve({ status, code: 'ok', message: '', data: parsed.data });
            } else if (isRecord(parsed) && typeof parsed.code === 'string') {
              resolve({ status, code: parsed.code, message: String(parsed.message ?? ''), data: undefined });
            } else {
              resolve({ status, code: `HTTP ${status}`, message: 'no envelope', data: undefined });
            }
          });
          res.on('error', (err) =>
            resolve({ status: res.statusCode ?? 0, code: 'NETWORK', message: err.message, data: undefined }),
          );
        },
      );
      req.on('error', (err) =>
        resolve({ status: 0, code: 'NETWORK', message: err.message, data: undefined }),
      );
      req.end(body);
    });
  }

  figures(): Record<string, ActionFigures> {
    const out: Record<string, ActionFigures> = {};
    for (const name of [...this.samples.keys()].sort()) {
      const entry = this.samples.get(name)!;
      const sorted = [...entry.ms].sort((a, b) => a - b);
      out[name] = {
        calls: sorted.length,
        codes: entry.codes,
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted[sorted.length - 1] ?? 0),
      };
    }
    return out;
  }

  close(): void {
    this.agent.destroy();
  }
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['建', '国', '秀', '英', '明', '华', '德', '福', '兰', '芳'];

/** A fresh household head born in 1940 (old enough for 高龄津贴), with a valid ID number unique in the run. */
function freshPerson(k: number): { name: string; idNumber: string } {
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(k / 1000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const name = `${SURNAMES[k % 10]}${GIVEN[Math.floor(k / 10) % 10]}${GIVEN[Math.floor(k / 100) % 10]}`;
  const first17 = `511702${ymd}${String(k % 1000).padStart(3, '0')}`;
  return { name, idNumber: first17 + checkCharacter(first17) };
}

type Task = (vu: VirtualUser) => Promise<void>;

class Load {
  readonly client: Client;
  readonly acked: Acknowledged = {
    tipoffs: [],
    registrations: [],
    verifications: [],
    declarations: [],
    reviews: [],
    readNotices: [],
  };
  /** Declarations waiting for the village review, then for the township's: each taken by one user. */
  readonly villagePool: string[];
  readonly townshipPool: string[] = [];
  /** Verified fresh residents (openids), who read their own declarations and notices. */
  readonly freshResidents: string[] = [];
  nextHousehold = 0;
  /** Tasks started so far. */
  started = 0;
  abandoned = 0;
  readonly deadline: number;

  constructor(readonly config: GeneratorConfig) {
    this.client = new Client(config.url, config.users);
    this.villagePool = [...config.reviewable];
    this.deadline = Date.now() + config.durationMs;
  }
}

class VirtualUser {
  readonly rnd: () => number;
  constructor(
    readonly load: Load,
    readonly index: number,
  ) {
    this.rnd = random(load.config.seed * 7919 + index);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)] as T;
  }

  /** A read: one call; a refusal only makes the user pause. */
  async read(fn: string, event: Record<string, unknown>, openid: string): Promise<Answer> {
    const answer = await this.load.client.call(fn, event, openid);
    if (answer.code === BUSY) await sleep(20 + this.rnd() * 80);
    return answer;
  }

  /** A step of a flow: retried while the gateway refuses it; undefined when it never went through. */
  async step(fn: string, event: Record<string, unknown>, openid: string): Promise<Answer | undefined> {
    for (let refusals = 0; refusals < MAX_REFUSALS; refusals++) {
      const answer = await this.load.client.call(fn, event, openid);
      if (answer.code !== BUSY) return answer;
      await sleep(20 + this.rnd() * 180);
    }
    this.load.abandoned++;
    return undefined;
  }
}

const residentReads: Task[] = [
  (vu) => vu.read('payment', { action: 'mine', year: vu.load.config.year }, vu.load.config.resident).then(),
  (vu) => vu.read('payment', { action: 'summary' }, vu.load.config.resident).then(),
  (vu) =>
    vu
      .read(
        'publicity',
        { action: 'list', regionCode: vu.load.config.villageCode },
        vu.pick([vu.load.config.resident, ...vu.load.freshResidents.slice(-5)]),
      )
      .then(),
  (vu) =>
    vu
      .read(
        'declaration',
        { action: 'mine' },
        vu.pick([vu.load.config.resident, ...vu.load.freshResidents.slice(-5)]),
      )
      .then(),
  (vu) =>
    vu
      .read(
        'user',
        { action: 'notices' },
        vu.pick([vu.load.config.resident, ...vu.load.freshResidents.slice(-5)]),
      )
      .then(),
];

const staffReads: Task[] = [
  (vu) =>
    vu
      .read(
        'approval',
        { action: 'queue' },
        vu.pick([vu.load.config.villageCadre, vu.load.config.townshipCadre]),
      )
      .then(),
  (vu) => vu.read('supervision', { action: 'dashboard' }, vu.load.config.supervisor).then(),
];

/** 我要举报, by name (a notice goes to the reporter's household) or anonymously. */
const submitTipoff: Task = async (vu) => {
  const anonymous = vu.rnd() < 0.3;
  const answer = await vu.step(
    'tipoff',
    {
      action: 'submit',
      kind: vu.pick(['publicity', 'payment', 'conduct', 'other'] as const),
      anonymous,
      regionCode: vu.load.config.villageCode,
      accusedText: '某村干部 某村委会',
      content: `压力测试举报内容，第${vu.index}号用户，${Date.now()}，请核实处理。`,
    },
    vu.load.config.resident,
  );
  if (answer?.code === 'ok' && isRecord(answer.data) && typeof answer.data.trackingCode === 'string') {
    vu.load.acked.tipoffs.push(answer.data.trackingCode);
  }
};

/** 我的消息 → mark the unread ones of the first page read. */
const readNotices: Task = async (vu) => {
  const openid = vu.pick([vu.load.config.resident, ...vu.load.freshResidents.slice(-5)]);
  const list = await vu.step('user', { action: 'notices', pageSize: 50 }, openid);
  if (list?.code !== 'ok' || !isRecord(list.data) || !Array.isArray(list.data.items)) return;
  const ids = list.data.items
    .filter(
      (n): n is { id: string; read: boolean } => isRecord(n) && typeof n.id === 'string' && n.read === false,
    )
    .map((n) => n.id);
  if (ids.length === 0) return;
  const answer = await vu.step('user', { action: 'readNotices', ids }, openid);
  if (answer?.code === 'ok' && isRecord(answer.data) && typeof answer.data.marked === 'number') {
    vu.load.acked.readNotices.push({ ids, marked: answer.data.marked });
  }
};

/** A fresh household: registers, the village cadre confirms the head on site, the head declares 高龄津贴. */
const freshHousehold: Task = async (vu) => {
  const { load } = vu;
  const k = load.nextHousehold++;
  const openid = `${load.config.tag}-h${k}`;
  const person = freshPerson(k);
  const registered = await vu.step(
    'user',
    {
      action: 'register',
      ...person,
      mobile: '13412345678',
      villageCode: load.config.villageCode,
      household: { mode: 'head' },
    },
    openid,
  );
  if (registered?.code !== 'ok' || !isRecord(registered.data) || typeof registered.data.userId !== 'string')
    return;
  const userId = registered.data.userId;
  load.acked.registrations.push(userId);
  const verified = await vu.step(
    'user',
    { action: 'verify', userId, decision: 'confirm', idNumber: person.idNumber },
    load.config.villageCadre,
  );
  if (verified?.code !== 'ok') return;
  load.acked.verifications.push(userId);
  load.freshResidents.push(openid);
  const submitted = await vu.step(
    'declaration',
    {
      action: 'submit',
      code: 'GAOLING',
      answers: { livingWith: vu.pick(['alone', 'family', 'institution']) },
      attachments: [
        { materialKey: 'idCard', fileID: `cloud://ykt-local.local/declarations/${userId}/idCard/1.jpg` },
      ],
    },
    openid,
  );
  if (submitted?.code !== 'ok' || !isRecord(submitted.data)) return;
  const declarationId = submitted.data.declarationId;
  if (typeof declarationId !== 'string') return;
  load.acked.declarations.push(declarationId);
  if (submitted.data.status === 'in_review') load.villagePool.push(declarationId);
};

/** The village or township cadre opens a waiting declaration and approves it. */
const review: Task = async (vu) => {
  const { load } = vu;
  const township = load.townshipPool.length > 0 && (load.villagePool.length === 0 || vu.rnd() < 0.5);
  const declarationId = township ? load.townshipPool.shift() : load.villagePool.shift();
  if (declarationId === undefined) {
    await staffReads[0]!(vu);
    return;
  }
  const cadre = township ? load.config.townshipCadre : load.config.villageCadre;
  const stage = township ? 'township_review' : 'village_review';
  const detail = await vu.step('approval', { action: 'detail', declarationId }, cadre);
  if (detail?.code !== 'ok' || !isRecord(detail.data) || typeof detail.data.version !== 'number') return;
  const answer = await vu.step(
    'approval',
    { action: 'review', declarationId, version: detail.data.version, outcome: 'approve' },
    cadre,
  );
  if (answer?.code !== 'ok') return;
  const ack: ReviewAck = { declarationId, stage };
  load.acked.reviews.push(ack);
  if (!township) load.townshipPool.push(declarationId);
};

/** Weights of the mix: about two thirds reads, one third writes. */
const MIX: Array<[number, Task]> = [
  ...residentReads.map((t): [number, Task] => [9, t]),
  ...staffReads.map((t): [number, Task] => [7, t]),
  [8, submitTipoff],
  [6, readNotices],
  [5, freshHousehold],
  [9, review],
];
const TOTAL_WEIGHT = MIX.reduce((n, [w]) => n + w, 0);

/** The first tasks of the run go once through the whole mix, so that a short run still covers it. */
function choose(vu: VirtualUser): Task {
  const first = vu.load.started++;
  if (first < MIX.length) return MIX[first]![1];
  let r = vu.rnd() * TOTAL_WEIGHT;
  for (const [weight, task] of MIX) {
    r -= weight;
    if (r < 0) return task;
  }
  return MIX[MIX.length - 1]![1];
}

export async function generate(config: GeneratorConfig): Promise<GeneratorReport> {
  const load = new Load(config);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: config.users }, async (_, i) => {
      const vu = new VirtualUser(load, i);
      while (Date.now() < load.deadline) await choose(vu)(vu);
    }),
  );
  const wallMs = performance.now() - started;
  load.client.close();
  const actions = load.client.figures();
  const codes: Record<string, number> = {};
  for (const figures of Object.values(actions)) {
    for (const [code, n] of Object.entries(figures.codes)) codes[code] = (codes[code] ?? 0) + n;
  }
  return {
    users: config.users,
    wallMs: Math.round(wallMs),
    calls: load.client.calls,
    throughput: round((load.client.calls / wallMs) * 1000),
    actions,
    codes,
    unexpected: load.client.unexpected,
    acknowledged: load.acked,
    abandoned: load.abandoned,
  };
}

if (require.main === module) {
  const raw = process.argv[2];
  if (!raw) {
    process.stderr.write('usage: tsx tools/load/generator.ts <config json>\n');
    process.exit(2);
  }
  generate(JSON.parse(raw) as GeneratorConfig).then(
    (report) => {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    },
    (err: Error) => {
      process.stderr.write(`${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
