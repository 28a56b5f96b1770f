/** Money is integer fen (分) end to end; these are the two edges where people read or type 元. */

/** 5000 → "50.00元". Only integer fen: anything else is a programming error, not a display problem. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`金额必须是整数分：${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}元`;
}

/** "50" / "50.5" / "50.05" typed in 元 → integer fen; null for anything else (no sign, at most 2 decimals). */
export function parseYuan(text: string): number | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Integer fen → the 元 text a field shows again ("50.5" for 5050, "50" for 5000). */
export function yuanInput(fen: number): string {
  const yuan = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
  return yuan.replace(/\.?0+$/, '');
}
