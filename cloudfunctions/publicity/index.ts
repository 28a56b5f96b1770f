/** 公示公开：村、乡镇的公示名单与异议。 */
import { type ActionTable, createFunction } from '../_shared/runtime/router';
import { detail, list } from './list';
import { object } from './objection';

/** The action table, exported so that tests can hold it against the contract. */
export const actions = { list, detail, object } satisfies ActionTable<'publicity'>;

export const main = createFunction('publicity', actions);
