/**
 * Errors in the shapes the SDK understands. A body with a `code` makes @cloudbase/node-sdk throw;
 * wx-server-sdk then maps the code to an errCode (`DATABASE_REQUEST_FAILED` → -502001) and a message
 * `<api>:fail -502001 database request fail. <message>`. `runTransaction` retries on
 * `DATABASE_TRANSACTION_CONFLICT`.
 */

export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'INVALID_PARAM'
  | 'SYS_ERR';

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export function invalidParam(message: string): DbError {
  return new DbError('INVALID_PARAM', message);
}

export function requestFailed(message: string): DbError {
  return new DbError('DATABASE_REQUEST_FAILED', message);
}

/** Same text as MongoDB's E11000, which is what the cloud passes through for `_id` and unique indexes. */
export function duplicateKey(
  env: string,
  collection: string,
  index: string,
  key: Record<string, unknown>,
): DbError {
  const shown = Object.entries(key)
    .map(([k, v]) => `${k}: ${JSON.stringify(v) ?? 'null'}`)
    .join(', ');
  return requestFailed(
    `[FailedOperation] E11000 duplicate key error collection: ${env}.${collection} index: ${index} dup key: { ${shown} }`,
  );
}

/** The tail CloudBase puts after every `[Category.Reason] text` message. */
const CHECK = 'Please check your request, but if the problem persists, contact us.';

/**
 * A write that meets another transaction's uncommitted write, or a document committed after this
 * transaction's snapshot: refused at the write itself (MongoDB's WriteConflict), and the transaction is
 * aborted. Text as the official SDK's tests expect it.
 */
export function transactionConflict(): DbError {
  return new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${CHECK}`,
  );
}

/** Any use of a transaction that was committed, aborted (also by a conflict) or expired. */
export function transactionNotExist(): DbError {
  return new DbError(
    'DATABASE_TRANSACTION_FAIL',
    `[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. ${CHECK}`,
  );
}

/**
 * A collection that the deploy did not create. The cloud's text names no collection (as reported by
 * mini program developers: `errCode: -502005 database collection not exists | errMsg: [ResourceNotFound]
 * Db or Table not exist. ...`), so neither does this one.
 */
export function collectionNotExist(): DbError {
  return new DbError(
    'DATABASE_COLLECTION_NOT_EXIST',
    '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
  );
}

export function isDuplicateKeyMessage(message: string): boolean {
  return message.includes('E11000');
}
