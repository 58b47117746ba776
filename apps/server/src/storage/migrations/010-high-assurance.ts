import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * High-assurance protocols (issue 16): the two-digit verification code a sign-in page shows;
 * CIBA requests the wallet lists and answers; and the pairwise subjects the platform has given
 * out, so a service's `login_hint` (the `sub` it holds) finds the resident without the platform
 * reversing the pairwise hash.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('login_requests').addColumn('verification_code', 'text').execute();

  await db.schema
    .createTable('pairwise_subjects')
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('sub', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pairwise_subjects_pk', ['sector', 'sub'])
    .execute();

  await db.schema
    .createTable('ciba_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('auth_req_id', 'text', (c) => c.notNull().unique())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('binding_message', 'text', (c) => c.notNull())
    .addColumn('acr_values', 'text')
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('answered_at', 'bigint')
    .addColumn('last_polled_at', 'bigint')
    .execute();
  await db.schema.createIndex('ciba_requests_resident').on('ciba_requests').columns(['resident_id', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['ciba_requests', 'pairwise_subjects']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('login_requests').dropColumn('verification_code').execute();
}
