/**
 * The text of a year being entered, kept on the phone (stores/draft.ts) until the server confirms the
 * import, so that a killed app loses nothing. One draft per year.
 */
import { type KeptDraft, keptDraft } from '../../../stores/draft';

export const CALENDAR_DRAFT_PREFIX = 'ykt.calendarDraft.';

export interface CalendarDraft {
  text: string;
}

export function calendarDraft(year: number): KeptDraft<CalendarDraft> {
  return keptDraft<CalendarDraft>(`${CALENDAR_DRAFT_PREFIX}${year}`, (d) => d.text.trim() === '');
}
