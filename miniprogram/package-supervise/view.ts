/** What every 纪检监察 screen shares: overdue badges, required text, CONFLICT. Pure. */
import { ApiError } from '../services/api-error';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days past `dueAt`, at least 1 once it has passed. */
export function overdueDays(dueAt: string, now: Date): number {
  return Math.max(1, Math.floor((now.getTime() - new Date(dueAt).getTime()) / DAY_MS));
}

/** The badge of an overdue item: 超期3天; '' while in time. */
export function overdueBadge(dueAt: string | null, overdue: boolean, now: Date): string {
  if (!overdue) return '';
  return dueAt ? `超期${overdueDays(dueAt, now)}天` : '超期';
}

/** Why this text cannot be sent: empty, or shorter than the cloud accepts; '' when it can. */
export function textProblem(text: string, what: string, min: number): string {
  const words = text.trim();
  if (!words) return `请填写${what}`;
  return [...words].length < min ? `${what}至少${min}个字` : '';
}

/** Shown after a CONFLICT, once the item has been read again. */
export const CONFLICT_TOAST = '已被他人处理，已刷新';

/** Another supervisor acted first on the version this one saw. */
export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'CONFLICT';
}
