/**
 * A synthetic Dazhou for the benchmark, written straight into the local cloud's store in bulk (5,000
 * documents per insert, one SQLite transaction each), not one function call per row: the 7 counties
 * with townships and villages, households with members and cards, verified accounts, a year of
 * payments, approvals behind them, declarations at every stage, tip-offs, staff, and planted risk cases.
 */
import { EJSON } from 'bson';
import { sealCard, sealMobile, sealPerson } from '../../cloudfunctions/_shared/domain/households';
import { handlingScope } from '../../cloudfunctions/_shared/domain/tipoffs';
import type { Project, RoleGrant } from '../../typings/api';
import type { DocumentStore } from '../local-cloud/db/store';
import { approvedDeclaration, plantedCardNumber, plantedIdNumber, plantedName } from '../seed/plant';

export interface CitySize {
  townshipsPerCounty: number;
  villagesPerTownship: number;
  households: number;
  /** Households whose head has a verified account (the callers of payment.mine). */
  accounts: number;
  declarations: number;
  tipoffs: number;
}

export const FULL: CitySize = {
  townshipsPerCounty: 25,
  villagesPerTownship: 12,
  households: 200_000,
  accounts: 20_000,
  declarations: 50_000,
  tipoffs: 5_000,
};

export const QUICK: CitySize = {
  townshipsPerCounty: 2,
  villagesPerTownship: 3,
  households: 2_000,
  accounts: 300,
  declarations: 500,
  tipoffs: 50,
};

export const COUNTIES = ['511702', '511703', '511722', '511723', '511724', '511725', '511781'];
/** The payments' year: a whole year, all in the past. */
export const PAY_YEAR = 2025;
/** Projects paid monthly to the synthetic households, with their monthly amount per person. */
const PAID: Array<{ code: string; fen: number }> = [
  { code: 'YIMIN', fen: 5_000 },
  { code: 'GAOLING', fen: 5_000 },
  { code: 'CANJI', fen: 9_000 },
  { code: 'DIBAO', fen: 60_000 },
];

type Doc = Record<string, unknown> & { _id: string };

export { approvedDeclaration };

export class Loader {
  counts: Record<string, number> = {};
  constructor(private readonly store: DocumentStore) {}

  async insert(collection: string, docs: Doc[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 5000) {
      const data = docs.slice(i, i + 5000).map((d) => EJSON.stringify(d, { relaxed: false }));
      const answer = (await this.store.handle({
        action: 'database.insertDocument',
        collectionName: collection,
        data,
      })) as {
        code?: string;
        message?: string;
      };
      if (answer.code)
        throw new Error(`bulk insert into ${collection} failed: ${answer.code} ${answer.message}`);
    }
    this.counts[collection] = (this.counts[collection] ?? 0) + docs.length;
  }
}

export interface City {
  villages: string[];
  townships: string[];
  /** openids of verified residents. */
  residents: string[];
  townshipCadre: string;
  countyCadre: string;
  citySupervisor: string;
  finance: string;
  /** The county whose finance bureau the benchmark's batch belongs to. */
  county: string;
}

function regions(size: CitySize): { docs: Doc[]; villages: string[]; townships: string[] } {
  const docs: Doc[] = [];
  const villages: string[] = [];
  const townships: string[] = [];
  for (const county of COUNTIES) {
    for (let t = 0; t < size.townshipsPerCounty; t++) {
      const township = `${county}${String(101 + t).padStart(3, '0')}000`;
      townships.push(township);
      docs.push({
        _id: township,
        code: township,
        name: `基准镇${county.slice(4)}-${t + 1}`,
        level: 'township',
        parentCode: `${county}000000`,
        demo: true,
      });
      for (let v = 0; v < size.villagesPerTownship; v++) {
        const village = `${township.slice(0, 9)}${String(101 + v).padStart(3, '0')}`;
        villages.push(village);
        docs.push({
          _id: village,
          code: village,
          name: `基准村${t + 1}-${v + 1}`,
          level: 'village',
          parentCode: township,
          demo: true,
        });
      }
    }
  }
  return { docs, villages, townships };
}

