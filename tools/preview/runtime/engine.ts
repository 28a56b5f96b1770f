/**
 * The component engine of the preview: j-component on miniprogram-exparser, the same pair that
 * miniprogram-simulate renders the page tests with, here driving the browser's real DOM. This module
 * types the little of them the runtime touches and adapts them to a browser:
 * - inline `style` rpx in frame units (as in the CSS), not simulate's 1rpx = 1px;
 * - a click is a `tap` (j-component itself only turns touches into taps);
 * - selector queries measure the real layout and hand out `<canvas>` nodes.
 */

/** An exparser node (component, native node, virtual node or text). */
export interface ExparserNode {
  $$: HTMLElement | null;
  id?: string;
  dataset?: Record<string, unknown>;
  data?: Record<string, unknown>;
  shadowRoot: {
    querySelector(selector: string): ExparserNode | null;
    querySelectorAll(selector: string): ExparserNode[];
  };
  triggerPageLifeTime(name: string, args: unknown[]): void;
}

/** `this` inside a component: j-component's method caller. */
export interface ComponentCaller {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  triggerEvent(name: string, detail?: unknown, options?: Record<string, unknown>): void;
  selectComponent(selector: string): ComponentCaller | null;
  createSelectorQuery(): unknown;
  _exparserNode: ExparserNode;
  [member: string]: unknown;
}

/** What jComponent.create answers. */
export interface RootComponent {
  readonly dom: HTMLElement;
  readonly instance: ComponentCaller;
  attach(parent: Element): void;
  detach(): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

export type Definition = Record<string, unknown>;

interface JComponentApi {
  register(definition: Definition): string;
  behavior(definition: Definition): string;
  create(id: string, properties?: Record<string, unknown>): RootComponent | undefined;
}

interface ExparserApi {
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
  Component: { hasPublicProperty(node: ExparserNode, name: string): boolean };
  Element: { getMethodCaller(node: ExparserNode): ComponentCaller; prototype: object };
}

interface ExternalClassHost {
  hasExternalClass?(name: string): boolean;
  setExternalClass?(name: string, value: string): void;
}

interface Utils {
  transformRpx(style: string, keepRpx?: boolean): string;
}

interface QueueItem {
  selector: string;
  exparserNode: ExparserNode | 0 | null;
  isSelectSingle: boolean;
  fields: Record<string, unknown>;
}

interface SelectorQueryShape {
  _exparserNode: ExparserNode | null;
  _queue: QueueItem[];
  _queueCallback: Array<((res: unknown) => void) | null>;
}

interface SelectorQueryClass {
  new (caller?: unknown): SelectorQueryShape;
  prototype: SelectorQueryShape & { exec(callback?: (res: unknown[]) => void): void };
}

declare const require: (id: string) => unknown;

export const jComponent = require('j-component') as JComponentApi;
export const exparser = require('miniprogram-exparser') as ExparserApi;
const utils = require('j-component/src/tool/utils') as Utils;
export const SelectorQuery = require('j-component/src/tool/selectorquery') as SelectorQueryClass;

/** `12rpx` → `calc(12 * var(--rpx))`, as ../wxss.ts does for the stylesheets. */
export function rpxToCss(css: string): string {
  return css.replace(/(-?(?:\d+\.\d+|\.\d+|\d+))rpx\b/gi, (_all, n: string) =>
    Number(n) === 0 ? '0px' : `calc(${Number(n)} * var(--rpx))`,
  );
}

/** The exparser node a DOM node belongs to (its own, or its nearest ancestor's). */
export function exparserNodeOf(target: EventTarget | null): ExparserNode | null {
  let node = target instanceof Node ? target : null;
  while (node) {
    const owned = (node as unknown as { __wxElement?: ExparserNode }).__wxElement;
    if (owned) return owned;
    node = node.parentNode;
  }
  return null;
}

/** Dispatches an exparser event (bubbling, composed) from a DOM target, as the platform's view layer does. */
export function dispatchFromDom(
  target: EventTarget | null,
  name: string,
  detail: unknown,
  original?: Event,
): void {
  const node = exparserNodeOf(target);
  if (!node) return;
  exparser.Event.dispatchEvent(
    node,
    exparser.Event.create(name, detail, {
      originalEvent: original,
      bubbles: true,
      capturePhase: true,
      composed: true,
      extraFields: { touches: [], changedTouches: [] },
    }),
  );
}

function measure(node: ExparserNode, fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const dom = node.$$;
  if (fields.id) out.id = node.id ?? '';
  if (fields.dataset) out.dataset = { ...(node.dataset ?? {}) };
  if ((fields.rect || fields.size) && dom) {
    const rect = dom.getBoundingClientRect();
    if (fields.rect)
      Object.assign(out, { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom });
    if (fields.size) Object.assign(out, { width: rect.width, height: rect.height });
  }
  if (fields.scrollOffset && dom) {
    Object.assign(out, {
      scrollLeft: dom.scrollLeft,
      scrollTop: dom.scrollTop,
      scrollWidth: dom.scrollWidth,
      scrollHeight: dom.scrollHeight,
    });
  }
  if (Array.isArray(fields.properties)) {
    for (const raw of fields.properties as string[]) {
      const name = raw.replace(/-([a-z])/g, (_all, c: string) => c.toUpperCase());
      if (exparser.Component.hasPublicProperty(node, name)) out[name] = node.data?.[name];
    }
  }
  if (Array.isArray(fields.computedStyle) && dom) {
    const style = getComputedStyle(dom);
    for (const key of fields.computedStyle as string[]) out[key] = style.getPropertyValue(key);
  }
  if (fields.node && dom) {
    // the canvas builtin keeps a real <canvas> inside its host
    out.node = dom.querySelector('canvas') ?? dom;
  }
  if (fields.context) out.context = {};
  return out;
}

function viewport(fields: Record<string, unknown>, scroller: HTMLElement | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fields.id) out.id = '';
  if (fields.dataset) out.dataset = {};
  const width = document.documentElement.clientWidth;
  const height = scroller?.clientHeight ?? document.documentElement.clientHeight;
  if (fields.rect) Object.assign(out, { left: 0, top: 0, right: width, bottom: height });
  if (fields.size) Object.assign(out, { width, height });
  if (fields.scrollOffset)
    Object.assign(out, { scrollLeft: scroller?.scrollLeft ?? 0, scrollTop: scroller?.scrollTop ?? 0 });
  return out;
}

