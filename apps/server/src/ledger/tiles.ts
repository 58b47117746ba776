import { HASH_SIZE, nodeHash, rootOf, type Hash } from './merkle.ts';

/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the tree is served as tiles of height 8 —
 * 256 consecutive hashes at "level" L, each the Merkle tree hash of 256^L leaves — and the
 * entries as bundles of big-endian uint16 length-prefixed entries. Paths:
 *   <prefix>/tile/<L>/<N>[.p/<W>]    <prefix>/tile/entries/<N>[.p/<W>]
 * where N is written in zero-padded 3-digit elements, all but the last prefixed "x".
 */
export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;
export const MAX_ENTRY_BYTES = 0xffff;

export type TileRef = { level: number | 'entries'; index: number; width: number };

/** 1234067 → "x001/x234/067" */
export function encodeIndex(n: number): string {
  let s = String(n % 1000).padStart(3, '0');
  for (let rest = Math.floor(n / 1000); rest > 0; rest = Math.floor(rest / 1000)) s = `x${String(rest % 1000).padStart(3, '0')}/${s}`;
  return s;
}

export function tilePath(t: TileRef): string {
  return `tile/${t.level}/${encodeIndex(t.index)}${t.width < TILE_WIDTH ? `.p/${t.width}` : ''}`;
}

/** Parses the part after "tile/"; undefined for anything that is not a well-formed tile path. */
export function parseTilePath(rest: string): TileRef | undefined {
  const m = /^(entries|0|[1-9]\d?)\/((?:x\d{3}\/)*)(\d{3})(?:\.p\/([1-9]\d{0,2}))?$/.exec(rest);
  if (!m) return undefined;
  const level = m[1] === 'entries' ? 'entries' : Number(m[1]);
  if (level !== 'entries' && level > 63) return undefined;
  const parts = [...(m[2] ? m[2].split('/').filter(Boolean).map((p) => p.slice(1)) : []), m[3]!];
  // No redundant leading zero elements: index 5 is "005", never "x000/005".
  if (parts.length > 1 && parts[0] === '000') return undefined;
  const index = parts.reduce((acc, p) => acc * 1000 + Number(p), 0);
  if (!Number.isSafeInteger(index)) return undefined;
  const width = m[4] ? Number(m[4]) : TILE_WIDTH;
  if (width < 1 || width > TILE_WIDTH - 1 + (m[4] ? 0 : 1)) return undefined;
  return { level, index, width };
}

/** The hash a full tile contributes to the level above: the Merkle tree hash of its 256 hashes. */
export function tileHash(data: Buffer): Hash {
  return rootOf(hashesOf(data));
}

export function hashesOf(data: Buffer): Hash[] {
  const out: Hash[] = [];
  for (let i = 0; i + HASH_SIZE <= data.length; i += HASH_SIZE) out.push(data.subarray(i, i + HASH_SIZE));
  return out;
}

/** The Merkle tree hash of 2^j consecutive hashes (a perfect subtree inside one tile). */
export function perfectHash(hashes: readonly Hash[]): Hash {
  let level = [...hashes];
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(nodeHash(level[i]!, level[i + 1]!));
    level = next;
  }
  return level[0]!;
}

/** An entry bundle: each entry as a big-endian uint16 length, then its bytes. */
export function encodeBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    if (e.length > MAX_ENTRY_BYTES) throw new RangeError('a log entry is longer than 65535 bytes');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(e.length);
    parts.push(len, Buffer.from(e));
  }
  return Buffer.concat(parts);
}

export function decodeBundle(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    if (at + 2 > data.length) throw new Error('truncated entry bundle');
    const len = data.readUInt16BE(at);
    if (at + 2 + len > data.length) throw new Error('truncated entry bundle');
    out.push(data.subarray(at + 2, at + 2 + len));
    at += 2 + len;
  }
  return out;
}

/**
 * The hash of the perfect subtree of `size` leaves starting at leaf `lo`, read from tiles:
 * a subtree of 2^(8L+j) leaves is 2^j consecutive hashes of a level-L tile.
 */
export function perfectFromTiles(lo: number, size: number, tile: (level: number, index: number) => Buffer | undefined): Hash {
  let level = 0;
  let span = 1; // leaves per hash at this level
  while (size >= span * TILE_WIDTH) {
    level++;
    span *= TILE_WIDTH;
  }
  const first = lo / span;
  const count = size / span;
  const t = Math.floor(first / TILE_WIDTH);
  const data = tile(level, t);
  const offset = first - t * TILE_WIDTH;
  if (!data || data.length < (offset + count) * HASH_SIZE) throw new Error(`tile ${level}/${t} does not hold hashes ${offset}..${offset + count - 1}`);
  return perfectHash(hashesOf(data.subarray(offset * HASH_SIZE, (offset + count) * HASH_SIZE)));
}

/** Which tiles hold the hashes of a perfect subtree (for loading them before computing). */
export function tileOfPerfect(lo: number, size: number): { level: number; index: number } {
  let level = 0;
  let span = 1;
  while (size >= span * TILE_WIDTH) {
    level++;
    span *= TILE_WIDTH;
  }
  return { level, index: Math.floor(lo / span / TILE_WIDTH) };
}
