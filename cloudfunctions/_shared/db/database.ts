/**
 * A thin typed view of wx-server-sdk's database. The SDK's own typings are loose (`any` for
 * transactions, `void | string` unions, `DYNAMIC_CURRENT_ENV` typed as a symbol), so the functions
 * talk to this interface and the SDK is cast to it in exactly one place (cloud.ts).
 */

export type Doc = Record<string, unknown> & { _id?: string };

/** A query or update value: plain values, nested objects, or the SDK's command objects. */
export type Filter = Record<string, unknown>;

export interface GetResult<T> {
  data: T[];
}

export interface DocGetResult<T> {
  data: T;
}

export interface WriteStats {
  stats: { updated: number; removed?: number };
}

export interface AddResult {
  _id: string;
}

export interface DocumentRef<T extends Doc> {
  get(): Promise<DocGetResult<T>>;
  set(options: { data: Omit<T, '_id'> }): Promise<unknown>;
  update(options: { data: Filter }): Promise<WriteStats>;
  remove(): Promise<WriteStats>;
}

export interface Query<T extends Doc> {
  where(filter: Filter): Query<T>;
  orderBy(field: string, order: 'asc' | 'desc'): Query<T>;
  skip(n: number): Query<T>;
  limit(n: number): Query<T>;
  field(projection: Record<string, boolean | 0 | 1>): Query<T>;
  get(): Promise<GetResult<T>>;
  count(): Promise<{ total: number }>;
  update(options: { data: Filter }): Promise<WriteStats>;
  remove(): Promise<WriteStats>;
}

export interface Aggregate {
  match(filter: Filter): Aggregate;
  group(spec: Filter): Aggregate;
  project(spec: Filter): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  skip(n: number): Aggregate;
  limit(n: number): Aggregate;
  count(field: string): Aggregate;
  unwind(field: string | Filter): Aggregate;
  lookup(spec: { from: string; localField: string; foreignField: string; as: string }): Aggregate;
  end(): Promise<{ list: Doc[] }>;
}

export interface Collection<T extends Doc> extends Query<T> {
  doc(id: string): DocumentRef<T>;
  add(options: { data: T | T[] }): Promise<AddResult>;
  aggregate(): Aggregate;
}

export interface TransactionCollection<T extends Doc> {
  doc(id: string): DocumentRef<T>;
  add(options: { data: T }): Promise<AddResult>;
}

export interface Transaction {
  collection<T extends Doc = Doc>(name: string): TransactionCollection<T>;
  rollback(reason?: unknown): Promise<unknown>;
}

/** The query and update commands (`db.command`), typed as opaque values the SDK serialises. */
export type Command = Record<
  | 'eq'
  | 'neq'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'in'
  | 'nin'
  | 'exists'
  | 'size'
  | 'elemMatch'
  | 'and'
  | 'or'
  | 'not'
  | 'set'
  | 'remove'
  | 'inc'
  | 'mul'
  | 'push'
  | 'pull'
  | 'pullAll'
  | 'addToSet',
  (...args: unknown[]) => unknown
> & {
  /** Accumulators and expressions for aggregate stages (`$.sum(1)`, `$.max('$at')`). */
  aggregate: Record<
    'sum' | 'avg' | 'max' | 'min' | 'push' | 'first' | 'last',
    (...args: unknown[]) => unknown
  >;
};

export interface Database {
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  command: Command;
  serverDate(): unknown;
  runTransaction<R>(run: (tx: Transaction) => Promise<R>, retries?: number): Promise<R>;
}
