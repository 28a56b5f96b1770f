/**
 * The permission matrix (issue 10): every action of every function × every kind of caller, each cell
 * with the answer the design calls for. The table is typed over the contract, so an action added to
 * `typings/api` without its row does not compile; permissions.test.ts also holds it against the
 * `actions` each function exports, and runs one call per cell against a seeded local cloud.
 *
 * Every row sends a valid request aimed at real demo objects of 密林村 (罗江镇, 通川区) in the stage the
 * action needs, so the answer is about who calls, not about bad input. A cell that is allowed and
 * changes state gets fresh objects of its own (`cx.allowed`), so cells do not depend on each other.
 *
 * Out of scope, as the implementation answers (consistently, per kind of object):
 * - a resident asking for another household's declaration or named tip-off: NOT_FOUND (nothing tells
 *   that it exists);
 * - a supervisor outside a tip-off's or alert's region: NOT_FOUND (DESIGN: only the supervisors of the
 *   region read tip-offs);
 * - a cadre, finance officer or supervisor naming a region, declaration or batch outside their own:
 *   FORBIDDEN (DESIGN "Roles": staff act inside their region and projects, nothing else);
 * - anyone importing a file from another person's upload folder: FORBIDDEN.
 */
import { insertNew } from '../../../cloudfunctions/_shared/db/bulk';
import {
  newTipoff,
  TIPOFFS,
  type TipoffDoc,
  trackingCode,
} from '../../../cloudfunctions/_shared/domain/tipoffs';
import { toCsv } from '../../../cloudfunctions/_shared/ports/table-files';
import { demoCatalogue, demoHouseholds, libraryCalendar } from '../../../tools/seed';
import type {
  ActionName,
  AlertsResponse,
  AnswerValue,
  BatchReviewResponse,
  ErrorCode,
  FunctionName,
  RequestOf,
  ResponseOf,
  RoleGrant,
  RoleName,
  TipoffListResponse,
} from '../../../typings/api';
import { submitGaoling } from '../../helpers/declarations';
import { bankFile, createBatch, csvFile, exported, FINANCE_USER, uploadImport } from '../../helpers/payments';
import { DACHUAN, TONGCHUAN } from '../../helpers/staff';
import { testIdNumber, uploaded, VILLAGE_HONGHUA, VILLAGE_MILIN, type World } from '../../helpers/world';

// ---------------------------------------------------------------------------------------------------
// Callers
// ---------------------------------------------------------------------------------------------------

export const CALLERS = [
  'anonymous',
  'unregistered',
  'unverified',
  'resident',
  'otherResident',
  'villageCadre',
  'townshipCadre',
  'countyCadre',
  'finance',
  'supervisor',
  'admin',
  'villageCadreOut',
  'townshipCadreOut',
  'countyCadreOut',
  'financeOut',
  'supervisorOut',
] as const;
export type CallerKey = (typeof CALLERS)[number];

export const LABEL: Record<CallerKey, string> = {
  anonymous: '匿名（无openid，即系统）',
  unregistered: '未注册',
  unverified: '未核验居民',
  resident: '居民（罗勇）',
  otherResident: '他户居民（达川区）',
  villageCadre: '村干部',
  townshipCadre: '乡镇干部',
  countyCadre: '县级部门',
  finance: '财政',
  supervisor: '纪检监察',
  admin: '管理员',
  villageCadreOut: '村干部（外村）',
  townshipCadreOut: '乡镇干部（外乡镇）',
  countyCadreOut: '县级部门（外县）',
  financeOut: '财政（外县）',
  supervisorOut: '纪检监察（外县）',
};

const OTHER_TOWNSHIP = '511702002000';
const MINGYUE = '511703001001';
const COUNTY_PROJECTS = ['DIBAO', 'TEKUN', 'GAOLING'];

/** The demo accounts (tools/seed), by caller. */
const DEMO_OPENID: Partial<Record<CallerKey, string>> = {
  unverified: 'demo-resident-elder',
  resident: 'demo-resident-luoyong',
  otherResident: 'demo-resident-laoliu',
  villageCadre: 'demo-cadre-village',
  townshipCadre: 'demo-cadre-township',
  countyCadre: 'demo-cadre-county',
  finance: 'demo-finance',
  supervisor: 'demo-supervisor',
  admin: 'demo-admin',
};

/**
 * Staff outside 密林村's scope: registered, verified people (each the head of a household where they
 * work), so that a refusal is about their scope and never about their registration.
 */
const OUT_OF_SCOPE: Array<{ key: CallerKey; villageCode: string; grant: RoleGrant }> = [
  {
    key: 'villageCadreOut',
    villageCode: VILLAGE_HONGHUA,
    grant: {
      role: 'cadre',
      level: 'village',
      regionCode: VILLAGE_HONGHUA,
      projectCodes: [],
      unit: '红花村村委会',
    },
  },
  {
    key: 'townshipCadreOut',
    villageCode: '511702002001',
    grant: {
      role: 'cadre',
      level: 'township',
      regionCode: OTHER_TOWNSHIP,
      projectCodes: [],
      unit: '外乡镇人民政府',
    },
  },
  {
    key: 'countyCadreOut',
    villageCode: MINGYUE,
    grant: {
      role: 'cadre',
      level: 'county',
      regionCode: DACHUAN,
      projectCodes: COUNTY_PROJECTS,
      unit: '达川区民政局',
    },
  },
  {
    key: 'financeOut',
    villageCode: MINGYUE,
    grant: { role: 'finance', regionCode: DACHUAN, unit: '达川区财政局' },
  },
  {
    key: 'supervisorOut',
    villageCode: MINGYUE,
    grant: { role: 'supervisor', regionCode: DACHUAN, unit: '达川区纪委监委' },
  },
];

