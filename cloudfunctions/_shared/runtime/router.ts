/**
 * The typed action router every cloud function is built from. A function folder lists its actions;
 * each declares its input schema, who may call it, and a handler. The router turns the event into
 * the handler's input, resolves the caller from the platform context, applies the access rule, and
 * maps every outcome to the envelope: domain errors keep their code and Chinese message, anything
 * else becomes INTERNAL with a request id (logged here, never sent to the client).
 */
import { randomUUID } from 'node:crypto';
import type * as z from 'zod/mini';
import type {
  ActionName,
  EventOf,
  FunctionName,
  RequestOf,
  ResponseOf,
  Result,
  RoleName,
} from '../../../typings/api';
import {
  type AuditInput,
  appendAudit,
  appendInTransaction,
  type UnsealedEntry,
  unsealedEntry,
} from '../audit/audit-log';
import type { Database, Transaction } from '../db/database';
import { type Caller, loadCaller, requireRegistered } from './caller';
import { callerOpenid, database } from './cloud';
import { DomainError, forbidden, INTERNAL_MESSAGE, invalid, precondition } from './errors';
import { parseInput } from './validate';

/**
 * Who may call an action; scope checks beyond the role happen in the handler. `system` is for timer
 * triggers and maintenance, which run without a user: any call that carries a user is refused.
 */
export type Access = 'anyone' | 'registered' | 'verified' | 'system' | readonly RoleName[];

export interface ActionContext {
  requestId: string;
  caller: Caller;
  db: Database;
  now: Date;
  /** Appends to the audit log as this caller (actor and request id filled in). */
  audit(
    entry: Omit<AuditInput, 'actorId' | 'actorRole' | 'requestId'> & { actorRole?: string },
  ): Promise<UnsealedEntry>;
  /**
   * Appends to the audit log inside `tx`, so the entry commits with the change it records (actor
   * filled in as this caller unless given).
   */
  auditIn(
    tx: Transaction,
    entry: Omit<AuditInput, 'actorId' | 'actorRole' | 'requestId'> & { actorId?: string; actorRole?: string },
  ): Promise<UnsealedEntry>;
  /**
   * The entry for a change made by one document write, to carry in that document (`riding` in
   * `_shared/audit/audit-log.ts`), so the write and its record are one (actor filled in as this caller unless given).
   */
  auditEntry(
    entry: Omit<AuditInput, 'actorId' | 'actorRole' | 'requestId'> & { actorId?: string; actorRole?: string },
  ): UnsealedEntry;
}

export interface ActionDef<F extends FunctionName, A extends ActionName<F>> {
  access: Access;
  input: z.ZodMiniType<RequestOf<F, A>>;
  handler(ctx: ActionContext, input: RequestOf<F, A>): Promise<ResponseOf<F, A>>;
}

export type ActionTable<F extends FunctionName> = { [A in ActionName<F>]: ActionDef<F, A> };

/** Keys the platform or a client may add to an event that are never parameters. */
const NON_PARAMS = new Set(['action', 'userInfo']);

export function checkAccess(access: Access, caller: Caller): void {
  if (access === 'anyone') return;
  if (access === 'system') {
    if (caller.openid) throw forbidden();
    return;
  }
  if (access === 'registered') {
    requireRegistered(caller);
    return;
  }
  if (access === 'verified') {
    if (requireRegistered(caller).verification !== 'verified') {
      throw precondition('您的账号尚未完成实名核验，请联系村（社区）干部上门或到村便民服务点核验');
    }
    return;
  }
  const roles = caller.user?.roles ?? [];
  if (!roles.some((g) => access.includes(g.role))) throw forbidden();
}

export interface Runtime {
  db(): Database;
  openid(): string;
  now(): Date;
}

const cloudRuntime: Runtime = { db: database, openid: callerOpenid, now: () => new Date() };

/** Builds a function's `main` from its action table. */
export function createFunction<F extends FunctionName>(
  name: F,
  actions: ActionTable<F>,
  runtime = cloudRuntime,
) {
  return async function main(event: unknown): Promise<Result<unknown>> {
    const requestId = randomUUID();
    let action = '';
    try {
      if (!event || typeof event !== 'object' || Array.isArray(event)) throw invalid('请求内容不正确');
      const raw = event as Record<string, unknown>;
      if (typeof raw.action !== 'string' || raw.action === '') throw invalid('请说明要办理的事项');
      action = raw.action;
      if (!Object.hasOwn(actions, action)) throw invalid('不支持的操作');
      const def = actions[action as ActionName<F>];
      const params = Object.fromEntries(Object.entries(raw).filter(([k]) => !NON_PARAMS.has(k)));

      const db = runtime.db();
      const caller = await loadCaller(db, runtime.openid());
      checkAccess(def.access, caller);
      const input = parseInput(def.input, params);
      const actorId = caller.user?._id ?? (def.access === 'system' ? `system:${name}` : 'visitor');
      const actorRole = caller.user?.roles.map((g) => g.role).join(',') ?? 'visitor';
      const ctx: ActionContext = {
        requestId,
        caller,
        db,
        now: runtime.now(),
        audit: (entry) =>
          appendAudit(
            db,
            { ...entry, actorId, actorRole: entry.actorRole ?? actorRole, requestId },
            runtime.now(),
          ),
        auditIn: (tx, entry) => appendInTransaction(tx, { actorId, actorRole, ...entry, requestId }, ctx.now),
        auditEntry: (entry) => unsealedEntry({ actorId, actorRole, ...entry, requestId }, ctx.now),
      };
      const data = await def.handler(ctx, input);
      return { ok: true, data };
    } catch (err) {
      if (err instanceof DomainError) return { ok: false, code: err.code, message: err.message };
      // The stack stays in the function's log; the client only gets a request id to quote.
      console.error(
        JSON.stringify({
          level: 'error',
          requestId,
          fn: name,
          action,
          error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
          stack: err instanceof Error ? err.stack : undefined,
        }),
      );
      return { ok: false, code: 'INTERNAL', message: INTERNAL_MESSAGE, requestId };
    }
  };
}

/** For tests and callers that build events: the typed event of one action. */
export function eventOf<F extends FunctionName, A extends ActionName<F>>(
  action: A,
  params: RequestOf<F, A>,
): EventOf<F, A> {
  return { action, ...(params as object) } as EventOf<F, A>;
}
