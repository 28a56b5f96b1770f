/**
 * The one place that touches wx-server-sdk directly: initialisation, the caller's identity and the
 * typed database. Everything else receives these through the action context.
 */
import cloud from 'wx-server-sdk';
import type { Database } from './db';

let initialised = false;

function init(): void {
  if (initialised) return;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
  initialised = true;
}

/** The caller's openid, from the platform context only — never from the event. */
export function callerOpenid(): string {
  init();
  const { OPENID } = cloud.getWXContext();
  return typeof OPENID === 'string' ? OPENID : '';
}

export function database(): Database {
  init();
  return cloud.database() as unknown as Database;
}
