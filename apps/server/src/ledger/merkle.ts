import crypto from 'node:crypto';

/**
 * Merkle tree hashing, inclusion and consistency proofs of RFC 6962 §2.1 (as restated in
 * RFC 9162 §2.1): SHA-256, leaf hash = H(0x00 || entry), node hash = H(0x01 || left || right),
 * the empty tree's hash = H(""). Proofs are produced in two steps — which subtree ranges a
 * proof needs (pure arithmetic, below), then their hashes from wherever the tree is stored —
 * so the same code serves an in-memory tree, the tile store and the auditor.
 */
export type Hash = Buffer;
export const HASH_SIZE = 32;

const sha256 = (...parts: Uint8Array[]): Hash => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export const emptyHash = (): Hash => sha256();
export const leafHash = (entry: Uint8Array): Hash => sha256(LEAF, entry);
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(NODE, left, right);

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 6962's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** MTH(D[0:n]) of a list of leaf hashes, by RFC 6962's recursive definition. */
export function rootOf(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return emptyHash();
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

/** A half-open range of leaves [lo, hi) whose Merkle tree hash a proof needs. */
export type Range = readonly [lo: number, hi: number];

/** The ranges of PATH(m, D[lo:hi]) (RFC 6962 §2.1.1), in proof order. */
export function inclusionRanges(m: number, n: number): Range[] {
  if (m < 0 || m >= n) throw new RangeError(`leaf ${m} is not in a tree of size ${n}`);
  const out: Range[] = [];
  const path = (m: number, lo: number, hi: number): void => {
    if (hi - lo === 1) return;
    const k = splitPoint(hi - lo);
    if (m < k) {
      path(m, lo, lo + k);
      out.push([lo + k, hi]);
    } else {
      path(m - k, lo + k, hi);
      out.push([lo, lo + k]);
    }
  };
  path(m, 0, n);
  return out;
}

/** The ranges of PROOF(m, D[0:n]) (RFC 6962 §2.1.2), in proof order; empty when m is 0 or n. */
export function consistencyRanges(m: number, n: number): Range[] {
  if (m < 0 || m > n) throw new RangeError(`no consistency proof from size ${m} to ${n}`);
  if (m === 0 || m === n) return [];
  const out: Range[] = [];
  const sub = (m: number, lo: number, hi: number, complete: boolean): void => {
    if (m === hi - lo) {
      if (!complete) out.push([lo, hi]);
      return;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      sub(m, lo, lo + k, complete);
      out.push([lo + k, hi]);
    } else {
      sub(m - k, lo + k, hi, false);
      out.push([lo, lo + k]);
    }
  };
  sub(m, 0, n, true);
  return out;
}

/** MTH(D[lo:hi]) from the hashes of perfect, aligned subtrees (what a tile store can give). */
export function rangeHash(lo: number, hi: number, perfect: (lo: number, size: number) => Hash): Hash {
  const n = hi - lo;
  if (n <= 0) throw new RangeError(`empty range [${lo}, ${hi})`);
  if (isPowerOfTwo(n) && lo % n === 0) return perfect(lo, n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(lo, lo + k, perfect), rangeHash(lo + k, hi, perfect));
}

const lsb = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/** RFC 9162 §2.1.3.2: the root hash that an inclusion proof implies, or undefined if malformed. */
export function rootFromInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[]): Hash | undefined {
  if (index < 0 || index >= size) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

export function verifyInclusion(index: number, size: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  const r = rootFromInclusion(index, size, leaf, proof);
  return r !== undefined && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show that the tree (size1, root1) is a prefix of (size2, root2)? */
export function verifyConsistency(size1: number, size2: number, root1: Hash, root2: Hash, proof: readonly Hash[]): boolean {
  if (size1 < 0 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0 && root1.equals(emptyHash());
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}
