/**
 * The permission matrix, run: one call per cell (matrix.ts), its code checked against the table.
 * On every refusal the database is exactly as before (not even an audit entry); an allowed state
 * change leaves its audit entry. The table itself is held against the contract and against the
 * `actions` every function exports, both ways.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  AUDIT_COLLECTION,
  type AuditEntry,
  sealAudit,
} from '../../../cloudfunctions/_shared/audit/audit-log';
import type { ActionName, FunctionName } from '../../../typings/api';
import { startWorld, type World } from '../../helpers/world';
import { ACTION_TABLES } from './action-tables';
import {
  CALLERS,
  type CallerKey,
  type CellContext,
  type Expected,
  Fixture,
  LABEL,
  matrix,
  type Row,
} from './matrix';

const exported: { [F in FunctionName]: Record<string, unknown> } = ACTION_TABLES;

const FUNCTIONS = Object.keys(matrix) as FunctionName[];

describe('the table covers the contract', () => {
  test('every cloud function folder has its rows, and nothing else does', () => {
    const folders = fs
      .readdirSync(path.resolve(__dirname, '../../../cloudfunctions'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
      .map((d) => d.name)
      .sort();
    expect([...FUNCTIONS].sort()).toEqual(folders);
    expect(Object.keys(exported).sort()).toEqual(folders);
  });

  test.each(FUNCTIONS)('%s: a row for every exported action and an action for every row', (fn) => {
    expect(Object.keys(matrix[fn]).sort()).toEqual(Object.keys(exported[fn]).sort());
  });

  test.each(FUNCTIONS)('%s: every row has a cell for every caller', (fn) => {
    for (const row of Object.values(matrix[fn]) as Array<{ expect: Record<string, Expected> }>) {
      expect(Object.keys(row.expect).sort()).toEqual([...CALLERS].sort());
    }
  });
});

type AnyRow = Row<FunctionName, ActionName<FunctionName>>;

function rowOf(fn: FunctionName, action: string): AnyRow {
  return (matrix[fn] as unknown as Record<string, AnyRow>)[action] as AnyRow;
}

const table: Array<[string, FunctionName, string, CallerKey, Expected]> = FUNCTIONS.flatMap((fn) =>
  Object.keys(matrix[fn]).flatMap((action) =>
    CALLERS.map((caller): [string, FunctionName, string, CallerKey, Expected] => {
      const expected = rowOf(fn, action).expect[caller];
      return [`${fn}.${action} × ${LABEL[caller]} → ${expected}`, fn, action, caller, expected];
    }),
  ),
);

let world: World;
let fx: Fixture;

/** Audit entries written at or after `since` (the `at` index serves this). */
async function auditSince(since: Date): Promise<string[]> {
  const { data } = await world.db
    .collection<AuditEntry>(AUDIT_COLLECTION)
    .where({ at: world.db.command.gte(since) })
    .limit(1000)
    .get();
  return data.map((e) => e.action);
}

describe('every action × every caller', () => {
  beforeAll(async () => {
    world = await startWorld();
    fx = new Fixture(world);
    await fx.setUp();
  }, 180_000);
  afterAll(() => world?.close());

  test.each(table)('%s', async (_name, fn, action, caller, expected) => {
    const row = rowOf(fn, action);
    const cx: CellContext = { caller, allowed: expected === 'ok', fx };
    const params = await row.request(cx);
    const openid = fx.openidOf(caller);

    const since = world.now();
    const before = world.store.writeVersion();
    // raw: one loop over every function and action (and the cells send what the row's caller would)
    const res = await world.raw(fn, { ...(params as object), action }, openid);
    const after = world.store.writeVersion();

    const got: Expected = !res.ok ? res.code : row.outcome ? row.outcome(res.data as never) : 'ok';
    // The message travels with the code, so a failing cell says what the function answered.
    expect({ code: got, answer: got === expected ? undefined : res }).toEqual({ code: expected });

    if (got !== 'ok') {
      // Refused: nothing written at all, not even an audit entry.
      expect(after).toBe(before);
      return;
    }
    row.check?.(res.ok ? (res.data as never) : (undefined as never), cx);
    if (row.writes) expect(after).toBeGreaterThan(before);
    if (after !== before && !row.unaudited) {
      // Whatever an allowed call changes is on the audit trail, under its own action.
      const prefix = row.auditAs ?? `${fn}.${action}`;
      // An entry riding in its document reaches the log when it is sealed.
      await sealAudit(world.db);
      const actions = await auditSince(since);
      expect(actions.filter((a) => a === prefix || a.startsWith(`${prefix}.`))).not.toHaveLength(0);
    }
  });
});
