import { sql } from 'kysely';
import type { Logger } from '../logger.ts';
import type { Db, Dialect } from '../storage/db.ts';
import type { LedgerStore, StoredCheckpoint } from './store.ts';

/**
 * The one writer of the tree. Every `intervalMs` (and at once again while a full batch
 * waited) it integrates up to `batchSize` outbox rows into the tree and publishes a new
 * checkpoint, so an event is in the log within about a second.
 *
 * On PostgreSQL, instances compete for a session advisory lock (per schema): the holder
 * sequences on that very connection, the others retry every second, and when the holder
 * dies its connection closes, the lock is released and another instance takes over. On
 * SQLite there is one process, which sequences.
 */
export type SequencerOptions = {
  db: Db;
  dialect: Dialect;
  store: LedgerStore;
  log: Logger;
  intervalMs: number;
  batchSize: number;
  onCheckpoint?: (c: StoredCheckpoint) => void;
};

export type Sequencer = { isLeader(): boolean; stop(): Promise<void> };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

export function startSequencer(o: SequencerOptions): Sequencer {
  const stop = new AbortController();
  let leader = false;

  /** Integrates until the outbox is empty (or stopping); returns how many entries were added. */
  async function drain(exec: Db): Promise<number> {
    let added = 0;
    for (;;) {
      const c = await o.store.integrate(exec, o.batchSize);
      if (!c) return added;
      added += c.added;
      o.onCheckpoint?.(c);
      if (c.added < o.batchSize || stop.signal.aborted) return added;
    }
  }

  async function lead(exec: Db): Promise<void> {
    leader = true;
    o.log.info('ledger sequencer: this instance sequences');
    try {
      while (!stop.signal.aborted) {
        await drain(exec);
        await sleep(o.intervalMs, stop.signal);
      }
    } finally {
      leader = false;
    }
  }

  async function loop(): Promise<void> {
    while (!stop.signal.aborted) {
      try {
        if (o.dialect === 'sqlite') await lead(o.db);
        else {
          await o.db.connection().execute(async (conn) => {
            const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(7311, hashtext(current_schema())) as ok`.execute(conn);
            if (!rows[0]?.ok) return;
            try {
              await lead(conn);
            } finally {
              await sql`select pg_advisory_unlock(7311, hashtext(current_schema()))`.execute(conn).catch(() => undefined);
            }
          });
        }
      } catch (err) {
        if (!stop.signal.aborted) o.log.error({ err }, 'ledger sequencer failed; retrying');
      }
      await sleep(1000, stop.signal);
    }
  }

  const running = loop();
  return {
    isLeader: () => leader,
    async stop() {
      stop.abort();
      await running;
    },
  };
}
