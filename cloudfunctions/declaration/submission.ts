/**
 * What submit, resubmit and 代办 share: the form and materials checked against the project's schema,
 * the eligibility rules evaluated for the applicant, and a new declaration stored with its lock.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { eligible, evaluateRules } from '../../miniprogram/shared/eligibility';
import { checkAnswers } from '../../miniprogram/shared/form-schema';
import { acceptText, extensionOf, MATERIAL_EXTENSIONS } from '../../miniprogram/shared/materials';
import { shanghaiDay } from '../../miniprogram/shared/time';
import type { AnswerValue, AttachmentRef, RuleResult, SubmitResponse } from '../../typings/api';
import { isDuplicateKey } from '../_shared/db/database-errors';
import { currentWindow, nextWindow, type ProjectDoc } from '../_shared/domain/catalogue';
import { type Calendar, storedDue } from '../_shared/domain/deadlines';
import { notifyHousehold } from '../_shared/domain/declaration-moves';
import {
  DECLARATIONS,
  type DeclarationDoc,
  type DeclarationLock,
  LOCKS,
  lockId,
  statusText,
} from '../_shared/domain/declarations';
import type { HouseholdDoc, HouseholdMember } from '../_shared/domain/households';
import { conflict, invalid, precondition } from '../_shared/runtime/errors';
import type { ActionContext } from '../_shared/runtime/router';
import { docId, labelled } from '../_shared/runtime/schemas';

export const answersSchema = labelled(
  z
    .record(
      z.string().check(z.maxLength(64)),
      z.union([z.string().check(z.maxLength(2000)), z.number(), z.boolean()]),
    )
    .check(z.refine((a) => Object.keys(a).length <= 100, '申报表内容过多')),
  '申报表',
);

export const attachmentsSchema = labelled(
  z
    .array(
      z.object({
        materialKey: labelled(z.string().check(z.maxLength(64)), '材料'),
        fileID: labelled(z.string().check(z.maxLength(512)), '材料文件'),
      }),
    )
    .check(z.maxLength(50)),
  '申报材料',
);

export const projectCode = () => labelled(z.string().check(z.regex(/^[A-Z0-9_]{2,32}$/)), '补贴项目');
export const memberId = () => docId('申报人');

/** The storage path of a cloud file id: `cloud://<env>.<bucket>/<path>` → `<path>`. */
export function fileIdPath(fileID: string): string | null {
  const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID);
  if (!match || match[1]!.split('/').some((part) => part === '..' || part === '')) return null;
  return match[1]!;
}

/** Materials must be the project's, uploaded by the submitter under their own folder, of an allowed type. */
export function checkAttachments(
  project: ProjectDoc,
  attachments: AttachmentRef[],
  uploaderUserId: string,
): Array<AttachmentRef & { label: string }> {
  const out: Array<AttachmentRef & { label: string }> = [];
  for (const material of project.materials) {
    const files = attachments.filter((a) => a.materialKey === material.key);
    if (material.required && files.length === 0) throw invalid(`请上传${material.label}`);
    if (files.length > material.maxFiles)
      throw invalid(`${material.label}最多上传${material.maxFiles}个文件`);
    for (const file of files) {
      const path = fileIdPath(file.fileID);
      if (!path?.startsWith(`declarations/${uploaderUserId}/`))
        throw invalid(`${material.label}的文件不是您上传的，请重新上传`);
      if (!material.accept.some((kind) => MATERIAL_EXTENSIONS[kind].includes(extensionOf(path)))) {
        throw invalid(`${material.label}只能上传${acceptText(material.accept)}`);
      }
      out.push({ ...file, label: material.label });
    }
  }
  if (attachments.some((a) => !project.materials.some((m) => m.key === a.materialKey))) {
    throw invalid('申报材料中有本项目不需要的材料');
  }
  return out;
}

export function checkForm(
  project: ProjectDoc,
  answers: Record<string, AnswerValue>,
): Record<string, AnswerValue> {
  const { errors, clean } = checkAnswers(project.form, answers);
  const first = project.form.find((f) => errors[f.key]);
  if (first) throw invalid(errors[first.key]!);
  return clean;
}

/** The window open now, or FAILED_PRECONDITION saying when the next one opens. */
export function openWindowOrRefuse(project: ProjectDoc, now: Date): string {
  const window = currentWindow(project, now);
  if (window) return window.period;
  const next = nextWindow(project, now);
  throw precondition(
    next
      ? `${project.name}当前不在申报时间内，下次开放：${shanghaiDay(new Date(next.opensAt))}`
      : `${project.name}当前不在申报时间内`,
  );
}

export interface Applicant {
  household: HouseholdDoc;
  member: HouseholdMember;
  birthDate: string;
  /** The applicant was confirmed by a cadre: on-site verification of the account, or in person for 代办. */
  verified: boolean;
}

export function evaluateFor(
  project: ProjectDoc,
  applicant: Applicant,
  answers: Record<string, AnswerValue>,
  now: Date,
): RuleResult[] {
  return evaluateRules(
    project.eligibility,
    {
      birthDate: applicant.birthDate,
      verified: applicant.verified,
      cardBound: applicant.household.card !== null,
      villageCode: applicant.household.villageCode,
      answers,
    },
    shanghaiDay(now),
  );
}