/** The staff roles each caller holds (residency comes with registration and is no grant). */
const ROLES: Record<CallerKey, RoleName[]> = {
  anonymous: [],
  unregistered: [],
  unverified: [],
  resident: [],
  otherResident: [],
  villageCadre: ['cadre'],
  townshipCadre: ['cadre'],
  countyCadre: ['cadre'],
  finance: ['finance'],
  supervisor: ['supervisor'],
  admin: ['admin'],
  villageCadreOut: ['cadre'],
  townshipCadreOut: ['cadre'],
  countyCadreOut: ['cadre'],
  financeOut: ['finance'],
  supervisorOut: ['supervisor'],
};

// ---------------------------------------------------------------------------------------------------
// Cells and rows
// ---------------------------------------------------------------------------------------------------

export type Expected = 'ok' | ErrorCode;
export type Cells = Record<CallerKey, Expected>;

export interface CellContext {
  caller: CallerKey;
  /** The cell expects `ok`: it gets fresh objects where the call changes them. */
  allowed: boolean;
  fx: Fixture;
}

export interface Row<F extends FunctionName, A extends ActionName<F>> {
  expect: Cells;
  /** A valid request for this caller (arranging fresh objects for an allowed state change). */
  request(cx: CellContext): RequestOf<F, A> | Promise<RequestOf<F, A>>;
  /** A state change: an allowed call must write and leave an audit entry for it. */
  writes?: boolean;
  /** The audit action an allowed call records, when it is not `fn.action`. */
  auditAs?: string;
  /** Why an allowed call may write without an audit entry of its own. */
  unaudited?: string;
  /** For answers that carry per-item outcomes (batch review): the code the caller really got. */
  outcome?(data: ResponseOf<F, A>): Expected;
  /** More checks of an allowed answer (e.g. a list shows nothing outside the caller's scope). */
  check?(data: ResponseOf<F, A>, cx: CellContext): void;
}

export type Matrix = { [F in FunctionName]: { [A in ActionName<F>]: Row<F, A> } };

type AccessRule = 'anyone' | 'registered' | 'verified' | 'system' | readonly RoleName[];

/**
 * The cells of an access rule as DESIGN.md states it (written here, not read from the code): anyone;
 * registered (UNAUTHENTICATED otherwise); verified (and FAILED_PRECONDITION while the on-site
 * verification is pending); system (no caller at all); or staff roles (FORBIDDEN to everyone else,
 * visitors included). `scope` then says what the row's target changes for particular callers.
 */
function cells(rule: AccessRule, scope: Partial<Cells> = {}): Cells {
  const out = {} as Cells;
  for (const c of CALLERS) {
    const visitor = c === 'anonymous' || c === 'unregistered';
    let e: Expected;
    if (rule === 'anyone') e = 'ok';
    else if (rule === 'system') e = c === 'anonymous' ? 'ok' : 'FORBIDDEN';
    else if (rule === 'registered') e = visitor ? 'UNAUTHENTICATED' : 'ok';
    else if (rule === 'verified')
      e = visitor ? 'UNAUTHENTICATED' : c === 'unverified' ? 'FAILED_PRECONDITION' : 'ok';
    else e = ROLES[c].some((r) => rule.includes(r)) ? 'ok' : 'FORBIDDEN';
    out[c] = scope[c] ?? e;
  }
  return out;
}

/** Every caller that `from` allows, except those in `keep`, gets `code` instead. */
function othersThan(keep: CallerKey[], code: Expected, from: Cells): Cells {
  const out = { ...from };
  for (const c of CALLERS) {
    if (!keep.includes(c) && from[c] === 'ok') out[c] = code;
  }
  return out;
}

const OUT_CADRES: Partial<Cells> = {
  villageCadreOut: 'FORBIDDEN',
  townshipCadreOut: 'FORBIDDEN',
  countyCadreOut: 'FORBIDDEN',
};

// ---------------------------------------------------------------------------------------------------
// The arranged world
// ---------------------------------------------------------------------------------------------------

interface Account {
  openid: string;
  userId: string;
  memberId: string;
}

interface Person {
  openid: string;
  userId: string;
  name: string;
  idNumber: string;
}

type Stage = 'village' | 'township' | 'notice' | 'county';

const ELDER = demoHouseholds.find((h) => h.key === 'zhangxiuying')?.people[0];
const CATALOGUE = demoCatalogue(new Date('2026-11-01T00:00:00Z'));

