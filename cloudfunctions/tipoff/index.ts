/** 举报投诉：群众举报（匿名或实名）、查询与评价；纪检监察受理、办结、答复、转办。 */
import { createFunction } from '../_shared/router';
import { accept, close, detail, list, reply, transfer } from './handle';
import { mine, rate, track } from './reporter';
import { staff, submit } from './submit';

export const main = createFunction('tipoff', {
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
});
