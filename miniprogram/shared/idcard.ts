/**
 * Resident ID numbers (居民身份证号码) per GB 11643-1999: 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and a check character computed with ISO 7064 MOD 11-2.
 * People from anywhere in China may register, so the region is checked only for a real province.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260, with 71/81/82 used for Taiwan, Hong Kong and Macao residents. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export interface IdNumberInfo {
  /** Upper-case, 18 characters. */
  normalized: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
}

export type IdNumberCheck = ({ ok: true } & IdNumberInfo) | { ok: false; reason: string };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function realDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Checks an ID number; `today` (YYYY-MM-DD, Asia/Shanghai) bounds the birth date. */
export function checkIdNumber(input: string, today: string): IdNumberCheck {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { ok: false, reason: '身份证号码应为18位' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, reason: '身份证号码只能是数字，最后一位可以是X' };
  if (!PROVINCES.has(value.slice(0, 2))) return { ok: false, reason: '身份证号码的地区码不正确' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (y < 1900 || !realDate(y, m, d)) return { ok: false, reason: '身份证号码中的出生日期不正确' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (birthDate > today) return { ok: false, reason: '身份证号码中的出生日期晚于今天' };
  if (checkCharacter(value.slice(0, 17)) !== value[17])
    return { ok: false, reason: '身份证号码校验位不正确' };
  return { ok: true, normalized: value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'male' : 'female' };
}
