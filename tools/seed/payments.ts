/**
 * Demo payments and approvals, so 明白账, the finance screens and the public figures show something:
 * 罗勇's household received 移民后期扶持 every month through the old platform (this year and last) and
 * 耕地地力保护补贴 once a year; a few households of 密林村 and 红花村 are approved for 移民后期扶持 and
 * 残疾人两项补贴 and wait for finance's next batch. Fixed ids: seeding twice changes nothing.
 */
import { insertNew } from '../../cloudfunctions/_shared/db/bulk';
import type { Database } from '../../cloudfunctions/_shared/db/database';
import { DECLARATIONS, type DeclarationDoc } from '../../cloudfunctions/_shared/domain/declarations';
import { HOUSEHOLDS, type HouseholdDoc } from '../../cloudfunctions/_shared/domain/households';
import {
  PAYMENTS,
  type PaymentDoc,
  SLOTS,
  type SlotDoc,
  slotId,
} from '../../cloudfunctions/_shared/domain/payments';
import { shanghaiYearMonth } from '../../miniprogram/shared/time';
import type { AnswerValue, Project } from '../../typings/api';
import { HONGHUA, MILIN } from './demo-data';
import { approvedDeclaration, plantApproved } from './plant';

const LUOYONG = 'h-luoyong';
const DAY = 86_400_000;

function ledgerPayment(
  project: Pick<Project, 'code' | 'name'>,
  period: string,
  amountFen: number,
  paidAt: Date,
  at: Date,
): PaymentDoc {
  const { year, month } = shanghaiYearMonth(paidAt);
  return {
    _id: `L:demo-${project.code}-${period}`,
    householdId: LUOYONG,
    villageCode: MILIN,
    projectCode: project.code,
    projectName: project.name,
    period,
    year,
    month,
    amountFen,
    paidAt,
    source: 'ledger',
    lineId: null,
    batchId: null,
    bankSerial: `DEMO${project.code}${period.replace(/-/g, '')}`,
    cardKind: 'social_security',
    cardTail: '1234',
    duplicateOf: null,
    importId: 'seed',
    // History already on file: the risk scan reads it at once rather than after the settling time.
    createdAt: new Date(at.getTime() - DAY),
  };
}

export async function seedPayments(db: Database, catalogue: Project[], at: Date): Promise<number> {
  const byCode = new Map(catalogue.map((p) => [p.code, p]));
  const yimin = byCode.get('YIMIN');
  const gengdi = byCode.get('GENGDI');
  const canji = byCode.get('CANJI');
  if (!yimin || !gengdi || !canji) throw new Error('demo catalogue lacks YIMIN, GENGDI or CANJI');
  const { year, month } = shanghaiYearMonth(at);
  const payments: PaymentDoc[] = [];
  // Paid on the 20th of each month, last year in full and this year up to last month.
  for (const y of [year - 1, year]) {
    const last = y === year ? month - 1 : 12;
    for (let m = 1; m <= last; m++) {
      const period = `${y}-${String(m).padStart(2, '0')}`;
      const paidAt = new Date(Date.UTC(y, m - 1, 20, 2));
      payments.push(ledgerPayment(yimin, period, 5_000, paidAt, at));
    }
    if (y < year || month > 5) {
      payments.push(ledgerPayment(gengdi, String(y), 33_600, new Date(Date.UTC(y, 4, 18, 2)), at));
    }
  }
  // What the old platform paid, the platform approved too: the household's declarations for those years.
  const luoyong = await db.collection<HouseholdDoc>(HOUSEHOLDS).doc(LUOYONG).get();
  const head = luoyong.data.members[0];
  if (!head) throw new Error('demo household h-luoyong has no members');
  const approvals: DeclarationDoc[] = [];
  for (const y of [year - 1, year]) {
    for (const [project, answers] of [
      [yimin, { registeredMigrant: true, reservoir: '江口水库' }],
      [gengdi, { area: 3.2, crop: 'rice', stillFarmed: true }],
    ] as const) {
      approvals.push(
        approvedFor(LUOYONG, MILIN, head, project, String(y), answers, new Date(Date.UTC(y, 0, 10, 2))),
      );
    }
  }
  await insertNew(db, DECLARATIONS, approvals);
  await insertNew(db, PAYMENTS, payments);
  await insertNew(
    db,
    SLOTS,
    payments.map(
      (p): SlotDoc => ({
        _id: slotId(p.householdId, p.projectCode, p.period),
        householdId: p.householdId,
        projectCode: p.projectCode,
        period: p.period,
        state: 'paid',
        batchId: null,
        paymentId: p._id,
        at,
      }),
    ),
  );
  const approvedAt = new Date(at.getTime() - 60 * DAY);
  await plantApproved(db, {
    key: 'demo-yimin',
    count: 12,
    villageCodes: [MILIN, HONGHUA],
    project: yimin,
    period: String(year),
    approvedAt,
    answers: () => ({ registeredMigrant: true, reservoir: '江口水库' }),
    withoutCardEvery: 6,
    idSeq: 900_000,
  });
  await plantApproved(db, {
    key: 'demo-canji',
    count: 8,
    villageCodes: [MILIN, HONGHUA],
    project: canji,
    period: String(year),
    approvedAt,
    answers: () => ({ hasCertificate: true, certificateNumber: '51170219500101123X41', grade: 'first' }),
    idSeq: 900_100,
  });
  await plantRisks(db, yimin, byCode.get('DIBAO') ?? yimin, year, at);
  return payments.length;
}

