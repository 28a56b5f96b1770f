import {
  allowedOutcomes,
  type MachineEvent,
  type MachineState,
  transition,
} from '../../../miniprogram/shared/declaration-machine';
import type { DeclarationStatus, StageSpec } from '../../../typings/api';

const chain: StageSpec[] = [
  { key: 'village_review', label: '村级初审', level: 'village', deadlineDays: 7, workingDays: false },
  { key: 'township_review', label: '乡镇审核', level: 'township', deadlineDays: 7, workingDays: false },
  { key: 'publicity', label: '公示', level: null, deadlineDays: 7, workingDays: false },
  { key: 'county_approval', label: '县级主管部门审批', level: 'county', deadlineDays: 7, workingDays: false },
];
const at = (status: DeclarationStatus, stageIndex: number | null): MachineState => ({
  status,
  stageIndex,
  chain,
});

const EVENTS: MachineEvent[] = [
  { type: 'review', outcome: 'approve', level: 'village' },
  { type: 'review', outcome: 'return', level: 'village' },
  { type: 'review', outcome: 'reject', level: 'village' },
  { type: 'review', outcome: 'approve', level: 'township' },
  { type: 'review', outcome: 'approve', level: 'county' },
  { type: 'withdraw' },
  { type: 'resubmit', valid: true },
  { type: 'resubmit', valid: false },
  { type: 'publicity_end' },
  { type: 'objection' },
  { type: 'objection_cleared', upheld: false },
  { type: 'objection_cleared', upheld: true },
];

const STATES: MachineState[] = [
  at('invalid', null),
  at('in_review', 0),
  at('in_review', 1),
  at('in_review', 3),
  at('returned', 0),
  at('publicity', 2),
  at('objection_hold', 2),
  at('approved', null),
  at('rejected', null),
  at('withdrawn', null),
];

/** Every allowed transition, as "status@stage --event--> status@stage". */
const ALLOWED = new Set([
  'in_review@0 --review:approve:village--> in_review@1',
  'in_review@0 --review:return:village--> returned@0',
  'in_review@0 --review:reject:village--> rejected@null',
  'in_review@0 --withdraw--> withdrawn@null',
  'in_review@1 --review:approve:township--> publicity@2',
  'in_review@1 --withdraw--> withdrawn@null',
  'in_review@3 --review:approve:county--> approved@null',
  'in_review@3 --withdraw--> withdrawn@null',
  'returned@0 --withdraw--> withdrawn@null',
  'returned@0 --resubmit:true--> in_review@0',
  'returned@0 --resubmit:false--> invalid@null',
  'publicity@2 --publicity_end--> in_review@3',
  'publicity@2 --objection--> objection_hold@2',
  'objection_hold@2 --objection_cleared:false--> publicity@2',
  'objection_hold@2 --objection_cleared:true--> rejected@null',
]);

const name = (e: MachineEvent) =>
  e.type === 'review'
    ? `review:${e.outcome}:${e.level}`
    : e.type === 'resubmit'
      ? `resubmit:${e.valid}`
      : e.type === 'objection_cleared'
        ? `objection_cleared:${e.upheld}`
        : e.type;

const cases = STATES.flatMap((s) => EVENTS.map((e) => [s, e] as const));

test.each(cases.map(([s, e]) => [`${s.status}@${s.stageIndex}`, name(e), s, e] as const))(
  '%s on %s goes exactly where the machine allows',
  (_from, _event, state, event) => {
    const result = transition(state, event);
    const allowed = [...ALLOWED].find((t) =>
      t.startsWith(`${state.status}@${state.stageIndex} --${name(event)}-->`),
    );
    if (allowed) {
      expect(result.ok).toBe(true);
      if (result.ok)
        expect(
          `${state.status}@${state.stageIndex} --${name(event)}--> ${result.status}@${result.stageIndex}`,
        ).toBe(allowed);
    } else {
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(/\p{Script=Han}/u) });
    }
  },
);

test('every listed transition is reachable from the states tested', () => {
  const reached = new Set(
    cases.flatMap(([s, e]) => {
      const r = transition(s, e);
      return r.ok ? [`${s.status}@${s.stageIndex} --${name(e)}--> ${r.status}@${r.stageIndex}`] : [];
    }),
  );
  expect(reached).toEqual(ALLOWED);
});

test('a cadre of the wrong level is told which stage the item is in', () => {
  expect(transition(at('in_review', 1), { type: 'review', outcome: 'approve', level: 'village' })).toEqual({
    ok: false,
    reason: '这份申报正在“乡镇审核”环节，不由您这一级办理',
  });
});

test('the decision sheet offers only what the machine allows', () => {
  expect(allowedOutcomes(at('in_review', 0), 'village')).toEqual(['approve', 'return', 'reject']);
  expect(allowedOutcomes(at('in_review', 0), 'county')).toEqual([]);
  expect(allowedOutcomes(at('publicity', 2), 'county')).toEqual([]);
});

test('a chain without a public notice approves straight after its last stage', () => {
  const short: MachineState = { status: 'in_review', stageIndex: 0, chain: [chain[0]!] };
  expect(transition(short, { type: 'review', outcome: 'approve', level: 'village' })).toEqual({
    ok: true,
    status: 'approved',
    stageIndex: null,
  });
});
