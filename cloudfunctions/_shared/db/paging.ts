/** One page of a query with the total it is a page of: the shape every list action answers. */
import type { Database, Doc, Filter } from './database';

export interface Paged<T> {
  data: T[];
  total: number;
  page: number;
  pageSize: number;
}

export async function pageOf<T extends Doc>(
  db: Database,
  collection: string,
  where: Filter,
  order: ReadonlyArray<readonly [field: string, direction: 'asc' | 'desc']>,
  request: { page?: number; pageSize?: number },
  defaultSize = 20,
): Promise<Paged<T>> {
  const page = request.page ?? 1;
  const pageSize = request.pageSize ?? defaultSize;
  let query = db.collection<T>(collection).where(where);
  for (const [field, direction] of order) query = query.orderBy(field, direction);
  const [{ total }, { data }] = await Promise.all([
    db.collection<T>(collection).where(where).count(),
    query
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
  ]);
  return { data, total, page, pageSize };
}
