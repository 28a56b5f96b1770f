/**
 * Personal data at rest (PIPL art. 28): ID, card and phone numbers are sealed with AES-256-GCM and
 * looked up through a keyed hash (HMAC-SHA256) stored beside them, so duplicates can be found without
 * decrypting anything. Both keys derive from YKT_DATA_KEY (32 bytes, base64) by HKDF; without it the
 * functions refuse to handle personal data. The local cloud generates a development key.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';

interface Keys {
  encryption: Buffer;
  lookup: Buffer;
}

let cached: { source: string; keys: Keys } | null = null;

function keys(): Keys {
  const source = process.env.YKT_DATA_KEY ?? '';
  if (cached && cached.source === source) return cached.keys;
  const master = Buffer.from(source, 'base64');
  if (master.length !== 32) {
    throw new Error('YKT_DATA_KEY must be 32 bytes in base64: personal data cannot be stored without it');
  }
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  cached = { source, keys: { encryption: derive('ykt/aes-256-gcm'), lookup: derive('ykt/lookup-hmac') } };
  return cached.keys;
}

/** Whether a usable key is configured (for start-up checks). */
export function dataKeyConfigured(): boolean {
  try {
    keys();
    return true;
  } catch {
    return false;
  }
}

export function generateDataKey(): string {
  return randomBytes(32).toString('base64');
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys().encryption, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    VERSION,
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

export function unseal(sealed: string): string {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || body === undefined || !tag) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', keys().encryption, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** A keyed hash for look-ups; `kind` keeps equal strings of different kinds apart. */
export function lookupHash(kind: 'id' | 'card' | 'phone', value: string): string {
  return createHmac('sha256', keys().lookup).update(`${kind}:${value}`).digest('hex');
}
