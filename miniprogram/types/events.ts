/** A tap on an element whose `data-*` attributes, read from `currentTarget.dataset`, are `D`. */
export type TapEvent<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.CustomEvent<
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject,
  D
>;
