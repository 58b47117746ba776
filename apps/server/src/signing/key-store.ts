import crypto from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Db } from '../storage/db.ts';

/**
 * Where signing keys live: the CA's keys, the timestamp authority's key and every resident's
 * signing key. A key never leaves its store; callers get an id and ask the store to sign.
 * Every key is ECDSA P-256 and every signature ECDSA with SHA-256, in WebCrypto's raw
 * r‖s form (pkijs and @peculiar/x509 convert it to DER where a standard wants that).
 *
 * Two implementations: `embedded` (the default) keeps each private key wrapped with the
 * platform's data key (AES-256-GCM, the key id as associated data) in `signing_keys`;
 * `pkcs11` keeps it in a hardware security module and only its public key in the table.
 */
export type KeyStoreKind = 'embedded' | 'pkcs11';

export type KeyStore = {
  readonly kind: KeyStoreKind;
  /** Creates a new key pair for `purpose` ("ca-root", "ca-issuing", "tsa", "resident"); returns its id and public key (SPKI DER). */
  generate(purpose: string): Promise<{ id: string; spki: Uint8Array }>;
  /** ECDSA P-256 / SHA-256 over `data`, raw r‖s (64 bytes). */
  sign(id: string, data: Uint8Array): Promise<Uint8Array>;
  /** ECDSA P-256 over a SHA-256 digest computed by the caller (CSC signHash), raw r‖s (64 bytes). */
  signDigest(id: string, digest: Uint8Array): Promise<Uint8Array>;
  /** The public key (SPKI DER) of a key this store holds. */
  publicKey(id: string): Promise<Uint8Array>;
  close(): Promise<void>;
};

export const EC_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

async function recordKey(db: Db, row: { id: string; store: KeyStoreKind; purpose: string; spki: Uint8Array; wrapped: string | null }): Promise<void> {
  await db
    .insertInto('signing_keys')
    .values({ id: row.id, store: row.store, purpose: row.purpose, public_key: Buffer.from(row.spki).toString('base64'), wrapped: row.wrapped, created_at: Date.now() })
    .execute();
}

async function publicKeyOf(db: Db, id: string): Promise<Uint8Array> {
  const row = await db.selectFrom('signing_keys').select('public_key').where('id', '=', id).executeTakeFirst();
  if (!row) throw new Error(`unknown signing key ${id}`);
  return Buffer.from(row.public_key, 'base64');
}

/** The embedded store: private keys wrapped by the data key, unwrapped into non-extractable WebCrypto keys on use. */
export function createEmbeddedKeyStore(deps: { db: Db; crypto: FieldCrypto }): KeyStore {
  const { db, crypto: fc } = deps;
  const cache = new Map<string, Promise<CryptoKey>>();
  const context = (id: string) => `signing-key\n${id}`;

  const unwrap = async (id: string): Promise<Buffer> => {
    const row = await db.selectFrom('signing_keys').select(['wrapped', 'store']).where('id', '=', id).executeTakeFirst();
    if (!row?.wrapped || row.store !== 'embedded') throw new Error(`signing key ${id} is not in the embedded store`);
    return Buffer.from(fc.decrypt(row.wrapped, context(id)), 'base64');
  };

  const load = (id: string): Promise<CryptoKey> => {
    let key = cache.get(id);
    if (!key) {
      key = (async () => globalThis.crypto.subtle.importKey('pkcs8', new Uint8Array(await unwrap(id)), EC_ALGORITHM, false, ['sign']))();
      key.catch(() => cache.delete(id));
      cache.set(id, key);
    }
    return key;
  };

  return {
    kind: 'embedded',
    async generate(purpose) {
      const id = crypto.randomUUID();
      const pair = await globalThis.crypto.subtle.generateKey(EC_ALGORITHM, true, ['sign', 'verify']);
      const pkcs8 = Buffer.from(await globalThis.crypto.subtle.exportKey('pkcs8', pair.privateKey));
      const spki = new Uint8Array(await globalThis.crypto.subtle.exportKey('spki', pair.publicKey));
      await recordKey(db, { id, store: 'embedded', purpose, spki, wrapped: fc.encrypt(pkcs8.toString('base64'), context(id)) });
      pkcs8.fill(0);
      return { id, spki };
    },
    async sign(id, data) {
      return new Uint8Array(await globalThis.crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, await load(id), data as Uint8Array<ArrayBuffer>));
    },
    async signDigest(id, digest) {
      // WebCrypto always hashes the message itself; a digest given by the caller is signed as it is
      // (@noble/curves with prehash off). The scalar lives only for this call.
      const pkcs8 = await unwrap(id);
      const scalar = Buffer.from(crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }).d!, 'base64url');
      try {
        return p256.sign(digest, scalar, { prehash: false, format: 'compact' });
      } finally {
        scalar.fill(0);
        pkcs8.fill(0);
      }
    },
    publicKey: (id) => publicKeyOf(db, id),
    async close() {
      cache.clear();
    },
  };
}

export { recordKey, publicKeyOf };
