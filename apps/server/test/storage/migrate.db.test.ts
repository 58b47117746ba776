import { afterAll, beforeAll, expect, test } from 'vitest';
import { migrate } from '../../src/storage/db.ts';
import { openTestContext, type TestContext } from '../support/context.ts';

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
