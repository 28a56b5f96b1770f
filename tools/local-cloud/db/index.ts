/**
 * The local cloud's document database: the CloudBase database protocol of `wx-server-sdk`, served
 * from SQLite with the manifest's indexes. See store.ts for the entry point.
 */
export type { Doc } from './ejson';
export type { DocumentStoreOptions, Explanation, StrictViolation } from './store';
export { DocumentStore } from './store';
