import { generateDataKey, lookupHash, seal, unseal } from '../../../../cloudfunctions/_shared/runtime/crypto';

const original = process.env.YKT_DATA_KEY;
beforeEach(() => {
  process.env.YKT_DATA_KEY = generateDataKey();
});
afterAll(() => {
  process.env.YKT_DATA_KEY = original;
});

test('a sealed ID number opens to itself and shows nothing of it', () => {
  const sealed = seal('51170219900101001X');
  expect(sealed).not.toContain('51170219900101001X');
  expect(sealed).not.toContain('001X');
  expect(unseal(sealed)).toBe('51170219900101001X');
});

test('sealing twice gives different ciphertexts', () => {
  expect(seal('13812345678')).not.toBe(seal('13812345678'));
});

test('a tampered ciphertext is refused', () => {
  const parts = seal('13812345678').split('.');
  const body = Buffer.from(parts[2]!, 'base64url');
  body[0] = body[0]! ^ 1;
  parts[2] = body.toString('base64url');
  expect(() => unseal(parts.join('.'))).toThrow();
});

test('another key cannot open it', () => {
  const sealed = seal('13812345678');
  process.env.YKT_DATA_KEY = generateDataKey();
  expect(() => unseal(sealed)).toThrow();
});

test('look-up hashes are stable per key and kind, and differ between kinds', () => {
  expect(lookupHash('id', '51170219900101001X')).toBe(lookupHash('id', '51170219900101001X'));
  expect(lookupHash('id', '123')).not.toBe(lookupHash('card', '123'));
});

test('without a key nothing is sealed', () => {
  process.env.YKT_DATA_KEY = '';
  expect(() => seal('x')).toThrow(/YKT_DATA_KEY/);
  process.env.YKT_DATA_KEY = Buffer.alloc(16).toString('base64');
  expect(() => lookupHash('id', 'x')).toThrow(/YKT_DATA_KEY/);
});
