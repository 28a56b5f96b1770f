/** The objection form (异议) as plain rules, the same limits the cloud checks. Pure. */

export const OBJECTION_MAX = 2000;
export const OBJECTION_MIN = 10;

export type Identity = 'named' | 'anonymous' | '';

/** What still stops the objection from being sent, or '' when it can go. */
export function objectionProblem(content: string, identity: Identity): string {
  const length = content.trim().length;
  if (length < OBJECTION_MIN)
    return `请写明异议的理由，至少${OBJECTION_MIN}个字（还差${OBJECTION_MIN - length}个字）`;
  if (length > OBJECTION_MAX) return `异议内容不能超过${OBJECTION_MAX}个字`;
  if (!identity) return '请选择实名或匿名';
  return '';
}

/** What the person copies after an anonymous objection: both are needed to follow it. */
export function clipboardText(trackingCode: string, secret: string | null): string {
  return secret ? `查询码：${trackingCode} 查询密码：${secret}` : `查询码：${trackingCode}`;
}
