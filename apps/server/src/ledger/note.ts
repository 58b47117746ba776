import crypto from 'node:crypto';

/**
 * C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys, and C2SP
 * tlog-cosignature's Ed25519 `cosignature/v1` (https://c2sp.org/tlog-cosignature).
 *
 *   note      = text (ends in "\n") "\n" signature lines
 *   signature = "— " name " " base64(key ID (4 bytes) || signature) "\n"
 *   key ID    = SHA-256(name || "\n" || type || public key)[:4]   type 0x01 Ed25519, 0x04 cosignature/v1
 *   vkey      = name "+" hex(key ID) "+" base64(type || public key)
 */
export const ED25519 = 0x01;
export const COSIGNATURE_V1 = 0x04;
const DASH = '\u2014';

export type Signer = { name: string; type: number; keyId: Buffer; publicKey: Buffer; sign(msg: Buffer): Buffer };
export type Verifier = { name: string; type: number; keyId: Buffer; publicKey: Buffer };
export type NoteSignature = { name: string; keyId: Buffer; sig: Buffer; line: string };

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export function keyId(name: string, type: number, publicKey: Buffer): Buffer {
  return crypto.createHash('sha256').update(Buffer.concat([Buffer.from(`${name}\n`), Buffer.from([type]), publicKey])).digest().subarray(0, 4);
}

export function checkName(name: string): void {
  if (!name || /[\s+]/u.test(name) || /\p{Cc}/u.test(name)) throw new Error(`invalid note key name "${name}"`);
}

/** A signer from a 32-byte Ed25519 seed. */
export function ed25519Signer(name: string, seed: Buffer, type = ED25519): Signer {
  checkName(name);
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const key = crypto.createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = crypto.createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
  return { name, type, publicKey, keyId: keyId(name, type, publicKey), sign: (msg) => crypto.sign(null, msg, key) };
}

export const vkeyOf = (k: Verifier): string => `${k.name}+${k.keyId.toString('hex')}+${Buffer.concat([Buffer.from([k.type]), k.publicKey]).toString('base64')}`;

export function parseVkey(vkey: string): Verifier {
  // Only the first two "+" separate: the base64 key may contain "+" itself.
  const m = /^([^+]+)\+([^+]*)\+(.*)$/s.exec(vkey.trim());
  if (!m) throw new Error('a verifier key is name+hash+base64');
  const [, name, hash, b64] = m as unknown as [string, string, string, string];
  checkName(name);
  const bytes = Buffer.from(b64, 'base64');
  if (!/^[0-9a-f]{8}$/.test(hash) || bytes.length !== 33 || bytes.toString('base64') !== b64) throw new Error('malformed verifier key');
  const type = bytes[0]!;
  if (type !== ED25519 && type !== COSIGNATURE_V1) throw new Error(`unsupported verifier key type ${type}`);
  const publicKey = bytes.subarray(1);
  const id = keyId(name, type, publicKey);
  if (id.toString('hex') !== hash) throw new Error('verifier key hash does not match its key');
  return { name, type, keyId: id, publicKey };
}

export function ed25519Verify(publicKey: Buffer, msg: Buffer, sig: Buffer): boolean {
  if (sig.length !== 64) return false;
  try {
    const key = crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' });
    return crypto.verify(null, msg, key, sig);
  } catch {
    return false;
  }
}

/** Splits a note into its text and signature lines; throws on anything malformed. */
export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('malformed note: no signature block');
  const text = note.slice(0, split + 1);
  if (/[\p{Cc}]/u.test(text.replace(/\n/g, ''))) throw new Error('malformed note: control characters in text');
  const lines = note.slice(split + 2, -1).split('\n');
  const signatures = lines.map((line) => {
    const m = new RegExp(`^${DASH} (\\S+) ([A-Za-z0-9+/=]+)$`).exec(line);
    if (!m) throw new Error('malformed note: bad signature line');
    const raw = Buffer.from(m[2]!, 'base64');
    if (raw.length < 5) throw new Error('malformed note: short signature');
    return { name: m[1]!, keyId: raw.subarray(0, 4), sig: raw.subarray(4), line: `${line}\n` };
  });
  return { text, signatures };
}

export function signatureLine(signer: Pick<Signer, 'name' | 'keyId'>, sig: Buffer): string {
  return `${DASH} ${signer.name} ${Buffer.concat([signer.keyId, sig]).toString('base64')}\n`;
}

export function signNote(text: string, signer: Signer): string {
  if (!text.endsWith('\n')) throw new Error('note text must end in a newline');
  return `${text}\n${signatureLine(signer, signer.sign(Buffer.from(text)))}`;
}

/** The signatures by `verifier` in `note` that verify (undefined if one with its key ID fails). */
export function verifiedBy(text: string, signatures: readonly NoteSignature[], v: Verifier): { ok: boolean; timestamp?: number } {
  const mine = signatures.filter((s) => s.name === v.name && s.keyId.equals(v.keyId));
  for (const s of mine) {
    if (v.type === ED25519 && ed25519Verify(v.publicKey, Buffer.from(text), s.sig)) return { ok: true };
    if (v.type === COSIGNATURE_V1 && s.sig.length === 72) {
      const ts = Number(s.sig.readBigUInt64BE(0));
      if (ed25519Verify(v.publicKey, cosignedMessage(text, ts), s.sig.subarray(8))) return { ok: true, timestamp: ts };
    }
  }
  return { ok: false };
}

/** The message an Ed25519 cosignature/v1 signs: two header lines, then the checkpoint body. */
export const cosignedMessage = (text: string, timestamp: number): Buffer => Buffer.from(`cosignature/v1\ntime ${timestamp}\n${text}`);

/** A witness's cosignature line over a checkpoint body, timestamped now. */
export function cosign(text: string, signer: Signer, now = Date.now()): string {
  const ts = Math.floor(now / 1000);
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(BigInt(ts));
  return signatureLine(signer, Buffer.concat([stamp, signer.sign(cosignedMessage(text, ts))]));
}
