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
  /** The transparency ledger: the log's Ed25519 seed and the secret residents' commitment keys derive from. */
  ledger?: { seed: string; secret: string };
};

const random = (bytes = 32) => crypto.randomBytes(bytes).toString('base64url');
const newLedgerKeys = () => ({ seed: random(32), secret: random(32) });

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

export class MissingKeysError extends Error {
  override name = 'MissingKeysError';
}

/**
 * Reads the key file, or creates it when `create` allows (development and tests). Production
 * never generates keys: every instance must load the same file (a mounted secret), made once
 * with `yat keys init`; an instance that made its own would sign tokens no other one accepts.
 */
export async function loadOrCreateKeys(file: string, opts: { create?: boolean } = {}): Promise<{ keys: KeyMaterial; created: boolean }> {
  if (fs.existsSync(file)) {
    const keys = parseKeys(fs.readFileSync(file, 'utf8'), file);
    // Key files from before RSA keys (RS256/PS256 ID tokens) and the ledger's keys get them:
    // in development here, in production once with `yat keys upgrade`.
    if (!keys.ledger || !hasRsa(keys.signing)) {
      if (opts.create === false) throw new MissingKeysError(`The key file ${file} lacks keys this version needs (RSA signing, transparency ledger). Add them once with "yat keys upgrade" and give every instance the updated file.`);
      keys.ledger ??= newLedgerKeys();
      if (!hasRsa(keys.signing)) keys.signing.push(await newRsaSigningKey());
      writeKeys(file, keys);
    }
    return { keys, created: false };
  }
  if (opts.create === false) {
    throw new MissingKeysError(`No key file at ${file}. Create it once with "yat keys init" (KEYS_FILE=${file}) and give every instance the same file.`);
  }
  const keys = await newKeyMaterial();
  // Two processes starting at once on one DATA_DIR must end up with one set of keys: the
  // file is created only if absent (a hard link fails when it exists), and the loser reads the winner's.
  if (!createKeysFile(file, keys)) return { keys: parseKeys(fs.readFileSync(file, 'utf8'), file), created: false };
  return { keys, created: true };
}

export async function newKeyMaterial(): Promise<KeyMaterial> {
  return {
    version: 1,
    signing: [await newSigningKey(), await newRsaSigningKey()],
    cookieKeys: [random()],
    pairwiseSalt: random(),
    lookupKey: random(),
    dataKeys: { k1: random() },
    currentDataKey: 'k1',
    ledger: newLedgerKeys(),
  };
}

/** Writes `keys` to `file` unless it exists; false when another process made it first. */
export function createKeysFile(file: string, keys: KeyMaterial): boolean {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${random(6)}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(keys, null, 2), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
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
