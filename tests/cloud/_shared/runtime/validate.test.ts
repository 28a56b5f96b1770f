import * as z from 'zod/mini';
import { DomainError } from '../../../../cloudfunctions/_shared/runtime/errors';
import { labelled } from '../../../../cloudfunctions/_shared/runtime/schemas';
import { fieldLabel, parseInput } from '../../../../cloudfunctions/_shared/runtime/validate';

const schema = z.object({
  name: labelled(z.string().check(z.minLength(2), z.maxLength(20)), '真实姓名'),
  age: labelled(z.optional(z.int().check(z.gte(0), z.lte(150))), '年龄'),
  kind: labelled(z.enum(['head', 'member']), '入户方式'),
  members: labelled(
    z
      .array(z.object({ idNumber: labelled(z.string().check(z.length(18)), '成员身份证号码') }))
      .check(z.maxLength(3)),
    '家庭成员',
  ),
});

function messageOf(input: unknown): string {
  try {
    parseInput(schema, input);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('INVALID_ARGUMENT');
    return (err as DomainError).message;
  }
  throw new Error('expected the input to be refused');
}

const valid = { name: '张三', kind: 'head', members: [] };

test('a missing field is asked for by its Chinese label', () => {
  expect(messageOf({ kind: 'head', members: [] })).toBe('请填写真实姓名');
});

test('a field of the wrong type is named as badly formatted', () => {
  expect(messageOf({ ...valid, name: 12 })).toBe('真实姓名格式不正确');
});

test('length limits are told in characters', () => {
  expect(messageOf({ ...valid, name: '张' })).toBe('真实姓名至少2个字');
  expect(messageOf({ ...valid, name: '张'.repeat(21) })).toBe('真实姓名不能超过20个字');
});

test('number limits are told as bounds', () => {
  expect(messageOf({ ...valid, age: 200 })).toBe('年龄不能大于150');
});

test('a value outside an enumeration is refused', () => {
  expect(messageOf({ ...valid, kind: 'boss' })).toBe('入户方式不在可选范围内');
});

test('a nested field inside an array is named by its own label', () => {
  expect(messageOf({ ...valid, members: [{ idNumber: '1' }] })).toBe('成员身份证号码至少18个字');
  expect(fieldLabel(schema, ['members', 0, 'idNumber'])).toBe('成员身份证号码');
});

test('too many items are counted as items', () => {
  const four = Array.from({ length: 4 }, () => ({ idNumber: '1'.repeat(18) }));
  expect(messageOf({ ...valid, members: four })).toBe('家庭成员不能超过3项');
});

test('unknown fields such as a spoofed openid or role are dropped, not trusted', () => {
  const parsed = parseInput(schema, { ...valid, openid: 'someone-else', role: 'admin' });
  expect(parsed).toEqual(valid);
});

test('operator injection where a string is expected is refused', () => {
  expect(messageOf({ ...valid, name: { $ne: null } })).toBe('真实姓名格式不正确');
});
