import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { openContext, type Context } from '../../src/context.ts';
import { createLogger } from '../../src/logger.ts';

/**
 * A real, isolated database for one test file: a fresh SQLite file in a temporary
 * DATA_DIR, or a fresh schema in the PostgreSQL named by TEST_POSTGRES_URL when the
 * test project is "postgres". Dropped again by `close()`.
 */
export type TestContext = Context & { dataDir: string };

export const testDialect = (): 'sqlite' | 'postgres' => (process.env.YAT_TEST_DB === 'postgres' ? 'postgres' : 'sqlite');

export function testEnv(extra: Record<string, string> = {}): { env: NodeJS.ProcessEnv; dataDir: string; schema?: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yat-test-'));
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...extra };
  if (testDialect() === 'postgres') {
    const url = process.env.TEST_POSTGRES_URL;
    if (!url) throw new Error('YAT_TEST_DB=postgres needs TEST_POSTGRES_URL');
    const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
    env.DATABASE_URL = url;
    env.DATABASE_SCHEMA = schema;
    return { env, dataDir, schema };
  }
  return { env, dataDir };
}

/**
 * Removes a test file's data directory. Its PostgreSQL schema stays until the run ends
 * (postgres-schemas.ts drops them all then): dropping a schema while another test file's
 * migrations scan the catalogue (Kysely checks every schema's privileges) fails that scan.
 */
export async function dropTestData(dataDir: string, _schema?: string): Promise<void> {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

export async function openTestContext(extra: Record<string, string> = {}): Promise<TestContext> {
  const { env, dataDir, schema } = testEnv(extra);
  const config = loadConfig(env);
  const ctx = await openContext({ config, logger: createLogger({ logLevel: 'silent', env: 'test' }) });
  return {
    ...ctx,
    dataDir,
    close: async () => {
      await ctx.close();
      await dropTestData(dataDir, schema);
    },
  };
}
