/**
 * The wallet's own check of the public ledger (docs/ledger.md), in the browser with WebCrypto:
 *   1. the checkpoint is signed (Ed25519, C2SP signed-note) by the log key the wallet trusts —
 *      the key it saw on first use, pinned in localStorage (or one fixed at build time with
 *      VITE_LEDGER_KEY); a different key later is reported, never silently accepted;
 *   2. each entry's commitment is the HMAC of its opening under the resident's ledger secret,
 *      and the entry says what the opening says;
 *   3. the entry's inclusion proof leads to the checkpoint's root (RFC 9162 §2.1.3.2).
 * Only events that pass all three are shown as "recorded in the public ledger". The server
 * supplies the proofs; it cannot forge them without the log key.
 */
export type LedgerView = {
  origin: string;
  checkpoint: string | null;
  secret: string;
  entries: { index: number; entry: string; opening: string; proof: string[] }[];
  pending: string[];
};
export type Opening = { at: number; event: number; fields: string[]; outcome: string; service: string | null; type: string };
export type LedgerCheck = { status: 'verified'; recorded: Map<number, Opening>; size: number } | { status: 'key_changed' | 'bad_checkpoint' | 'unavailable' };

const PIN = 'yat.ledger.vkey';
const APPROVALS = 'yat.ledger.approvals';
const enc = new TextEncoder();
const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toB64 = (b: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(b)));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
};
const sha256 = async (...parts: Uint8Array[]) => new Uint8Array(await crypto.subtle.digest('SHA-256', concat(...parts)));
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The log key the wallet trusts: fixed at build time, else pinned on first use. */
async function trustedKey(): Promise<string | undefined> {
  const built = (import.meta as { env?: Record<string, string | undefined> }).env?.VITE_LEDGER_KEY;
  if (built) return built;
  const pinned = localStorage.getItem(PIN);
  if (pinned) return pinned;
  const res = await fetch('/ledger/key', { cache: 'no-store' }).catch(() => undefined);
  if (!res?.ok) return undefined;
  const key = (await res.text()).trim();
  localStorage.setItem(PIN, key);
  return key;
}

async function verifyCheckpoint(note: string, vkey: string): Promise<{ origin: string; size: number; root: Uint8Array } | undefined> {
  const m = /^([^+]+)\+([0-9a-f]{8})\+(.+)$/.exec(vkey);
  if (!m) return undefined;
  const [, name, hash, keyB64] = m as unknown as [string, string, string, string];
  const key = b64(keyB64);
  if (key.length !== 33 || key[0] !== 1) return undefined;
  const id = (await sha256(enc.encode(`${name}\n`), key)).slice(0, 4);
  if ([...id].map((x) => x.toString(16).padStart(2, '0')).join('') !== hash) return undefined;
  const split = note.lastIndexOf('\n\n');
  const text = note.slice(0, split + 1);
  const pub = await crypto.subtle.importKey('raw', key.slice(1), { name: 'Ed25519' }, false, ['verify']);
  let ok = false;
  for (const line of note.slice(split + 2).split('\n')) {
    const s = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!s || s[1] !== name) continue;
    const raw = b64(s[2]!);
    if (same(raw.slice(0, 4), id) && (await crypto.subtle.verify({ name: 'Ed25519' }, pub, raw.slice(4), enc.encode(text)))) ok = true;
  }
  const [origin, size, root] = text.split('\n');
  if (!ok || origin !== name || !/^\d+$/.test(size ?? '')) return undefined;
  return { origin: origin!, size: Number(size), root: b64(root!) };
}

const node = (l: Uint8Array, r: Uint8Array) => sha256(new Uint8Array([1]), l, r);

/** RFC 9162 §2.1.3.2. */
async function rootFromProof(index: number, size: number, leaf: Uint8Array, proof: Uint8Array[]): Promise<Uint8Array | undefined> {
  if (index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = await node(p, r);
      if (fn % 2 === 0) while (fn % 2 === 0 && fn !== 0) (fn = Math.floor(fn / 2)), (sn = Math.floor(sn / 2));
    } else r = await node(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

const minuteOf = (at: number) => `${new Date(at - (at % 60_000)).toISOString().slice(0, 16)}Z`;

export async function checkLedger(view: LedgerView): Promise<LedgerCheck> {
  const vkey = await trustedKey();
  if (!vkey || !view.checkpoint) return { status: 'unavailable' };
  if (!vkey.startsWith(`${view.origin}+`)) return { status: 'key_changed' };
  const cp = await verifyCheckpoint(view.checkpoint, vkey);
  if (!cp) return { status: localStorage.getItem(PIN) === vkey ? 'key_changed' : 'bad_checkpoint' };
  const secret = await crypto.subtle.importKey('raw', b64(view.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const recorded = new Map<number, Opening>();
  for (const e of view.entries) {
    const o = JSON.parse(e.opening) as Opening;
    const entry = JSON.parse(e.entry) as Record<string, unknown>;
    const commitment = toB64(await crypto.subtle.sign('HMAC', secret, enc.encode(e.opening)));
    const says = entry.commitment === commitment && entry.type === o.type && entry.service === o.service && entry.minute === minuteOf(o.at) && JSON.stringify(entry.fields) === JSON.stringify(o.fields);
    if (!says) continue;
    const root = await rootFromProof(e.index, cp.size, await sha256(new Uint8Array([0]), enc.encode(e.entry)), e.proof.map(b64));
    if (root && same(root, cp.root)) recorded.set(o.event, o);
  }
  return { status: 'verified', recorded, size: cp.size };
}

/** The wallet remembers the approvals it made itself, to notice one the ledger never shows. */
export function rememberApproval(service: string): void {
  const list = JSON.parse(localStorage.getItem(APPROVALS) ?? '[]') as { at: number; service: string }[];
  list.push({ at: Date.now(), service });
  localStorage.setItem(APPROVALS, JSON.stringify(list.slice(-100)));
}

/**
 * Approvals this wallet made more than `graceMs` ago that no verified ledger entry accounts
 * for. Approvals found in the ledger are forgotten, so the list only holds unconfirmed ones.
 */
export function missingApprovals(recorded: Iterable<Opening>, graceMs: number, now = Date.now()): { at: number; service: string }[] {
  const list = JSON.parse(localStorage.getItem(APPROVALS) ?? '[]') as { at: number; service: string }[];
  const approvals = [...recorded].filter((o) => o.type === 'login.approved');
  const open = list.filter((a) => !approvals.some((o) => o.service === a.service && Math.abs(o.at - a.at) < 120_000));
  localStorage.setItem(APPROVALS, JSON.stringify(open));
  return open.filter((a) => now - a.at > graceMs);
}
