import { ApiError, UNAVAILABLE_MESSAGE } from './api-error';

/** The Chinese message to show for a failure; never a raw error text or stack. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : UNAVAILABLE_MESSAGE;
}

/** Shows a failure as a toast with the envelope's Chinese message. */
export function showError(error: unknown): void {
  wx.showToast({ title: errorMessage(error), icon: 'none', duration: 2500 });
}
