import crypto from 'node:crypto';
import { EC_ALGORITHM, type KeyStore } from './key-store.ts';

/**
 * @peculiar/x509 and pkijs sign through a WebCrypto `Crypto` object. This one is Node's,
 * except that `subtle.sign` with a key-store handle asks the key store: certificates, CRLs,
 * CMS and timestamps are all built by those libraries while the private keys stay where
 * they are (wrapped in the database, or inside the HSM).
 */
const HANDLE = Symbol('yat.keyStoreHandle');

type StoreKey = CryptoKey & { [HANDLE]: string };

/** A stand-in CryptoKey naming a key-store key; only `subtle.sign` of `storeCrypto` accepts it. */
export function storeKey(id: string): CryptoKey {
  const key = { type: 'private', extractable: false, algorithm: { ...EC_ALGORITHM }, usages: ['sign'], [HANDLE]: id };
  return key as unknown as CryptoKey;
}

const isStoreKey = (key: unknown): key is StoreKey => typeof key === 'object' && key !== null && HANDLE in key;

export function storeCrypto(store: KeyStore): Crypto {
  const subtle = globalThis.crypto.subtle;
  const proxy = new Proxy(subtle, {
    get(target, prop) {
      if (prop === 'sign') {
        return async (alg: AlgorithmIdentifier | EcdsaParams, key: CryptoKey, data: BufferSource) => {
          if (!isStoreKey(key)) return target.sign(alg, key, data);
          const hash = typeof alg === 'object' && 'hash' in alg ? alg.hash : undefined;
          const hashName = typeof hash === 'string' ? hash : (hash as { name?: string } | undefined)?.name;
          if (hashName !== 'SHA-256') throw new Error(`key-store keys sign with ECDSA SHA-256, not ${String(hashName)}`);
          const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
          return new Uint8Array(await store.sign(key[HANDLE], bytes)).buffer;
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return {
    subtle: proxy,
    getRandomValues: <T extends ArrayBufferView | null>(array: T) => globalThis.crypto.getRandomValues(array as never) as T,
    randomUUID: () => crypto.randomUUID(),
  } as Crypto;
}
