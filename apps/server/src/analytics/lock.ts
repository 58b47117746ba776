import { DatabaseSync } from 'node:sqlite';
import { sql } from 'kysely';
import type { Db, Storage } from '../storage/db.ts';

/**
 * One rollup runner at a time, across instances and processes (the server's timer, `yat
 * analytics rollup`, another instance): tried, never waited for — whoever finds it taken
 * skips this round, the holder does the work. PostgreSQL: a session advisory lock per schema,
 * held on the connection the run uses, released by the server if the process dies. SQLite: a
 * write transaction on a lock file beside the database, as the migration lock (storage/db.ts)
 * does, released by the OS if the process dies.
 */
const running = new Set<string>();

export async function tryRunnerLock<T>(storage: Storage, fn: (db: Db) => Promise<T>): Promise<T | undefined> {
  const key = storage.dialect === 'postgres' ? `pg:${storage.schema ?? 'public'}` : `sqlite:${storage.file ?? ':memory:'}`;
  if (running.has(key)) return undefined;
  running.add(key);
  try {
    return storage.dialect === 'postgres' ? await advisory(storage.db, fn) : await lockFile(storage, fn);
  } finally {
    running.delete(key);
  }
}

async function advisory<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T | undefined> {
  return db.connection().execute(async (conn) => {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(7312, hashtext(current_schema())) as ok`.execute(conn);
    if (!rows[0]?.ok) return undefined;
    try {
      return await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(7312, hashtext(current_schema()))`.execute(conn).catch(() => undefined);
    }
  });
}

async function lockFile<T>(storage: Storage, fn: (db: Db) => Promise<T>): Promise<T | undefined> {
  if (!storage.file || storage.file === ':memory:') return fn(storage.db);
  const lock = new DatabaseSync(`${storage.file}.analytics-lock`, { timeout: 0 });
  try {
    try {
      lock.exec('BEGIN IMMEDIATE');
    } catch (err) {
      if (/locked|busy/i.test((err as Error).message)) return undefined;
      throw err;
    }
    return await fn(storage.db);
  } finally {
    if (lock.isTransaction) lock.exec('ROLLBACK');
    lock.close();
  }
}
