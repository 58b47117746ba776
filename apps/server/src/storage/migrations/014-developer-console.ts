import type { Kysely } from 'kysely';

/**
 * The developer console (consoles/developer) and the operator's approval queue
 * (consoles/approvals): organisations and their members, one-time invitations (the invitee
 * named by the keyed hash of their identity number), services with the draft configuration
 * the sandbox client runs on and the approved one the production client runs on (kept apart,
 * so a change waiting for approval never reaches residents), approval requests with the exact
 * configuration asked for, and the sandbox identities developers create. JSON in text columns.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dev_organisations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dev_members')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('dev_organisations.id').onDelete('cascade'))
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dev_members_pk', ['organisation_id', 'resident_id'])
    .execute();
  await db.schema.createIndex('dev_members_resident').on('dev_members').column('resident_id').execute();

  await db.schema
    .createTable('dev_invitations')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('dev_organisations.id').onDelete('cascade'))
    .addColumn('invitee_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'bigint')
    .execute();

  await db.schema
    .createTable('dev_services')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('dev_organisations.id').onDelete('cascade'))
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('credentials', 'text', (c) => c.notNull())
    .addColumn('approved', 'text')
    .addColumn('approved_at', 'bigint')
    .addColumn('sandbox_client_id', 'text', (c) => c.notNull().unique())
    .addColumn('production_client_id', 'text', (c) => c.unique())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dev_services_organisation').on('dev_services').column('organisation_id').execute();

  await db.schema
    .createTable('dev_approval_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('service_id', 'text', (c) => c.notNull().references('dev_services.id').onDelete('cascade'))
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('previous', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('dev_approval_requests_status').on('dev_approval_requests').columns(['status', 'requested_at']).execute();
  await db.schema.createIndex('dev_approval_requests_service').on('dev_approval_requests').columns(['service_id', 'requested_at']).execute();

  await db.schema
    .createTable('sandbox_identities')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('dev_organisations.id').onDelete('cascade'))
    .addColumn('record_enc', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sandbox_identities_organisation').on('sandbox_identities').column('organisation_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['sandbox_identities', 'dev_approval_requests', 'dev_services', 'dev_invitations', 'dev_members', 'dev_organisations']) await db.schema.dropTable(t).ifExists().execute();
}
