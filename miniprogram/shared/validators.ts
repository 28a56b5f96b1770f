/** Validators both the registration page (as the person types) and the cloud functions use. */

/** Chinese names of 2–20 characters; `·` joins the parts of minority and transliterated names. */
export function checkRealName(input: string): string | null {
  const name = input.trim();
  if (!name) return '请填写真实姓名';
  if ([...name].length < 2) return '姓名至少2个字';
  if ([...name].length > 20) return '姓名不能超过20个字';
  if (!/^\p{Script=Han}+(·\p{Script=Han}+)*$/u.test(name)) return '姓名只能是汉字，少数民族姓名可用“·”分隔';
  return null;
}

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function checkMobile(input: string): string | null {
  const phone = input.trim();
  if (!phone) return '请填写手机号码';
  if (!/^1[3-9]\d{9}$/.test(phone)) return '手机号码应为11位数字，以1开头';
  return null;
}

/** Luhn (mod 10) check used by bank card numbers (UnionPay 62…, most debit cards). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return sum % 10 === 0;
}
