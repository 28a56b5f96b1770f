/**
 * Which message channel and SMS sender this deployment uses. YKT_MESSAGE_CHANNEL is `wechat` in the
 * cloud (the default) and `outbox` in the local cloud; YKT_SMS_SENDER names a registered SMS provider,
 * `outbox` locally, or nothing (no SMS).
 */

import { maskMobile } from '../../../miniprogram/shared/mask';
import type { Database, Doc } from '../db/database';
import { msgSecCheck, sendSubscribeMessage } from '../runtime/cloud';
import type { ContentChecker } from './content-check';
import type { MessageChannel, SendOutcome, SmsSender, SubscriptionMessage } from './messages';

export const OUTBOX = 'outbox';

export interface OutboxDoc extends Doc {
  channel: 'subscribe' | 'sms';
  /** The openid for a subscription message; the masked number for an SMS. */
  to: string;
  templateId: string | null;
  text: string;
  data: Record<string, { value: string }> | null;
  at: Date;
}

const wechat: MessageChannel = { name: 'wechat', subscribe: sendSubscribeMessage };

function outboxChannel(db: Database, now: Date): MessageChannel {
  return {
    name: 'outbox',
    async subscribe(message: SubscriptionMessage): Promise<SendOutcome> {
      await db.collection<OutboxDoc>(OUTBOX).add({
        data: {
          channel: 'subscribe',
          to: message.touser,
          templateId: message.templateId,
          text: message.page,
          data: message.data,
          at: now,
        },
      });
      return { ok: true };
    },
  };
}

function outboxSms(db: Database, now: Date): SmsSender {
  return {
    name: 'outbox',
    async send(mobile: string, text: string): Promise<SendOutcome> {
      await db.collection<OutboxDoc>(OUTBOX).add({
        data: { channel: 'sms', to: maskMobile(mobile), templateId: null, text, data: null, at: now },
      });
      return { ok: true };
    },
  };
}

/** SMS gateways a deployment contracts; register yours here and name it in YKT_SMS_SENDER. */
export const smsSenders = new Map<string, SmsSender>();

export function messageChannel(db: Database, now: Date): MessageChannel {
  const mode = process.env.YKT_MESSAGE_CHANNEL ?? 'wechat';
  if (mode === 'wechat') return wechat;
  if (mode === 'outbox') return outboxChannel(db, now);
  throw new Error(`YKT_MESSAGE_CHANNEL=${mode} is neither wechat nor outbox`);
}

export function smsSender(db: Database, now: Date): SmsSender | null {
  const name = process.env.YKT_SMS_SENDER ?? '';
  if (!name) return null;
  if (name === 'outbox') return outboxSms(db, now);
  const sender = smsSenders.get(name);
  if (!sender) throw new Error(`YKT_SMS_SENDER names ${name}, which is not registered`);
  return sender;
}

const passThrough: ContentChecker = { check: async () => ({ pass: true }) };
const wechatCheck: ContentChecker = { check: msgSecCheck };

export function contentChecker(): ContentChecker {
  const mode = process.env.YKT_CONTENT_CHECK ?? 'wechat';
  if (mode === 'none') return passThrough;
  if (mode === 'wechat') return wechatCheck;
  throw new Error(`YKT_CONTENT_CHECK=${mode} is neither wechat nor none`);
}
