import type { Config } from '../config.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Db } from '../storage/db.ts';
import { createEmbeddedKeyStore, type KeyStore } from './key-store.ts';
import { createPkcs11KeyStore } from './pkcs11-store.ts';

/** The key store the configuration names (SIGNING_PKCS11_MODULE selects PKCS#11). */
export function openKeyStore(deps: { db: Db; crypto: FieldCrypto; config: Pick<Config, 'signingKeys'> }): KeyStore {
  const k = deps.config.signingKeys;
  if (k.kind === 'pkcs11') return createPkcs11KeyStore({ db: deps.db, options: { module: k.module, tokenLabel: k.tokenLabel, pin: k.pin } });
  return createEmbeddedKeyStore({ db: deps.db, crypto: deps.crypto });
}