/** Demo objects and fresh ones, arranged through the functions as a real flow leaves them. */
export class Fixture {
  private seq = 0;
  private readonly accounts = new Map<CallerKey, Account>();
  private readonly materials = new Map<string, string[]>();
  private alertQueue: Array<{ alertId: string; version: number }> = [];
  private countyPool: string[] = [];
  /** Shared targets for the cells that are refused (and for reads). */
  shared!: {
    village: string;
    township: string;
    notice: string;
    county: string;
    luoyongInReview: string;
    luoyongReturned: string;
    luoyongApproved: string;
    batchCreated: string;
    batchExported: string;
    exportedFile: { fileID: string; fileName: string };
    ledgerFile: { fileID: string; fileName: string };
    deathsFile: { fileID: string; fileName: string };
    tipoff: Record<'submitted' | 'accepted' | 'closed', TipoffDoc>;
    namedReplied: string;
    grantTarget: Person;
    revokeTarget: string;
    alert: { alertId: string; version: number };
  };
  /** Ids that must not show in an out-of-scope supervisor's lists. */
  readonly tongchuanTipoffs = ['JBDEMQ222223', 'JBDEMQ222224', 'JBDEMQ222225'];

  constructor(readonly world: World) {}

  next(): number {
    this.seq += 1;
    return this.seq;
  }

  async setUp(): Promise<void> {
    for (const c of CALLERS) {
      const openid = DEMO_OPENID[c];
      if (openid) await this.remember(c, openid, `u-${openid}`);
    }
    await Promise.all(OUT_OF_SCOPE.map((s) => this.outOfScope(s)));

    // Declarations at each stage, 罗勇's own (one in review to withdraw, one returned to resubmit),
    // and finance's batches: independent of each other, so arranged at once.
    const [village, township, notice, county, luoyong, batches] = await Promise.all([
      this.gaoling('village'),
      this.gaoling('township'),
      this.gaoling('notice'),
      // The county stage comes after the notice ends: one scheduler run moves the shared item and the
      // fresh ones of the two allowed county cells.
      this.atCounty(3),
      (async () => {
        const inReview = await this.luoyongDeclares('DUSHENG', { onlyChildFamily: true });
        const returned = await this.luoyongDeclares('TEKUN', TEKUN_ANSWERS);
        await this.returnByVillage(returned);
        return { inReview, returned };
      })(),
      (async () => {
        const created = await createBatch(this.world, this.batchOf('YIMIN', VILLAGE_MILIN, '2026-10'));
        const done = await createBatch(this.world, this.batchOf('YIMIN', VILLAGE_HONGHUA, '2026-10'));
        return {
          created: created.batchId,
          exported: done.batchId,
          file: await this.bankAnswer(done.batchId),
        };
      })(),
    ]);
    const [shared, ...pool] = county;
    this.countyPool = pool;
    // After the scheduler run above (which may scan too), so that two scans never race.
    await this.world.ok('supervision', 'runRiskScan', {}, 'demo-supervisor');
    const open = await this.world.ok(
      'supervision',
      'alerts',
      { status: 'open', pageSize: 50 },
      'demo-supervisor',
    );
    this.alertQueue = open.items.map((a) => ({ alertId: a.alertId, version: a.version }));
    const alert = this.alertQueue.shift();
    if (!alert || this.alertQueue.length === 0)
      throw new Error('the demo risk scan raised fewer than 2 alerts');

    this.shared = {
      village,
      township,
      notice,
      county: shared ?? '',
      luoyongInReview: luoyong.inReview,
      luoyongReturned: luoyong.returned,
      luoyongApproved: 'd-demo-h-luoyong-YIMIN-2026',
      batchCreated: batches.created,
      batchExported: batches.exported,
      exportedFile: batches.file,
      ledgerFile: this.ledgerFile(),
      deathsFile: this.deathsFile('u-demo-supervisor'),
      tipoff: {
        submitted: await this.tipoff('submitted'),
        accepted: await this.tipoff('accepted'),
        closed: await this.tipoff('closed'),
      },
      namedReplied: (await this.tipoff('replied', true)).code,
      grantTarget: await this.person(),
      revokeTarget: await this.withGrant(),
      alert,
    };
  }

  private async outOfScope(s: (typeof OUT_OF_SCOPE)[number]): Promise<void> {
    const openid = `matrix-${s.key}`;
    const userId = await this.world.verifiedResident(openid, {
      name: '吴志强',
      idNumber: testIdNumber(600 + this.next(), '19800101', s.villageCode.slice(0, 6)),
      villageCode: s.villageCode,
    });
    await this.world.db
      .collection('users')
      .doc(userId)
      .update({ data: { roles: [s.grant], roleNames: [s.grant.role], isStaff: true } });
    await this.remember(s.key, openid, userId);
  }

  private async remember(c: CallerKey, openid: string, userId: string): Promise<void> {
    const { data } = await this.world.db.collection<{ memberId?: string | null }>('users').doc(userId).get();
    this.accounts.set(c, { openid, userId, memberId: data.memberId ?? '' });
  }

  /** The openid a call is made with: none for the anonymous caller, a new one for each visitor. */
  openidOf(c: CallerKey): string | undefined {
    if (c === 'anonymous') return undefined;
    if (c === 'unregistered') return `matrix-visitor-${this.next()}`;
    return this.account(c).openid;
  }

