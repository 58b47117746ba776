import { sql } from 'kysely';
import type { Logger } from '../logger.ts';
import type { Db, Dialect } from '../storage/db.ts';
import type { Push } from './push.ts';

/**
 * The topic fan-out: a durable queue in the database. Each step claims one unfinished
 * publication — `FOR UPDATE SKIP LOCKED` on PostgreSQL, so instances share the work without
 * waiting on each other; on SQLite the step's first statement is a write, which makes it the
 * single writer — and, in the same transaction, inserts the next batch of followers after the
 * publication's cursor as deliveries and moves the cursor past them. A worker killed mid-way
 * loses only its uncommitted batch, which the next step does again: every follower gets the
 * publication exactly once (the deliveries' key is publication × resident besides).
 * Pushes are sent after the batch commits, from deliveries claimed by this worker.
 */
export type FanoutDeps = { db: Db; dialect: Dialect; push: Push; log: Logger; batch: number; pauseMs: number; workerId: string };
type Claimed = { id: string; topic_id: string; category: string; cursor: string };

async function claim(trx: Db, dialect: Dialect, workerId: string): Promise<Claimed | undefined> {
  if (dialect === 'postgres') {
    const r = await sql<Claimed>`select id, topic_id, category, cursor from notify_publications where status in ('queued', 'running') order by created_at limit 1 for update skip locked`.execute(trx);
    return r.rows[0];
  }
  const next = trx.selectFrom('notify_publications').select('id').where('status', 'in', ['queued', 'running']).orderBy('created_at').limit(1);
  const res = await trx.updateTable('notify_publications').set({ claimed_by: workerId }).where('id', '=', next).executeTakeFirst();
  if (!Number(res.numUpdatedRows)) return undefined;
  return trx.selectFrom('notify_publications').select(['id', 'topic_id', 'category', 'cursor']).where('claimed_by', '=', workerId).where('status', 'in', ['queued', 'running']).orderBy('created_at').executeTakeFirst();
}

/** One batch of one publication; false when there was nothing to do. */
export async function fanoutStep(deps: FanoutDeps): Promise<{ publication: string; inserted: number; done: boolean } | undefined> {
  const { db, dialect, batch, workerId } = deps;
  return db.transaction().execute(async (trx) => {
    const pub = await claim(trx, dialect, workerId);
    if (!pub) return undefined;
    const last = await trx
      .selectFrom((eb) => eb.selectFrom('notify_topic_followers').select('resident_id').where('topic_id', '=', pub.topic_id).where('resident_id', '>', pub.cursor).orderBy('resident_id').limit(batch).as('b'))
      .select((eb) => eb.fn.max('b.resident_id').as('last'))
      .executeTakeFirst();
    const now = Date.now();
    if (!last?.last) {
      await trx.updateTable('notify_publications').set({ status: 'done', finished_at: now, claimed_by: workerId }).where('id', '=', pub.id).execute();
      return { publication: pub.id, inserted: 0, done: true };
    }
    const res = await trx
      .insertInto('notify_topic_deliveries')
      .columns(['publication_id', 'resident_id', 'push', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('notify_topic_followers as f')
          .select([
            sql.lit(pub.id).as('publication_id'),
            'f.resident_id',
            sql<string>`case when exists (select 1 from push_subscriptions s where s.resident_id = f.resident_id) then 'pending' else 'none' end`.as('push'),
            sql.lit(now).as('created_at'),
          ])
          .where('f.topic_id', '=', pub.topic_id)
          .where('f.resident_id', '>', pub.cursor)
          .where('f.resident_id', '<=', String(last.last)),
      )
      .onConflict((oc) => oc.columns(['publication_id', 'resident_id']).doNothing())
      .executeTakeFirst();
    const inserted = Number(res.numInsertedOrUpdatedRows ?? 0);
    await trx
      .updateTable('notify_publications')
      .set((eb) => ({ cursor: String(last.last), delivered: eb('delivered', '+', inserted), status: 'running', claimed_by: workerId }))
      .where('id', '=', pub.id)
      .execute();
    return { publication: pub.id, inserted, done: false };
  });
}

/**
 * Pushes for deliveries not pushed yet, claimed by this worker in one statement first, so two
 * workers never push the same one. (A worker killed after claiming leaves its claims unpushed:
 * a push is sent at most once; the inbox has the alert regardless.)
 */
export async function pushStep(deps: FanoutDeps, limit = 200): Promise<number> {
  const { db, push, workerId } = deps;
  const mark = `claimed:${workerId}`;
  await (deps.dialect === 'postgres'
    ? sql`update notify_topic_deliveries d set push = ${mark} from (select publication_id, resident_id from notify_topic_deliveries where push = 'pending' limit ${limit} for update skip locked) c where d.publication_id = c.publication_id and d.resident_id = c.resident_id`
    : sql`update notify_topic_deliveries set push = ${mark} where rowid in (select rowid from notify_topic_deliveries where push = 'pending' limit ${limit})`
  ).execute(db);
  const rows = await db.selectFrom('notify_topic_deliveries').select(['publication_id', 'resident_id']).where('push', '=', mark).execute();
  for (const r of rows) {
    const p = await db.selectFrom('notify_publications').select(['category', 'topic_id', 'expires_at']).where('id', '=', r.publication_id).executeTakeFirst();
    const topic = p ? await db.selectFrom('notify_topics').select('names').where('id', '=', p.topic_id).executeTakeFirst() : undefined;
    const result = p && topic ? await push.toResident(r.resident_id, { category: p.category, service: JSON.parse(topic.names) as Record<string, string> }, Math.floor((Number(p.expires_at) - Date.now()) / 1000), 'high') : 'failed';
    await db.updateTable('notify_topic_deliveries').set({ push: result }).where('publication_id', '=', r.publication_id).where('resident_id', '=', r.resident_id).execute();
    if (result === 'sent') await db.updateTable('notify_publications').set((eb) => ({ pushed: eb('pushed', '+', 1) })).where('id', '=', r.publication_id).execute();
  }
  return rows.length;
}

/** Runs steps until there is no work (or `signal` aborts); returns how many deliveries it inserted. */
export async function drain(deps: FanoutDeps, opts: { signal?: AbortSignal; onProgress?: (p: { publication: string; inserted: number; done: boolean }) => void } = {}): Promise<number> {
  let total = 0;
  while (!opts.signal?.aborted) {
    const step = await fanoutStep(deps);
    const pushed = await pushStep(deps);
    if (!step && !pushed) break;
    if (step) {
      total += step.inserted;
      opts.onProgress?.(step);
    }
    if (deps.pauseMs) await new Promise((r) => setTimeout(r, deps.pauseMs));
  }
  return total;
}

/** The background worker every instance runs: drains the queue, then looks again every `idleMs`. */
export function startFanout(deps: FanoutDeps, idleMs = 1000) {
  const stop = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = drain(deps, { signal: stop.signal })
      .catch((err: unknown) => deps.log.warn({ err }, 'topic fan-out step failed; retrying'))
      .finally(() => {
        if (!stop.signal.aborted) timer = setTimeout(tick, idleMs).unref();
      });
  };
  let timer = setTimeout(tick, 0).unref();
  return {
    async stop() {
      stop.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
