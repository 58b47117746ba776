import type { Kysely } from 'kysely';
import type { Dialect } from '../db.ts';

/**
 * Registration can send a new one-time code: how many codes a registration has sent and when
 * the last one went, so a resend is limited (a few per registration, not more than one a
 * half-minute) whichever instance answers.
 */
export async function up(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('registrations').addColumn('codes_sent', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('registrations').addColumn('code_sent_at', 'bigint').execute();
}

export async function down(db: Kysely<any>, _dialect: Dialect): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('code_sent_at').execute();
  await db.schema.alterTable('registrations').dropColumn('codes_sent').execute();
}
