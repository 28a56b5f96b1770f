/**
 * An event from a component (`detail` is `Detail`) on an element whose `data-*` attributes, read from
 * `currentTarget.dataset`, are `D`: an input that also says which field it is.
 */
export type DataEvent<
  Detail extends WechatMiniprogram.IAnyObject,
  D extends WechatMiniprogram.IAnyObject = WechatMiniprogram.IAnyObject,
> = WechatMiniprogram.CustomEvent<Detail, WechatMiniprogram.IAnyObject, D>;

/** A tap on an element whose `data-*` attributes, read from `currentTarget.dataset`, are `D`. */
export type TapEvent<D extends WechatMiniprogram.IAnyObject> = DataEvent<WechatMiniprogram.IAnyObject, D>;
