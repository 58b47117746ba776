import { describe, expect, it } from 'vitest';
import { consistencyRanges, emptyHash, inclusionRanges, leafHash, rangeHash, rootOf, verifyConsistency, verifyInclusion, type Hash } from '../../src/ledger/merkle.ts';
import { encodeIndex, parseTilePath, perfectFromTiles, tileHash, tilePath } from '../../src/ledger/tiles.ts';

/**
 * RFC 6962's algorithms against the reference vectors of the Certificate Transparency
 * implementation (merkle_tree_test.cc: eight leaves, their roots, inclusion and consistency
 * proofs), then exhaustively against the recursive definitions for small trees.
 */
const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => leafHash(Buffer.from(h, 'hex')));
const roots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const hex = (hs: Hash[]) => hs.map((h) => h.toString('hex'));
const memoryTree = (ls: Hash[]) => (r: readonly [number, number]) => rootOf(ls.slice(r[0], r[1]));

describe('RFC 6962 Merkle tree', () => {
  it('hashes the empty tree and the reference trees of 1..8 leaves', () => {
    expect(emptyHash().toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (let n = 1; n <= 8; n++) expect(rootOf(leaves.slice(0, n)).toString('hex')).toBe(roots[n - 1]);
  });

  it('produces the reference inclusion proofs', () => {
    const proof = (m: number, n: number) => hex(inclusionRanges(m, n).map(memoryTree(leaves)));
    expect(proof(0, 1)).toEqual([]);
    expect(proof(0, 8)).toEqual(['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']);
    expect(proof(5, 8)).toEqual(['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']);
    expect(proof(2, 3)).toEqual(['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']);
    expect(proof(1, 5)).toEqual(['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']);
  });

  it('produces the reference consistency proofs', () => {
    const proof = (m: number, n: number) => hex(consistencyRanges(m, n).map(memoryTree(leaves)));
    expect(proof(1, 1)).toEqual([]);
    expect(proof(1, 8)).toEqual(['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']);
    expect(proof(6, 8)).toEqual(['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']);
    expect(proof(2, 5)).toEqual(['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']);
  });

  it('verifies every inclusion and consistency proof of trees up to 40 leaves, and rejects altered ones', () => {
    const ls = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
    const at = memoryTree(ls);
    const flip = (h: Hash) => Buffer.from(h.map((b, i) => (i === 0 ? b ^ 1 : b)));
    for (let n = 1; n <= ls.length; n++) {
      const root = rootOf(ls.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = inclusionRanges(m, n).map(at);
        expect(verifyInclusion(m, n, ls[m]!, proof, root)).toBe(true);
        expect(verifyInclusion(m, n, flip(ls[m]!), proof, root)).toBe(false);
        if (proof.length) expect(verifyInclusion(m, n, ls[m]!, [...proof.slice(0, -1), flip(proof.at(-1)!)], root)).toBe(false);
        if (n > 1) expect(verifyInclusion((m + 1) % n, n, ls[m]!, proof, root)).toBe(false);
      }
      for (let m = 1; m <= n; m++) {
        const old = rootOf(ls.slice(0, m));
        const proof = consistencyRanges(m, n).map(at);
        expect(verifyConsistency(m, n, old, root, proof)).toBe(true);
        expect(verifyConsistency(m, n, flip(old), root, proof)).toBe(false);
        if (proof.length) expect(verifyConsistency(m, n, old, root, [flip(proof[0]!), ...proof.slice(1)])).toBe(false);
      }
    }
  });
});

describe('C2SP tlog-tiles', () => {
  it('encodes and parses tile paths as the spec writes them', () => {
    expect(encodeIndex(1234067)).toBe('x001/x234/067');
    expect(encodeIndex(5)).toBe('005');
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 'entries', index: 2, width: 17 })).toBe('tile/entries/002.p/17');
    expect(parseTilePath('1/x001/x234/067.p/12')).toEqual({ level: 1, index: 1234067, width: 12 });
    expect(parseTilePath('entries/000')).toEqual({ level: 'entries', index: 0, width: 256 });
    for (const bad of ['0/5', '0/x000/005', '0/005.p/0', '0/005.p/256', '64/000', '00/000', 'entries/005.p/01', '0/005/']) expect(parseTilePath(bad)).toBeUndefined();
  });

  it('computes any subtree of a 70,000-leaf tree from its tiles', () => {
    const n = 70_000;
    const ls = Array.from({ length: n }, (_, i) => leafHash(Buffer.from(String(i))));
    const tiles = new Map<string, Buffer>();
    let level = ls;
    for (let l = 0; level.length; l++) {
      const up: Hash[] = [];
      for (let t = 0; t * 256 < level.length; t++) {
        const data = Buffer.concat(level.slice(t * 256, t * 256 + 256));
        tiles.set(`${l}/${t}`, data);
        if (data.length === 256 * 32) up.push(tileHash(data));
      }
      level = up;
    }
    expect(tiles.get('1/1')!.length / 32).toBe(17);
    expect(tiles.get('2/0')!.length / 32).toBe(1);
    const perfect = (lo: number, size: number) => perfectFromTiles(lo, size, (l, i) => tiles.get(`${l}/${i}`));
    expect(rangeHash(0, n, perfect).equals(rootOf(ls))).toBe(true);
    for (const [lo, hi] of inclusionRanges(65_601, n)) expect(rangeHash(lo, hi, perfect).equals(rootOf(ls.slice(lo, hi)))).toBe(true);
    for (const [lo, hi] of consistencyRanges(300, n)) expect(rangeHash(lo, hi, perfect).equals(rootOf(ls.slice(lo, hi)))).toBe(true);
  });
});
