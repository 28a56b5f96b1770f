/** 消息: what the household is told about its declarations, payments and tip-offs. */

/** What a notification is about; each kind has its own subscription message template. */
export type NoticeKind = 'declaration' | 'payment' | 'tipoff';

export interface NoticeItem {
  id: string;
  kind: NoticeKind;
  title: string;
  body: string;
  /** ISO time (UTC); shown in Asia/Shanghai. */
  at: string;
  read: boolean;
  /** The page that shows what it is about, e.g. `/pages/declarations/detail?id=…`, or null. */
  page: string | null;
}

export interface NoticesRequest {
  page?: number;
  pageSize?: number;
}

export interface NoticesResponse {
  items: NoticeItem[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

export interface ReadNoticesRequest {
  /** The notices to mark read; none means all of the household's. */
  ids?: string[];
}

export interface ReadNoticesResponse {
  marked: number;
  unread: number;
}

/**
 * What `wx.requestSubscribeMessage` answered: the kinds whose template the resident accepted. Each
 * acceptance allows one subscription message (WeChat's one-time subscriptions).
 */
export interface SubscribeRequest {
  accepted: NoticeKind[];
}

export interface SubscribeResponse {
  /** Messages the platform may still send to this account, per kind. */
  allowance: Record<NoticeKind, number>;
}
