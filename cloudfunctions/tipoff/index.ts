/** 举报投诉：群众举报（匿名或实名）、查询与评价；纪检监察受理、办结、答复、转办。 */
import { type ActionTable, createFunction } from '../_shared/runtime/router';
import { accept, close, detail, list, reply, transfer } from './handle';
import { mine, rate, track } from './reporter';
import { staff, submit } from './submit';

/** The action table, exported so that tests can hold it against the contract. */
export const actions = {
  submit,
  staff,
  track,
  mine,
  rate,
  list,
  detail,
  accept,
  reply,
  close,
  transfer,
} satisfies ActionTable<'tipoff'>;

export const main = createFunction('tipoff', actions);
