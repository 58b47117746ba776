import type { Db, Dialect } from '../storage/db.ts';
import { prepared } from '../storage/prepared.ts';
import { formatCheckpoint } from './checkpoint.ts';
import { consistencyRanges, emptyHash, HASH_SIZE, inclusionRanges, leafHash, rangeHash, type Hash, type Range } from './merkle.ts';
import { signNote, type Signer } from './note.ts';
import { encodeBundle, perfectFromTiles, tileHash, tileOfPerfect, TILE_WIDTH } from './tiles.ts';

/**
 * The ledger's storage: the outbox (written in the action's transaction), and `integrate`,
 * which appends a batch of outbox rows to the tree in one transaction — entries, tiles,
 * the new signed checkpoint and the deletion of those outbox rows commit together, so a
 * crash at any point leaves either the batch fully integrated or still waiting, never half.
 * The state row is locked first (FOR UPDATE on PostgreSQL), so even two sequencers that
 * both believed they held the lock would append one after the other, never over each other.
 */
export type OutboxRow = { auditId: number; residentId: string | null; entry: string; opening: string };
export type StoredCheckpoint = { size: number; root: Hash; note: string; createdAt: number };

const key = (level: number, idx: number) => `${level}/${idx}`;
const b64 = (b: Buffer) => b.toString('base64');

// Every audited use of an identity writes one, in the action's transaction: compiled once.
const insertOutbox = prepared((db, arg) => db.insertInto('ledger_outbox').values({ audit_id: arg(0), resident_id: arg(1), entry: arg(2), opening: arg(3), created_at: arg(4) }));

