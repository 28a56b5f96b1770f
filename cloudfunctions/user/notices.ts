/** 我的消息 and subscription allowances. */
import * as z from 'zod/mini';
import type {
  NoticeItem,
  NoticeKind,
  NoticesResponse,
  ReadNoticesResponse,
  SubscribeResponse,
} from '../../typings/api';
import type { Database } from '../_shared/db/database';
import { pageOf } from '../_shared/db/paging';
import { NOTIFICATIONS, type NotificationDoc } from '../_shared/ports/notify';
import { requireRegistered, USERS, type UserRecord } from '../_shared/runtime/caller';
import { conflict } from '../_shared/runtime/errors';
import type { ActionDef } from '../_shared/runtime/router';
import { docId, labelled, page, pageSize } from '../_shared/runtime/schemas';

const KINDS = ['declaration', 'payment', 'tipoff'] as const satisfies readonly NoticeKind[];
/** WeChat keeps accumulating one-time acceptances; the platform counts no more than this per kind. */
export const MAX_ALLOWANCE = 50;

function toItem(n: NotificationDoc): NoticeItem {
  return {
    id: n._id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    at: new Date(n.at).toISOString(),
    read: n.read,
    page: n.page ?? null,
  };
}

function unreadCount(db: Database, householdId: string): Promise<{ total: number }> {
  return db.collection<NotificationDoc>(NOTIFICATIONS).where({ householdId, read: false }).count();
}

export const notices: ActionDef<'user', 'notices'> = {
  access: 'registered',
  input: z.object({ page: page(), pageSize: pageSize() }),
  async handler({ caller, db }, input): Promise<NoticesResponse> {
    const user = requireRegistered(caller);
    const householdId = user.householdId ?? '';
    const [{ data, ...paging }, { total: unread }] = await Promise.all([
      pageOf<NotificationDoc>(db, NOTIFICATIONS, { householdId }, [['at', 'desc']], input),
      unreadCount(db, householdId),
    ]);
    return { items: data.map(toItem), unread, ...paging };
  },
};

export const readNotices: ActionDef<'user', 'readNotices'> = {
  access: 'registered',
  input: z.object({ ids: labelled(z.optional(z.array(docId('消息')).check(z.maxLength(100))), '消息') }),
  async handler(ctx, input): Promise<ReadNoticesResponse> {
    const user = requireRegistered(ctx.caller);
    const householdId = user.householdId ?? '';
    const _ = ctx.db.command;
    const where = input.ids
      ? { householdId, read: false, _id: _.in(input.ids) }
      : { householdId, read: false };
    const { stats } = await ctx.db
      .collection<NotificationDoc>(NOTIFICATIONS)
      .where(where)
      .update({
        data: { read: true },
      });
    if (stats.updated > 0) {
      await ctx.audit({
        action: 'user.readNotices',
        targetType: 'household',
        targetId: householdId,
        detail: { marked: stats.updated, ids: input.ids ?? 'all' },
      });
    }
    const { total: unread } = await unreadCount(ctx.db, householdId);
    return { marked: stats.updated, unread };
  },
};

/** Records the templates the resident accepted in `wx.requestSubscribeMessage`. */
export const subscribe: ActionDef<'user', 'subscribe'> = {
  access: 'registered',
  input: z.object({
    accepted: labelled(z.array(z.enum(KINDS)).check(z.maxLength(KINDS.length * 3)), '订阅的消息'),
  }),
  async handler(ctx, input): Promise<SubscribeResponse> {
    const _ = ctx.db.command;
    let user = requireRegistered(ctx.caller);
    for (let attempt = 1; ; attempt++) {
      const current = user.subscriptions ?? {};
      const allowance: Record<NoticeKind, number> = { declaration: 0, payment: 0, tipoff: 0 };
      for (const kind of KINDS) {
        const added = input.accepted.filter((k) => k === kind).length;
        allowance[kind] = Math.min(MAX_ALLOWANCE, (current[kind] ?? 0) + added);
      }
      if (input.accepted.length === 0) return { allowance };
      // One write, only over the counts just read (the scheduler spends them as it sends), carrying
      // its own audit entry.
      const unchanged = Object.fromEntries(
        KINDS.map((k) => [`subscriptions.${k}`, current[k] === undefined ? _.exists(false) : current[k]]),
      );
      const entry = ctx.auditEntry({
        action: 'user.subscribe',
        actorId: user._id,
        actorRole: 'resident',
        targetType: 'user',
        targetId: user._id,
        detail: { accepted: input.accepted, allowance },
      });
      const { stats } = await ctx.db
        .collection<UserRecord>(USERS)
        .where({ _id: user._id, ...unchanged })
        .update({ data: { subscriptions: allowance, auditRiding: true, auditPending: _.push([entry]) } });
      if (stats.updated === 1) return { allowance };
      if (attempt >= 3) throw conflict('订阅设置正在更新，请稍后再试');
      const { data } = await ctx.db.collection<UserRecord>(USERS).where({ _id: user._id }).limit(1).get();
      if (!data[0]) throw conflict('订阅设置正在更新，请稍后再试');
      user = data[0];
    }
  },
};
