import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * Every secret the platform holds, in one file (DATA_DIR/keys.json unless KEYS_FILE says
 * otherwise), created on first start with mode 0600. Instances that scale out share the
 * same file (a mounted secret). Signing keys are a list: the first signs, the rest stay
 * published in the JWKS so tokens signed before a rotation still verify.
 */
export type KeyMaterial = {
  version: 1;
  signing: JWK[];
  cookieKeys: string[];
  pairwiseSalt: string;
  /** HMAC key for lookups of identity numbers: a leaked table of hashes reveals nothing. */
  lookupKey: string;
  /** AES-256-GCM keys for personal data at rest, newest first; ids are the map keys. */
  dataKeys: Record<string, string>;
  currentDataKey: string;
};

const random = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');

export async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: `es256-${new Date().toISOString().slice(0, 10)}-${random(6)}`, alg: 'ES256', use: 'sig' };
}

/**
 * An RSA key for the services that need RS256 or PS256 ID tokens (OpenID Connect Discovery
 * makes RS256 mandatory to support; FAPI 2.0 allows PS256). ES256 stays the default: the
 * provider picks a key by the algorithm a service registered.
 */
export async function newRsaSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('PS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: `rsa-${new Date().toISOString().slice(0, 10)}-${random(6)}`, use: 'sig' };
}

const hasRsa = (keys: JWK[]) => keys.some((k) => k.kty === 'RSA');

export async function loadOrCreateKeys(file: string): Promise<{ keys: KeyMaterial; created: boolean }> {
  if (fs.existsSync(file)) {
    const keys = parseKeys(fs.readFileSync(file, 'utf8'), file);
    // Key files written before RSA keys existed get one, once.
    if (!hasRsa(keys.signing)) {
      keys.signing.push(await newRsaSigningKey());
      writeKeys(file, keys);
    }
    return { keys, created: false };
  }
  const keys: KeyMaterial = {
    version: 1,
    signing: [await newSigningKey(), await newRsaSigningKey()],
    cookieKeys: [random()],
    pairwiseSalt: random(),
    lookupKey: random(),
    dataKeys: { k1: random() },
    currentDataKey: 'k1',
  };
  writeKeys(file, keys);
  return { keys, created: true };
}

export function writeKeys(file: string, keys: KeyMaterial): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename so a crash never leaves a half-written key file.
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(keys, null, 2), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function parseKeys(text: string, file: string): KeyMaterial {
  let k: KeyMaterial;
  try {
    k = JSON.parse(text) as KeyMaterial;
  } catch {
    throw new Error(`The key file ${file} is not valid JSON`);
  }
  if (k.version !== 1 || !Array.isArray(k.signing) || k.signing.length === 0 || !k.lookupKey || !k.dataKeys?.[k.currentDataKey]) {
    throw new Error(`The key file ${file} is incomplete (expected version 1 with signing, lookupKey and dataKeys)`);
  }
  return k;
}

/** Puts a new signing key first; keeps at most `keep` older ones for verification. */
export async function rotateSigningKey(file: string, keep = 2): Promise<JWK> {
  const { keys } = await loadOrCreateKeys(file);
  const fresh = await newSigningKey();
  // The RSA key is not rotated with the ES256 keys; it stays published.
  const rsa = keys.signing.filter((k) => k.kty === 'RSA');
  keys.signing = [fresh, ...keys.signing.filter((k) => k.kty !== 'RSA')].slice(0, keep + 1).concat(rsa);
  writeKeys(file, keys);
  return fresh;
}
