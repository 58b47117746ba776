import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Metrics } from '../http/metrics.ts';
import type { Logger } from '../logger.ts';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';
import { openSqlite } from './sqlite-database.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Storage = { db: Db; dialect: Dialect; schema?: string; /** The SQLite file. */ file?: string; close(): Promise<void> };

// PostgreSQL returns bigint (int8) as strings; our timestamps are epoch ms and fit a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type StorageOptions = Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir' | 'sqliteSynchronous' | 'pgPoolSize'> & {
  /** Use this SQLite file instead of DATA_DIR/yat.db (":memory:" for tests). */
  sqliteFile?: string;
  /** Where lost connections are reported. */
  log?: Logger;
  /** Told each statement's time and the pool's state (metrics). */
  metrics?: Pick<Metrics, 'query' | 'watchPool'>;
};

export async function openStorage(opts: StorageOptions): Promise<Storage> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.databaseSchema, opts.pgPoolSize, opts.log, opts.metrics);
  const file = opts.sqliteFile ?? path.join(opts.dataDir, 'yat.db');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const { kysely } = openSqlite(file, opts.sqliteSynchronous);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: kysely }), log: queryLog(opts.metrics) });
  return { db, dialect: 'sqlite', file, close: () => db.destroy() };
}

const queryLog = (metrics: StorageOptions['metrics']) => (metrics ? (e: LogEvent) => metrics.query(e.queryDurationMillis) : undefined);

async function openPostgres(url: string, schema: string | undefined, max: number, log?: Logger, metrics?: StorageOptions['metrics']): Promise<Storage> {
  // application_name lets an operator (and the tests) see which process holds which connection.
  const pool = new pg.Pool({ connectionString: url, max, application_name: `yat/${process.pid}`, connectionTimeoutMillis: 5000 });
  // A connection the server ends (a restart, a failover, a pooler, pg_terminate_backend) is an
  // 'error' event: unheard, it would end the process. The pool drops that client and opens a
  // new one for the next query; the request that was using it gets a 503 (errors.ts isUnavailable).
  pool.on('error', (err) => (log ? log.warn({ err: err.message }, 'PostgreSQL connection lost; the pool reconnects') : process.emitWarning(`PostgreSQL connection lost: ${err.message}`)));
  pool.on('connect', (client) => {
    client.on('error', () => {
      // Reported by the pool's own listener above (idle) or by the query that was running.
    });
    // Should the SET fail the connection is closed, so no query can run outside the schema.
    if (schema) client.query(`SET search_path TO "${schema}"`).catch(() => void client.end().catch(() => undefined));
  });
  if (schema) {
    // A schema per deployment (or per test file) keeps several databases apart in one PostgreSQL.
    const c = await pool.connect();
    try {
      // IF NOT EXISTS is not safe against a race: instances starting together serialise on a lock.
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`yat-schema:${schema}`]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await c.query('COMMIT');
      await c.query(`SET search_path TO "${schema}"`);
    } finally {
      c.release();
    }
  }
  metrics?.watchPool(() => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: queryLog(metrics) });
  return { db, dialect: 'postgres', schema, close: () => db.destroy() };
}

export type MigrationReport = { applied: string[] };

/**
 * Brings the schema up to date. Several processes may start at once (instances of a
 * rollout, a migration job): they take turns under a lock that spans the whole run, so one
 * migrates and the others then find nothing to do. (Kysely's own lock covers PostgreSQL
 * only once its bookkeeping tables exist, and SQLite not across processes.)
 */
export async function migrate(storage: Storage): Promise<MigrationReport> {
  return withMigrationLock(storage, async (db) => {
    // The migration bookkeeping lives in the deployment's own schema; otherwise Kysely finds
    // another schema's tables on the search path and skips creating its own.
    const migrator = new Migrator({
      db,
      provider: migrationProvider(storage.dialect),
      ...(storage.schema ? { migrationTableSchema: storage.schema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  });
}

async function withMigrationLock<T>(storage: Storage, fn: (db: Db) => Promise<T>): Promise<T> {
  if (storage.dialect === 'postgres') {
    // A session-level advisory lock on one connection, per schema (deployments sharing a server do not wait for each other).
    return storage.db.connection().execute(async (conn) => {
      const key = sql`hashtext(${`yat-migrate:${storage.schema ?? 'public'}`})`;
      await sql`select pg_advisory_lock(${key})`.execute(conn);
      try {
        return await fn(conn);
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(conn);
      }
    });
  }
  if (!storage.file || storage.file === ':memory:') return fn(storage.db);
  // A write transaction on a lock file beside the database: the OS releases it if the process dies.
  // Tried without blocking, then again after a pause: a blocking wait would stall this process's
  // event loop, and with it a holder in the same process (tests, a CLI beside a server).
  const lock = new DatabaseSync(`${storage.file}.migrate-lock`, { timeout: 0 });
  try {
    for (const deadline = Date.now() + 120_000; ; ) {
      try {
        lock.exec('BEGIN IMMEDIATE');
        break;
      } catch (err) {
        if (!/locked|busy/i.test((err as Error).message) || Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    return await fn(storage.db);
  } finally {
    if (lock.isTransaction) lock.exec('ROLLBACK');
    lock.close();
  }
}

/** A round trip to the database, for health checks. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