  private account(c: CallerKey): Account {
    const a = this.accounts.get(c);
    if (!a) throw new Error(`no account for ${c}`);
    return a;
  }

  /** The caller's user id, or one nobody has (for callers without an account). */
  userId(c: CallerKey): string {
    return this.accounts.get(c)?.userId ?? 'u-nobody';
  }

  memberId(c: CallerKey): string {
    return this.accounts.get(c)?.memberId || 'm-nobody';
  }

  /** A registered (not yet verified) person of 密林村, head of a new household. */
  async registrant(birth = '19700101'): Promise<Person> {
    const n = this.next();
    const person = { name: '孙秀兰', idNumber: testIdNumber(500 + n, birth), villageCode: VILLAGE_MILIN };
    const openid = `matrix-person-${n}`;
    const { userId } = await this.world.ok(
      'user',
      'register',
      { ...person, mobile: '13412345678', household: { mode: 'head' } },
      openid,
    );
    return { openid, userId, name: person.name, idNumber: person.idNumber };
  }

  /** A verified person of 密林村 (the village cadre's on-site step, arranged). */
  async person(birth = '19700101'): Promise<Person> {
    const n = this.next();
    const person = { name: '孔繁荣', idNumber: testIdNumber(500 + n, birth), villageCode: VILLAGE_MILIN };
    const openid = `matrix-person-${n}`;
    const userId = await this.world.verifiedResident(openid, person);
    return { openid, userId, name: person.name, idNumber: person.idNumber };
  }

  /** A verified person holding a finance grant of 达川区 (for revoking). */
  async withGrant(): Promise<string> {
    const p = await this.person();
    const grant: RoleGrant = { role: 'finance', regionCode: DACHUAN, unit: '达川区财政局' };
    await this.world.db
      .collection('users')
      .doc(p.userId)
      .update({ data: { roles: [grant], roleNames: ['finance'], isStaff: true } });
    return p.userId;
  }

  /** A 高龄津贴 declaration of a new 85-year-old of 密林村, taken to `stage`. */
  async gaoling(stage: Exclude<Stage, 'county'>): Promise<string> {
    const p = await this.person('19410101');
    const id = await submitGaoling(this.world, p.openid, p.userId);
    if (stage === 'village') return id;
    await this.review(id, 'demo-cadre-village', 'approve');
    if (stage === 'notice') await this.review(id, 'demo-cadre-township', 'approve');
    return id;
  }

  /** `n` declarations whose notice has ended: the scheduler moves them on to the county department. */
  async atCounty(n: number): Promise<string[]> {
    const ids = await Promise.all(Array.from({ length: n }, () => this.gaoling('notice')));
    for (const id of ids) {
      await this.world.db
        .collection('declarations')
        .doc(id)
        .update({ data: { dueAt: new Date(this.world.now().getTime() - 1000) } });
    }
    await this.world.trigger('scheduler');
    for (const id of ids) {
      const { data } = await this.world.db
        .collection<{ stageLevel: string | null }>('declarations')
        .doc(id)
        .get();
      if (data.stageLevel !== 'county') throw new Error(`declaration ${id} did not reach the county stage`);
    }
    return ids;
  }

  async version(collection: 'declarations' | 'tipoffs', id: string): Promise<number> {
    const { data } = await this.world.db.collection<{ version: number }>(collection).doc(id).get();
    return data.version;
  }

  private async review(id: string, cadre: string, outcome: 'approve' | 'return'): Promise<void> {
    const version = await this.version('declarations', id);
    await this.world.ok(
      'approval',
      'review',
      {
        declarationId: id,
        version,
        outcome,
        ...(outcome === 'return' ? { opinion: '请补充收入证明材料' } : {}),
      },
      cadre,
    );
  }

  async returnByVillage(id: string): Promise<void> {
    await this.review(id, 'demo-cadre-village', 'return');
  }

  /** The declaration a cadre of this caller's level acts on now (fresh when the cell is allowed). */
  async atLevelOf(cx: CellContext): Promise<string> {
    const stage: Stage =
      cx.caller === 'townshipCadre' || cx.caller === 'townshipCadreOut'
        ? 'township'
        : cx.caller === 'countyCadre' || cx.caller === 'countyCadreOut'
          ? 'county'
          : 'village';
    if (!cx.allowed) return this.shared[stage];
    if (stage !== 'county') return this.gaoling(stage);
    const id = this.countyPool.shift();
    if (!id) throw new Error('no county-stage declaration left');
    return id;
  }

  /** Required materials of a project, as files the uploader put in their own folder. */
  async attachments(code: string, userId: string) {
    let keys = this.materials.get(code);
    if (!keys) {
      const p = await this.world.ok('declaration', 'getProject', { code });
      keys = p.materials.filter((m) => m.required).map((m) => m.key);
      this.materials.set(code, keys);
    }
    return keys.map((k) => uploaded(userId, k));
  }

  async luoyongDeclares(code: string, answers: Record<string, AnswerValue>): Promise<string> {
    const { declarationId, valid } = await this.world.ok(
      'declaration',
      'submit',
      {
        code,
        answers,
        attachments: await this.attachments(code, 'u-demo-resident-luoyong'),
      },
      'demo-resident-luoyong',
    );
    if (!valid) throw new Error(`罗勇's ${code} declaration is not valid`);
    return declarationId;
  }

