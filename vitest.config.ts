import { defineConfig } from 'vitest/config';

/**
 * Tests whose file name ends in `.db.test.ts` touch the database; they run once on the
 * embedded SQLite database and, when TEST_POSTGRES_URL is set (CI sets it), once more on
 * PostgreSQL. Everything else runs once.
 */
const postgresUrl = process.env.TEST_POSTGRES_URL;

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true as const,
        test: { name: 'sqlite', include: ['apps/*/test/**/*.test.ts', 'packages/*/test/**/*.test.ts'], env: { YAT_TEST_DB: 'sqlite' } },
      },
      ...(postgresUrl
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['apps/*/test/**/*.db.test.ts', 'packages/*/test/**/*.db.test.ts'],
                env: { YAT_TEST_DB: 'postgres', TEST_POSTGRES_URL: postgresUrl },
              },
            },
          ]
        : []),
    ],
  },
});