/** Adapts j-component to the browser; `scroller` answers the current page's scrolling element. */
export function adaptEngine(
  currentPage: () => ExparserNode | null,
  scroller: () => HTMLElement | null,
): void {
  utils.transformRpx = (style: string) => rpxToCss(style);
  // A component with a virtual host (tdesign's, on a recent base library) has no element for the
  // `class` its user writes; the platform hands that class to the component's external class `class`.
  // j-component only sets it on the (missing) host, so pass it on here.
  const proto = exparser.Element.prototype;
  const classProperty = Object.getOwnPropertyDescriptor(proto, 'class');
  if (classProperty?.get && classProperty.set) {
    const { get, set } = classProperty;
    Object.defineProperty(proto, 'class', {
      configurable: true,
      enumerable: classProperty.enumerable ?? false,
      get,
      set(this: ExternalClassHost, value: string) {
        set.call(this, value);
        if (this.hasExternalClass?.('class')) this.setExternalClass?.('class', value ?? '');
      },
    });
  }
  SelectorQuery.prototype.exec = function exec(
    this: SelectorQueryShape,
    callback?: (res: unknown[]) => void,
  ) {
    const queue = this._queue;
    const callbacks = this._queueCallback;
    this._queue = [];
    this._queueCallback = [];
    const root = this._exparserNode ?? currentPage();
    // answer after the view has laid out the latest setData, as the platform's async query does
    requestAnimationFrame(() => {
      const res = queue.map((item, index) => {
        let answer: unknown;
        if (item.exparserNode === 0) {
          answer = viewport(item.fields, scroller());
        } else {
          const host = item.exparserNode ?? root;
          const found = host
            ? item.isSelectSingle
              ? [host.shadowRoot.querySelector(item.selector)]
              : host.shadowRoot.querySelectorAll(item.selector)
            : [];
          const list = found.filter((n): n is ExparserNode => !!n).map((n) => measure(n, item.fields));
          answer = item.isSelectSingle ? (list[0] ?? null) : list;
        }
        callbacks[index]?.(answer);
        return answer;
      });
      callback?.(res);
    });
  };
}
