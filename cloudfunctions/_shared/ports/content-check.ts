/**
 * Content safety (内容安全) for text users publish into the platform. In the cloud: WeChat's
 * `security.msgSecCheck` (version 2, needs the caller's openid, which is used for the check only and
 * never stored); locally and in tests a pass-through. YKT_CONTENT_CHECK is `wechat` (default) or `none`.
 */
export interface ContentVerdict {
  pass: boolean;
}

export interface ContentChecker {
  check(text: string, openid: string): Promise<ContentVerdict>;
}
