/** 定时任务：公示期满流转、超期标记。Runs on its timer trigger, or as `{action:'tick'}` without a user. */
import { type ActionTable, createFunction } from '../_shared/runtime/router';
import { tick } from './tick';

/** The action table, exported so that tests can hold it against the contract. */
export const actions = { tick } satisfies ActionTable<'scheduler'>;

const run = createFunction('scheduler', actions);

export function main(event: unknown) {
  // A timer trigger's event is {Type:'Timer', TriggerName, Time}: every trigger runs the whole tick.
  const isTimer =
    typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';
  return run(isTimer ? { action: 'tick' } : event);
}
