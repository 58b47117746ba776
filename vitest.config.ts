import os from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Tests whose file name ends in `.db.test.ts` touch the database; they run once on the
 * embedded SQLite database and, when TEST_POSTGRES_URL is set (CI sets it), once more on
 * PostgreSQL. Files ending in `.redis.test.ts` need a Redis server and run when
 * TEST_REDIS_URL is set (CI sets it too). Everything else runs once.
 *
 * Browser tests (in an `e2e/` folder, or with `browser` in the file name) check what people
 * see and do; the storage they reach is the same the API tests prove on PostgreSQL, so they
 * run on SQLite only and the suite stays within its time.
 */
const postgresUrl = process.env.TEST_POSTGRES_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const roots = ['apps/*/test/**', 'packages/*/test/**', 'examples/*/test/**', 'bench/test/**'];
const browserTests = ['**/e2e/**', '**/*browser*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // PostgreSQL test schemas are dropped once the run ends (see the file).
    globalSetup: ['apps/server/test/support/postgres-schemas.ts'],
    // Most of a test's time is spent waiting (HTTP, PostgreSQL, Chromium), so two files run at
    // once even on a 2-core machine (Vitest would otherwise run one at a time there).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      {
        extends: true as const,
        test: { name: 'sqlite', include: roots.map((r) => `${r}/*.test.ts`), exclude: ['**/*.redis.test.ts', '**/node_modules/**'], env: { YAT_TEST_DB: 'sqlite' } },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: { name: 'postgres', include: roots.map((r) => `${r}/*.db.test.ts`), exclude: [...browserTests, '**/node_modules/**'], env: { YAT_TEST_DB: 'postgres', TEST_POSTGRES_URL: postgresUrl } },
            },
          ]
        : []),
      ...(redisUrl
        ? [
            {
              extends: true as const,
              test: { name: 'redis', include: roots.map((r) => `${r}/*.redis.test.ts`), env: { YAT_TEST_DB: postgresUrl ? 'postgres' : 'sqlite', TEST_REDIS_URL: redisUrl, ...(postgresUrl ? { TEST_POSTGRES_URL: postgresUrl } : {}) } },
            },
          ]
        : []),
    ],
  },
});