export const NEXT_STEP_VALID = '已进入审核，请留意办理进度；各环节有办理时限，超期会报纪检监察部门';
export const NEXT_STEP_INVALID = '不符合申报条件，未进入审核。如对结果有疑问，可咨询村（社区）干部';

export interface NewDeclaration {
  project: ProjectDoc;
  period: string;
  applicant: Applicant;
  submittedBy: { userId: string; unit: string; nameMasked: string; role: string };
  proxy: DeclarationDoc['proxy'];
  answers: Record<string, AnswerValue>;
  attachments: Array<AttachmentRef & { label: string }>;
  rules: RuleResult[];
  /** For the first stage's deadline (`calendarFor` its chain). */
  calendar: Calendar;
}

/** Stores a declaration: valid ones take the household's place for the period and enter the first stage. */
export async function storeDeclaration(
  ctx: ActionContext,
  input: NewDeclaration,
  action: string,
): Promise<SubmitResponse> {
  const { db, now } = ctx;
  const valid = eligible(input.rules);
  const first = input.project.chain[0];
  const id = `d${randomUUID().replace(/-/g, '')}`;
  const lock = valid ? lockId(input.applicant.household._id, input.project.code, input.period) : null;
  const doc: DeclarationDoc = {
    _id: id,
    projectCode: input.project.code,
    projectName: input.project.name,
    period: input.period,
    householdId: input.applicant.household._id,
    villageCode: input.applicant.household.villageCode,
    applicant: {
      memberId: input.applicant.member.memberId,
      userId: input.applicant.member.userId,
      nameMasked: input.applicant.member.nameMasked,
      idMasked: input.applicant.member.idMasked,
      birthDate: input.applicant.birthDate,
    },
    submittedBy: input.submittedBy.userId,
    proxy: input.proxy,
    answers: input.answers,
    attachments: input.attachments,
    rules: input.rules,
    valid,
    status: valid ? 'in_review' : 'invalid',
    chain: input.project.chain,
    stageIndex: valid && first ? 0 : null,
    stageLevel: valid && first ? first.level : null,
    ...(valid && first
      ? storedDue(input.calendar, now, first.deadlineDays, first.workingDays)
      : { dueAt: null, dueProvisional: null }),
    overdueSince: null,
    remindAt: null,
    publicity: null,
    timeline: [
      {
        stage: null,
        event: 'submitted',
        unit: input.submittedBy.unit,
        actorId: input.submittedBy.userId,
        actorMaskedName: input.submittedBy.nameMasked,
        at: now,
        opinion: input.proxy ? '村（社区）干部代办' : null,
      },
      ...(valid
        ? []
        : [
            {
              stage: null,
              event: 'invalid' as const,
              unit: '系统自动校验',
              actorId: 'system',
              actorMaskedName: '',
              at: now,
              opinion: input.rules
                .filter((r) => r.mandatory && !r.passed)
                .map((r) => r.reason)
                .join('；'),
            },
          ]),
    ],
    revisions: [],
    lockId: lock,
    version: 1,
    submittedAt: now,
    updatedAt: now,
  };
  try {
    await db.runTransaction(async (tx) => {
      if (lock) {
        await tx.collection<DeclarationLock>(LOCKS).add({
          data: { _id: lock, householdId: doc.householdId, declarationId: id, at: now },
        });
      }
      await tx.collection<DeclarationDoc>(DECLARATIONS).add({ data: doc });
      await notifyHousehold(tx, doc, valid ? NEXT_STEP_VALID : NEXT_STEP_INVALID, now);
      await ctx.auditIn(tx, {
        action,
        actorId: input.submittedBy.userId,
        actorRole: input.submittedBy.role,
        targetType: 'declaration',
        targetId: id,
        detail: {
          project: doc.projectCode,
          period: doc.period,
          household: doc.householdId,
          valid,
          proxy: Boolean(doc.proxy),
        },
      });
    });
  } catch (err) {
    if (lock && isDuplicateKey(err)) throw await openConflict(ctx, lock, input.project.name);
    throw err;
  }
  return {
    declarationId: id,
    status: doc.status,
    valid,
    rules: input.rules,
    nextStep: valid ? NEXT_STEP_VALID : NEXT_STEP_INVALID,
  };
}

/** CONFLICT naming the open declaration that holds the household's place. */
async function openConflict(ctx: ActionContext, lock: string, projectName: string) {
  const { data } = await ctx.db.collection<DeclarationLock>(LOCKS).where({ _id: lock }).limit(1).get();
  const { data: open } = await ctx.db
    .collection<DeclarationDoc>(DECLARATIONS)
    .where({ _id: data[0]?.declarationId ?? '' })
    .limit(1)
    .get();
  const d = open[0];
  return conflict(
    d
      ? `您家本期已有一份${projectName}申报正在办理（申报号 ${d._id.slice(-8)}，${statusText(d)}，${shanghaiDay(new Date(d.submittedAt))}提交），不能重复申报`
      : `您家本期已有一份${projectName}申报正在办理，不能重复申报`,
  );
}
