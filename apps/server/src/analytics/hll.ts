import crypto from 'node:crypto';

/**
 * HyperLogLog (Flajolet, Fusy, Gandouet, Meunier 2007, with the small-range correction by
 * linear counting): the approximate number of distinct active residents. 2^14 one-byte
 * registers (16 KiB per day or month), standard error 1.04/√m ≈ 0.8 %. A register keeps only
 * the longest run of leading zeros seen among hashes that fell into it, so a sketch holds no
 * resident id and cannot list one; sketches of days merge into a month by register maximum.
 *
 * Written here rather than taken from npm: the packages there either keep registers as a
 * JavaScript array (no byte form to store) or hash through string conversions that would
 * slow the rollup down tenfold; the algorithm itself is a page of the paper.
 */
export const HLL_PRECISION = 14;
const m = 1 << HLL_PRECISION;
const alpha = 0.7213 / (1 + 1.079 / m);

export type Sketch = Uint8Array;

export const emptySketch = (): Sketch => new Uint8Array(m);

/** A stored sketch back as registers (a copy; PostgreSQL gives a Buffer, SQLite a Uint8Array). */
export function sketchOf(bytes: Uint8Array | null | undefined): Sketch {
  const s = emptySketch();
  if (bytes && bytes.length === m) s.set(bytes);
  return s;
}

/** Adds one value (a resident id) to the sketch: only a register index and a rank are kept. */
export function addTo(sketch: Sketch, value: string): void {
  const h = crypto.createHash('sha256').update('yat-active:').update(value).digest();
  const hi = h.readUInt32BE(0);
  const lo = h.readUInt32BE(4);
  const index = hi >>> (32 - HLL_PRECISION);
  const rest = hi & ((1 << (32 - HLL_PRECISION)) - 1); // 18 bits, then 32 more from `lo`
  const rank = rest !== 0 ? Math.clz32(rest) - HLL_PRECISION + 1 : 32 - HLL_PRECISION + (lo !== 0 ? Math.clz32(lo) : 32) + 1;
  if (rank > sketch[index]!) sketch[index] = rank;
}

/** Register-wise maximum: the union of the two sets. */
export function mergeInto(target: Sketch, other: Sketch): void {
  for (let i = 0; i < m; i++) if (other[i]! > target[i]!) target[i] = other[i]!;
}

export function estimate(sketch: Sketch): number {
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    const r = sketch[i]!;
    sum += 2 ** -r;
    if (r === 0) zeros++;
  }
  const raw = (alpha * m * m) / sum;
  // Few residents: linear counting over the empty registers is the better estimate.
  return Math.round(raw <= 2.5 * m && zeros > 0 ? m * Math.log(m / zeros) : raw);
}
