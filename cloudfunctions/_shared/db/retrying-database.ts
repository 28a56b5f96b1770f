/**
 * The SDK retries a transaction only when its commit conflicts. CloudBase refuses most conflicts
 * earlier, at the write inside the callback (another transaction's uncommitted write on the document,
 * or a commit after this transaction's snapshot), and wx-server-sdk hands that to the caller recoded as
 * `-501001`, which the SDK does not retry. Every transaction of the platform goes through this wrapper,
 * which retries both, with a little jitter so that racing writers do not collide again in step.
 */
import type { Database, Transaction } from './database';
import { isTransactionConflict } from './database-errors';

const ATTEMPTS = 8;

const pause = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(attempt, 5)));

export function retryingDatabase(db: Database): Database {
  const runTransaction = async <R>(run: (tx: Transaction) => Promise<R>, retries = 3): Promise<R> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.runTransaction(run, retries);
      } catch (err) {
        if (attempt >= ATTEMPTS || !isTransactionConflict(err)) throw err;
        await pause(attempt);
      }
    }
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'runTransaction') return runTransaction;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
