/**
 * tdesign's icon font is on a CDN that the preview never reaches (loopback only): its icons are drawn
 * with plain characters of the system's fonts instead. Approximate on purpose — the shapes say what
 * the icon means, not how WeChat shows it.
 */
export const ICON_CHARACTERS: Record<string, string> = {
  home: '⌂',
  user: '☺',
  'user-circle': '☺',
  task: '☰',
  'task-checked': '☑',
  secured: '⚖',
  file: '▤',
  'file-add': '✎',
  'file-pdf': '▤',
  wallet: '¥',
  money: '¥',
  creditcard: '▭',
  'chat-error': '⚑',
  chat: '✉',
  notification: '✉',
  mail: '✉',
  camera: '◉',
  image: '▣',
  upload: '⇪',
  check: '✓',
  'check-circle': '✔',
  'check-circle-filled': '✔',
  success: '✔',
  'error-circle': '!',
  'error-circle-filled': '!',
  'info-circle': 'ⓘ',
  'info-circle-filled': 'ⓘ',
  'help-circle': '?',
  close: '✕',
  'close-circle': '⊗',
  'close-circle-filled': '⊗',
  delete: '✕',
  add: '+',
  minus: '−',
  'chevron-right': '›',
  'chevron-left': '‹',
  'chevron-down': '⌄',
  'chevron-up': '⌃',
  'arrow-left': '←',
  'arrow-right': '→',
  'lock-on': '⊘',
  line: '—',
  loading: '◌',
  'view-list': '☰',
  search: '⌕',
  time: '◷',
  calendar: '▦',
  location: '⌖',
  edit: '✎',
  refresh: '↻',
  star: '★',
  more: '…',
  ellipsis: '…',
  share: '⤴',
  logout: '⏏',
  setting: '⚙',
  phone: '☎',
};

/** CSS drawing every tdesign icon (`<label class="t-icon-<name> t-icon-base">`, scoped) with a character. */
export function iconFallbackCss(prefix = 't-icon'): string {
  const base = `wx-label.${prefix}--t-icon-base`;
  const rules = [
    `${base}{font-family:'DejaVu Sans','WenQuanYi Micro Hei',sans-serif!important;font-style:normal;display:inline-block;text-align:center;width:1em;line-height:1}`,
    `${base}::before{content:'•'}`,
  ];
  for (const [name, char] of Object.entries(ICON_CHARACTERS)) {
    rules.push(`${base}.${prefix}--t-icon-${name}::before{content:'${char}'}`);
  }
  return rules.join('\n');
}