function approvedFor(
  householdId: string,
  villageCode: string,
  head: HouseholdDoc['members'][number],
  project: Project,
  period: string,
  answers: Record<string, AnswerValue>,
  at: Date,
): DeclarationDoc {
  return approvedDeclaration(
    `d-demo-${householdId}-${project.code}-${period}`,
    householdId,
    villageCode,
    head,
    project,
    period,
    answers,
    at,
  );
}

/**
 * Three cases the risk scan finds in the demo: two 红花村 households on one card, a 移民 payment made
 * twice for one month, and 低保 paid to a household that never had it approved.
 */
async function plantRisks(
  db: Database,
  yimin: Project,
  dibao: Project,
  year: number,
  at: Date,
): Promise<void> {
  await plantApproved(db, {
    key: 'demo-risk',
    count: 2,
    villageCodes: [HONGHUA],
    project: yimin,
    period: String(year),
    approvedAt: new Date(at.getTime() - 90 * DAY),
    answers: () => ({ registeredMigrant: true, reservoir: '江口水库' }),
    idSeq: 900_200,
  });
  const first = await db.collection<HouseholdDoc>(HOUSEHOLDS).doc('h-demo-risk-0').get();
  await db
    .collection<HouseholdDoc>(HOUSEHOLDS)
    .doc('h-demo-risk-1')
    .update({ data: { card: first.data.card } });
  const paidAt = new Date(Date.UTC(year, 1, 20, 2));
  const twice = (
    n: number,
    project: Project,
    householdId: string,
    duplicateOf: string | null,
  ): PaymentDoc => ({
    ...ledgerPayment(project, `${year}-02`, project.code === 'DIBAO' ? 60_000 : 5_000, paidAt, at),
    _id: `L:demo-risk-${n}`,
    householdId,
    villageCode: HONGHUA,
    bankSerial: `DEMORISK${n}`,
    cardTail: first.data.card?.tail ?? '',
    duplicateOf,
  });
  await insertNew(db, PAYMENTS, [
    twice(1, yimin, 'h-demo-risk-0', null),
    twice(2, yimin, 'h-demo-risk-0', 'L:demo-risk-1'),
    twice(3, dibao, 'h-demo-risk-1', null),
  ]);
}
