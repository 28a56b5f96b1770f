/**
 * A form kept on the phone (草稿), so that nothing typed is lost when the app is closed. Drafts may hold
 * personal data, so they do not stay forever: the page clears one after a successful submit, and one
 * older than seven days is dropped when read.
 */

export const DRAFT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

interface StoredDraft<T> {
  savedAt: number;
  form: T;
}

export interface KeptDraft<T> {
  /** Keeps `form`; an empty form removes the draft instead. */
  save(form: T, now?: number): void;
  /** The kept form, or null when there is none or it has expired (an expired one is removed). */
  load(now?: number): T | null;
  clear(): void;
}

function isStoredDraft(value: unknown): value is StoredDraft<unknown> {
  const draft = value as Partial<StoredDraft<unknown>> | null;
  return typeof draft?.savedAt === 'number' && typeof draft.form === 'object' && draft.form !== null;
}

/** The draft under storage `key`; `isEmpty` tells a form with nothing worth keeping. */
export function keptDraft<T extends object>(key: string, isEmpty: (form: T) => boolean): KeptDraft<T> {
  const clear = () => wx.removeStorageSync(key);
  return {
    save(form, now = Date.now()) {
      if (isEmpty(form)) clear();
      else wx.setStorageSync(key, { savedAt: now, form } satisfies StoredDraft<T>);
    },
    load(now = Date.now()) {
      const stored: unknown = wx.getStorageSync(key);
      if (!isStoredDraft(stored)) return null;
      if (now - stored.savedAt > DRAFT_MAX_AGE_MS) {
        clear();
        return null;
      }
      return stored.form as T;
    },
    clear,
  };
}
