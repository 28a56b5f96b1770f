/** The `user` cloud function: identity, registration and the household. */
import type { LoginResponse } from '../../typings/api';
import { callFunction } from './call';

/** Who am I: roles, registration and verification state. */
export function login(): Promise<LoginResponse> {
  return callFunction('user', 'login', {});
}
