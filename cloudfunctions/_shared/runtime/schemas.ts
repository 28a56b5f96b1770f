/**
 * Zod building blocks shared by actions: each carries its Chinese label and plain-language checks.
 * Cloud code uses `zod/mini` (functions and checks instead of methods), which bundles to a few tens
 * of KB where classic zod costs ~450 KB per function.
 */
import * as z from 'zod/mini';
import { checkMobile, checkRealName } from '../../../miniprogram/shared/validators';

/**
 * Gives a schema its Chinese label, read back by `fieldLabel` in validate.ts. Like classic
 * `.describe(label)`: a copy of the schema registered in `z.globalRegistry` with that description.
 */
export function labelled<T extends z.ZodMiniType>(schema: T, label: string): T {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { description: label });
  return copy;
}

/** Runs a shared validator (returns a Chinese reason or null) as a zod check. */
function checked(schema: z.ZodMiniString<string>, check: (value: string) => string | null) {
  return schema.check(
    z.superRefine((value: string, ctx) => {
      const reason = check(value);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    }),
  );
}

export const realName = (label = '真实姓名') =>
  labelled(checked(z.string().check(z.maxLength(40)), checkRealName), label);
export const mobile = () => labelled(checked(z.string().check(z.maxLength(20)), checkMobile), '手机号码');
/** Checked against GB 11643 in the handler, where "today" is known. */
export const idNumber = (label = '身份证号码') =>
  labelled(z.string().check(z.minLength(1), z.maxLength(32)), label);
export const regionCode = (label = '所在地区') => labelled(z.string().check(z.regex(/^\d{12}$/)), label);
export const docId = (label: string) =>
  labelled(z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[\w-]+$/)), label);
export const page = () => labelled(z.optional(z.int().check(z.gte(1), z.lte(10_000))), '页码');
export const pageSize = (max = 50) => labelled(z.optional(z.int().check(z.gte(1), z.lte(max))), '每页条数');
