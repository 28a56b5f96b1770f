/**
 * Masking of personal data (PIPL art. 28) for every answer that does not strictly need the full value.
 * Public lists carry the masked name only.
 */

/** 5117**********1234 */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** **** 1234 */
export function maskCardNumber(card: string): string {
  return `**** ${card.slice(-4)}`;
}

/** 138****5678 */
export function maskMobile(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 张*三, 张*, 欧**明, 阿*·*提 for names with a middle dot keep the dot visible. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  const middle = chars.slice(1, -1).map((c) => (c === '·' ? '·' : '*'));
  return `${chars[0]}${middle.join('')}${chars[chars.length - 1]}`;
}
