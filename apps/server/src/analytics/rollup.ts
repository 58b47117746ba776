import type { Logger } from '../logger.ts';
import type { Db, Storage } from '../storage/db.ts';
import { bucketOf } from './buckets.ts';
import { addTo, sketchOf, type Sketch } from './hll.ts';
import { tryRunnerLock } from './lock.ts';
import { countsOf, residentActions } from './metrics.ts';

/**
 * The rollup: audit events, in id order after the cursor, become hourly and daily counts and
 * daily and monthly sketches of the active residents. Each batch is one transaction (its
 * counts, its sketches and the cursor move together), so a run stopped at any point (a crash,
 * a deploy, an abort) leaves the tables as of the last whole batch, and the next run carries
 * on from there: once or in pieces, the result is the same. Events younger than `lagMs` wait
 * for the next run: on PostgreSQL ids are taken before commit, so an event with a smaller id
 * may still become visible after a larger one; the lag gives it time to.
 */
export type RollupOptions = {
  batchSize?: number;
  lagMs?: number;
  /** Stops after the batch in progress. */
  signal?: AbortSignal;
  /** Told after each committed batch. */
  onProgress?(p: { events: number; cursor: number; pending: number }): void;
};

export type RollupResult = { ran: boolean; events: number; batches: number; cursor: number; ms: number };

const STATE_ID = 'rollup';
const CHUNK = 400;

type EventRow = { id: number; at: number; type: string; outcome: string; resident_id: string | null; client_id: string | null; fields: string | null; detail: string | null };

export function createRollup(deps: { storage: Storage; log: Logger }) {
  const { storage, log } = deps;

  async function state(db: Db) {
    const row = await db.selectFrom('analytics_state').selectAll().where('id', '=', STATE_ID).executeTakeFirst();
    return { cursor: Number(row?.cursor ?? 0), events: Number(row?.events ?? 0), updatedAt: row ? Number(row.updated_at) : null };
  }

  async function batch(db: Db, districts: Map<string, string>, size: number, until: number): Promise<{ n: number; cursor: number }> {
    return db.transaction().execute(async (trx) => {
      const { cursor, events } = await state(trx);
      const rows = (await trx.selectFrom('audit_events').select(['id', 'at', 'type', 'outcome', 'resident_id', 'client_id', 'fields', 'detail']).where('id', '>', cursor).orderBy('id').limit(size).execute()) as EventRow[];
      const young = rows.findIndex((r) => Number(r.at) > until);
      const take = young < 0 ? rows : rows.slice(0, young);
      if (!take.length) return { n: 0, cursor };
      const counts = new Map<string, number>();
      const sketches = new Map<string, Sketch>();
      const districtOf = (id: string | null) => (id && districts.get(id)) || 'unknown';
      const ids = new Map<string, string[]>();
      for (const r of take) {
        const at = Number(r.at);
        const e = { type: r.type, outcome: r.outcome, clientId: r.client_id, fields: r.fields ? (JSON.parse(r.fields) as string[]) : [], counterId: r.type.startsWith('counter.') && r.detail ? ((JSON.parse(r.detail) as { counterId?: string }).counterId ?? null) : null };
        for (const [metric, dim] of countsOf(e, districtOf)) {
          for (const grain of ['hour', 'day'] as const) {
            const key = `${grain}\u0000${bucketOf(grain, at)}\u0000${metric}\u0000${dim}`;
            counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        }
        if (r.resident_id && residentActions.has(r.type)) {
          for (const grain of ['day', 'month'] as const) {
            const key = `${grain}\u0000${bucketOf(grain, at)}`;
            const list = ids.get(key) ?? [];
            list.push(r.resident_id);
            ids.set(key, list);
          }
        }
      }
      // Residents are hashed into the sketches and forgotten with this batch.
      for (const [key, list] of ids) {
        const [grain, bucket] = key.split('\u0000') as [string, string];
        const stored = await trx.selectFrom('analytics_sketches').select('registers').where('grain', '=', grain).where('bucket', '=', Number(bucket)).executeTakeFirst();
        const sketch = sketchOf(stored?.registers);
        for (const id of list) addTo(sketch, id);
        sketches.set(key, sketch);
      }
      await writeCounts(trx, counts);
      for (const [key, registers] of sketches) {
        const [grain, bucket] = key.split('\u0000') as [string, string];
        await trx.insertInto('analytics_sketches').values({ grain, bucket: Number(bucket), registers }).onConflict((oc) => oc.columns(['grain', 'bucket']).doUpdateSet({ registers })).execute();
      }
      const last = Number(take[take.length - 1]!.id);
      const next = { cursor: last, events: events + take.length, updated_at: Date.now() };
      await trx.insertInto('analytics_state').values({ id: STATE_ID, ...next }).onConflict((oc) => oc.column('id').doUpdateSet(next)).execute();
      return { n: take.length, cursor: last };
    });
  }

  async function writeCounts(trx: Db, counts: Map<string, number>): Promise<void> {
    const rows = [...counts].map(([key, value]) => {
      const [grain, bucket, metric, dim] = key.split('\u0000') as [string, string, string, string];
      return { grain, bucket: Number(bucket), metric, dim, value };
    });
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('analytics_counts')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['grain', 'metric', 'bucket', 'dim']).doUpdateSet((eb) => ({ value: eb('analytics_counts.value', '+', eb.ref('excluded.value')) })))
        .execute();
    }
  }

  return {
    /** Catches up with the audit events; `ran: false` when another runner holds the lock. */
    async run(opts: RollupOptions = {}): Promise<RollupResult> {
      const started = Date.now();
      const size = opts.batchSize ?? 5000;
      const until = started - (opts.lagMs ?? 0);
      const result = await tryRunnerLock(storage, async (db) => {
        const districts = new Map((await db.selectFrom('counters').select(['id', 'district']).execute()).map((c) => [c.id, c.district]));
        let { cursor } = await state(db);
        const pending = async () => Number((await db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('id', '>', cursor).executeTakeFirstOrThrow()).n);
        const total = opts.onProgress ? await pending() : 0;
        let events = 0;
        let batches = 0;
        while (!opts.signal?.aborted) {
          const done = await batch(db, districts, size, until);
          cursor = done.cursor;
          if (!done.n) break;
          events += done.n;
          batches++;
          opts.onProgress?.({ events, cursor, pending: Math.max(0, total - events) });
          if (done.n < size) break;
        }
        return { events, batches, cursor };
      });
      const ms = Date.now() - started;
      if (!result) return { ran: false, events: 0, batches: 0, cursor: 0, ms };
      if (result.events) log.info({ events: result.events, batches: result.batches, cursor: result.cursor, ms }, 'analytics rollup');
      return { ran: true, ...result, ms };
    },

    /** Where the rollup stands: its cursor, how many events it has counted, when it last moved. */
    status: () => state(storage.db),
  };
}

export type Rollup = ReturnType<typeof createRollup>;
