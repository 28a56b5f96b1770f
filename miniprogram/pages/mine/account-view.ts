/** What 我的 says about the account, the household and its card. Pure, so every branch is testable. */

import type {
  CalendarResponse,
  CardView,
  HouseholdResponse,
  ProfileResponse,
  VerificationState,
} from '../../../typings/api';
import { CARD_KIND_LABELS, memberRole } from '../../shared/household';
import { hasAnyRole } from '../../shared/roles';
import { shanghaiDay } from '../../shared/time';
import type { SessionState } from '../../stores/session';
import type { TagTheme } from '../../types/tag';

/** Which body 我的 shows. */
export type MineMode = 'loading' | 'failed' | 'visitor' | 'rejected' | 'member';

export function mineMode(state: SessionState): MineMode {
  if (state.status !== 'ready') return state.status;
  if (state.login.registered) return 'member';
  return state.login.verification === 'rejected' ? 'rejected' : 'visitor';
}

export interface VerificationView {
  title: string;
  theme: TagTheme;
  /** what to do about it, in plain words */
  advice: string;
}

export const PENDING_ADVICE = '请联系本村干部上门核验，或带身份证到村便民服务点';
export const REJECTED_ADVICE = '您可以核对信息后重新注册；如有疑问，请带身份证到村便民服务点办理。';

export function describeVerification(
  state: VerificationState,
  verifiedAt: string | null,
  note: string | null,
): VerificationView {
  switch (state) {
    case 'verified':
      return {
        title: '已实名核验',
        theme: 'success',
        advice: verifiedAt ? `核验日期 ${shanghaiDay(new Date(verifiedAt))}` : '',
      };
    case 'pending':
      return { title: '待核验', theme: 'warning', advice: PENDING_ADVICE };
    case 'rejected':
      return {
        title: '实名核验未通过',
        theme: 'danger',
        advice: note ? `原因：${note}。${REJECTED_ADVICE}` : REJECTED_ADVICE,
      };
    case 'unregistered':
      return { title: '未注册', theme: 'default', advice: '实名注册后即可申报补贴、查询发放' };
  }
}

export interface ProfileView {
  name: string;
  idNumber: string;
  mobile: string;
  village: string;
}

export function describeProfile(profile: ProfileResponse): ProfileView {
  return {
    name: profile.maskedName,
    idNumber: profile.maskedIdNumber,
    mobile: profile.maskedMobile,
    village: profile.villageName,
  };
}

export interface MemberView {
  memberId: string;
  /** masked, with （我） for the person holding the phone */
  name: string;
  idNumber: string;
  role: string;
  isMe: boolean;
}

export interface CardLine {
  /** 社保卡 **** 1234 */
  title: string;
  /** bank and holder, or when it was replaced */
  description: string;
}

export interface HouseholdView {
  village: string;
  isHead: boolean;
  members: MemberView[];
  card: CardLine | null;
  history: CardLine[];
}

function cardTitle(card: CardView): string {
  return `${CARD_KIND_LABELS[card.kind]} ${card.maskedNumber}`;
}

export function describeHousehold(household: HouseholdResponse): HouseholdView {
  return {
    village: household.villageName,
    isHead: household.isHead,
    members: household.members.map((m) => ({
      memberId: m.memberId,
      name: m.isMe ? `${m.maskedName}（我）` : m.maskedName,
      idNumber: m.maskedIdNumber,
      role: memberRole(m.relation),
      isMe: m.isMe,
    })),
    card: household.card
      ? {
          title: cardTitle(household.card),
          description: `${household.card.bank} · 持卡人 ${household.card.holderMaskedName}`,
        }
      : null,
    history: household.cardHistory.map((card) => ({
      title: cardTitle(card),
      description: `${card.bank} · 持卡人 ${card.holderMaskedName} · ${shanghaiDay(new Date(card.replacedAt))} 更换`,
    })),
  };
}

/**
 * For admins on 我的: the years the scheduler found missing (this year, next year from 1 November), or ''.
 */
export function calendarNotice(calendar: Pick<CalendarResponse, 'alerts'>): string {
  const years = calendar.alerts.map((a) => a.year).sort((a, b) => a - b);
  if (years.length === 0) return '';
  return `${years.map((y) => `${y}年`).join('、')}节假日安排尚未录入，按工作日计算的办理期限暂定，请在国务院办公厅通知发布后导入`;
}

export interface WorkEntry {
  key: string;
  title: string;
  description: string;
  url: string;
}

/** 审批 and 监督 have tabs of their own; finance's and admins' screens open from 我的. */
export function workEntries(state: SessionState): WorkEntry[] {
  const roles = state.status === 'ready' ? state.login.roles : [];
  const entries: WorkEntry[] = [];
  if (hasAnyRole(roles, ['finance', 'admin'])) {
    entries.push({
      key: 'finance',
      title: '阳光发放',
      description: '发放批次、银行导出与回盘',
      url: '/package-finance/pages/index/index',
    });
  }
  if (hasAnyRole(roles, ['admin'])) {
    entries.push({
      key: 'calendar',
      title: '节假日安排',
      description: '录入每年的放假和调休上班日期，按工作日计算的期限以此为准',
      url: '/package-admin/pages/calendar/index',
    });
  }
  return entries;
}
