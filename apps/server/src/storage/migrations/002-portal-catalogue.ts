import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * The portal's service catalogue. Text is one JSON column per language, so adding a field to a
 * service's text needs no migration. `source` says who wrote the row last: 'seed' rows are
 * refreshed from the data modules at every start, 'operator' rows (edited in the operator
 * console) are left alone by the seed.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('portal_departments')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_zh_hant', 'text', (c) => c.notNull())
    .addColumn('text_zh_hans', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('website', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('portal_services')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('department_slug', 'text', (c) => c.notNull().references('portal_departments.slug'))
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('text_zh_hant', 'text', (c) => c.notNull())
    .addColumn('text_zh_hans', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('life_events', 'text', (c) => c.notNull())
    .addColumn('eligibility', 'text', (c) => c.notNull())
    .addColumn('documents', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('fee_hkd', 'integer', (c) => c.notNull())
    .addColumn('processing_days', 'integer', (c) => c.notNull())
    .addColumn('online', 'text', (c) => c.notNull())
    .addColumn('online_url', 'text')
    .addColumn('counter', 'integer', (c) => c.notNull())
    .addColumn('accepts_identity', 'integer', (c) => c.notNull())
    .addColumn('popular', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('portal_services_department').on('portal_services').column('department_slug').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_services').execute();
  await db.schema.dropTable('portal_departments').execute();
}
