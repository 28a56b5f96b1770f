/**
 * What a person does on a rendered page, through the tdesign components as the runtime delivers it:
 * typing into a t-input's native input, leaving it, tapping a t-button or a t-cell.
 */
import { checkCharacter } from '../../../miniprogram/shared/idcard';
import { type Rendered, settle, textOf } from './render';

/** The element with this class, or a failure that names what is missing. */
export function find(parent: Rendered, selector: string): Rendered {
  const node = parent.querySelector(selector);
  if (!node) throw new Error(`${selector} is not on the page`);
  return node;
}

/** Types `value` into the t-input with this class, as the keyboard does (the whole value at once). */
export async function typeInto(page: Rendered, selector: string, value: string): Promise<void> {
  find(find(page, selector), '.t-input__control').dispatchEvent('input', {
    detail: { value, cursor: value.length, keyCode: 0 },
  });
  await settle();
}

/** Leaves the t-input with this class (its blur). */
export async function leave(page: Rendered, selector: string): Promise<void> {
  const input = find(find(page, selector), '.t-input__control');
  input.dispatchEvent('blur', { detail: { value: '' } });
  await settle();
}

/** The text under a t-input (its tips), where the page shows the field's error. */
export function tipsOf(page: Rendered, selector: string): string {
  return textOf(find(page, selector).querySelector('.t-input__tips'));
}

export async function tapButton(parent: Rendered, selector: string): Promise<void> {
  find(find(parent, selector), '.t-button').dispatchEvent('tap');
  await settle();
}

export async function tapCell(parent: Rendered, selector: string | Rendered): Promise<void> {
  const cell = typeof selector === 'string' ? find(parent, selector) : selector;
  find(cell, '.t-cell').dispatchEvent('tap');
  await settle();
}

/** Whether the t-button with this class is disabled. */
export function isDisabled(parent: Rendered, selector: string): boolean {
  return Boolean((find(parent, selector).data as { disabled?: boolean }).disabled);
}

/** A valid ID number from its first 17 digits (the check character computed per GB 11643). */
export const idNumber = (first17: string): string => `${first17}${checkCharacter(first17)}`;

/** The same number with a wrong check character. */
export function wrongChecksum(valid: string): string {
  const wrong = valid[17] === '0' ? '1' : '0';
  return `${valid.slice(0, 17)}${wrong}`;
}

/** Types `value` into the t-textarea with this class, as the keyboard does. */
export async function typeIntoTextarea(page: Rendered, selector: string, value: string): Promise<void> {
  find(find(page, selector), '.t-textarea__wrapper-inner').dispatchEvent('input', {
    detail: { value, cursor: value.length },
  });
  await settle();
}

/** The visible labels of the t-buttons with this class, in order. */
export function buttonLabels(parent: Rendered, selector: string): string[] {
  return parent.querySelectorAll(selector).map((b) => textOf(b.querySelector('.t-button__content')));
}
