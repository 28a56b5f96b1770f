/**
 * The platform's built-in components for the browser. miniprogram-simulate registers each as a bare
 * `<slot/>`; here the ones a person interacts with get a real control inside their host element
 * (`<wx-input>` holds an `<input>`, `<wx-canvas>` a `<canvas>`, …) and fire the platform's events.
 * The rest stay slots styled by base.css. Approximations: no native keyboard, no hover-class, the picker
 * of dates is the browser's own.
 */
import type { ComponentCaller, Definition } from './engine';
import { jComponent } from './engine';
import { chooseFromList } from './ui';

type Caller = ComponentCaller;

const host = (self: Caller): HTMLElement | null => self._exparserNode.$$;

const SLOT_ONLY = [
  'view',
  'text',
  'label',
  'form',
  'block',
  'cover-view',
  'cover-image',
  'movable-area',
  'movable-view',
  'swiper',
  'swiper-item',
  'icon',
  'navigation-bar',
  'page-meta',
  'root-portal',
  'match-media',
  'checkbox-group',
  'radio-group',
  'checkbox',
  'radio',
  'slider',
  'open-data',
  'ad',
  'web-view',
  'official-account',
  'map',
  'video',
  'camera',
];

function register(name: string, definition: Definition): void {
  for (const id of [name, `wx-${name}`]) {
    jComponent.register({ template: '<slot/>', ...definition, id, tagName: `wx-${name}` });
  }
}

/** A control element kept inside the host, created once when the host attaches. */
function control<T extends HTMLElement>(self: Caller, make: () => T): T | null {
  const el = host(self);
  if (!el) return null;
  const existing = (self as unknown as { __control?: T }).__control;
  if (existing) return existing;
  const made = make();
  made.classList.add('wx-control');
  el.appendChild(made);
  (self as unknown as { __control?: T }).__control = made;
  return made;
}

const INPUT_PROPS = {
  value: { type: String, value: '' },
  type: { type: String, value: 'text' },
  password: { type: Boolean, value: false },
  placeholder: { type: String, value: '' },
  placeholderClass: { type: String, value: '' },
  placeholderStyle: { type: String, value: '' },
  disabled: { type: Boolean, value: false },
  maxlength: { type: Number, value: 140 },
  focus: { type: Boolean, value: false },
  autoFocus: { type: Boolean, value: false },
  confirmType: { type: String, value: 'done' },
  name: { type: String, value: '' },
  cursorSpacing: { type: Number, value: 0 },
  adjustPosition: { type: Boolean, value: true },
  holdKeyboard: { type: Boolean, value: false },
  alwaysEmbed: { type: Boolean, value: false },
  autoHeight: { type: Boolean, value: false },
  cursor: { type: Number, value: -1 },
  selectionStart: { type: Number, value: -1 },
  selectionEnd: { type: Number, value: -1 },
  showConfirmBar: { type: Boolean, value: true },
  fixed: { type: Boolean, value: false },
  disableDefaultPadding: { type: Boolean, value: false },
  confirmHold: { type: Boolean, value: false },
  alwaysSystem: { type: Boolean, value: false },
};

type Field = HTMLInputElement | HTMLTextAreaElement;

function syncField(self: Caller, field: Field): void {
  const d = self.data as Record<string, unknown>;
  const value = d.value === undefined || d.value === null ? '' : String(d.value);
  if (field.value !== value) field.value = value;
  field.placeholder = String(d.placeholder ?? '');
  field.disabled = d.disabled === true;
  const max = Number(d.maxlength);
  if (Number.isFinite(max) && max > 0) field.maxLength = max;
  else field.removeAttribute('maxlength');
  if (field instanceof HTMLInputElement) {
    const type = String(d.type ?? 'text');
    field.type = d.password === true || type === 'safe-password' ? 'password' : 'text';
    field.inputMode =
      type === 'number' ? 'numeric' : type === 'digit' ? 'decimal' : type === 'idcard' ? 'text' : '';
    field.enterKeyHint = String(d.confirmType ?? 'done');
  }
  if (d.focus === true && document.activeElement !== field) field.focus();
}

function fieldEvents(self: Caller, field: Field): void {
  field.addEventListener('input', () => {
    self.triggerEvent('input', {
      value: field.value,
      cursor: field.selectionStart ?? field.value.length,
      keyCode: 0,
    });
  });
  field.addEventListener('focus', () => self.triggerEvent('focus', { value: field.value, height: 0 }));
  field.addEventListener('blur', () => {
    self.triggerEvent('blur', { value: field.value, cursor: field.selectionStart ?? 0 });
    self.triggerEvent('change', { value: field.value });
  });
  field.addEventListener('keydown', (e: Event) => {
    const key = (e as KeyboardEvent).key;
    if (key === 'Enter' && field instanceof HTMLInputElement)
      self.triggerEvent('confirm', { value: field.value });
  });
}

