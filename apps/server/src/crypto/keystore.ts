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

export class MissingKeysError extends Error {
  override name = 'MissingKeysError';
}

/**
 * Reads the key file, or creates it when `create` allows (development and tests). Production
 * never generates keys: every instance must load the same file (a mounted secret), made once
 * with `yat keys init`; an instance that made its own would sign tokens no other one accepts.
 */
export async function loadOrCreateKeys(file: string, opts: { create?: boolean } = {}): Promise<{ keys: KeyMaterial; created: boolean }> {
  if (fs.existsSync(file)) return { keys: parseKeys(fs.readFileSync(file, 'utf8'), file), created: false };
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
    signing: [await newSigningKey()],
    cookieKeys: [random()],
    pairwiseSalt: random(),
    lookupKey: random(),
    dataKeys: { k1: random() },
    currentDataKey: 'k1',
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
  keys.signing = [fresh, ...keys.signing].slice(0, keep + 1);
  writeKeys(file, keys);
  return fresh;
}
