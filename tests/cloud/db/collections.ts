/** A manifest for the database engine's own tests (the project's manifest changes with the product). */
import type { CollectionSpec, IndexField } from '../../../database/manifest';

const asc = (field: string): IndexField => ({ field, direction: 1 });
const desc = (field: string): IndexField => ({ field, direction: -1 });

export const testCollections: CollectionSpec[] = [
  {
    name: 'people',
    description: 'people with a unique email, a compound index, a multikey index and a nested one',
    indexes: [
      { name: 'email_unique', fields: [asc('email')], unique: true },
      { name: 'city_age', fields: [asc('city'), asc('age')] },
      { name: 'tags_created', fields: [asc('tags'), desc('createdAt')] },
      { name: 'zip', fields: [asc('address.zip')] },
      { name: 'created', fields: [desc('createdAt')] },
    ],
  },
  {
    name: 'items',
    description: 'numbered items in groups',
    indexes: [
      { name: 'n', fields: [asc('n')] },
      { name: 'group_n', fields: [asc('group'), asc('n')] },
    ],
  },
  {
    name: 'orders',
    description: 'orders pointing at people',
    indexes: [{ name: 'person', fields: [asc('personId')] }],
  },
  { name: 'accounts', description: 'balances for transactions', indexes: [] },
];
