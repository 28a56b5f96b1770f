/**
 * Errors in the shapes the SDK understands. A body with a `code` makes @cloudbase/node-sdk throw;
 * wx-server-sdk then maps the code to an errCode (`DATABASE_REQUEST_FAILED` → -502001) and a message
 * `<api>:fail -502001 database request fail. <message>`. `runTransaction` retries on
 * `DATABASE_TRANSACTION_CONFLICT`.
 */

export type DbErrorCode =
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_TRANSACTION_CONFLICT'
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

export function transactionConflict(): DbError {
  return new DbError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others.',
  );
}

export function isDuplicateKeyMessage(message: string): boolean {
  return message.includes('E11000');
}