const fieldDefinition = (make: () => Field): Definition => ({
  properties: INPUT_PROPS,
  observers: {
    '**'(this: Caller) {
      const field = (this as unknown as { __control?: Field }).__control;
      if (field) syncField(this, field);
    },
  },
  lifetimes: {
    attached(this: Caller) {
      const field = control(this, make);
      if (!field) return;
      fieldEvents(this, field);
      syncField(this, field);
    },
  },
});

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Opens the browser's own date or time picker at the host and answers the chosen value. */
function nativeDateTime(self: Caller, mode: 'date' | 'time'): void {
  const d = self.data as Record<string, unknown>;
  const input = document.createElement('input');
  input.type = mode;
  input.className = 'wx-picker-native';
  if (d.value) input.value = String(d.value);
  if (d.start) input.min = String(d.start);
  if (d.end) input.max = String(d.end);
  host(self)?.appendChild(input);
  input.addEventListener('change', () => {
    if (input.value) self.triggerEvent('change', { value: input.value });
    input.remove();
  });
  input.addEventListener('blur', () => setTimeout(() => input.remove(), 500));
  try {
    input.showPicker();
  } catch {
    input.focus();
  }
  // a test (or a person without a picker) can also type: the input stays until it loses focus
  if (!input.value) {
    const today = new Date();
    input.value = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  }
}

