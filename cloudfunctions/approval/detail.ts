import * as z from 'zod/mini';
import { allowedOutcomes } from '../../miniprogram/shared/declaration-machine';
import type { ApprovalDetail } from '../../typings/api';
import {
  DECLARATIONS,
  type DeclarationDoc,
  summary,
  detail as toDetail,
} from '../_shared/domain/declarations';
import { HOUSEHOLDS, type HouseholdDoc } from '../_shared/domain/households';
import { regionName } from '../_shared/domain/regions';
import { grantFor, inScope } from '../_shared/domain/scope';
import { tempFileURLs } from '../_shared/runtime/cloud';
import { unseal } from '../_shared/runtime/crypto';
import { forbidden, notFound } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { docId } from '../_shared/runtime/schemas';

const OPINION_TEMPLATES: ApprovalDetail['opinionTemplates'] = {
  approve: ['情况属实，同意', '经入户核实，符合条件，同意'],
  return: ['材料不清晰，请重新上传', '家庭人口信息与户口簿不一致，请核对后重新提交', '请补充收入证明材料'],
  reject: ['经入户核实，不符合申报条件', '家庭收入超过保障标准', '已享受同类补贴，不能重复享受'],
};

/** The item with its materials (10-minute links), the household's other declarations, rules and timeline. */
export const detail: ActionDef<'approval', 'detail'> = {
  access: ['cadre'],
  input: z.object({ declarationId: docId('申报') }),
  async handler({ caller, db }, input): Promise<ApprovalDetail> {
    const { data } = await db
      .collection<DeclarationDoc>(DECLARATIONS)
      .where({ _id: input.declarationId })
      .limit(1)
      .get();
    const d = data[0];
    if (!d) throw notFound('没有找到这份申报');
    if (!inScope(caller, d)) throw forbidden('这份申报不在您的管辖范围内');
    const [{ data: households }, { data: others }, links] = await Promise.all([
      db.collection<HouseholdDoc>(HOUSEHOLDS).where({ _id: d.householdId }).limit(1).get(),
      db
        .collection<DeclarationDoc>(DECLARATIONS)
        .where({ householdId: d.householdId })
        .orderBy('submittedAt', 'desc')
        .limit(50)
        .get(),
      tempFileURLs(d.attachments.map((a) => a.fileID)),
    ]);
    const member = households[0]?.members.find((m) => m.memberId === d.applicant.memberId);
    const grant = grantFor(caller, d);
    return {
      ...toDetail(d),
      version: d.version,
      villageCode: d.villageCode,
      villageName: await regionName(db, d.villageCode),
      applicantName: member ? unseal(member.nameSealed) : d.applicant.nameMasked,
      applicantMaskedIdNumber: d.applicant.idMasked,
      materialLinks: d.attachments.flatMap((a) => {
        const url = links.get(a.fileID);
        return url ? [{ materialKey: a.materialKey, label: a.label, url }] : [];
      }),
      otherDeclarations: others.filter((o) => o._id !== d._id).map(summary),
      allowedOutcomes: grant ? allowedOutcomes(d, grant.level) : [],
      opinionTemplates: OPINION_TEMPLATES,
      canWithdraw: false,
      canResubmit: false,
    };
  },
};
