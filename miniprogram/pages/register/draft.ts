/**
 * The registration draft kept on the phone, so that nothing typed is lost when the app is closed.
 * It holds an ID number, so it does not stay forever: cleared after a successful registration and
 * dropped when older than seven days.
 */
import { EMPTY_FORM, type RegisterForm } from './form';

export const DRAFT_KEY = 'ykt.registerDraft';
export const DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

interface StoredDraft {
  savedAt: number;
  form: RegisterForm;
}

function isStoredDraft(value: unknown): value is StoredDraft {
  const draft = value as Partial<StoredDraft> | null;
  return typeof draft?.savedAt === 'number' && typeof draft.form === 'object' && draft.form !== null;
}

const isEmpty = (form: RegisterForm): boolean =>
  (Object.keys(EMPTY_FORM) as (keyof RegisterForm)[]).every((key) => form[key] === EMPTY_FORM[key]);

export function saveDraft(form: RegisterForm, now = Date.now()): void {
  if (isEmpty(form)) clearDraft();
  else wx.setStorageSync(DRAFT_KEY, { savedAt: now, form } satisfies StoredDraft);
}

/** The saved form, or null when there is none or it has expired (an expired one is removed). */
export function loadDraft(now = Date.now()): RegisterForm | null {
  const stored: unknown = wx.getStorageSync(DRAFT_KEY);
  if (!isStoredDraft(stored)) return null;
  if (now - stored.savedAt > DRAFT_MAX_AGE_MS) {
    clearDraft();
    return null;
  }
  return { ...EMPTY_FORM, ...stored.form };
}

export function clearDraft(): void {
  wx.removeStorageSync(DRAFT_KEY);
}
