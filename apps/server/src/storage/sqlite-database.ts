import { DatabaseSync, type StatementSync, type SQLInputValue } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts Node's built-in `node:sqlite` to the small interface Kysely's SqliteDialect
 * expects, so the embedded database needs no native addon.
 */
export function openSqlite(file: string, synchronous: 'NORMAL' | 'FULL'): { raw: DatabaseSync; kysely: SqliteDatabase } {
  const checkpointer = file === ':memory:' ? undefined : startCheckpointer(file);
  const raw = new DatabaseSync(file, { timeout: 5000 });
  raw.exec('PRAGMA journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash (the OS holds the WAL); FULL also survives power loss.
  raw.exec(`PRAGMA synchronous = ${synchronous}`);
  raw.exec('PRAGMA foreign_keys = ON');
  raw.exec('PRAGMA busy_timeout = 5000');
  raw.exec('PRAGMA cache_size = -16384');
  // Checkpoints run in a worker (sqlite-checkpointer.mjs); the automatic one stays as a backstop
  // at a WAL of ~40 MB, should the worker fall behind.
  if (checkpointer) raw.exec('PRAGMA wal_autocheckpoint = 10000');
  raw.exec('PRAGMA journal_size_limit = 67108864');
  // Without statistics SQLite may pick the wrong index when two fit (audit events by type or by
  // resident): a bounded ANALYZE at open and every hour keeps its choices right as tables grow.
  raw.exec('PRAGMA analysis_limit = 1000');
  raw.exec('PRAGMA optimize = 0x10002');
  const optimizer = setInterval(() => {
    try {
      raw.exec('PRAGMA optimize');
    } catch {
      // Closed, or busy for a moment: the next hour tries again.
    }
  }, 3_600_000).unref();
  // Prepared once per SQL text, with whether it returns rows (asking SQLite costs as much as running a lookup).
  const cache = new Map<string, { stmt: StatementSync; reader: boolean }>();
  const prepare = (sql: string): { stmt: StatementSync; reader: boolean } => {
    let prepared = cache.get(sql);
    if (!prepared) {
      const stmt = raw.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, (prepared = { stmt, reader: stmt.columns().length > 0 }));
    }
    return prepared;
  };
  const kysely: SqliteDatabase = {
    close: () => {
      clearInterval(optimizer);
      checkpointer?.postMessage('stop');
      raw.close();
    },
    prepare(sql: string): SqliteStatement {
      const { stmt, reader } = prepare(sql);
      const args = (p: ReadonlyArray<unknown>) => p.map(toSqlite);
      return {
        reader,
        all: (p) => stmt.all(...args(p)),
        run: (p) => {
          const r = stmt.run(...args(p));
          return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
        },
        iterate: (p) => stmt.iterate(...args(p)) as IterableIterator<unknown>,
      };
    },
  };
  return { raw, kysely };
}

function toSqlite(v: unknown): SQLInputValue {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return v as SQLInputValue;
}

function startCheckpointer(file: string): Worker {
  const worker = new Worker(new URL('./sqlite-checkpointer.mjs', import.meta.url), { workerData: { file, intervalMs: 500 } });
  // The worker must never keep a finished process (a CLI command, a test) alive.
  worker.unref();
  worker.on('error', (err) => process.emitWarning(`SQLite checkpointer stopped: ${err.message}; SQLite's own checkpoints continue`));
  return worker;
}
