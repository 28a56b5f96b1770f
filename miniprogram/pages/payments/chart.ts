/**
 * The monthly bar chart of 明白账: twelve bars from the statement's month totals. The geometry is pure
 * (testable without a canvas); `drawChart` paints it on any 2D context, in CSS pixels.
 */

export interface ChartBox {
  /** CSS pixels of the canvas element. */
  width: number;
  height: number;
  /** Label font size in CSS pixels; larger in elder mode. */
  fontSize: number;
}

export interface Bar {
  month: number;
  fen: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartGeometry {
  bars: Bar[];
  /** y of the axis the bars stand on */
  baseline: number;
  /** centre x and y of each month's label, January first */
  labels: Array<{ text: string; x: number; y: number }>;
}

const SIDE_PADDING = 8;
const TOP_PADDING = 12;
/** A month with money shows at least this high, however small against the largest. */
const MIN_BAR = 3;

/** Where each of the twelve bars goes: equal slots, heights in proportion to the largest month. */
export function chartGeometry(monthTotals: readonly number[], box: ChartBox): ChartGeometry {
  const months = Array.from({ length: 12 }, (_, i) => Math.max(0, monthTotals[i] ?? 0));
  const max = Math.max(...months);
  const labelHeight = box.fontSize * 1.6;
  const baseline = Math.max(TOP_PADDING, box.height - labelHeight);
  const room = baseline - TOP_PADDING;
  const slot = Math.max(0, box.width - 2 * SIDE_PADDING) / 12;
  const barWidth = slot * 0.6;
  const bars = months.map((fen, i) => {
    const height = fen === 0 ? 0 : Math.min(room, Math.max(MIN_BAR, (fen / max) * room));
    return {
      month: i + 1,
      fen,
      x: SIDE_PADDING + slot * i + (slot - barWidth) / 2,
      y: baseline - height,
      width: barWidth,
      height,
    };
  });
  const labels = months.map((_, i) => ({
    text: String(i + 1),
    x: SIDE_PADDING + slot * i + slot / 2,
    y: baseline + labelHeight / 2,
  }));
  return { bars, baseline, labels };
}

/** What drawChart uses of a canvas 2D context. */
export type Painter = Pick<
  WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'lineWidth'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
  | 'clearRect'
  | 'fillRect'
  | 'fillText'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
>;

export interface ChartColours {
  bar: string;
  axis: string;
  label: string;
}

export function drawChart(
  painter: Painter,
  geometry: ChartGeometry,
  box: ChartBox,
  colours: ChartColours,
): void {
  painter.clearRect(0, 0, box.width, box.height);
  painter.fillStyle = colours.bar;
  for (const bar of geometry.bars) {
    if (bar.height > 0) painter.fillRect(bar.x, bar.y, bar.width, bar.height);
  }
  painter.strokeStyle = colours.axis;
  painter.lineWidth = 1;
  painter.beginPath();
  painter.moveTo(0, geometry.baseline);
  painter.lineTo(box.width, geometry.baseline);
  painter.stroke();
  painter.fillStyle = colours.label;
  painter.font = `${box.fontSize}px sans-serif`;
  painter.textAlign = 'center';
  painter.textBaseline = 'middle';
  for (const label of geometry.labels) painter.fillText(label.text, label.x, label.y);
}
