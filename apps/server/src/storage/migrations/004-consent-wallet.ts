import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * e-ME consent and the wallet's own sign-in: the grants a resident gave each service (and
 * the provider grants behind them, for revocation), the wallet app's sessions and their
 * one-time challenges, and the resident-maintained part of the profile (encrypted).
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('residents').addColumn('resident_profile_enc', 'text').execute();

  await db.schema
    .createTable('consent_grants')
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('consent_grants_pk', ['resident_id', 'client_id'])
    .execute();

  await db.schema
    .createTable('consent_grant_links')
    .addColumn('grant_id', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('sid', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consent_grant_links_owner').on('consent_grant_links').columns(['resident_id', 'client_id']).execute();

  await db.schema
    .createTable('wallet_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wallet_sessions_resident').on('wallet_sessions').column('resident_id').execute();

  await db.schema
    .createTable('wallet_challenges')
    .addColumn('challenge', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['wallet_challenges', 'wallet_sessions', 'consent_grant_links', 'consent_grants']) await db.schema.dropTable(t).ifExists().execute();
  await db.schema.alterTable('residents').dropColumn('resident_profile_enc').execute();
}
