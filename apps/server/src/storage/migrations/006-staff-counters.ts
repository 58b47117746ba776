import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * The people and places of the plus level: staff roles (residents with a role, optionally at
 * one counter), the registration counters and service centres (published later as open
 * data), counter cases (an in-person upgrade or a recovery: the one-time code, the staff
 * member's check of the document, the resident's confirmation), and the consoles' sessions.
 * Document numbers are kept only as a keyed hash plus an encrypted copy.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const real = dialect === 'postgres' ? 'double precision' : 'real';

  await db.schema
    .createTable('counters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('district', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', real, (c) => c.notNull())
    .addColumn('lon', real, (c) => c.notNull())
    .addColumn('opening_hours', 'text', (c) => c.notNull())
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff_roles')
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('counter_id', 'text', (c) => c.references('counters.id'))
    .addColumn('bootstrap', 'integer', (c) => c.notNull())
    .addColumn('granted_by', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_roles_pk', ['resident_id', 'role'])
    .execute();

  await db.schema
    .createTable('counter_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text')
    .addColumn('counter_id', 'text')
    .addColumn('document_type', 'text')
    .addColumn('document_hash', 'text')
    .addColumn('document_enc', 'text')
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('staff_confirmed_at', 'bigint')
    .addColumn('completed_at', 'bigint')
    .execute();
  await db.schema.createIndex('counter_cases_resident').on('counter_cases').column('resident_id').execute();

  await db.schema
    .createTable('console_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'text', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('id_token_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['console_sessions', 'counter_cases', 'staff_roles', 'counters']) await db.schema.dropTable(t).ifExists().execute();
}
