/**
 * Input validation with zod: every action declares a schema whose fields carry a Chinese label via
 * `labelled(schema, '真实姓名')` (schemas.ts). A failure becomes INVALID_ARGUMENT with a message that
 * names the field in words a resident understands ("请填写真实姓名", "手机号码格式不正确").
 *
 * Schemas are walked through their definitions (`_zod.def`), so this works for `zod/mini` schemas
 * (what cloud code uses) as well as classic ones.
 */
import * as z from 'zod/mini';
import { invalid } from './errors';

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;
/** The definition of any built-in schema, discriminated by `type`. */
type Def = z.core.$ZodTypes['_zod']['def'];

const defOf = (schema: Schema): Def => (schema as z.core.$ZodTypes)._zod.def;

/** Follows a path through objects, arrays and wrappers to the schema that failed. */
function schemaAt(root: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let current: Schema | undefined = root;
  for (const key of path) {
    current = current && unwrap(current);
    if (!current) return undefined;
    const def = defOf(current);
    if (def.type === 'object' && typeof key === 'string') {
      current = def.shape[key];
    } else if (def.type === 'array') {
      current = def.element;
    } else if (def.type === 'record') {
      current = def.valueType;
    } else {
      return undefined;
    }
  }
  return current;
}

function unwrap(schema: Schema): Schema {
  let s: Schema = schema;
  for (;;) {
    const def = defOf(s);
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else return s;
  }
}

/** The label given by `labelled` (classic `.describe`), if any. */
function descriptionOf(schema: Schema): string | undefined {
  return z.globalRegistry.get(schema)?.description;
}

/** The field's Chinese label: the nearest description on the way down, else the path itself. */
export function fieldLabel(root: Schema, path: readonly PropertyKey[]): string {
  for (let depth = path.length; depth > 0; depth--) {
    const s = schemaAt(root, path.slice(0, depth));
    const described = s && (descriptionOf(s) ?? descriptionOf(unwrap(s)));
    if (described) return described;
  }
  return path.length ? `字段“${path.map(String).join('.')}”` : '请求内容';
}

function sizeWord(origin: unknown): string {
  return origin === 'string' ? '个字' : origin === 'array' ? '项' : '';
}

export function issueMessage(root: Schema, issue: Issue, input: unknown): string {
  const label = fieldLabel(root, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? `请填写${label}` : `${label}格式不正确`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return `请填写${label}`;
      return issue.origin === 'number' || issue.origin === 'int'
        ? `${label}不能小于${String(issue.minimum)}`
        : `${label}至少${String(issue.minimum)}${sizeWord(issue.origin)}`;
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'int'
        ? `${label}不能大于${String(issue.maximum)}`
        : `${label}不能超过${String(issue.maximum)}${sizeWord(issue.origin)}`;
    case 'invalid_value':
      return `${label}不在可选范围内`;
    case 'invalid_format':
      return `${label}格式不正确`;
    case 'unrecognized_keys':
      return `${label}含有无法识别的内容`;
    case 'custom':
      return issue.message ? `${issue.message}` : `${label}不符合要求`;
    default:
      return `${label}不符合要求`;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Parses an action's parameters or throws INVALID_ARGUMENT naming the first bad field. */
export function parseInput<S extends Schema>(schema: S, input: unknown): z.output<S> {
  const result = z.safeParse(schema, input);
  if (result.success) return result.data;
  const [first] = result.error.issues;
  throw invalid(first ? issueMessage(schema, first, input) : '请求内容不正确');
}
