/** Login answers of the `user.login` contract for the people the tests play. */
import type { HouseholdResponse, LoginResponse, ProfileResponse, RoleGrant } from '../../../typings/api';

export const residentLogin = (): LoginResponse => ({
  userId: 'u-resident',
  registered: true,
  verification: 'verified',
  verificationNote: null,
  maskedName: '张*三',
  roles: [{ role: 'resident' }],
  household: {
    householdId: 'h1',
    isHead: true,
    memberCount: 4,
    cardTail: '1234',
    villageCode: '511702001001',
  },
  serverTime: '2026-03-01T02:00:00.000Z',
});

export const unregisteredLogin = (): LoginResponse => ({
  ...residentLogin(),
  userId: null,
  registered: false,
  verification: 'unregistered',
  verificationNote: null,
  maskedName: null,
  roles: [],
  household: null,
});

/** A registered resident who also holds these staff grants. */
export function staffLogin(...grants: RoleGrant[]): LoginResponse {
  return { ...residentLogin(), roles: [{ role: 'resident' }, ...grants] };
}

export const cadre: RoleGrant = {
  role: 'cadre',
  level: 'village',
  regionCode: '511702001001',
  projectCodes: ['P01'],
};
export const supervisor: RoleGrant = { role: 'supervisor', regionCode: '511702' };
export const finance: RoleGrant = { role: 'finance', regionCode: '511702' };
export const admin: RoleGrant = { role: 'admin' };

/** 张三's own data as user.profile answers it. */
export const residentProfile = (): ProfileResponse => ({
  maskedName: '张*三',
  maskedIdNumber: '5117**********1234',
  maskedMobile: '138****5678',
  birthDate: '1958-03-03',
  gender: 'male',
  villageCode: '511702001001',
  villageName: '罗江镇青龙村',
  verification: 'verified',
  verificationNote: null,
  verifiedAt: '2026-02-28T17:30:00.000Z',
  roles: [{ role: 'resident' }],
});

/** 张三's household: his wife and grandson, a social security card, one card replaced before. */
export const residentHousehold = (): HouseholdResponse => ({
  householdId: 'h1',
  villageCode: '511702001001',
  villageName: '罗江镇青龙村',
  isHead: true,
  members: [
    {
      memberId: 'm1',
      maskedName: '张*三',
      maskedIdNumber: '5117**********1234',
      relation: 'head',
      hasAccount: true,
      isMe: true,
    },
    {
      memberId: 'm2',
      maskedName: '李*',
      maskedIdNumber: '5117**********2345',
      relation: 'spouse',
      hasAccount: false,
      isMe: false,
    },
    {
      memberId: 'm3',
      maskedName: '张*明',
      maskedIdNumber: '5117**********3456',
      relation: 'grandchild',
      hasAccount: true,
      isMe: false,
    },
  ],
  card: {
    kind: 'social_security',
    bank: '四川农信',
    maskedNumber: '**** 1234',
    tail: '1234',
    holderMaskedName: '张*三',
    boundAt: '2026-01-10T02:00:00.000Z',
  },
  cardHistory: [
    {
      kind: 'bank',
      bank: '中国邮政储蓄银行',
      maskedNumber: '**** 9876',
      tail: '9876',
      holderMaskedName: '李*',
      boundAt: '2025-05-01T02:00:00.000Z',
      replacedAt: '2026-01-09T18:00:00.000Z',
    },
  ],
});
