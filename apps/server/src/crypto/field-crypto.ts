import crypto from 'node:crypto';
import type { KeyMaterial } from './keystore.ts';

/**
 * Personal data at rest: a keyed hash for equality lookups and AES-256-GCM for values the
 * platform must be able to release. The key id travels with each ciphertext so data keys
 * can be rotated without re-encrypting everything at once.
 */
export type FieldCrypto = {
  lookupHash(value: string): string;
  encrypt(plain: string, context: string): string;
  decrypt(sealed: string, context: string): string;
  encryptJson(value: unknown, context: string): string;
  decryptJson<T>(sealed: string, context: string): T;
};

export function createFieldCrypto(keys: Pick<KeyMaterial, 'lookupKey' | 'dataKeys' | 'currentDataKey'>): FieldCrypto {
  // KeyObjects, not Buffers: Node checks a Buffer key's type on every use, at ~10 µs a time.
  const lookupKey = crypto.createSecretKey(Buffer.from(keys.lookupKey, 'base64url'));
  const dataKeys = new Map(Object.entries(keys.dataKeys).map(([id, k]) => [id, crypto.createSecretKey(Buffer.from(k, 'base64url'))]));
  const currentId = keys.currentDataKey;
  const current = dataKeys.get(currentId)!;

  const encrypt = (plain: string, context: string): string => {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', current, iv);
    // The context (e.g. the row's key) is bound as associated data, so a ciphertext copied
    // into another row does not decrypt.
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${currentId}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  };

  const decrypt = (sealed: string, context: string): string => {
    const [id, ivText, bodyText] = sealed.split('.');
    const key = id ? dataKeys.get(id) : undefined;
    if (!key || !ivText || !bodyText) throw new Error('unreadable ciphertext (unknown key id or malformed)');
    const body = Buffer.from(bodyText, 'base64url');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  };

  return {
    lookupHash: (value) => crypto.createHmac('sha256', lookupKey).update(value).digest('base64url'),
    encrypt,
    decrypt,
    encryptJson: (value, context) => encrypt(JSON.stringify(value), context),
    decryptJson: <T>(sealed: string, context: string) => JSON.parse(decrypt(sealed, context)) as T,
  };
}

export const sha256 = (value: string): string => crypto.createHash('sha256').update(value).digest('base64url');
export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');
