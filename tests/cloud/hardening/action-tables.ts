/**
 * Every function of the contract with the action table its index exports. Typed by `FunctionName`:
 * a function added to `Api` without a line here fails to compile; each table is checked against the
 * contract's actions where the function is built (`satisfies ActionTable<'fn'>`).
 */
import type { ActionTable } from '../../../cloudfunctions/_shared/runtime/router';
import { actions as admin } from '../../../cloudfunctions/admin';
import { actions as approval } from '../../../cloudfunctions/approval';
import { actions as declaration } from '../../../cloudfunctions/declaration';
import { actions as payment } from '../../../cloudfunctions/payment';
import { actions as publicity } from '../../../cloudfunctions/publicity';
import { actions as scheduler } from '../../../cloudfunctions/scheduler';
import { actions as supervision } from '../../../cloudfunctions/supervision';
import { actions as tipoff } from '../../../cloudfunctions/tipoff';
import { actions as user } from '../../../cloudfunctions/user';
import type { FunctionName } from '../../../typings/api';

export const ACTION_TABLES: { [F in FunctionName]: ActionTable<F> } = {
  user,
  admin,
  declaration,
  approval,
  publicity,
  payment,
  tipoff,
  supervision,
  scheduler,
};
