/**
 * How the database reports what the domain cares about. The cloud and the local cloud both report a
 * duplicate `_id` or unique-index violation with a "duplicate key" (E11000) message.
 */
export function isDuplicateKey(err: unknown): boolean {
  return /duplicate key|E11000|DUPLICATE_WRITE|duplicate/i.test(errorText(err));
}

/**
 * A write–write conflict: the transaction wrote a document that another open transaction has written,
 * or that a commit changed after the transaction's snapshot. CloudBase refuses the write itself (and
 * aborts the transaction); wx-server-sdk then reports it as `-501001 ... [ResourceUnavailable.
 * TransactionConflict] Transaction is conflict, ...`, so the SDK's own `runTransaction` does not retry
 * it. A conflict at commit keeps the code `DATABASE_TRANSACTION_CONFLICT`. Either way nothing was
 * written: retrying from the start is safe. (What a transaction only read is never checked: guard an
 * invariant over several documents by writing one document that every such transaction writes.)
 */
export function isTransactionConflict(err: unknown): boolean {
  return /TransactionConflict|TRANSACTION_CONFLICT|Transaction is conflict/i.test(errorText(err));
}

/** What an error says, whichever SDK raised it: node-sdk (`code`, `message`), wx-server-sdk (`errCode`, `errMsg`). */
function errorText(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const { message, code, errCode, errMsg } = err as Record<string, unknown>;
  return [message, code, errCode, errMsg].filter((v) => v !== undefined).join(' ');
}
