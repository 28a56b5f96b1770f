/**
 * Ports for messages beyond the app. In the cloud, subscription messages go through WeChat's
 * `subscribeMessage.send` (the function's config.json grants that openapi permission); the local cloud
 * and tests use the outbox, a collection that records what would have been sent. SMS has no built-in
 * gateway: a deployment registers its provider in `smsSenders` and names it in YKT_SMS_SENDER.
 *
 * Templates are chosen in the mini program's WeChat console; YKT_TEMPLATES maps each kind of notice to
 * its template id and the template's field names, e.g.
 * `{"payment":{"id":"…","fields":{"title":"thing1","body":"thing2","at":"time3"}}}`.
 */
import type { NoticeKind } from '../../../typings/api';

export interface TemplateSpec {
  id: string;
  /** The template's keyword for each part of the notice; a part without one is left out. */
  fields: Partial<Record<'title' | 'body' | 'at', string>>;
}

export interface SubscriptionMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

export type SendOutcome = { ok: true } | { ok: false; reason: string };

export interface MessageChannel {
  readonly name: string;
  subscribe(message: SubscriptionMessage): Promise<SendOutcome>;
}

export interface SmsSender {
  readonly name: string;
  /** `mobile` is the full number, used only for this call and never logged. */
  send(mobile: string, text: string): Promise<SendOutcome>;
}

const KINDS: readonly NoticeKind[] = ['declaration', 'payment', 'tipoff'];

function isTemplate(value: unknown): value is TemplateSpec {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as { id?: unknown; fields?: unknown };
  return typeof t.id === 'string' && t.id.length > 0 && typeof t.fields === 'object' && t.fields !== null;
}

/** The configured templates; a malformed setting is a deployment error, reported loudly. */
export function templates(raw = process.env.YKT_TEMPLATES ?? ''): Partial<Record<NoticeKind, TemplateSpec>> {
  if (!raw.trim()) return {};
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null) throw new Error('YKT_TEMPLATES must be a JSON object');
  const out: Partial<Record<NoticeKind, TemplateSpec>> = {};
  for (const kind of KINDS) {
    const value = (parsed as Record<string, unknown>)[kind];
    if (value === undefined) continue;
    if (!isTemplate(value)) throw new Error(`YKT_TEMPLATES.${kind} needs an id and fields`);
    out[kind] = value;
  }
  return out;
}

/** WeChat's limits on template values: `thing` ≤ 20 characters, `time` as a Chinese date and time. */
export function templateValue(keyword: string, value: string): string {
  const chars = Array.from(value);
  if (keyword.startsWith('thing')) return chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : value;
  if (keyword.startsWith('phrase')) return chars.slice(0, 5).join('');
  return chars.slice(0, 200).join('');
}