  /**
   * A batch request: the demo's approved households (移民 and 残疾人 of 密林村 and 红花村, approved in
   * September) can be paid for October and November, one village's batch each.
   */
  batchOf(projectCode: 'YIMIN' | 'CANJI', regionCode: string, period: '2026-10' | '2026-11') {
    return { projectCode, regionCode, period };
  }

  /** Exports a batch and uploads the bank's answer (every line paid) to finance's folder. */
  async bankAnswer(batchId: string): Promise<{ fileID: string; fileName: string }> {
    const { table } = await exported(this.world, batchId);
    const n = this.next();
    return csvFile(
      this.world,
      bankFile(table, (_line, i) => ({ paid: true, serial: `MX${n}-${i}` })),
    );
  }

  /** One line of the old platform's ledger for 罗勇's household, in finance's folder. */
  ledgerFile(): { fileID: string; fileName: string } {
    const luoyong = demoHouseholds.find((h) => h.key === 'luoyong')?.people[0];
    const n = this.next();
    const table = [
      ['户主身份证号', '项目代码', '期次', '金额', '发放日期', '银行流水号'],
      [luoyong?.idNumber ?? '', 'YIMIN', '2024-12', '50.00', '2024-12-20', `MXLEDGER${n}`],
    ];
    const name = `ledger-${n}.csv`;
    return { fileID: uploadImport(this.world, toCsv(table), name, FINANCE_USER), fileName: name };
  }

  /** A 死亡人员名单 of one invented person, in the supervisor's folder. */
  deathsFile(userId: string): { fileID: string; fileName: string } {
    const n = this.next();
    const table = [
      ['身份证号', '姓名', '死亡日期'],
      [testIdNumber(900 + n, '19300101'), '钱德明', '2026-01-05'],
    ];
    const name = `deaths-${n}.csv`;
    return { fileID: uploadImport(this.world, toCsv(table), name, userId), fileName: name };
  }

  /** A tip-off about 密林村 in the given state (named: 罗勇's own). */
  async tipoff(status: TipoffDoc['status'], named = false): Promise<TipoffDoc> {
    const now = this.world.now();
    const base = newTipoff({
      code: trackingCode(),
      kind: 'conduct',
      anonymous: !named,
      reporterUserId: named ? 'u-demo-resident-luoyong' : null,
      secret: named ? null : 'matrix-secret-2026',
      regionCode: VILLAGE_MILIN,
      projectCode: null,
      declarationId: null,
      accused: [],
      accusedText: null,
      content: '村里发放补贴时存在优亲厚友的情况，请核查。',
      attachments: [],
      now,
      calendar: libraryCalendar(),
    });
    const settled = status === 'closed' || status === 'replied';
    const doc: TipoffDoc = {
      ...base,
      status,
      dueAt: status === 'submitted' ? base.dueAt : null,
      conclusion: settled ? '经核查，情况不属实。' : null,
      reply: status === 'replied' ? '经核查，情况不属实，感谢您的监督。' : null,
    };
    await insertNew(this.world.db, TIPOFFS, [doc]);
    return doc;
  }

  async tipoffFor(cx: CellContext, status: 'submitted' | 'accepted' | 'closed') {
    const t = cx.allowed ? await this.tipoff(status) : this.shared.tipoff[status];
    return { tipoffId: t._id, version: t.version };
  }

  nextAlert(): { alertId: string; version: number } {
    const a = this.alertQueue.shift();
    if (!a) throw new Error('no open alert left');
    return a;
  }

  project(code: string) {
    const p = CATALOGUE.find((x) => x.code === code);
    if (!p) throw new Error(`no demo project ${code}`);
    return p;
  }
}

const TEKUN_ANSWERS = { noLaborAbility: true, noIncome: true, noSupporter: true, careMode: 'home' };
const GAOLING_ANSWERS = { livingWith: 'alone' };

// ---------------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------------

const onlyResident = (rule: AccessRule): Cells => othersThan(['resident'], 'NOT_FOUND', cells(rule));

