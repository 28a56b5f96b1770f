/** Times are UTC in storage and Asia/Shanghai (UTC+8, no daylight saving) on screen. */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in Shanghai, YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD HH:mm in Shanghai. */
export function shanghaiDateTime(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Said after a deadline counted in working days of a year whose holidays are not entered yet. */
export const PROVISIONAL_NOTE = '（暂定，待节假日安排公布后确定）';

/** 办理期限 as shown: the time in Shanghai, marked while it is provisional. */
export function dueText(dueAt: string, provisional: boolean): string {
  return `办理期限 ${shanghaiDateTime(dueAt)}${provisional ? PROVISIONAL_NOTE : ''}`;
}
