/** Bulk writes that a retry or a resumed run may repeat: what already exists is left alone. */
import type { Database, Doc } from './database';
import { isDuplicateKey } from './database-errors';

/** Inserts documents with fixed ids, 1000 per call; returns the ids this call inserted. */
export async function insertNew<T extends Doc & { _id: string }>(
  db: Database,
  collection: string,
  docs: T[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < docs.length; i += 1000) {
    const chunk = docs.slice(i, i + 1000);
    try {
      await db.collection<T>(collection).add({ data: chunk });
      for (const d of chunk) inserted.add(d._id);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // Some were there already (a repeated or resumed run): one by one, keeping the rest.
      for (const d of chunk) {
        try {
          await db.collection<T>(collection).add({ data: d });
          inserted.add(d._id);
        } catch (one) {
          if (!isDuplicateKey(one)) throw one;
        }
      }
    }
  }
  return inserted;
}

/** Reads documents by id, 1000 per query. */
export async function byIds<T extends Doc>(db: Database, collection: string, ids: string[]): Promise<T[]> {
  const out: T[] = [];
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    const { data } = await db
      .collection<T>(collection)
      .where({ _id: db.command.in(unique.slice(i, i + 1000)) })
      .limit(1000)
      .get();
    out.push(...data);
  }
  return out;
}
