import fs from 'node:fs';
import path from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from './schema.ts';
import { migrationProvider } from './migrations/index.ts';
import { openSqlite } from './sqlite-database.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Storage = { db: Db; dialect: Dialect; schema?: string; close(): Promise<void> };

// PostgreSQL returns bigint (int8) as strings; our timestamps are epoch ms and fit a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type StorageOptions = Pick<Config, 'databaseUrl' | 'databaseSchema' | 'dataDir' | 'sqliteSynchronous' | 'pgPoolSize'> & {
  /** Use this SQLite file instead of DATA_DIR/yat.db (":memory:" for tests). */
  sqliteFile?: string;
};

export async function openStorage(opts: StorageOptions): Promise<Storage> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.databaseSchema, opts.pgPoolSize);
  const file = opts.sqliteFile ?? path.join(opts.dataDir, 'yat.db');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const { kysely } = openSqlite(file, opts.sqliteSynchronous);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: kysely }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

async function openPostgres(url: string, schema: string | undefined, max: number): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A connection the server closes (restart, failover, pg_terminate_backend) is an error on
  // that connection's next use, never an uncaught exception that ends the process: idle
  // clients report to the pool, checked-out ones (the ledger sequencer's) to their own listener.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => void client.on('error', () => undefined));
  if (schema) {
    // A schema per deployment (or per test file) keeps several databases apart in one PostgreSQL.
    pool.on('connect', (client) => void client.query(`SET search_path TO "${schema}"`));
    const c = await pool.connect();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await c.query(`SET search_path TO "${schema}"`);
    } finally {
      c.release();
    }
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema, close: () => db.destroy() };
}

export type MigrationReport = { applied: string[] };

export async function migrate(storage: Storage): Promise<MigrationReport> {
  // The migration bookkeeping lives in the deployment's own schema; otherwise Kysely finds
  // another schema's tables on the search path and skips creating its own.
  const migrator = new Migrator({
    db: storage.db,
    provider: migrationProvider(storage.dialect),
    ...(storage.schema ? { migrationTableSchema: storage.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** A round trip to the database, for health checks. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