export function registerBuiltins(): void {
  for (const name of SLOT_ONLY) register(name, {});

  register(
    'input',
    fieldDefinition(() => document.createElement('input')),
  );
  register(
    'textarea',
    fieldDefinition(() => document.createElement('textarea')),
  );

  register('button', {
    properties: {
      type: { type: String, value: 'default' },
      size: { type: String, value: 'default' },
      plain: { type: Boolean, value: false },
      disabled: { type: Boolean, value: false },
      loading: { type: Boolean, value: false },
      formType: { type: String, value: '' },
      openType: { type: String, value: '' },
      hoverClass: { type: String, value: 'button-hover' },
    },
    observers: {
      'type, size, plain, disabled'(this: Caller) {
        const el = host(this);
        if (!el) return;
        const d = this.data;
        el.setAttribute('type', String(d.type));
        el.setAttribute('size', String(d.size));
        el.toggleAttribute('plain', d.plain === true);
        el.toggleAttribute('disabled', d.disabled === true);
        el.setAttribute('role', 'button');
      },
    },
  });

  register('image', {
    properties: {
      src: { type: String, value: '' },
      mode: { type: String, value: 'scaleToFill' },
      lazyLoad: { type: Boolean, value: false },
      showMenuByLongpress: { type: Boolean, value: false },
      webp: { type: Boolean, value: false },
    },
    observers: {
      'src, mode'(this: Caller) {
        const img = (this as unknown as { __control?: HTMLImageElement }).__control;
        const el = host(this);
        if (!img || !el) return;
        const src = String(this.data.src ?? '');
        // only loopback or local blobs: the preview never reaches the network
        if (/^https?:\/\/(?!127\.0\.0\.1|localhost)/.test(src)) img.removeAttribute('src');
        else if (src) img.src = src;
        else img.removeAttribute('src');
        el.setAttribute('mode', String(this.data.mode));
      },
    },
    lifetimes: {
      attached(this: Caller) {
        const img = control(this, () => document.createElement('img'));
        if (!img) return;
        img.alt = '';
        img.addEventListener('load', () =>
          this.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight }),
        );
        img.addEventListener('error', () => this.triggerEvent('error', { errMsg: 'GET image failed' }));
        const el = host(this);
        if (el) el.setAttribute('mode', String(this.data.mode));
        const src = String(this.data.src ?? '');
        if (src && !/^https?:\/\/(?!127\.0\.0\.1|localhost)/.test(src)) img.src = src;
      },
    },
  });

  register('canvas', {
    properties: {
      type: { type: String, value: '' },
      canvasId: { type: String, value: '' },
      disableScroll: { type: Boolean, value: false },
    },
    lifetimes: {
      attached(this: Caller) {
        control(this, () => document.createElement('canvas'));
      },
    },
  });

  register('scroll-view', {
    properties: {
      scrollX: { type: Boolean, value: false },
      scrollY: { type: Boolean, value: false },
      scrollTop: { type: null, value: 0 },
      scrollLeft: { type: null, value: 0 },
      scrollIntoView: { type: String, value: '' },
      lowerThreshold: { type: Number, value: 50 },
      upperThreshold: { type: Number, value: 50 },
      enhanced: { type: Boolean, value: false },
      showScrollbar: { type: Boolean, value: true },
      refresherEnabled: { type: Boolean, value: false },
      scrollWithAnimation: { type: Boolean, value: false },
      enableFlex: { type: Boolean, value: false },
    },
    observers: {
      'scrollX, scrollY, scrollTop, scrollLeft'(this: Caller) {
        const el = host(this);
        if (!el) return;
        el.style.overflowX = this.data.scrollX ? 'auto' : 'hidden';
        el.style.overflowY = this.data.scrollY ? 'auto' : 'hidden';
        const top = Number(this.data.scrollTop);
        if (Number.isFinite(top) && top > 0) el.scrollTop = top;
      },
    },
    lifetimes: {
      attached(this: Caller) {
        const el = host(this);
        if (!el) return;
        el.style.overflowX = this.data.scrollX ? 'auto' : 'hidden';
        el.style.overflowY = this.data.scrollY ? 'auto' : 'hidden';
        el.addEventListener('scroll', () => {
          const detail = {
            scrollLeft: el.scrollLeft,
            scrollTop: el.scrollTop,
            scrollHeight: el.scrollHeight,
            scrollWidth: el.scrollWidth,
            deltaX: 0,
            deltaY: 0,
          };
          this.triggerEvent('scroll', detail);
          const lower = Number(this.data.lowerThreshold) || 50;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - lower)
            this.triggerEvent('scrolltolower', { direction: 'bottom' });
        });
      },
    },
  });

  register('switch', {
    properties: {
      checked: { type: Boolean, value: false },
      disabled: { type: Boolean, value: false },
      type: { type: String, value: 'switch' },
      color: { type: String, value: '#04BE02' },
    },
    observers: {
      'checked, disabled'(this: Caller) {
        const el = host(this);
        el?.toggleAttribute('checked', this.data.checked === true);
        el?.toggleAttribute('disabled', this.data.disabled === true);
      },
    },
    methods: {
      onTap(this: Caller) {
        if (this.data.disabled) return;
        const value = !this.data.checked;
        this.setData({ checked: value });
        this.triggerEvent('change', { value });
      },
    },
    lifetimes: {
      attached(this: Caller) {
        host(this)?.addEventListener('click', () => (this.onTap as () => void)());
      },
    },
  });

  register('picker', {
    properties: {
      mode: { type: String, value: 'selector' },
      value: { type: null, value: null },
      range: { type: Array, value: [] },
      rangeKey: { type: String, value: '' },
      start: { type: String, value: '' },
      end: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      fields: { type: String, value: 'day' },
      headerText: { type: String, value: '' },
    },
    lifetimes: {
      attached(this: Caller) {
        const el = host(this);
        el?.addEventListener('click', () => {
          if (this.data.disabled) return;
          const mode = String(this.data.mode);
          if (mode === 'date' || mode === 'time') {
            nativeDateTime(this, mode);
            return;
          }
          if (mode === 'selector') {
            const key = String(this.data.rangeKey ?? '');
            const range = (this.data.range as unknown[]) ?? [];
            const labels = range.map((item) =>
              key && typeof item === 'object' && item !== null
                ? String((item as Record<string, unknown>)[key])
                : String(item),
            );
            void chooseFromList(String(this.data.headerText || '请选择'), labels).then((index) => {
              if (index !== null) this.triggerEvent('change', { value: index });
              else this.triggerEvent('cancel', {});
            });
          }
        });
      },
    },
  });

  register('navigator', {
    properties: {
      url: { type: String, value: '' },
      openType: { type: String, value: 'navigate' },
      delta: { type: Number, value: 1 },
    },
    lifetimes: {
      attached(this: Caller) {
        host(this)?.addEventListener('click', () => {
          const url = String(this.data.url);
          const type = String(this.data.openType);
          const api = (
            globalThis as unknown as { wx: Record<string, (options: Record<string, unknown>) => unknown> }
          ).wx;
          if (type === 'navigateBack') api.navigateBack?.({ delta: this.data.delta });
          else if (type === 'switchTab') api.switchTab?.({ url });
          else if (type === 'redirect') api.redirectTo?.({ url });
          else if (type === 'reLaunch') api.reLaunch?.({ url });
          else api.navigateTo?.({ url });
        });
      },
    },
  });

  register('progress', {
    template: '<slot/>',
    properties: { percent: { type: Number, value: 0 }, showInfo: { type: Boolean, value: false } },
    observers: {
      percent(this: Caller) {
        host(this)?.style.setProperty('--wx-progress', `${Number(this.data.percent) || 0}%`);
      },
    },
  });

  register('rich-text', {
    properties: { nodes: { type: null, value: '' }, space: { type: String, value: '' } },
    observers: {
      nodes(this: Caller) {
        const el = host(this);
        if (!el) return;
        const nodes = this.data.nodes;
        // the app hands plain strings; text only, never parsed as HTML
        el.textContent = typeof nodes === 'string' ? nodes.replace(/<[^>]*>/g, '') : '';
      },
    },
  });
}
