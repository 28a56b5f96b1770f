/** The `tipoff` cloud function (举报投诉): the reporter's side and the supervisors' handling. */
import type {
  TipoffActRequest,
  TipoffCloseRequest,
  TipoffDetail,
  TipoffListRequest,
  TipoffListResponse,
  TipoffMineRequest,
  TipoffMineResponse,
  TipoffRateRequest,
  TipoffReplyRequest,
  TipoffStaffResponse,
  TipoffSubmitRequest,
  TipoffSubmitResponse,
  TipoffTrackRequest,
  TipoffTrackView,
  TipoffTransferRequest,
} from '../../typings/api';
import { callFunction } from './call';

/** 我要举报: answered with the tracking code and, for an anonymous one, the secret (shown once). */
export function submitTipoff(request: TipoffSubmitRequest): Promise<TipoffSubmitResponse> {
  return callFunction('tipoff', 'submit', request);
}

/** The staff of a region a reporter may name, masked. */
export function tipoffStaff(regionCode: string): Promise<TipoffStaffResponse> {
  return callFunction('tipoff', 'staff', { regionCode });
}

/** 查询进度 by code (and, anonymous, secret). */
export function trackTipoff(request: TipoffTrackRequest): Promise<TipoffTrackView> {
  return callFunction('tipoff', 'track', request);
}

/** 我的举报: the caller's named tip-offs. */
export function myTipoffs(request: TipoffMineRequest): Promise<TipoffMineResponse> {
  return callFunction('tipoff', 'mine', request);
}

/** 评价: a first dissatisfaction reopens the tip-off. */
export function rateTipoff(request: TipoffRateRequest): Promise<TipoffTrackView> {
  return callFunction('tipoff', 'rate', request);
}

/** Supervisors: the tip-offs of their region. */
export function tipoffList(request: TipoffListRequest): Promise<TipoffListResponse> {
  return callFunction('tipoff', 'list', request);
}

export function tipoffDetail(tipoffId: string): Promise<TipoffDetail> {
  return callFunction('tipoff', 'detail', { tipoffId });
}

export function acceptTipoff(request: TipoffActRequest): Promise<TipoffDetail> {
  return callFunction('tipoff', 'accept', request);
}

export function closeTipoff(request: TipoffCloseRequest): Promise<TipoffDetail> {
  return callFunction('tipoff', 'close', request);
}

export function replyTipoff(request: TipoffReplyRequest): Promise<TipoffDetail> {
  return callFunction('tipoff', 'reply', request);
}

export function transferTipoff(request: TipoffTransferRequest): Promise<TipoffDetail> {
  return callFunction('tipoff', 'transfer', request);
}
