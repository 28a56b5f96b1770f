/**
 * The declaration state machine (申报状态机), written once and used by both sides: the cloud refuses
 * every transition not listed here with FAILED_PRECONDITION, and the staff pages offer only the
 * actions it allows. Stages come from the project's chain; the public notice (公示) ends by time.
 */
import type { CadreLevel, DeclarationStatus, StageSpec } from '../../typings/api';

export type Outcome = 'approve' | 'return' | 'reject';

export interface MachineState {
  status: DeclarationStatus;
  stageIndex: number | null;
  chain: readonly StageSpec[];
}

export type MachineEvent =
  | { type: 'review'; outcome: Outcome; level: CadreLevel }
  | { type: 'withdraw' }
  | { type: 'resubmit'; valid: boolean }
  | { type: 'publicity_end' }
  | { type: 'objection' }
  | { type: 'objection_cleared'; upheld: boolean };

export type Transition =
  | { ok: true; status: DeclarationStatus; stageIndex: number | null }
  | { ok: false; reason: string };

const refuse = (reason: string): Transition => ({ ok: false, reason });

/** Where an item goes after a stage is done: the next stage, the notice, or approval at the end. */
function advance(chain: readonly StageSpec[], from: number): Transition {
  const next = from + 1;
  const stage = chain[next];
  if (!stage) return { ok: true, status: 'approved', stageIndex: null };
  return { ok: true, status: stage.key === 'publicity' ? 'publicity' : 'in_review', stageIndex: next };
}

export function transition(state: MachineState, event: MachineEvent): Transition {
  const stage = state.stageIndex === null ? undefined : state.chain[state.stageIndex];
  switch (event.type) {
    case 'review': {
      if (state.status !== 'in_review' || !stage) return refuse('这份申报当前不在审核环节');
      if (stage.level !== event.level) return refuse(`这份申报正在“${stage.label}”环节，不由您这一级办理`);
      if (event.outcome === 'approve') return advance(state.chain, state.stageIndex!);
      if (event.outcome === 'return') return { ok: true, status: 'returned', stageIndex: state.stageIndex };
      return { ok: true, status: 'rejected', stageIndex: null };
    }
    case 'withdraw':
      return state.status === 'in_review' || state.status === 'returned'
        ? { ok: true, status: 'withdrawn', stageIndex: null }
        : refuse('这份申报当前不能撤回');
    case 'resubmit':
      if (state.status !== 'returned') return refuse('这份申报不需要重新提交');
      return event.valid
        ? { ok: true, status: 'in_review', stageIndex: state.stageIndex }
        : { ok: true, status: 'invalid', stageIndex: null };
    case 'publicity_end':
      return state.status === 'publicity' && stage
        ? advance(state.chain, state.stageIndex!)
        : refuse('这份申报不在公示期');
    case 'objection':
      return state.status === 'publicity'
        ? { ok: true, status: 'objection_hold', stageIndex: state.stageIndex }
        : refuse('只有公示期内的申报可以提出异议');
    case 'objection_cleared':
      if (state.status !== 'objection_hold') return refuse('这份申报没有待处理的异议');
      return event.upheld
        ? { ok: true, status: 'rejected', stageIndex: null }
        : { ok: true, status: 'publicity', stageIndex: state.stageIndex };
  }
}

/** The outcomes a cadre of `level` may choose now (for the decision sheet). */
export function allowedOutcomes(state: MachineState, level: CadreLevel): Outcome[] {
  return (['approve', 'return', 'reject'] as const).filter(
    (outcome) => transition(state, { type: 'review', outcome, level }).ok,
  );
}
