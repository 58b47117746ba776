import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * The transparency ledger (ledger/): the outbox its audit sink writes in the action's
 * transaction, the integrated entries (public entry, private opening), the tiles of the
 * Merkle tree (C2SP tlog-tiles, hashes as base64 text), the signed checkpoints, and one
 * state row that the sequencer locks while it appends.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const isPg = dialect === 'postgres';
  await db.schema
    .createTable('ledger_outbox')
    .addColumn('id', isPg ? 'bigserial' : 'integer', (c) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('audit_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('resident_id', 'text')
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('opening', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('idx', 'bigint', (c) => c.primaryKey())
    .addColumn('audit_id', 'bigint', (c) => c.notNull().unique())
    .addColumn('resident_id', 'text')
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('opening', 'text', (c) => c.notNull())
    .addColumn('integrated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_entries_resident').on('ledger_entries').columns(['resident_id', 'idx']).execute();

  await db.schema
    .createTable('ledger_tiles')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ledger_tiles_pk', ['level', 'idx'])
    .execute();

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('size', 'bigint', (c) => c.primaryKey())
    .addColumn('root', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('cosignatures', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ledger_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('ledger_state').values({ id: 1, size: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['ledger_state', 'ledger_checkpoints', 'ledger_tiles', 'ledger_entries', 'ledger_outbox']) await db.schema.dropTable(t).ifExists().execute();
}
