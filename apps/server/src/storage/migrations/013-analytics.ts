import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * Analytics rollups (analytics/rollup.ts): counts per hour and per day by metric and one
 * dimension (a service, a field, a district), HyperLogLog sketches of the distinct active
 * residents per day and per month (registers as bytes, never a resident id), and the
 * rollup's cursor: the last audit event it has counted.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('analytics_counts')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_counts_pk', ['grain', 'metric', 'bucket', 'dim'])
    .execute();

  await db.schema
    .createTable('analytics_sketches')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('bucket', 'bigint', (c) => c.notNull())
    .addColumn('registers', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_sketches_pk', ['grain', 'bucket'])
    .execute();

  await db.schema
    .createTable('analytics_state')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cursor', 'bigint', (c) => c.notNull())
    .addColumn('events', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['analytics_state', 'analytics_sketches', 'analytics_counts']) await db.schema.dropTable(t).ifExists().execute();
}
