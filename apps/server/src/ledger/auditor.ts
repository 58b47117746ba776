import { openCheckpoint } from './checkpoint.ts';
import { HASH_SIZE, leafHash, rangeHash, type Hash } from './merkle.ts';
import { parseVkey } from './note.ts';
import { decodeBundle, perfectFromTiles, tileHash, tilePath, TILE_WIDTH, type TileRef } from './tiles.ts';

/**
 * `yat ledger audit`: a monitor for the log. It fetches the checkpoint and every entry
 * bundle and tile, recomputes the whole tree from the entries, and checks that
 *   - the checkpoint is signed by the log's key (the one it saw last time, if any),
 *   - every served tile equals the recomputed one, and the recomputed root is the checkpoint's,
 *   - the tree it saw last time (kept in the state file) is a prefix of this one: same root
 *     over the first `size` entries — the log was only appended to, never rewritten,
 *   - the requested witnesses cosigned the checkpoint.
 */
export type AuditState = { log: string; vkey: string; size: number; root: string; checkpoint: string };
export type AuditVerdict = {
  ok: boolean;
  log: string;
  origin?: string;
  size?: number;
  root?: string;
  previous: { size: number; root: string } | null;
  checks: Record<string, boolean>;
  cosigners: string[];
  error?: string;
};

type Fetcher = (url: string) => Promise<Response>;

class AuditFailure extends Error {}

export async function auditLog(opts: { url: string; state?: AuditState; vkey?: string; witnesses?: string[]; fetch?: Fetcher }): Promise<{ verdict: AuditVerdict; state?: AuditState }> {
  const url = opts.url.replace(/\/+$/, '');
  const get = opts.fetch ?? fetch;
  const checks: Record<string, boolean> = {};
  const verdict: AuditVerdict = { ok: false, log: url, previous: opts.state ? { size: opts.state.size, root: opts.state.root } : null, checks, cosigners: [] };
  const fail = (check: string, message: string): never => {
    checks[check] = false;
    throw new AuditFailure(message);
  };
  const fetchBytes = async (path: string): Promise<Buffer> => {
    const res = await get(`${url}/${path}`);
    if (!res.ok) fail('available', `GET ${path}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };

  try {
    const served = (await fetchBytes('key')).toString('utf8').trim();
    const vkey = opts.vkey ?? opts.state?.vkey ?? served;
    if (vkey !== served) fail('key', 'the log now serves a different verifier key from the one trusted');
    checks.key = true;
    const verifier = parseVkey(vkey);
    const note = (await fetchBytes('checkpoint')).toString('utf8');
    let c;
    try {
      c = openCheckpoint(note, verifier, { origin: verifier.name, witnesses: (opts.witnesses ?? []).map(parseVkey) });
    } catch (err) {
      return fail('signature', (err as Error).message);
    }
    checks.signature = true;
    Object.assign(verdict, { origin: c.origin, size: c.size, root: c.root.toString('base64') });

    // Entries → leaf hashes → level-0 tiles → the levels above, compared with what is served.
    const tiles = new Map<string, Buffer>();
    let level: Hash[] = [];
    const bundles = Math.ceil(c.size / TILE_WIDTH);
    for (let n = 0; n < bundles; n++) {
      const width = Math.min(TILE_WIDTH, c.size - n * TILE_WIDTH);
      const entries = decodeBundle(await fetchBytes(tilePath({ level: 'entries', index: n, width })));
      if (entries.length !== width) fail('entries', `entry bundle ${n} holds ${entries.length} entries, expected ${width}`);
      level.push(...entries.map((e) => leafHash(e)));
    }
    checks.entries = true;
    for (let l = 0; level.length; l++) {
      const up: Hash[] = [];
      for (let n = 0; n * TILE_WIDTH < level.length; n++) {
        const data = Buffer.concat(level.slice(n * TILE_WIDTH, (n + 1) * TILE_WIDTH));
        const ref: TileRef = { level: l, index: n, width: data.length / HASH_SIZE };
        if (!(await fetchBytes(tilePath(ref))).equals(data)) fail('tiles', `tile ${tilePath(ref)} differs from the tree recomputed from the entries`);
        tiles.set(`${l}/${n}`, data);
        if (ref.width === TILE_WIDTH) up.push(tileHash(data));
      }
      level = up;
    }
    checks.tiles = true;
    const rootOfSize = (size: number) => rangeHash(0, size, (lo, n) => perfectFromTiles(lo, n, (l, i) => tiles.get(`${l}/${i}`)));
    if (c.size > 0 && !rootOfSize(c.size).equals(c.root)) fail('root', 'the checkpoint root is not the root of the served entries');
    checks.root = true;

    if (opts.state) {
      if (opts.state.size > c.size) fail('consistency', `the log shrank from ${opts.state.size} to ${c.size} entries`);
      const before = opts.state.size === 0 ? undefined : rootOfSize(opts.state.size).toString('base64');
      if (opts.state.size > 0 && before !== opts.state.root) fail('consistency', `the first ${opts.state.size} entries no longer hash to the root seen before: history was rewritten`);
      checks.consistency = true;
    }
    verdict.cosigners = c.cosigners.map((w) => w.name);
    if (opts.witnesses?.length) {
      checks.witnesses = c.cosigners.length === opts.witnesses.length;
      if (!checks.witnesses) fail('witnesses', 'not every required witness cosigned the checkpoint');
    }
    verdict.ok = true;
    return { verdict, state: { log: url, vkey, size: c.size, root: c.root.toString('base64'), checkpoint: note } };
  } catch (err) {
    verdict.error = (err as Error).message;
    return { verdict };
  }
}
