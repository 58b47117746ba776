import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { migrate, openStorage } from '../../src/storage/db.ts';
import { dropTestData, openTestContext, testEnv, type TestContext } from '../support/context.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await openTestContext();
});
afterAll(() => ctx.close());

test('migrations apply on a fresh database and a second run applies nothing', async () => {
  expect(await migrate(ctx.storage)).toEqual({ applied: [] });
  const tables = await ctx.storage.db.introspection.getTables();
  expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['residents', 'oidc_payloads', 'audit_events', 'registry_records']));
});

test('migrations started at once by several processes run once: the others wait, then find nothing to do', async () => {
  const { env, dataDir, schema } = testEnv();
  const config = loadConfig(env);
  const storages = await Promise.all(Array.from({ length: 4 }, () => openStorage(config)));
  try {
    const reports = await Promise.all(storages.map((s) => migrate(s)));
    const applied = reports.flatMap((r) => r.applied);
    // Every migration was applied exactly once, by whichever run took the lock first.
    expect(applied.length).toBeGreaterThan(0);
    expect(new Set(applied).size).toBe(applied.length);
    const rows = await storages[0]!.db.selectFrom('kysely_migration' as never).select('name' as never).execute();
    expect(rows).toHaveLength(applied.length);
  } finally {
    for (const s of storages) await s.close();
    await dropTestData(dataDir, schema);
  }
});
