/**
 * The demo cast, all in 通川区 so one walk-through crosses every screen. Names are common ones; every
 * ID number, phone and card number is invented (valid in form only).
 */
import type { RoleGrant } from '../../typings/api';
import { type DemoHousehold, demoIdNumber } from './people';

export const TONGCHUAN = '511702000000';
export const LUOJIANG = '511702001000';
export const MILIN = '511702001001';
export const HONGHUA = '511702001002';
export const MINGYUE = '511703001001';

const cadre = (level: RoleGrant['level'], regionCode: string, unit: string): RoleGrant => ({
  role: 'cadre',
  level,
  regionCode,
  unit,
  projectCodes: [],
});

export const demoHouseholds: DemoHousehold[] = [
  // Staff are people too: registered, verified, each the head of a household of their own.
  {
    key: 'staff-village',
    villageCode: MILIN,
    people: [
      {
        openid: 'demo-cadre-village',
        name: '李明',
        idNumber: demoIdNumber('511702', '19800312', 11),
        mobile: '13700000001',
        relation: 'head',
        verified: true,
        grants: [cadre('village', MILIN, '罗江镇密林村村民委员会')],
      },
    ],
  },
  {
    key: 'staff-township',
    villageCode: HONGHUA,
    people: [
      {
        openid: 'demo-cadre-township',
        name: '王芳',
        idNumber: demoIdNumber('511702', '19850607', 22),
        mobile: '13700000002',
        relation: 'head',
        verified: true,
        grants: [cadre('township', LUOJIANG, '罗江镇人民政府')],
      },
    ],
  },
  {
    key: 'staff-county',
    villageCode: HONGHUA,
    people: [
      {
        openid: 'demo-cadre-county',
        name: '陈建国',
        idNumber: demoIdNumber('511702', '19751001', 33),
        mobile: '13700000003',
        relation: 'head',
        verified: true,
        grants: [
          { ...cadre('county', TONGCHUAN, '通川区民政局'), projectCodes: ['DIBAO', 'TEKUN', 'GAOLING'] },
        ],
      },
    ],
  },
  {
    key: 'staff-finance',
    villageCode: HONGHUA,
    people: [
      {
        openid: 'demo-finance',
        name: '刘洋',
        idNumber: demoIdNumber('511702', '19900220', 41),
        mobile: '13700000004',
        relation: 'head',
        verified: true,
        grants: [{ role: 'finance', regionCode: TONGCHUAN, unit: '通川区财政局' }],
      },
    ],
  },
  {
    key: 'staff-supervisor',
    villageCode: HONGHUA,
    people: [
      {
        openid: 'demo-supervisor',
        name: '赵敏',
        idNumber: demoIdNumber('511702', '19820915', 52),
        mobile: '13700000005',
        relation: 'head',
        verified: true,
        grants: [{ role: 'supervisor', regionCode: TONGCHUAN, unit: '通川区纪委监委' }],
      },
    ],
  },
  {
    key: 'staff-admin',
    villageCode: HONGHUA,
    people: [
      {
        openid: 'demo-admin',
        name: '周强',
        idNumber: demoIdNumber('511702', '19780108', 61),
        mobile: '13700000006',
        relation: 'head',
        verified: true,
        grants: [{ role: 'admin', unit: '达州市财政局' }],
      },
    ],
  },
  // 罗勇's household in 密林村: verified, one card bound, his wife with an account of her own.
  {
    key: 'luoyong',
    villageCode: MILIN,
    card: { kind: 'social_security', bank: '四川农信', cardNumber: '6217000010001234' },
    people: [
      {
        openid: 'demo-resident-luoyong',
        name: '罗勇',
        idNumber: demoIdNumber('511702', '19620418', 17),
        mobile: '13800000011',
        relation: 'head',
        verified: true,
      },
      {
        openid: 'demo-resident-luoyong-wife',
        name: '杨桂兰',
        idNumber: demoIdNumber('511702', '19640902', 28),
        mobile: '13800000012',
        relation: 'spouse',
        verified: true,
      },
      {
        openid: null,
        name: '罗小军',
        idNumber: demoIdNumber('511702', '20100105', 35),
        mobile: '',
        relation: 'grandchild',
        verified: false,
      },
    ],
  },
  // An 82-year-old in 密林村 who registered yesterday and waits for the village cadre.
  {
    key: 'zhangxiuying',
    villageCode: MILIN,
    people: [
      {
        openid: 'demo-resident-elder',
        name: '张秀英',
        idNumber: demoIdNumber('511702', '19440523', 46),
        mobile: '13800000021',
        relation: 'head',
        verified: false,
      },
    ],
  },
  // 老刘, the forest ranger of 明月江街道 (达川区), outside the demo cadres' scope.
  {
    key: 'laoliu',
    villageCode: MINGYUE,
    card: { kind: 'social_security', bank: '中国农业银行', cardNumber: '6228480000012345674' },
    people: [
      {
        openid: 'demo-resident-laoliu',
        name: '刘德贵',
        idNumber: demoIdNumber('511703', '19660811', 57),
        mobile: '13800000031',
        relation: 'head',
        verified: true,
      },
    ],
  },
];