export function createLedgerStore(db: Db, opts: { dialect: Dialect; origin: string; signer: Signer }) {
  const { dialect, origin, signer } = opts;

  async function loadTiles(exec: Db, keys: Iterable<readonly [number, number]>): Promise<Map<string, Buffer>> {
    const wanted = [...new Map([...keys].map((k) => [key(k[0], k[1]), k])).values()];
    const out = new Map<string, Buffer>();
    if (!wanted.length) return out;
    const rows = await exec
      .selectFrom('ledger_tiles')
      .select(['level', 'idx', 'data'])
      .where((eb) => eb.or(wanted.map(([l, i]) => eb.and([eb('level', '=', l), eb('idx', '=', i)]))))
      .execute();
    for (const r of rows) out.set(key(Number(r.level), Number(r.idx)), Buffer.from(r.data, 'base64'));
    return out;
  }

  /** The hashes of `ranges` of the tree of `size` leaves, read from the tiles. */
  async function hashesOf(exec: Db, ranges: readonly Range[]): Promise<Hash[]> {
    const need: [number, number][] = [];
    const probe = (lo: number, size: number) => {
      const t = tileOfPerfect(lo, size);
      need.push([t.level, t.index]);
      return emptyHash();
    };
    for (const [lo, hi] of ranges) rangeHash(lo, hi, probe);
    const tiles = await loadTiles(exec, need);
    const perfect = (lo: number, size: number) => perfectFromTiles(lo, size, (l, i) => tiles.get(key(l, i)));
    return ranges.map(([lo, hi]) => rangeHash(lo, hi, perfect));
  }

  async function pending(): Promise<number> {
    const r = await db.selectFrom('ledger_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  const lockedState = (trx: Db) => {
    const q = trx.selectFrom('ledger_state').select('size').where('id', '=', 1);
    return (dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirstOrThrow();
  };

  return {
    origin,

    async enqueue(trx: Db, row: OutboxRow): Promise<void> {
      await insertOutbox(trx, row.auditId, row.residentId, row.entry, row.opening, Date.now());
    },

    pending,

    /** Appends up to `max` outbox rows to the tree and signs a checkpoint; undefined if none waited. */
    async integrate(exec: Db, max: number): Promise<(StoredCheckpoint & { added: number }) | undefined> {
      return exec.transaction().execute(async (trx) => {
        const size = Number((await lockedState(trx)).size);
        const batch = await trx.selectFrom('ledger_outbox').selectAll().orderBy('id').limit(max).execute();
        if (!batch.length) return undefined;

        // The right edge: the last (partial) tile at each level is all that appending touches.
        const edge: [number, number][] = [];
        for (let l = 0, span = 1; span <= size; l++, span *= TILE_WIDTH) edge.push([l, Math.floor(size / span / TILE_WIDTH)]);
        const tiles = await loadTiles(trx, edge);
        const dirty = new Set<string>();
        const append = (level: number, position: number, h: Hash): void => {
          const idx = Math.floor(position / TILE_WIDTH);
          const k = key(level, idx);
          const data = Buffer.concat([tiles.get(k) ?? Buffer.alloc(0), h]);
          tiles.set(k, data);
          dirty.add(k);
          if (data.length === TILE_WIDTH * HASH_SIZE) append(level + 1, idx, tileHash(data));
        };
        batch.forEach((row, i) => append(0, size + i, leafHash(Buffer.from(row.entry))));
        const newSize = size + batch.length;
        const root = rangeHash(0, newSize, (lo, n) => perfectFromTiles(lo, n, (l, i) => tiles.get(key(l, i))));

        const now = Date.now();
        await trx
          .insertInto('ledger_entries')
          .values(batch.map((row, i) => ({ idx: size + i, audit_id: Number(row.audit_id), resident_id: row.resident_id, entry: row.entry, opening: row.opening, integrated_at: now })))
          .execute();
        await trx
          .insertInto('ledger_tiles')
          .values([...dirty].map((k) => {
            const [l, i] = k.split('/').map(Number) as [number, number];
            return { level: l, idx: i, data: b64(tiles.get(k)!) };
          }))
          .onConflict((oc) => oc.columns(['level', 'idx']).doUpdateSet({ data: (eb) => eb.ref('excluded.data') }))
          .execute();
        await trx.deleteFrom('ledger_outbox').where('id', 'in', batch.map((r) => r.id)).execute();
        await trx.updateTable('ledger_state').set({ size: newSize }).where('id', '=', 1).execute();
        const note = signNote(formatCheckpoint({ origin, size: newSize, root }), signer);
        await trx.insertInto('ledger_checkpoints').values({ size: newSize, root: b64(root), note, created_at: now }).execute();
        return { size: newSize, root, note, createdAt: now, added: batch.length };
      });
    },

    /** The latest checkpoint as served: the log's note with any witness cosignatures appended. */
    async latest(): Promise<StoredCheckpoint | undefined> {
      const r = await db.selectFrom('ledger_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
      return r && { size: Number(r.size), root: Buffer.from(r.root, 'base64'), note: r.note + r.cosignatures, createdAt: Number(r.created_at) };
    },

    async checkpointAt(size: number): Promise<StoredCheckpoint | undefined> {
      const r = await db.selectFrom('ledger_checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
      return r && { size: Number(r.size), root: Buffer.from(r.root, 'base64'), note: r.note + r.cosignatures, createdAt: Number(r.created_at) };
    },

    async addCosignatures(size: number, lines: string): Promise<void> {
      await db.updateTable('ledger_checkpoints').set({ cosignatures: lines }).where('size', '=', size).execute();
    },

    /** A hash tile's first `width` hashes, if the tree has them. */
    async tile(level: number, idx: number, width: number): Promise<Buffer | undefined> {
      const data = (await loadTiles(db, [[level, idx]])).get(key(level, idx));
      if (!data || data.length < width * HASH_SIZE) return undefined;
      return data.subarray(0, width * HASH_SIZE);
    },

    async entryBundle(idx: number, width: number): Promise<Buffer | undefined> {
      const rows = await db
        .selectFrom('ledger_entries')
        .select('entry')
        .where('idx', '>=', idx * TILE_WIDTH)
        .where('idx', '<', idx * TILE_WIDTH + width)
        .orderBy('idx')
        .execute();
      if (rows.length < width) return undefined;
      return encodeBundle(rows.map((r) => Buffer.from(r.entry)));
    },

    inclusionProof: (index: number, size: number) => hashesOf(db, inclusionRanges(index, size)),
    consistencyProof: (from: number, to: number) => hashesOf(db, consistencyRanges(from, to)),

    async residentEntries(residentId: string, limit: number) {
      const rows = await db.selectFrom('ledger_entries').select(['idx', 'entry', 'opening']).where('resident_id', '=', residentId).orderBy('idx', 'desc').limit(limit).execute();
      return rows.map((r) => ({ index: Number(r.idx), entry: r.entry, opening: r.opening }));
    },

    async residentPending(residentId: string) {
      const rows = await db.selectFrom('ledger_outbox').select(['opening']).where('resident_id', '=', residentId).execute();
      return rows.map((r) => r.opening);
    },

    async counts(): Promise<{ entries: number; outbox: number; distinctEvents: number }> {
      const e = await db.selectFrom('ledger_entries').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('audit_id').distinct().as('d')]).executeTakeFirstOrThrow();
      return { entries: Number(e.n), distinctEvents: Number(e.d), outbox: await pending() };
    },
  };
}

export type LedgerStore = ReturnType<typeof createLedgerStore>;
