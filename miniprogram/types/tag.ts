/** The colour of a tdesign `t-tag` (its `theme`), as every status tag of the mini program picks it. */
export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger';
