/**
 * What every import of an uploaded table needs, whichever function reads it: the upload must be the
 * caller's own, and its dates are Shanghai calendar days.
 */
import { isCalendarDay, startOfShanghaiDay } from '../../../miniprogram/shared/time';
import { forbidden } from '../runtime/errors';
import type { ActionContext } from '../runtime/router';

/** An upload must sit in the caller's own import folder. */
export function checkOwnFile(ctx: Pick<ActionContext, 'caller'>, fileID: string): void {
  const userId = ctx.caller.user?._id ?? '';
  if (!userId || !fileID.includes(`/imports/${userId}/`)) throw forbidden('只能导入您本人上传的文件');
}

/** 2026-03-05, 2026/3/5, 20260305 (optionally with a time) → midnight of that day in Asia/Shanghai. */
export function parseDay(text: string): Date | null {
  const m = /^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})(?:[ T].*)?$/.exec(text.trim());
  if (!m) return null;
  const day = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  return isCalendarDay(day) ? startOfShanghaiDay(day) : null;
}
