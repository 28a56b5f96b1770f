/**
 * 消息: every notice the household gets is first a record it reads in the app (我的消息). The scheduler
 * then delivers what it can beyond the app: a subscription message to each account of the household
 * that allowed one for that kind, and for payment notices an SMS through the deployment's gateway.
 */
import type { NoticeKind } from '../../../typings/api';
import type { Database, Doc, Transaction } from '../db/database';

export const NOTIFICATIONS = 'notifications';

export type PushState = 'queued' | 'sending' | 'sent' | 'skipped' | 'failed';

export interface NotificationDoc extends Doc {
  _id: string;
  householdId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  /** The page the notice opens, e.g. `/pages/declarations/detail?id=…`. */
  page: string | null;
  declarationId?: string;
  paymentId?: string;
  at: Date;
  read: boolean;
  /** Delivery beyond the app; `sending` is never retried (a subscription message is sent at most once). */
  push: { state: PushState; at: Date | null; reason: string | null; to: number };
  /** The SMS text, for notices that also go by SMS (payments); null otherwise. */
  sms: { text: string; state: PushState; reason: string | null } | null;
}

export interface NoticeInput {
  householdId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  page: string | null;
  declarationId?: string;
  paymentId?: string;
  /** Also send this text by SMS. */
  smsText?: string;
}

export function noticeDoc(id: string, input: NoticeInput, now: Date): NotificationDoc {
  const { smsText, ...rest } = input;
  return {
    _id: id,
    ...rest,
    at: now,
    read: false,
    push: { state: 'queued', at: null, reason: null, to: 0 },
    sms: smsText ? { text: smsText, state: 'queued', reason: null } : null,
  };
}

/**
 * Queues a notice: inside the transaction that makes the change it tells about, or after a change that
 * was one write already made.
 */
export async function queueNotice(
  into: Transaction | Database,
  id: string,
  input: NoticeInput,
  now: Date,
): Promise<void> {
  await into.collection<NotificationDoc>(NOTIFICATIONS).add({ data: noticeDoc(id, input, now) });
}
