import type { Kysely } from 'kysely';

/**
 * oidc_payloads holds every token, grant and session: millions of rows in service, and a
 * login writes several. Most rows have no grant (replay-detection records, sessions), and only
 * sessions have a uid and device codes a user code, yet every insert wrote an entry for each
 * into all three indexes. Partial indexes keep only the rows that have the value; a lookup by
 * `col = ?` still uses them (both databases infer `col IS NOT NULL` from it).
 */
const lookups = [
  ['oidc_payloads_grant', 'grant_id'],
  ['oidc_payloads_uid', 'uid'],
  ['oidc_payloads_user_code', 'user_code'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, column] of lookups) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('oidc_payloads').column(column).where(column, 'is not', null).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, column] of lookups) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('oidc_payloads').column(column).execute();
  }
}
