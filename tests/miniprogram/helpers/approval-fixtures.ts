/** Answers of the `approval` and `publicity` contracts for the tests: 罗江镇's queue and public lists. */
import type {
  ApprovalDetail,
  PublicityDetailResponse,
  PublicityItem,
  QueueItem,
  RegionView,
  RoleGrant,
} from '../../../typings/api';
import { returnedDeclaration } from './declaration-fixtures';

/** A cadre of 罗江镇 for every project. */
export const townshipCadre: RoleGrant = {
  role: 'cadre',
  level: 'township',
  regionCode: '511702101000',
  unit: '罗江镇人民政府',
};

export const LUOJIANG_VILLAGES: RegionView[] = [
  { code: '511702101001', name: '青龙村', level: 'village', parentCode: '511702101000', demo: true },
  { code: '511702101002', name: '白塔村', level: 'village', parentCode: '511702101000', demo: true },
];

const HOUR = 60 * 60 * 1000;

/** A time `hours` before now, ISO UTC. */
export const hoursAgo = (hours: number): string => new Date(Date.now() - hours * HOUR).toISOString();

/** The n-th item of the queue, in time unless changed. */
export function queueItem(n: number, changes: Partial<QueueItem> = {}): QueueItem {
  return {
    declarationId: `d${n}`,
    projectCode: 'GAOLING',
    projectName: '高龄津贴',
    period: '2026',
    status: 'in_review',
    statusText: '乡镇审核中',
    stage: 'township_review',
    applicantMaskedName: `王*${n}`,
    submittedAt: '2026-03-01T02:00:00.000Z',
    valid: true,
    proxy: false,
    dueAt: new Date(Date.now() + 48 * HOUR).toISOString(),
    dueProvisional: false,
    villageCode: '511702101001',
    villageName: '青龙村',
    overdue: false,
    version: 3,
    ...changes,
  };
}

/** 张三's 高龄津贴 at 乡镇审核, as the township cadre opens it. */
export function approvalDetail(changes: Partial<ApprovalDetail> = {}): ApprovalDetail {
  return {
    ...returnedDeclaration(),
    status: 'in_review',
    statusText: '乡镇审核中',
    stage: 'township_review',
    canWithdraw: false,
    canResubmit: false,
    version: 4,
    villageCode: '511702101001',
    villageName: '青龙村',
    applicantName: '张三',
    applicantMaskedIdNumber: '5117**********1234',
    materialLinks: [
      { materialKey: 'idCard', label: '身份证正面', url: 'https://files.local/tmp/id-front.jpg?sign=1' },
      { materialKey: 'idCard', label: '身份证反面', url: 'https://files.local/tmp/id-back.jpg?sign=1' },
      { materialKey: 'hukou', label: '户口簿', url: 'https://files.local/tmp/hukou.pdf?sign=1' },
    ],
    otherDeclarations: [
      {
        declarationId: 'd9',
        projectCode: 'GENGDI',
        projectName: '耕地地力保护补贴',
        period: '2026',
        status: 'approved',
        statusText: '已审批通过',
        stage: null,
        applicantMaskedName: '张*三',
        submittedAt: '2026-02-01T02:00:00.000Z',
        valid: true,
        proxy: false,
        dueAt: null,
        dueProvisional: false,
      },
    ],
    allowedOutcomes: ['approve', 'return', 'reject'],
    opinionTemplates: {
      approve: ['情况属实，同意'],
      return: ['材料不清晰，请重新上传'],
      reject: ['经入户核实，不符合申报条件'],
    },
    ...changes,
  };
}

/** The n-th line of 青龙村's public list: 高龄津贴 of 50元, noticed 2026-03-02 to 2026-03-08. */
export function publicityItem(n: number, changes: Partial<PublicityItem> = {}): PublicityItem {
  return {
    publicityId: `p${n}`,
    maskedName: `李*${n}`,
    villageName: '青龙村',
    projectCode: 'GAOLING',
    projectName: '高龄津贴',
    standardText: '80至89周岁每人每月50元（演示）',
    amountFen: 5000,
    startsAt: '2026-03-01T16:00:00.000Z',
    endsAt: '2026-03-08T16:00:00.000Z',
    stateText: '公示中',
    status: 'publicity',
    ...changes,
  };
}

export function publicityDetail(changes: Partial<PublicityDetailResponse> = {}): PublicityDetailResponse {
  return {
    ...publicityItem(1),
    canObject: true,
    objectionHint: '如认为公示对象不符合条件，可在公示期内实名或匿名提出异议，纪检监察部门会受理核查',
    ...changes,
  };
}