function staff(openid: string, grants: RoleGrant[], at: Date): Doc {
  return {
    _id: `u-${openid}`,
    openid,
    registered: false,
    verification: 'pending',
    roles: grants,
    roleNames: [...new Set(grants.map((g) => g.role))],
    isStaff: true,
    nameMasked: '基*员',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

const STAGES = [
  'in_review',
  'in_review',
  'in_review',
  'publicity',
  'approved',
  'rejected',
  'returned',
  'invalid',
] as const;

export async function generateCity(
  load: Loader,
  size: CitySize,
  catalogue: Project[],
  now: Date,
  progress: (line: string) => void,
): Promise<City> {
  const at = new Date(now.getTime() - 400 * 86_400_000);
  const projects = new Map(catalogue.map((p) => [p.code, p]));
  const { docs: regionDocs, villages, townships } = regions(size);
  await load.insert('regions', regionDocs);
  progress(`地区 ${regionDocs.length}`);

  const county = COUNTIES[0] as string;
  const city: City = {
    villages,
    townships,
    residents: [],
    townshipCadre: 'bench-cadre-township',
    countyCadre: 'bench-cadre-county',
    citySupervisor: 'bench-supervisor-city',
    finance: 'bench-finance',
    county: `${county}000000`,
  };
  await load.insert('users', [
    staff(
      city.townshipCadre,
      [{ role: 'cadre', level: 'township', regionCode: townships[0] as string, unit: '基准镇人民政府' }],
      at,
    ),
    staff(
      city.countyCadre,
      [
        {
          role: 'cadre',
          level: 'county',
          regionCode: city.county,
          unit: '通川区民政局',
          projectCodes: ['DIBAO', 'GAOLING', 'TEKUN'],
        },
      ],
      at,
    ),
    staff(
      city.citySupervisor,
      [{ role: 'supervisor', regionCode: '511700000000', unit: '达州市纪委监委' }],
      at,
    ),
    staff(city.finance, [{ role: 'finance', regionCode: city.county, unit: '通川区财政局' }], at),
  ]);

  const CHUNK = 10_000;
  for (let start = 0; start < size.households; start += CHUNK) {
    const households: Doc[] = [];
    const users: Doc[] = [];
    const payments: Doc[] = [];
    const approvals: Doc[] = [];
    for (let n = start; n < Math.min(size.households, start + CHUNK); n++) {
      const id = `h-c-${n}`;
      const village = villages[n % villages.length] as string;
      const people = 1 + (n % 4);
      const members = Array.from({ length: people }, (_, m) => ({
        ...sealPerson(plantedName(n * 4 + m), plantedIdNumber(n * 4 + m, COUNTIES[n % 7] as string)),
        memberId: `m-c-${n}-${m}`,
        userId: m === 0 && n < size.accounts ? `u-bench-r-${n}` : null,
        relation: m === 0 ? ('head' as const) : ('child' as const),
        joinedAt: at,
      }));
      const head = members[0] as (typeof members)[number];
      households.push({
        _id: id,
        headUserId: head.userId ?? '',
        headIdHash: head.idHash,
        villageCode: village,
        members,
        card: sealCard(
          { kind: 'social_security', bank: '四川农信', cardNumber: plantedCardNumber(n) },
          head,
          'system:bench',
          at,
        ),
        cardHistory: [],
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      if (head.userId) {
        const openid = `bench-r-${n}`;
        city.residents.push(openid);
        users.push({
          _id: head.userId,
          openid,
          registered: true,
          verification: 'verified',
          roles: [],
          roleNames: [],
          isStaff: false,
          nameSealed: head.nameSealed,
          nameMasked: head.nameMasked,
          idSealed: head.idSealed,
          idHash: head.idHash,
          idMasked: head.idMasked,
          ...sealMobile(`139${String(n).padStart(8, '0')}`),
          birthDate: '1950-01-01',
          gender: 'male',
          householdId: id,
          memberId: head.memberId,
          villageCode: village,
          verifiedAt: at,
          verifiedBy: 'system:bench',
          verificationNote: null,
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
      }
      // A year of monthly payments for one project, and the approval behind it.
      const paid = PAID[n % PAID.length] as { code: string; fen: number };
      const project = projects.get(paid.code) as Project;
      const persons = paid.code === 'DIBAO' ? people : 1;
      approvals.push(
        approvedDeclaration(
          `d-c-${n}`,
          id,
          village,
          head,
          project,
          String(PAY_YEAR),
          paid.code === 'DIBAO' ? { householdSize: people, incomePerCapita: 200, reason: '基准' } : {},
          at,
        ),
      );
      for (let m = 1; m <= 12; m++) {
        const period = `${PAY_YEAR}-${String(m).padStart(2, '0')}`;
        payments.push({
          _id: `L:c-${n}-${m}`,
          householdId: id,
          villageCode: village,
          projectCode: paid.code,
          projectName: project.name,
          period,
          year: PAY_YEAR,
          month: m,
          amountFen: paid.fen * persons,
          paidAt: new Date(Date.UTC(PAY_YEAR, m - 1, 20, 2)),
          source: 'ledger',
          lineId: null,
          batchId: null,
          bankSerial: `BENCH${n}M${m}`,
          cardKind: 'social_security',
          cardTail: plantedCardNumber(n).slice(-4),
          duplicateOf: null,
          importId: 'bench',
          createdAt: at,
        });
      }
    }
    await load.insert('households', households);
    await load.insert('users', users);
    await load.insert('declarations', approvals);
    await load.insert('payments', payments);
    progress(`家庭 ${Math.min(size.households, start + CHUNK)} / ${size.households}`);
  }

  // This year's declarations at every stage, spread over the city.
  const declarations: Doc[] = [];
  const villageNames = new Map(regionDocs.map((r) => [String(r._id), String(r.name)]));
  const gaoling = projects.get('GAOLING') as Project;
  for (let i = 0; i < size.declarations; i++) {
    const n = (i * 7919) % size.households;
    const village = villages[n % villages.length] as string;
    const status = STAGES[i % STAGES.length] as (typeof STAGES)[number];
    const stageIndex =
      status === 'in_review'
        ? i % 3 === 2
          ? 3
          : i % 2
        : status === 'publicity' || status === 'returned'
          ? 2
          : null;
    const level = stageIndex === null ? null : (gaoling.chain[stageIndex]?.level ?? null);
    const submittedAt = new Date(now.getTime() - ((1 + (i % 200)) * 86_400_000) / 10);
    const dueAt =
      status === 'in_review' || status === 'publicity'
        ? new Date(submittedAt.getTime() + ((i % 5) - 1) * 86_400_000)
        : null;
    declarations.push({
      ...approvedDeclaration(
        `d-y-${i}`,
        `h-c-${n}`,
        village,
        {
          memberId: `m-c-${n}-0`,
          userId: null,
          nameMasked: plantedName(n * 4).slice(0, 1) + '*',
          idMasked: '',
        },
        gaoling,
        String(PAY_YEAR + 1),
        { livingWith: 'alone' },
        submittedAt,
      ),
      status,
      valid: status !== 'invalid',
      stageIndex,
      stageLevel: status === 'returned' ? 'resident' : status === 'in_review' ? level : null,
      dueAt,
      overdueSince: dueAt && dueAt < now && status === 'in_review' ? dueAt : null,
      approvedAt: status === 'approved' ? submittedAt : null,
      publicity:
        status === 'publicity'
          ? {
              villageCode: village,
              startsAt: submittedAt,
              endsAt: dueAt,
              // What a notice opened by a review carries (see declaration/progress.ts).
              villageName: villageNames.get(village) ?? village,
              standard: { text: gaoling.standard.text, amountFen: gaoling.standard.amountFen },
            }
          : null,
      lockId: null,
    });
  }
  await load.insert('declarations', declarations);
  progress(`申报 ${declarations.length}`);

  const tipoffs: Doc[] = [];
  const kinds = ['publicity', 'payment', 'conduct', 'other'] as const;
  const states = ['submitted', 'accepted', 'closed', 'replied'] as const;
  for (let i = 0; i < size.tipoffs; i++) {
    const village = villages[(i * 31) % villages.length] as string;
    const createdAt = new Date(now.getTime() - (i % 60) * 86_400_000);
    const status = states[i % states.length] as (typeof states)[number];
    const code = `JB${codeOf(i)}`;
    tipoffs.push({
      _id: code,
      code,
      kind: kinds[i % kinds.length],
      anonymous: i % 2 === 0,
      reporterUserId: null,
      secretHash: null,
      regionCode: village,
      projectCode: null,
      declarationId: null,
      accusedUserIds: [],
      accused: null,
      content: '基准测试用的举报内容，反映补贴发放中的问题。',
      attachments: [],
      status,
      ...handlingScope(village, []),
      acceptBy: new Date(createdAt.getTime() + 21 * 86_400_000),
      dueAt: status === 'submitted' ? new Date(createdAt.getTime() + 21 * 86_400_000) : null,
      events: [],
      conclusion: null,
      reply: null,
      rating: null,
      reopenCount: 0,
      version: 1,
      createdAt,
      updatedAt: createdAt,
    });
  }
  await load.insert('tipoffs', tipoffs);
  progress(`举报 ${tipoffs.length}`);
  return city;
}

/** i written in the tracking codes' alphabet, ten characters. */
function codeOf(i: number): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  let out = '';
  for (let n = i, k = 0; k < 10; k++, n = Math.floor(n / alphabet.length))
    out = alphabet[n % alphabet.length] + out;
  return out;
}
