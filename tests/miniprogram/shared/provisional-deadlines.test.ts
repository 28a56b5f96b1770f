/**
 * 办理期限 counted in working days of a year whose holidays are not entered yet are marked 暂定 on
 * every screen that shows one (issue 17); settled ones read as before.
 */
import { unitRow } from '../../../miniprogram/package-supervise/pages/overdue/view';
import { tipoffRow } from '../../../miniprogram/package-supervise/pages/tipoffs/view';
import { declarationRow, stepView } from '../../../miniprogram/pages/declarations/view';
import { sentView } from '../../../miniprogram/pages/tipoff/form';
import { trackView } from '../../../miniprogram/pages/tipoff/view';
import type { DeclarationSummary, OverdueUnit, TipoffSummary, TipoffTrackView } from '../../../typings/api';
import { returnedDeclaration } from '../helpers/declaration-fixtures';

const DUE = '2027-02-20T15:59:59.999Z';
const NOTE = '（暂定，待节假日安排公布后确定）';
const AT = new Date('2027-02-01T02:00:00.000Z');

const declaration = (dueProvisional: boolean): DeclarationSummary => ({
  ...returnedDeclaration(),
  status: 'in_review',
  dueAt: DUE,
  dueProvisional,
});

const tipoff = (dueProvisional: boolean): TipoffSummary => ({
  tipoffId: 't1',
  trackingCode: 'JB7K2M9QXW4R',
  kind: 'payment',
  kindText: '发放投诉',
  status: 'submitted',
  statusText: '待受理',
  regionCode: '511702101001',
  regionName: '罗江镇青龙村',
  projectName: null,
  anonymous: true,
  excerpt: '高龄津贴三个月没有到账',
  createdAt: '2027-01-25T02:00:00.000Z',
  dueAt: DUE,
  dueProvisional,
  overdue: false,
  reopened: false,
});

const overdue = (dueProvisional: boolean): OverdueUnit => ({
  unitKey: 'township:511702101000',
  unit: '罗江镇人民政府',
  regionCode: '511702101000',
  count: 1,
  longestDays: 2,
  items: [
    { kind: 'approval', id: 'd1', title: '王*1 · 高龄津贴', overdueDays: 2, dueAt: DUE, dueProvisional },
  ],
});

const tracked = (acceptByProvisional: boolean): TipoffTrackView => ({
  trackingCode: 'JB7K2M9QXW4R',
  kind: 'payment',
  kindText: '发放投诉',
  status: 'submitted',
  statusText: '待受理',
  createdAt: '2027-01-25T02:00:00.000Z',
  acceptBy: DUE,
  acceptByProvisional,
  reply: null,
  events: [{ event: 'submitted', at: '2027-01-25T02:00:00.000Z', unit: '举报人', text: null }],
  canRate: false,
  rating: null,
  canReopen: false,
  escalationHint: null,
});

type Row = [screen: string, show: (provisional: boolean) => string, settled: string];

const SCREENS: Row[] = [
  ['我的申报', (p) => declarationRow(declaration(p)).due, '办理期限 2027-02-20 23:59'],
  [
    'the timeline’s next stage',
    (p) =>
      stepView({
        stage: 'village_review',
        stageLabel: '村级初审',
        event: 'pending',
        eventText: '未开始',
        unit: '',
        actorMaskedName: '',
        at: null,
        opinion: null,
        dueAt: DUE,
        dueProvisional: p,
      }).lines.join('\n'),
    '未开始\n办理期限 2027-02-20 23:59',
  ],
  ['the supervisor’s tip-off list', (p) => tipoffRow(tipoff(p), AT).due, '办理期限 2027-02-20 23:59'],
  ['超期 by unit', (p) => unitRow(overdue(p)).items[0]?.due ?? '', '应于 2027-02-20 23:59 前办结'],
  [
    'the reporter’s receipt',
    (p) => {
      const v = sentView({
        trackingCode: 'JB7K2M9QXW4R',
        secret: null,
        acceptBy: DUE,
        acceptByProvisional: p,
      });
      return v.acceptBy + v.acceptNote;
    },
    '2027-02-20',
  ],
  [
    'the reporter’s tracking page',
    (p) => trackView(tracked(p)).steps.at(-1)?.lines.join('') ?? '',
    '受理期限 2027-02-20 前',
  ],
];

test.each(SCREENS)('%s marks a provisional deadline 暂定', (_screen, show, settled) => {
  expect(show(true)).toBe(`${settled}${NOTE}`);
});

test.each(SCREENS)('%s shows a settled deadline without the mark', (_screen, show, settled) => {
  expect(show(false)).toBe(settled);
});
