/**
 * Households with approved declarations, written in bulk (1000 per call): for payment tests, the demo's
 * history and the benchmark's city. They are what a household that went through the whole chain
 * leaves behind, without taking each through it.
 */
import { insertNew } from '../../cloudfunctions/_shared/db/bulk';
import type { Database } from '../../cloudfunctions/_shared/db/database';
import { DECLARATIONS, type DeclarationDoc } from '../../cloudfunctions/_shared/domain/declarations';
import {
  HOUSEHOLDS,
  type HouseholdDoc,
  sealCard,
  sealPerson,
} from '../../cloudfunctions/_shared/domain/households';
import { checkCharacter } from '../../miniprogram/shared/idcard';
import type { AnswerValue, Project } from '../../typings/api';

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '德明国华建平志强秀英桂兰永福玉珍文学春梅海军红霞小勇家富成林淑芬光荣世才';

export interface PlantOptions {
  /** Distinguishes this set's ids from others (h-<key>-<n>). */
  key: string;
  count: number;
  villageCodes: string[];
  project: Pick<Project, 'code' | 'name' | 'chain'>;
  /** The declaration year, e.g. '2026'. */
  period: string;
  approvedAt: Date;
  answers: (i: number) => Record<string, AnswerValue>;
  /** Households without a bound card (every n-th), to see them skipped. */
  withoutCardEvery?: number;
  /** First ID sequence number, so sets do not collide. */
  idSeq?: number;
}

/** A valid, invented ID number, different for every n: 1,000 people per birth date from 1930-01-01. */
export function plantedIdNumber(n: number, region6 = '511702'): string {
  const birth = new Date(Date.UTC(1930, 0, 1) + Math.floor(n / 1000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${region6}${ymd}${String(n % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export function plantedName(n: number): string {
  return `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}${GIVEN[(n * 13 + 5) % GIVEN.length]}`;
}

export function plantedCardNumber(n: number): string {
  return `62170036${String(n).padStart(11, '0')}`;
}

export interface Planted {
  householdIds: string[];
  declarationIds: string[];
}

export async function plantApproved(db: Database, o: PlantOptions): Promise<Planted> {
  const households: HouseholdDoc[] = [];
  const declarations: DeclarationDoc[] = [];
  for (let i = 0; i < o.count; i++) {
    const n = (o.idSeq ?? 0) + i;
    const householdId = `h-${o.key}-${i}`;
    const villageCode = o.villageCodes[i % o.villageCodes.length] as string;
    const name = plantedName(n);
    const person = sealPerson(name, plantedIdNumber(n));
    const member = {
      ...person,
      memberId: `m-${o.key}-${i}`,
      userId: null,
      relation: 'head' as const,
      joinedAt: o.approvedAt,
    };
    const withCard = !o.withoutCardEvery || (i + 1) % o.withoutCardEvery !== 0;
    households.push({
      _id: householdId,
      headUserId: '',
      headIdHash: member.idHash,
      villageCode,
      members: [member],
      card: withCard
        ? sealCard(
            { kind: 'social_security', bank: '四川省农村信用社', cardNumber: plantedCardNumber(n) },
            member,
            'system:plant',
            o.approvedAt,
          )
        : null,
      cardHistory: [],
      version: 1,
      createdAt: o.approvedAt,
      updatedAt: o.approvedAt,
    });
    declarations.push(
      approvedDeclaration(
        `d-${o.key}-${i}`,
        householdId,
        villageCode,
        { memberId: member.memberId, userId: null, nameMasked: member.nameMasked, idMasked: member.idMasked },
        o.project,
        o.period,
        o.answers(i),
        o.approvedAt,
      ),
    );
  }
  await insertNew(db, HOUSEHOLDS, households);
  await insertNew(db, DECLARATIONS, declarations);
  return { householdIds: households.map((h) => h._id), declarationIds: declarations.map((d) => d._id) };
}

/** What a declaration that went through the whole chain leaves behind: approved, with its place held. */
export function approvedDeclaration(
  id: string,
  householdId: string,
  villageCode: string,
  applicant: { memberId: string; userId: string | null; nameMasked: string; idMasked: string },
  project: Pick<Project, 'code' | 'name' | 'chain'>,
  period: string,
  answers: Record<string, AnswerValue>,
  at: Date,
): DeclarationDoc {
  return {
    _id: id,
    projectCode: project.code,
    projectName: project.name,
    period,
    householdId,
    villageCode,
    applicant: { ...applicant, birthDate: '' },
    submittedBy: applicant.userId ?? 'system:seed',
    proxy: null,
    answers,
    attachments: [],
    rules: [],
    valid: true,
    status: 'approved',
    chain: project.chain,
    stageIndex: null,
    stageLevel: null,
    dueAt: null,
    overdueSince: null,
    approvedAt: at,
    remindAt: null,
    publicity: null,
    timeline: [],
    revisions: [],
    lockId: `${householdId}:${project.code}:${period}`,
    version: 5,
    submittedAt: at,
    updatedAt: at,
  };
}
