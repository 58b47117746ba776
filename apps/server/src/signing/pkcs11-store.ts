import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Pkcs11 from 'pkcs11js';
import type { Db } from '../storage/db.ts';
import { publicKeyOf, recordKey, type KeyStore } from './key-store.ts';

/**
 * The PKCS#11 key store: keys are generated inside a hardware security module (SoftHSM2 in
 * tests and development) as sensitive, non-extractable token objects; the platform keeps
 * only their public keys and CKA_IDs. Signing hashes in Node (SHA-256) and asks the token
 * for CKM_ECDSA over the hash, which yields the same raw r‖s as WebCrypto.
 *
 * One logged-in session; operations on it are serialised (a PKCS#11 session runs one
 * operation at a time) and run off the event loop (the binding's async calls).
 */
export type Pkcs11Options = { module: string; tokenLabel: string; pin: string };

// DER of the named curve prime256v1 (1.2.840.10045.3.1.7), the CKA_EC_PARAMS value.
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');
// SubjectPublicKeyInfo prefix for an uncompressed P-256 point (id-ecPublicKey, prime256v1).
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');

const require = createRequire(import.meta.url);

export function createPkcs11KeyStore(deps: { db: Db; options: Pkcs11Options }): KeyStore {
  const { db, options } = deps;
  // Loaded only when configured: the embedded store needs no native module.
  const p = require('pkcs11js') as typeof Pkcs11;
  const lib = new p.PKCS11();
  lib.load(options.module);
  lib.C_Initialize();
  const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === options.tokenLabel);
  if (slot === undefined) {
    lib.C_Finalize();
    throw new Error(`No PKCS#11 token labelled "${options.tokenLabel}" in ${options.module}`);
  }
  const session = lib.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
  lib.C_Login(session, p.CKU_USER, options.pin);

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T> | T): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const handles = new Map<string, Buffer>();

  const findPrivate = (id: string): Buffer => {
    const cached = handles.get(id);
    if (cached) return cached;
    lib.C_FindObjectsInit(session, [
      { type: p.CKA_CLASS, value: p.CKO_PRIVATE_KEY },
      { type: p.CKA_ID, value: Buffer.from(id.replaceAll('-', ''), 'hex') },
    ]);
    const found = lib.C_FindObjects(session, 1);
    lib.C_FindObjectsFinal(session);
    if (!found[0]) throw new Error(`signing key ${id} is not on the PKCS#11 token`);
    handles.set(id, found[0]);
    return found[0];
  };

  const signDigest = (id: string, digest: Buffer) =>
    serial(async () => {
      const key = findPrivate(id);
      lib.C_SignInit(session, { mechanism: p.CKM_ECDSA }, key);
      return new Uint8Array(await lib.C_SignAsync(session, digest, Buffer.alloc(64)));
    });

  return {
    kind: 'pkcs11',
    generate: (purpose) =>
      serial(async () => {
        const id = crypto.randomUUID();
        const ckaId = Buffer.from(id.replaceAll('-', ''), 'hex');
        const label = `yat-${purpose}-${id.slice(0, 8)}`;
        const keys = await lib.C_GenerateKeyPairAsync(
          session,
          { mechanism: p.CKM_EC_KEY_PAIR_GEN },
          [
            { type: p.CKA_TOKEN, value: true },
            { type: p.CKA_VERIFY, value: true },
            { type: p.CKA_EC_PARAMS, value: P256_PARAMS },
            { type: p.CKA_ID, value: ckaId },
            { type: p.CKA_LABEL, value: label },
          ],
          [
            { type: p.CKA_TOKEN, value: true },
            { type: p.CKA_PRIVATE, value: true },
            { type: p.CKA_SENSITIVE, value: true },
            { type: p.CKA_EXTRACTABLE, value: false },
            { type: p.CKA_SIGN, value: true },
            { type: p.CKA_ID, value: ckaId },
            { type: p.CKA_LABEL, value: label },
          ],
        );
        const [attr] = lib.C_GetAttributeValue(session, keys.publicKey, [{ type: p.CKA_EC_POINT }]);
        // CKA_EC_POINT is the DER OCTET STRING around the uncompressed point (04 41 04 …).
        const der = attr!.value as Buffer;
        const point = der[0] === 0x04 && der[1] === 0x41 ? der.subarray(2) : der;
        if (point.length !== 65 || point[0] !== 0x04) throw new Error('unexpected EC point from the PKCS#11 token');
        const spki = new Uint8Array(Buffer.concat([P256_SPKI_PREFIX, point]));
        handles.set(id, keys.privateKey);
        await recordKey(db, { id, store: 'pkcs11', purpose, spki, wrapped: null });
        return { id, spki };
      }),
    sign: (id, data) => signDigest(id, crypto.createHash('sha256').update(data).digest()),
    signDigest: (id, digest) => signDigest(id, Buffer.from(digest)),
    publicKey: (id) => publicKeyOf(db, id),
    close: () =>
      serial(() => {
        try {
          lib.C_Logout(session);
          lib.C_CloseSession(session);
        } finally {
          lib.C_Finalize();
        }
      }),
  };
}
