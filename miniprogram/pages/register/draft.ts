/**
 * The registration draft kept on the phone (stores/draft.ts): it holds an ID number, so it is cleared
 * after a successful registration and dropped when older than seven days.
 */
import { keptDraft } from '../../stores/draft';
import { EMPTY_FORM, type RegisterForm } from './form';

export const DRAFT_KEY = 'ykt.registerDraft';

const isEmpty = (form: RegisterForm): boolean =>
  (Object.keys(EMPTY_FORM) as (keyof RegisterForm)[]).every((key) => form[key] === EMPTY_FORM[key]);

const draft = keptDraft<RegisterForm>(DRAFT_KEY, isEmpty);

export function saveDraft(form: RegisterForm, now = Date.now()): void {
  draft.save(form, now);
}

/** The saved form, or null when there is none or it has expired. */
export function loadDraft(now = Date.now()): RegisterForm | null {
  const form = draft.load(now);
  return form ? { ...EMPTY_FORM, ...form } : null;
}

export function clearDraft(): void {
  draft.clear();
}
