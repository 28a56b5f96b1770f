/** What the cadre enters in the 居民核验 sheet, checked before anything is sent. */
import { checkIdNumber } from '../../../shared/idcard';

/** Common reasons for 不通过; the cadre may add words or write their own. */
export const REFUSAL_REASONS = ['非本人注册', '证件信息不符', '不是本村（社区）居民', '其他原因'];
const OTHER = '其他原因';

/** The problem with the number read off the person's ID card, or null when it is a valid number. */
export function checkSeenId(value: string, today: string): string | null {
  const result = checkIdNumber(value, today);
  return result.ok ? null : result.reason;
}

/** The reason sent with 不通过, or null while it is not enough to tell the resident what to do. */
export function refusalReason(choice: string, text: string): string | null {
  const words = text.trim();
  if (choice === OTHER || !choice) return words.length >= 2 ? words : null;
  return words ? `${choice}：${words}` : choice;
}
