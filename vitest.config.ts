import { defineConfig } from 'vitest/config';

/**
 * Tests whose file name ends in `.db.test.ts` touch the database; they run once on the
 * embedded SQLite database and, when TEST_POSTGRES_URL is set (CI sets it), once more on
 * PostgreSQL. Files ending in `.redis.test.ts` need a Redis server and run when
 * TEST_REDIS_URL is set (CI sets it too). Everything else runs once.
 */
const postgresUrl = process.env.TEST_POSTGRES_URL;
const redisUrl = process.env.TEST_REDIS_URL;
const roots = ['apps/*/test/**', 'packages/*/test/**', 'examples/*/test/**'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true as const,
        test: { name: 'sqlite', include: roots.map((r) => `${r}/*.test.ts`), exclude: ['**/*.redis.test.ts', '**/node_modules/**'], env: { YAT_TEST_DB: 'sqlite' } },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: { name: 'postgres', include: roots.map((r) => `${r}/*.db.test.ts`), env: { YAT_TEST_DB: 'postgres', TEST_POSTGRES_URL: postgresUrl } },
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