export const matrix: Matrix = {
  user: {
    login: { expect: cells('anyone'), request: () => ({}) },
    register: {
      // Anyone may register once: a caller with a registration already gets CONFLICT.
      expect: othersThan(['unregistered'], 'CONFLICT', cells('anyone', { anonymous: 'UNAUTHENTICATED' })),
      writes: true,
      request: ({ fx }) => ({
        name: '钱多多',
        idNumber: testIdNumber(300 + fx.next(), '19770707'),
        mobile: '13712345678',
        villageCode: VILLAGE_MILIN,
        household: { mode: 'head' },
      }),
    },
    profile: { expect: cells('registered'), request: () => ({}) },
    updateProfile: {
      expect: cells('registered'),
      writes: true,
      request: ({ fx }) => ({ mobile: `139${String(fx.next()).padStart(8, '0')}` }),
    },
    household: { expect: cells('registered'), request: () => ({}) },
    bindCard: {
      // Every verified caller is the head of their own household and binds its card.
      expect: cells('verified'),
      writes: true,
      request: ({ fx, caller }) => ({
        kind: 'bank',
        bank: '测试银行',
        cardNumber: `8800${String(fx.next()).padStart(12, '0')}`,
        holderMemberId: fx.memberId(caller),
      }),
    },
    verificationQueue: {
      // Village and township cadres of 密林村 only: county departments do not verify residents.
      expect: cells(['cadre'], { countyCadre: 'FORBIDDEN', ...OUT_CADRES }),
      request: () => ({ villageCode: VILLAGE_MILIN }),
    },
    verify: {
      expect: cells(['cadre'], { countyCadre: 'FORBIDDEN', ...OUT_CADRES }),
      writes: true,
      async request({ fx, allowed }) {
        const target = allowed
          ? await fx.registrant()
          : { userId: 'u-demo-resident-elder', idNumber: ELDER?.idNumber ?? '' };
        return { userId: target.userId, decision: 'confirm', idNumber: target.idNumber };
      },
    },
    faceVerify: {
      // No provider ships: the pending resident is told to see the village cadre; the verified have nothing to do.
      expect: othersThan(
        ['unverified'],
        'CONFLICT',
        cells('registered', { unverified: 'FAILED_PRECONDITION' }),
      ),
      request: () => ({ token: 'matrix-face-token' }),
    },
    notices: { expect: cells('registered'), request: () => ({}) },
    readNotices: { expect: cells('registered'), request: () => ({}) },
    subscribe: {
      expect: cells('registered'),
      writes: true,
      request: () => ({ accepted: ['declaration'] }),
    },
  },

  admin: {
    grantRole: {
      expect: cells(['admin']),
      writes: true,
      async request({ fx, allowed }) {
        const target = allowed ? await fx.person() : fx.shared.grantTarget;
        return {
          idNumber: target.idNumber,
          grant: { role: 'finance', regionCode: DACHUAN, unit: '达川区财政局' },
        };
      },
    },
    revokeRole: {
      expect: cells(['admin']),
      writes: true,
      async request({ fx, allowed }) {
        const userId = allowed ? await fx.withGrant() : fx.shared.revokeTarget;
        return { userId, role: 'finance', regionCode: DACHUAN };
      },
    },
    listStaff: { expect: cells(['admin']), request: () => ({}) },
    listRegions: { expect: cells('anyone'), request: () => ({ parentCode: TONGCHUAN }) },
    upsertProject: {
      expect: cells(['admin']),
      writes: true,
      request: ({ fx }) => ({
        project: { ...fx.project('GAOLING'), code: `MATRIX${fx.next()}`, name: '权限矩阵测试项目' },
      }),
    },
    calendar: { expect: cells(['admin']), request: () => ({ year: 2026 }) },
    importCalendar: {
      expect: cells(['admin']),
      writes: true,
      // A year nobody entered, so the admin's first entry (version 0) goes in; refusals write nothing.
      request: ({ allowed }) => {
        const year = allowed ? 2099 : 2098;
        return { year, version: 0, rows: [{ date: `${year}-10-01`, kind: 'holiday', name: '国庆节' }] };
      },
    },
  },

  declaration: {
    listProjects: { expect: cells('anyone'), request: () => ({}) },
    getProject: { expect: cells('anyone'), request: () => ({ code: 'GAOLING' }) },
    precheck: {
      expect: cells('registered'),
      request: () => ({ code: 'GAOLING', answers: GAOLING_ANSWERS }),
    },
    submit: {
      // Each verified caller declares for their own household (under 80: kept as received, not valid).
      expect: cells('verified'),
      writes: true,
      request: async ({ fx, caller }) => ({
        code: 'GAOLING',
        answers: GAOLING_ANSWERS,
        attachments: await fx.attachments('GAOLING', fx.userId(caller)),
      }),
    },
    mine: { expect: cells('registered'), request: () => ({}) },
    detail: {
      expect: onlyResident('registered'),
      request: ({ fx }) => ({ declarationId: fx.shared.luoyongApproved }),
    },
    withdraw: {
      expect: onlyResident('registered'),
      writes: true,
      request: async ({ fx, allowed }) => ({
        declarationId: allowed
          ? await fx.luoyongDeclares('DIBAO', {
              householdSize: 3,
              incomePerCapita: 20_000,
              hasCarOrHouse: false,
              reason: '家中老人多病，收入微薄',
            })
          : fx.shared.luoyongInReview,
        reason: '家里情况有变化',
      }),
    },
    resubmit: {
      expect: onlyResident('verified'),
      writes: true,
      async request({ fx, allowed }) {
        let declarationId = fx.shared.luoyongReturned;
        if (allowed) {
          declarationId = await fx.luoyongDeclares('CANJI', {
            hasCertificate: true,
            certificateNumber: '51170219620418017041',
            grade: '2',
          });
          await fx.returnByVillage(declarationId);
        }
        const code = allowed ? 'CANJI' : 'TEKUN';
        const answers: Record<string, AnswerValue> = allowed
          ? { hasCertificate: true, certificateNumber: '51170219620418017041', grade: '1' }
          : TEKUN_ANSWERS;
        return {
          declarationId,
          answers,
          attachments: await fx.attachments(code, 'u-demo-resident-luoyong'),
        };
      },
    },
    proxySubmit: {
      // 代办 by the village and township cadres of the applicant's village; not by county departments.
      expect: cells(['cadre'], { countyCadre: 'FORBIDDEN', ...OUT_CADRES }),
      writes: true,
      async request({ fx, caller, allowed }) {
        const applicant = allowed
          ? await fx.registrant('19400101')
          : { name: ELDER?.name ?? '', idNumber: ELDER?.idNumber ?? '' };
        return {
          code: 'GAOLING',
          applicantIdNumber: applicant.idNumber,
          applicantName: applicant.name,
          reason: 'elderly',
          answers: GAOLING_ANSWERS,
          attachments: await fx.attachments('GAOLING', fx.userId(caller)),
        };
      },
    },
  },

  approval: {
    queue: {
      expect: cells(['cadre'], OUT_CADRES),
      request: () => ({ villageCode: VILLAGE_MILIN }),
    },
    detail: {
      expect: cells(['cadre'], OUT_CADRES),
      request: ({ fx }) => ({ declarationId: fx.shared.village }),
    },
    review: {
      // Each cadre on the item at their own level's stage; outside 密林村's region: FORBIDDEN.
      expect: cells(['cadre'], OUT_CADRES),
      writes: true,
      async request(cx) {
        const declarationId = await cx.fx.atLevelOf(cx);
        return {
          declarationId,
          version: await cx.fx.version('declarations', declarationId),
          outcome: 'approve',
        };
      },
    },
    batchReview: {
      expect: cells(['cadre'], OUT_CADRES),
      writes: true,
      auditAs: 'approval.review',
      outcome: (data: BatchReviewResponse) => {
        const first = data.results[0];
        return !first || first.ok ? 'ok' : (first.code as ErrorCode);
      },
      async request(cx) {
        const declarationId = await cx.fx.atLevelOf(cx);
        return {
          items: [{ declarationId, version: await cx.fx.version('declarations', declarationId) }],
          outcome: 'approve',
        };
      },
    },
  },

  publicity: {
    list: { expect: cells('registered'), request: () => ({ regionCode: VILLAGE_MILIN }) },
    detail: { expect: cells('registered'), request: ({ fx }) => ({ publicityId: fx.shared.notice }) },
    object: {
      // Anyone registered may object to a line of a public list during its notice.
      expect: cells('registered'),
      writes: true,
      request: async ({ fx, allowed }) => ({
        publicityId: allowed ? await fx.gaoling('notice') : fx.shared.notice,
        content: '据我所知这位老人已随子女迁往外地居住，请核实。',
        anonymous: false,
      }),
    },
  },

  payment: {
    mine: { expect: cells('verified'), request: () => ({ year: 2026 }) },
    summary: { expect: cells('verified'), request: () => ({}) },
    statement: { expect: cells('verified'), request: () => ({ year: 2026 }) },
    createBatch: {
      expect: cells(['finance'], { financeOut: 'FORBIDDEN' }),
      writes: true,
      request: ({ fx }) => fx.batchOf('YIMIN', VILLAGE_MILIN, '2026-11'),
    },
    cancelBatch: {
      expect: cells(['finance'], { financeOut: 'FORBIDDEN' }),
      writes: true,
      request: async ({ fx, allowed }) => ({
        batchId: allowed
          ? (await createBatch(fx.world, fx.batchOf('YIMIN', VILLAGE_HONGHUA, '2026-11'))).batchId
          : fx.shared.batchCreated,
        reason: '发放名单需要复核',
      }),
    },
    exportBatch: {
      expect: cells(['finance'], { financeOut: 'FORBIDDEN' }),
      writes: true,
      request: async ({ fx, allowed }) => ({
        batchId: allowed
          ? (await createBatch(fx.world, fx.batchOf('CANJI', VILLAGE_MILIN, '2026-10'))).batchId
          : fx.shared.batchCreated,
        format: 'csv',
      }),
    },
    importResults: {
      expect: cells(['finance'], { financeOut: 'FORBIDDEN' }),
      writes: true,
      async request({ fx, allowed }) {
        if (!allowed) return { batchId: fx.shared.batchExported, ...fx.shared.exportedFile };
        const { batchId } = await createBatch(fx.world, fx.batchOf('CANJI', VILLAGE_HONGHUA, '2026-10'));
        return { batchId, ...(await fx.bankAnswer(batchId)) };
      },
    },
    importLedger: {
      // The file lies in the folder of 通川区's finance officer: nobody else may import it.
      expect: cells(['finance'], { financeOut: 'FORBIDDEN' }),
      writes: true,
      request: ({ fx, allowed }) => (allowed ? fx.ledgerFile() : fx.shared.ledgerFile),
    },
    batches: {
      expect: cells(['finance'], { financeOut: 'FORBIDDEN' }),
      request: ({ fx }) => ({ batchId: fx.shared.batchCreated }),
    },
  },

  tipoff: {
    submit: {
      // Anonymous tip-offs are open to anyone in WeChat; a call without any openid is told to open
      // the mini program, as registration is.
      expect: cells('anyone', { anonymous: 'UNAUTHENTICATED' }),
      writes: true,
      request: () => ({
        kind: 'conduct',
        anonymous: true,
        regionCode: VILLAGE_MILIN,
        content: '村干部在低保评议中优亲厚友，请核查。',
      }),
    },
    staff: { expect: cells('registered'), request: () => ({ regionCode: VILLAGE_MILIN }) },
    track: {
      // 罗勇's named tip-off: only he can follow it; to anyone else it does not exist.
      expect: onlyResident('anyone'),
      request: () => ({ trackingCode: 'JBDEMQ222223' }),
    },
    mine: { expect: cells('registered'), request: () => ({}) },
    rate: {
      expect: onlyResident('anyone'),
      writes: true,
      request: async ({ fx, allowed }) => ({
        trackingCode: allowed ? (await fx.tipoff('replied', true)).code : fx.shared.namedReplied,
        satisfied: true,
      }),
    },
    list: {
      expect: cells(['supervisor']),
      request: () => ({ pageSize: 50 }),
      check(data: TipoffListResponse, cx) {
        if (cx.caller !== 'supervisorOut') return;
        const seen = data.items.map((t) => t.tipoffId);
        for (const id of cx.fx.tongchuanTipoffs) if (seen.includes(id)) throw new Error(`${id} leaked`);
      },
    },
    detail: {
      expect: cells(['supervisor'], { supervisorOut: 'NOT_FOUND' }),
      request: () => ({ tipoffId: 'JBDEMQ222223' }),
    },
    accept: {
      expect: cells(['supervisor'], { supervisorOut: 'NOT_FOUND' }),
      writes: true,
      request: (cx) => cx.fx.tipoffFor(cx, 'submitted'),
    },
    reply: {
      expect: cells(['supervisor'], { supervisorOut: 'NOT_FOUND' }),
      writes: true,
      request: async (cx) => ({
        ...(await cx.fx.tipoffFor(cx, 'closed')),
        reply: '经核查，情况不属实，感谢您的监督。',
      }),
    },
    close: {
      expect: cells(['supervisor'], { supervisorOut: 'NOT_FOUND' }),
      writes: true,
      request: async (cx) => ({
        ...(await cx.fx.tipoffFor(cx, 'accepted')),
        conclusion: '经核查，情况不属实。',
      }),
    },
    transfer: {
      expect: cells(['supervisor'], { supervisorOut: 'NOT_FOUND' }),
      writes: true,
      request: async (cx) => ({
        ...(await cx.fx.tipoffFor(cx, 'submitted')),
        regionCode: VILLAGE_HONGHUA,
        reason: '问题发生在红花村',
      }),
    },
  },

  supervision: {
    dashboard: {
      expect: cells(['supervisor'], { supervisorOut: 'FORBIDDEN' }),
      request: () => ({ regionCode: TONGCHUAN }),
    },
    overdue: {
      expect: cells(['supervisor'], { supervisorOut: 'FORBIDDEN' }),
      request: () => ({ regionCode: TONGCHUAN }),
    },
    alerts: {
      expect: cells(['supervisor']),
      request: () => ({ pageSize: 50 }),
      check(data: AlertsResponse, cx) {
        if (cx.caller !== 'supervisorOut') return;
        const inTongchuan = data.items.filter((a) => a.regionCode.startsWith('511702'));
        if (inTongchuan.length > 0) throw new Error(`alerts of 通川区 leaked: ${inTongchuan.length}`);
      },
    },
    resolveAlert: {
      expect: cells(['supervisor'], { supervisorOut: 'NOT_FOUND' }),
      writes: true,
      request: ({ fx, allowed }) => ({
        ...(allowed ? fx.nextAlert() : fx.shared.alert),
        outcome: 'dismissed',
        note: '经核查，数据无误，排除风险。',
      }),
    },
    runRiskScan: {
      // The scan covers the whole city (it is what the timer runs); any supervisor may start it, and
      // hears only of the alerts in their own region (tests/cloud/supervision/risk.test.ts).
      expect: cells(['supervisor']),
      writes: true,
      request: () => ({}),
    },
    importRegister: {
      // The list lies in 通川区's supervisor's folder: nobody else may import it.
      expect: cells(['supervisor'], { supervisorOut: 'FORBIDDEN' }),
      writes: true,
      request: ({ fx, allowed }) => ({
        kind: 'deaths',
        ...(allowed ? fx.deathsFile('u-demo-supervisor') : fx.shared.deathsFile),
      }),
    },
    auditVerify: { expect: cells(['supervisor']), writes: true, request: () => ({}) },
    interviews: {
      expect: cells(['supervisor'], { supervisorOut: 'FORBIDDEN' }),
      writes: true,
      request: ({ fx }) => ({
        op: 'record',
        unitKey: 'cadre:511702001001',
        unit: '罗江镇密林村村民委员会',
        regionCode: VILLAGE_MILIN,
        headName: '李明',
        reason: '低保审核超期未办，约谈村委会负责人',
        heldAt: new Date(fx.world.now().getTime() - 3_600_000).toISOString(),
      }),
    },
  },

  scheduler: {
    tick: {
      // Only the timer (no caller at all): any openid is refused, a visitor's as much as an admin's.
      expect: cells('system'),
      unaudited: 'a tick writes only when something is due, and audits each step it takes',
      request: () => ({}),
    },
  },
};
