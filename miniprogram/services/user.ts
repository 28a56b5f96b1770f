/** The `user` cloud function: identity, registration, the household and its one card, 居民核验. */
import type {
  BindCardRequest,
  BindCardResponse,
  HouseholdResponse,
  LoginResponse,
  NoticesRequest,
  NoticesResponse,
  ProfileResponse,
  ReadNoticesRequest,
  ReadNoticesResponse,
  RegisterRequest,
  RegisterResponse,
  SubscribeRequest,
  SubscribeResponse,
  UpdateProfileRequest,
  VerificationQueueRequest,
  VerificationQueueResponse,
  VerifyRequest,
  VerifyResponse,
} from '../../typings/api';
import { callFunction } from './call';

/** Who am I: roles, registration and verification state. */
export function login(): Promise<LoginResponse> {
  return callFunction('user', 'login', {});
}

/** 实名注册: the account stays pending until a village cadre confirms the person on site. */
export function register(request: RegisterRequest): Promise<RegisterResponse> {
  return callFunction('user', 'register', request);
}

/** The caller's own data, masked. */
export function profile(): Promise<ProfileResponse> {
  return callFunction('user', 'profile', {});
}

export function updateProfile(request: UpdateProfileRequest): Promise<ProfileResponse> {
  return callFunction('user', 'updateProfile', request);
}

/** 我的家庭: members, the one card and its history, all masked. */
export function household(): Promise<HouseholdResponse> {
  return callFunction('user', 'household', {});
}

/** 绑定/更换一卡通: the verified head only. */
export function bindCard(request: BindCardRequest): Promise<BindCardResponse> {
  return callFunction('user', 'bindCard', request);
}

/** 居民核验: pending residents of the cadre's villages. */
export function verificationQueue(request: VerificationQueueRequest): Promise<VerificationQueueResponse> {
  return callFunction('user', 'verificationQueue', request);
}

export function verify(request: VerifyRequest): Promise<VerifyResponse> {
  return callFunction('user', 'verify', request);
}

/** 我的消息: the household's notices, newest first, with the unread count. */
export function notices(request: NoticesRequest): Promise<NoticesResponse> {
  return callFunction('user', 'notices', request);
}

/** Marks these notices read, or all of the household's when `ids` is left out. */
export function readNotices(request: ReadNoticesRequest): Promise<ReadNoticesResponse> {
  return callFunction('user', 'readNotices', request);
}

/** Reports the subscription message templates the resident accepted. */
export function subscribe(request: SubscribeRequest): Promise<SubscribeResponse> {
  return callFunction('user', 'subscribe', request);
}
