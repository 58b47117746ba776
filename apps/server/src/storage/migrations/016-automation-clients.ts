import type { Kysely } from 'kysely';

/**
 * An organisation's automation clients (consoles/developer/automation.ts): client-credentials
 * clients at the provider (their metadata in oidc_clients) that act on the developer console's
 * API as a developer of this one organisation. The row is what binds a client to it: a token
 * of a client without one is refused, and deleting the row ends the client's access at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dev_automation_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('dev_organisations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dev_automation_clients_organisation').on('dev_automation_clients').column('organisation_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dev_automation_clients').ifExists().execute();
}
