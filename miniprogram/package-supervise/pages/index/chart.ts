/**
 * The 发放 chart of the dashboard: one horizontal bar per project, its name and amount on a line above
 * the bar, bar lengths in proportion to the largest amount. The geometry is pure (testable without a
 * canvas); `drawChart` paints it on any 2D context, in CSS pixels.
 */

export interface ChartRow {
  label: string;
  /** what the bar's length stands for (fen) */
  value: number;
  /** the amount as read, e.g. 1200.00元 */
  valueText: string;
}

export interface ChartBox {
  /** CSS pixels of the canvas element's width. */
  width: number;
  /** Text size in CSS pixels; larger in elder mode. */
  fontSize: number;
}

export interface HorizontalBar {
  label: string;
  valueText: string;
  /** baseline-middle y of the text line above the bar */
  textY: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartGeometry {
  /** The canvas height the rows need, CSS pixels. */
  height: number;
  /** left and right x of the text (label left-aligned, amount right-aligned) */
  left: number;
  right: number;
  bars: HorizontalBar[];
}

const PADDING = 8;
/** A project with money shows at least this long, however small against the largest. */
const MIN_BAR = 3;
/** The share of the width a project name may take before it is cut with an ellipsis. */
const LABEL_SHARE = 0.6;

/** The rows' text line, bar and gap, in CSS pixels. */
function rowMetrics(fontSize: number) {
  const line = fontSize * 1.6;
  const bar = fontSize;
  const gap = fontSize * 0.6;
  return { line, bar, gap, row: line + bar + gap };
}

/** A name longer than the room beside the amount, cut to fit (one CJK character is about one font size). */
export function fitLabel(label: string, box: ChartBox): string {
  const chars = [...label];
  const room = Math.max(2, Math.floor(((box.width - 2 * PADDING) * LABEL_SHARE) / box.fontSize));
  return chars.length <= room ? label : `${chars.slice(0, room - 1).join('')}…`;
}

/** The canvas height for this many rows: it does not depend on the width, so the page sets it before painting. */
export function chartHeight(rowCount: number, fontSize: number): number {
  const m = rowMetrics(fontSize);
  return rowCount === 0 ? 0 : 2 * PADDING + rowCount * m.row - m.gap;
}

export function chartGeometry(rows: readonly ChartRow[], box: ChartBox): ChartGeometry {
  const m = rowMetrics(box.fontSize);
  const inner = Math.max(0, box.width - 2 * PADDING);
  const max = Math.max(0, ...rows.map((r) => r.value));
  const bars = rows.map((r, i) => {
    const top = PADDING + i * m.row;
    const value = Math.max(0, r.value);
    const width = value === 0 || max === 0 ? 0 : Math.min(inner, Math.max(MIN_BAR, (value / max) * inner));
    return {
      label: fitLabel(r.label, box),
      valueText: r.valueText,
      textY: top + m.line / 2,
      x: PADDING,
      y: top + m.line,
      width,
      height: m.bar,
    };
  });
  return { height: chartHeight(rows.length, box.fontSize), left: PADDING, right: box.width - PADDING, bars };
}

/** What drawChart uses of a canvas 2D context. */
export type Painter = Pick<
  WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D,
  'fillStyle' | 'font' | 'textAlign' | 'textBaseline' | 'clearRect' | 'fillRect' | 'fillText'
>;

export interface ChartColours {
  track: string;
  bar: string;
  label: string;
  value: string;
}

export function drawChart(
  painter: Painter,
  geometry: ChartGeometry,
  box: ChartBox,
  colours: ChartColours,
): void {
  painter.clearRect(0, 0, box.width, geometry.height);
  painter.font = `${box.fontSize}px sans-serif`;
  painter.textBaseline = 'middle';
  for (const bar of geometry.bars) {
    painter.fillStyle = colours.track;
    painter.fillRect(bar.x, bar.y, geometry.right - geometry.left, bar.height);
    if (bar.width > 0) {
      painter.fillStyle = colours.bar;
      painter.fillRect(bar.x, bar.y, bar.width, bar.height);
    }
    painter.fillStyle = colours.label;
    painter.textAlign = 'left';
    painter.fillText(bar.label, geometry.left, bar.textY);
    painter.fillStyle = colours.value;
    painter.textAlign = 'right';
    painter.fillText(bar.valueText, geometry.right, bar.textY);
  }
}
