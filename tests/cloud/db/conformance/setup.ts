/**
 * The conformance suite's cloud: the whole local cloud (`startTestCloud`) with a manifest of its own,
 * reached through the real SDKs — `@cloudbase/node-sdk` as the official SDK's own database tests use
 * it (`add(doc)`, `doc().get()` → `{data: [doc]}`, errors with `code`), and wx-server-sdk as the
 * functions use it (`add({data})`, errors with `errCode`).
 *
 * Each file starts one cloud; each test writes into documents of its own (ids prefixed by the test),
 * so no test depends on another's leftovers.
 */
import type { CollectionSpec, IndexField } from '../../../../database/manifest';
import { startTestCloud, type TestCloud } from '../../../helpers/local-cloud';

const asc = (field: string): IndexField => ({ field, direction: 1 });

/** Collections as a deploy creates them. Indexes keep strict mode quiet for the shapes queried here. */
export const conformanceCollections: CollectionSpec[] = [
  {
    name: 'conf_docs',
    description: 'documents of every shape the query, update and value tests write',
    indexes: [
      { name: 'suite_n', fields: [asc('suite'), asc('n')] },
      { name: 'suite_name', fields: [asc('suite'), asc('name')] },
      { name: 'suite_at', fields: [asc('suite'), asc('at')] },
    ],
  },
  {
    name: 'conf_orders',
    description: 'the aggregation tests: orders grouped and counted',
    indexes: [{ name: 'suite_state', fields: [asc('suite'), asc('state')] }],
  },
  { name: 'conf_accounts', description: 'the transaction tests', indexes: [] },
];

/** Loose shapes of what the SDKs answer; each test narrows what it reads. */
export type Doc = Record<string, unknown>;

export interface SdkFailure {
  code?: string;
  errCode?: number;
  message: string;
}

/** The rejection of a call that must fail (a resolved call fails the test). */
export async function failure(p: Promise<unknown>): Promise<SdkFailure> {
  try {
    await p;
  } catch (e) {
    return e as SdkFailure;
  }
  throw new Error('expected the call to fail');
}

export async function startConformanceCloud(): Promise<TestCloud> {
  return startTestCloud({ collections: conformanceCollections });
}

/** `where(...).get()` rows of node-sdk, as plain documents. */
export async function rowsOf(query: { get(): Promise<unknown> }): Promise<Doc[]> {
  return ((await query.get()) as { data: Doc[] }).data;
}

export const idsOf = (docs: Doc[]): unknown[] => docs.map((d) => d._id);
