/**
 * The platform's own overlays drawn in the frame: toast and loading, modal (editable too), action sheet
 * (also the selector picker) and image preview. Their look follows WeChat's, approximately.
 */

let toastTimer: ReturnType<typeof setTimeout> | undefined;

function layer(): HTMLElement {
  let el = document.getElementById('wx-layer');
  if (!el) {
    el = document.createElement('div');
    el.id = 'wx-layer';
    document.body.appendChild(el);
  }
  return el;
}

function clearToast(): void {
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = undefined;
  document.getElementById('wx-toast')?.remove();
}

export interface ToastOptions {
  title?: string;
  icon?: 'success' | 'error' | 'loading' | 'none';
  image?: string;
  duration?: number;
  mask?: boolean;
}

const ICONS: Record<string, string> = { success: '✓', error: '!', loading: '' };

export function showToast(options: ToastOptions, persistent = false): void {
  clearToast();
  const icon = options.icon ?? 'success';
  const toast = document.createElement('div');
  toast.id = 'wx-toast';
  toast.setAttribute('role', 'status');
  toast.className = `wx-toast wx-toast--${icon === 'none' ? 'text' : 'icon'}${options.mask ? ' wx-toast--mask' : ''}`;
  const box = document.createElement('div');
  box.className = 'wx-toast__box';
  if (icon !== 'none') {
    const mark = document.createElement('div');
    mark.className = `wx-toast__icon wx-toast__icon--${icon}`;
    mark.textContent = ICONS[icon] ?? '';
    box.appendChild(mark);
  }
  const text = document.createElement('div');
  text.className = 'wx-toast__text';
  text.textContent = options.title ?? '';
  box.appendChild(text);
  toast.appendChild(box);
  layer().appendChild(toast);
  if (!persistent) toastTimer = setTimeout(clearToast, options.duration ?? 1500);
}

export function hideToast(): void {
  clearToast();
}

export interface ModalOptions {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  confirmText?: string;
  cancelColor?: string;
  confirmColor?: string;
  editable?: boolean;
  placeholderText?: string;
}

export interface ModalResult {
  confirm: boolean;
  cancel: boolean;
  content?: string;
}

export function showModal(options: ModalOptions): Promise<ModalResult> {
  return new Promise((resolve) => {
    const mask = document.createElement('div');
    mask.className = 'wx-modal';
    mask.setAttribute('role', 'dialog');
    const box = document.createElement('div');
    box.className = 'wx-modal__box';
    if (options.title) {
      const title = document.createElement('div');
      title.className = 'wx-modal__title';
      title.textContent = options.title;
      box.appendChild(title);
    }
    let field: HTMLTextAreaElement | undefined;
    if (options.editable) {
      field = document.createElement('textarea');
      field.className = 'wx-modal__input';
      field.placeholder = options.placeholderText ?? '';
      field.value = options.content ?? '';
      box.appendChild(field);
    } else if (options.content) {
      const content = document.createElement('div');
      content.className = 'wx-modal__content';
      content.textContent = options.content;
      box.appendChild(content);
    }
    const buttons = document.createElement('div');
    buttons.className = 'wx-modal__buttons';
    const close = (confirm: boolean) => {
      mask.remove();
      resolve({ confirm, cancel: !confirm, ...(options.editable ? { content: field?.value ?? '' } : {}) });
    };
    if (options.showCancel !== false) {
      const cancel = document.createElement('button');
      cancel.className = 'wx-modal__button wx-modal__button--cancel';
      cancel.textContent = options.cancelText ?? '取消';
      if (options.cancelColor) cancel.style.color = options.cancelColor;
      cancel.addEventListener('click', () => close(false));
      buttons.appendChild(cancel);
    }
    const ok = document.createElement('button');
    ok.className = 'wx-modal__button wx-modal__button--confirm';
    ok.textContent = options.confirmText ?? '确定';
    if (options.confirmColor) ok.style.color = options.confirmColor;
    ok.addEventListener('click', () => close(true));
    buttons.appendChild(ok);
    box.appendChild(buttons);
    mask.appendChild(box);
    layer().appendChild(mask);
    field?.focus();
  });
}

/** An action sheet of `items`; answers the tapped index, or null when cancelled. */
export function chooseFromList(title: string, items: string[]): Promise<number | null> {
  return new Promise((resolve) => {
    const mask = document.createElement('div');
    mask.className = 'wx-sheet';
    mask.setAttribute('role', 'dialog');
    const box = document.createElement('div');
    box.className = 'wx-sheet__box';
    if (title) {
      const head = document.createElement('div');
      head.className = 'wx-sheet__title';
      head.textContent = title;
      box.appendChild(head);
    }
    const close = (index: number | null) => {
      mask.remove();
      resolve(index);
    };
    items.forEach((label, index) => {
      const item = document.createElement('button');
      item.className = 'wx-sheet__item';
      item.textContent = label;
      item.addEventListener('click', (e) => {
        e.stopPropagation();
        close(index);
      });
      box.appendChild(item);
    });
    const cancel = document.createElement('button');
    cancel.className = 'wx-sheet__item wx-sheet__cancel';
    cancel.textContent = '取消';
    cancel.addEventListener('click', (e) => {
      e.stopPropagation();
      close(null);
    });
    box.appendChild(cancel);
    mask.addEventListener('click', () => close(null));
    mask.appendChild(box);
    layer().appendChild(mask);
  });
}

export function previewImage(urls: string[], current?: string): void {
  const mask = document.createElement('div');
  mask.className = 'wx-preview';
  const img = document.createElement('img');
  img.className = 'wx-preview__image';
  const src = current ?? urls[0] ?? '';
  if (!/^https?:\/\/(?!127\.0\.0\.1|localhost)/.test(src)) img.src = src;
  mask.appendChild(img);
  mask.addEventListener('click', () => mask.remove());
  layer().appendChild(mask);
}
