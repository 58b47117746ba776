import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * The operator console (consoles/operator/): requests that need a second operator (four eyes:
 * an unlock waits here until a different operator approves it), each service's suspension
 * state (`suspended_at` is the last suspension: tokens issued before it never work again), and
 * indexes for the audit search by service and by event type.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('operator_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('operator_requests_status').on('operator_requests').columns(['status', 'requested_at']).execute();

  await db.schema
    .createTable('service_status')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('suspended', 'integer', (c) => c.notNull())
    .addColumn('suspended_at', 'bigint')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('audit_events_client').on('audit_events').columns(['client_id', 'at']).execute();
  await db.schema.createIndex('audit_events_type').on('audit_events').columns(['type', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_type').ifExists().execute();
  await db.schema.dropIndex('audit_events_client').ifExists().execute();
  for (const t of ['service_status', 'operator_requests']) await db.schema.dropTable(t).ifExists().execute();
}
