/**
 * How the database reports what the domain cares about. The cloud and the local cloud both report a
 * duplicate `_id` or unique-index violation with a "duplicate key" (E11000) message.
 */
export function isDuplicateKey(err: unknown): boolean {
  const text =
    err instanceof Error ? `${err.message} ${(err as { code?: unknown }).code ?? ''}` : String(err);
  return /duplicate key|E11000|DUPLICATE_WRITE|duplicate/i.test(text);
}

/** Another writer changed what the transaction read: retrying from the start is safe. */
export function isTransactionConflict(err: unknown): boolean {
  const text =
    err instanceof Error ? `${err.message} ${(err as { code?: unknown }).code ?? ''}` : String(err);
  return /TransactionConflict|TRANSACTION_CONFLICT|Transaction is conflict/i.test(text);
}
