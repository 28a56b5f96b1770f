/** Zod building blocks shared by actions: each carries its Chinese label and plain-language checks. */
import { z } from 'zod';
import { checkMobile, checkRealName } from '../../miniprogram/shared/validators';

/** Runs a shared validator (returns a Chinese reason or null) as a zod check. */
function checked(schema: z.ZodString, check: (value: string) => string | null) {
  return schema.superRefine((value, ctx) => {
    const reason = check(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });
}

export const realName = (label = '真实姓名') => checked(z.string().max(40), checkRealName).describe(label);
export const mobile = () => checked(z.string().max(20), checkMobile).describe('手机号码');
/** Checked against GB 11643 in the handler, where "today" is known. */
export const idNumber = (label = '身份证号码') => z.string().min(1).max(32).describe(label);
export const regionCode = (label = '所在地区') =>
  z
    .string()
    .regex(/^\d{12}$/)
    .describe(label);
export const docId = (label: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\w-]+$/)
    .describe(label);
export const page = () => z.number().int().min(1).max(10_000).optional().describe('页码');
export const pageSize = (max = 50) => z.number().int().min(1).max(max).optional().describe('每页条数');
