import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * Signing requests gain what the CSC API and the "done" webhook need: `kind` ('documents' for
 * the service API, 'csc' for a CSC credential authorization), the provider interaction it
 * belongs to and the grant it became (CSC), and the URL a service asked to be told at.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('signing_requests').addColumn('kind', 'text', (c) => c.notNull().defaultTo('documents')).execute();
  await db.schema.alterTable('signing_requests').addColumn('interaction_uid', 'text').execute();
  await db.schema.alterTable('signing_requests').addColumn('grant_id', 'text').execute();
  await db.schema.alterTable('signing_requests').addColumn('webhook_url', 'text').execute();
  await db.schema.createIndex('signing_requests_interaction').on('signing_requests').column('interaction_uid').execute();
  await db.schema.createIndex('signing_requests_grant').on('signing_requests').column('grant_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('signing_requests_grant').ifExists().execute();
  await db.schema.dropIndex('signing_requests_interaction').ifExists().execute();
  for (const c of ['webhook_url', 'grant_id', 'interaction_uid', 'kind']) await db.schema.alterTable('signing_requests').dropColumn(c).execute();
}
