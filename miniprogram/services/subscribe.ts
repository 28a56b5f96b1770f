/**
 * 订阅消息: WeChat delivers a subscription message only for a template the resident accepted, one message
 * per acceptance. The question is asked beside an action the resident taps (WeChat allows it nowhere
 * else) and never stands in its way: whatever happens here, the action goes on, so a failure is only logged.
 */
import type { NoticeKind } from '../../typings/api';
import { config } from '../config';
import { subscribe } from './user';

type SubscribeAnswer = WechatMiniprogram.RequestSubscribeMessageSuccessCallbackResult;

/** wx.requestSubscribeMessage, called at once (still inside the tap), answered as a promise. */
function requestSubscribeMessage(tmplIds: string[]): Promise<SubscribeAnswer> {
  return new Promise((resolve, reject) => {
    wx.requestSubscribeMessage({ tmplIds, success: resolve, fail: reject });
  });
}

/**
 * Asks the resident to accept the templates of these kinds (those configured in `config.templates`) and
 * reports the accepted kinds to the cloud. Call it first thing in a tap handler and do not wait for it:
 * WeChat is asked before its first `await`, and the promise never rejects.
 */
export async function askToSubscribe(kinds: readonly NoticeKind[]): Promise<void> {
  try {
    const wanted = [...new Set(kinds)].filter((kind) => config.templates[kind] !== '');
    if (wanted.length === 0) return;
    const answer = await requestSubscribeMessage([...new Set(wanted.map((kind) => config.templates[kind]))]);
    const accepted = wanted.filter((kind) => answer[config.templates[kind]] === 'accept');
    if (accepted.length > 0) await subscribe({ accepted });
  } catch (error) {
    console.warn('订阅消息未能登记', error);
  }
}
