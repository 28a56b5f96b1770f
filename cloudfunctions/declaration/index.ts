/** 阳光申报：项目、申报须知、资格预审、提交、我的申报、撤回、重新提交、代办。 */
import { type ActionTable, createFunction } from '../_shared/runtime/router';
import { detail, mine } from './mine';
import { precheck } from './precheck';
import { getProject, listProjects } from './projects';
import { proxySubmit } from './proxy';
import { resubmit, submit, withdraw } from './submit';

/** The action table, exported so that tests can hold it against the contract. */
export const actions = {
  listProjects,
  getProject,
  precheck,
  submit,
  mine,
  detail,
  withdraw,
  resubmit,
  proxySubmit,
} satisfies ActionTable<'declaration'>;

export const main = createFunction('declaration', actions);
