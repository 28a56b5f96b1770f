/**
 * A `<canvas type="2d">` ready to draw on: found by selector, its backing store sized to the screen's
 * pixel ratio, the context scaled so drawing uses CSS pixels. Where there is no canvas (an old base
 * library, the page tests) nothing is drawn and the page's words remain.
 */
export interface CanvasHost {
  createSelectorQuery?: () => WechatMiniprogram.SelectorQuery;
}

export function paintCanvas(
  host: CanvasHost,
  selector: string,
  draw: (
    painter: WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D,
    size: { width: number; height: number },
  ) => void,
): void {
  if (typeof host.createSelectorQuery !== 'function') return;
  host
    .createSelectorQuery()
    .select(selector)
    .fields({ node: true, size: true })
    .exec((res: Array<{ node?: WechatMiniprogram.Canvas; width?: number; height?: number } | null>) => {
      const found = res?.[0];
      const canvas = found?.node;
      if (!canvas || typeof canvas.getContext !== 'function' || !found.width || !found.height) return;
      const painter = canvas.getContext('2d');
      if (!painter) return;
      const ratio = wx.getWindowInfo?.().pixelRatio ?? 2;
      canvas.width = found.width * ratio;
      canvas.height = found.height * ratio;
      painter.scale(ratio, ratio);
      draw(painter, { width: found.width, height: found.height });
    });
}
