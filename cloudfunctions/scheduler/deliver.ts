/**
 * Delivers queued notices beyond the app. A notice is claimed in a transaction that also takes one
 * allowance from each account it goes to, then sent; a crash after the claim leaves it `sending`,
 * which is never retried: WeChat allows each accepted subscription to be used once, and a resident
 * told twice about one payment would rightly doubt the platform.
 */
import { shanghaiDateTime } from '../../miniprogram/shared/time';
import type { NoticeKind } from '../../typings/api';
import { messageChannel, smsSender } from '../_shared/ports/channels';
import { type TemplateSpec, templates, templateValue } from '../_shared/ports/messages';
import { NOTIFICATIONS, type NotificationDoc, type PushState } from '../_shared/ports/notify';
import { USERS, type UserRecord } from '../_shared/runtime/caller';
import { unseal } from '../_shared/runtime/crypto';
import type { ActionContext } from '../_shared/runtime/router';

const BATCH = 100;

export interface DeliveryTally {
  sent: number;
  skipped: number;
  failed: number;
  sms: number;
}

interface Claim {
  recipients: UserRecord[];
  smsTo: string | null;
}

function message(n: NotificationDoc, template: TemplateSpec, openid: string) {
  const parts = { title: n.title, body: n.body, at: shanghaiDateTime(new Date(n.at)) };
  const data: Record<string, { value: string }> = {};
  for (const [part, keyword] of Object.entries(template.fields)) {
    if (keyword) data[keyword] = { value: templateValue(keyword, parts[part as keyof typeof parts]) };
  }
  return { touser: openid, templateId: template.id, page: n.page ?? '/pages/home/index', data };
}

async function claim(
  ctx: ActionContext,
  seen: NotificationDoc,
  template: TemplateSpec | undefined,
  smsOn: boolean,
): Promise<Claim | null> {
  const { data: accounts } = await ctx.db
    .collection<UserRecord>(USERS)
    .where({ householdId: seen.householdId })
    .limit(20)
    .get();
  return ctx.db.runTransaction(async (tx) => {
    const ref = tx.collection<NotificationDoc>(NOTIFICATIONS).doc(seen._id);
    const { data: n } = await ref.get();
    if (n.push.state !== 'queued') return null;
    const recipients: UserRecord[] = [];
    for (const account of template ? accounts : []) {
      const { data: user } = await tx.collection<UserRecord>(USERS).doc(account._id).get();
      const left = user.subscriptions?.[n.kind] ?? 0;
      if (left <= 0) continue;
      await tx
        .collection<UserRecord>(USERS)
        .doc(user._id)
        .update({ data: { [`subscriptions.${n.kind}`]: left - 1 } });
      recipients.push(user);
    }
    const smsAccount = n.sms && smsOn ? accounts.find((a) => a.mobileSealed) : undefined;
    const push: NotificationDoc['push'] = recipients.length
      ? { state: 'sending', at: ctx.now, reason: null, to: recipients.length }
      : { state: 'skipped', at: ctx.now, reason: template ? '未订阅消息' : '未配置消息模板', to: 0 };
    const sms: NotificationDoc['sms'] = n.sms
      ? smsAccount
        ? { ...n.sms, state: 'sending' }
        : { ...n.sms, state: 'skipped', reason: smsOn ? '没有登记手机号码' : '未接入短信' }
      : null;
    await ref.update({ data: { push, sms } });
    return { recipients, smsTo: smsAccount?.mobileSealed ?? null };
  });
}

/** Sends what the scheduler finds queued; one audit entry per run lists the notices it handled. */
export async function deliver(ctx: ActionContext): Promise<DeliveryTally> {
  const tally: DeliveryTally = { sent: 0, skipped: 0, failed: 0, sms: 0 };
  const { data: queued } = await ctx.db
    .collection<NotificationDoc>(NOTIFICATIONS)
    .where({ 'push.state': 'queued' })
    .orderBy('at', 'asc')
    .limit(BATCH)
    .get();
  if (queued.length === 0) return tally;
  const byKind = templates();
  const channel = messageChannel(ctx.db, ctx.now);
  const sms = smsSender(ctx.db, ctx.now);
  const handled: Array<{ id: string; push: PushState; sms: PushState | null }> = [];
  for (const n of queued) {
    const template = byKind[n.kind as NoticeKind];
    const claimed = await claim(ctx, n, template, sms !== null);
    if (!claimed) continue;
    let push: PushState = 'skipped';
    let reason: string | null = null;
    if (template && claimed.recipients.length) {
      const outcomes = await Promise.all(
        claimed.recipients.map((u) => channel.subscribe(message(n, template, u.openid))),
      );
      const failure = outcomes.find((o) => !o.ok);
      push = outcomes.some((o) => o.ok) ? 'sent' : 'failed';
      reason = failure && !failure.ok ? failure.reason : null;
    }
    let smsState: PushState | null = n.sms ? 'skipped' : null;
    let smsReason: string | null = null;
    if (n.sms && sms && claimed.smsTo) {
      const outcome = await sms.send(unseal(claimed.smsTo), n.sms.text);
      smsState = outcome.ok ? 'sent' : 'failed';
      smsReason = outcome.ok ? null : outcome.reason;
      if (outcome.ok) tally.sms++;
    }
    if (push !== 'skipped' || smsState === 'sent' || smsState === 'failed') {
      await ctx.db
        .collection<NotificationDoc>(NOTIFICATIONS)
        .doc(n._id)
        .update({
          data: {
            'push.state': push,
            'push.reason': reason,
            ...(n.sms ? { 'sms.state': smsState, 'sms.reason': smsReason } : {}),
          },
        });
    }
    tally[push === 'sent' ? 'sent' : push === 'failed' ? 'failed' : 'skipped']++;
    handled.push({ id: n._id, push, sms: smsState });
  }
  await ctx.audit({
    action: 'scheduler.deliver',
    actorRole: 'system',
    targetType: 'notifications',
    targetId: `tick:${ctx.requestId}`,
    detail: { ...tally, handled },
  });
  return tally;
}
