/** 用户：登录、实名注册、个人资料、家庭与一卡通、居民核验、我的消息。 */
import { type ActionTable, createFunction } from '../_shared/runtime/router';
import { faceVerify } from './face-verify';
import { bindCard, household } from './household';
import { login } from './login';
import { notices, readNotices, subscribe } from './notices';
import { profile, updateProfile } from './profile';
import { register } from './register';
import { verificationQueue, verify } from './verification';

/** The action table, exported so that tests can hold it against the contract. */
export const actions = {
  login,
  register,
  profile,
  updateProfile,
  household,
  bindCard,
  verificationQueue,
  verify,
  faceVerify,
  notices,
  readNotices,
  subscribe,
} satisfies ActionTable<'user'>;

export const main = createFunction('user', actions);
