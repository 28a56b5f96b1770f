/**
 * The login result of this launch (user.login), shared by the tab bar and the pages.
 * One call in flight at a time: app launch and the first page ask together, the cloud answers once.
 */
import type { LoginResponse } from '../../typings/api';
import { errorMessage } from '../services/toast';
import { login } from '../services/user';
import { observable } from './observable';

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; login: LoginResponse }
  | { status: 'failed'; message: string };

const state = observable<SessionState>({ status: 'loading' });
let pending: Promise<LoginResponse> | null = null;

export const sessionState = state.get;
export const onSessionChange = state.subscribe;

/** The login result; calls user.login unless it already answered (or `refresh` asks again). */
export function loadSession(refresh = false): Promise<LoginResponse> {
  const current = state.get();
  if (current.status === 'ready' && !refresh) return Promise.resolve(current.login);
  if (pending) return pending;
  if (current.status !== 'loading') state.set({ status: 'loading' });
  pending = login().then(
    (result) => {
      pending = null;
      state.set({ status: 'ready', login: result });
      return result;
    },
    (error: unknown) => {
      pending = null;
      state.set({ status: 'failed', message: errorMessage(error) });
      throw error;
    },
  );
  return pending;
}

/**
 * The caller's userId: materials are uploaded under `declarations/<userId>/`. Read from the login answer,
 * which is to carry it (`LoginResponse.userId`); null until then or while not logged in.
 */
export function sessionUserId(state: SessionState = sessionState()): string | null {
  if (state.status !== 'ready') return null;
  return state.login.userId;
}
