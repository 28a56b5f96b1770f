/** 定时任务：公示期满流转、超期标记。Runs on its timer trigger, or as `{action:'tick'}` without a user. */
import { createFunction } from '../_shared/router';
import { tick } from './tick';

const run = createFunction('scheduler', { tick });

export function main(event: unknown) {
  // A timer trigger's event is {Type:'Timer', TriggerName, Time}: every trigger runs the whole tick.
  const isTimer =
    typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer';
  return run(isTimer ? { action: 'tick' } : event);
}
