/** The `publicity` cloud function (公示公开): the public lists of a village or township, and objections. */
import type {
  PublicityDetailResponse,
  PublicityListRequest,
  PublicityListResponse,
  PublicityObjectRequest,
  PublicityObjectResponse,
} from '../../typings/api';
import { callFunction } from './call';

/** 公示名单 of a village or township, optionally of one project. */
export function listPublicity(request: PublicityListRequest): Promise<PublicityListResponse> {
  return callFunction('publicity', 'list', request);
}

/** One line of a list, with whether an objection may be raised now. */
export function publicityDetail(publicityId: string): Promise<PublicityDetailResponse> {
  return callFunction('publicity', 'detail', { publicityId });
}

/** 异议: answers a tracking code and, for an anonymous objection, the secret that is shown once. */
export function objectToPublicity(request: PublicityObjectRequest): Promise<PublicityObjectResponse> {
  return callFunction('publicity', 'object', request);
}
