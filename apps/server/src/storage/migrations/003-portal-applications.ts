import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * The portal as a relying party (its own sessions and settings), hosted-form drafts,
 * submitted applications with their status history and attachments, the residents'
 * inbox, and the outbox of signed webhooks to departments. Personal data is in *_enc columns.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const isPg = dialect === 'postgres';
  const serial = (t: ReturnType<Kysely<any>['schema']['createTable']>) =>
    t.addColumn('id', isPg ? 'bigserial' : 'integer', (c) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement()));

  await db.schema
    .createTable('portal_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('portal_sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('owner_hash', 'text', (c) => c.notNull())
    .addColumn('data_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_sessions_expires').on('portal_sessions').column('expires_at').execute();

  await db.schema
    .createTable('application_drafts')
    .addColumn('owner_hash', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('data_enc', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('application_drafts_pk', ['owner_hash', 'slug'])
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('owner_hash', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('data_enc', 'text', (c) => c.notNull())
    .addColumn('form_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('applications_owner').on('applications').columns(['owner_hash', 'submitted_at']).execute();
  await db.schema.createIndex('applications_department').on('applications').columns(['department', 'submitted_at']).execute();

  await serial(db.schema.createTable('application_events'))
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note_enc', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_events_application').on('application_events').column('application_id').execute();

  await db.schema
    .createTable('application_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('application_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_hash', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('meta_enc', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('content_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('application_files_owner').on('application_files').columns(['owner_hash', 'slug']).execute();
  await db.schema.createIndex('application_files_application').on('application_files').column('application_id').execute();

  await db.schema
    .createTable('inbox_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params_enc', 'text', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inbox_messages_owner').on('inbox_messages').columns(['owner_hash', 'created_at']).execute();

  await db.schema
    .createTable('department_webhooks')
    .addColumn('department', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await serial(db.schema.createTable('webhook_outbox'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_outbox_due').on('webhook_outbox').columns(['delivered_at', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const tables = ['webhook_outbox', 'department_webhooks', 'inbox_messages', 'application_files', 'application_counters', 'application_events', 'applications', 'application_drafts', 'portal_sessions', 'portal_settings'];
  for (const t of tables) await db.schema.dropTable(t).ifExists().execute();
}
