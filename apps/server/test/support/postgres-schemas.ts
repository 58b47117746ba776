import pg from 'pg';

/**
 * Vitest global setup: the PostgreSQL schemas test files made (`t_` and 12 hex digits, see
 * context.ts testEnv) are dropped when the run ends, and any a killed run left behind are
 * dropped before it starts. Without TEST_POSTGRES_URL there is nothing to do.
 */
async function dropTestSchemas(): Promise<void> {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>("select nspname from pg_namespace where nspname ~ '^t_[0-9a-f]{12}$'");
    for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
  } finally {
    await client.end();
  }
}

export async function setup(): Promise<() => Promise<void>> {
  await dropTestSchemas();
  return dropTestSchemas;
}
