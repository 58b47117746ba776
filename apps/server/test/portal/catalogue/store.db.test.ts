import { afterAll, beforeAll, expect, test } from 'vitest';
import { openCatalogue } from '../../../src/portal/catalogue/catalogue.ts';
import { departments, services } from '../../../src/portal/catalogue/content/index.ts';
import { createCatalogueStore } from '../../../src/portal/catalogue/store.ts';
import { openTestContext, type TestContext } from '../../support/context.ts';

/** The seed is an idempotent upsert by slug, and it never overwrites what an operator edited. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await openTestContext();
});
afterAll(async () => {
  await ctx?.close();
});

test('seeding twice leaves one row per slug, read back exactly as written', async () => {
  const store = createCatalogueStore(ctx.storage.db);
  await store.upsertSeed(departments, services);
  await store.upsertSeed(departments, services);
  const [deps, svcs] = await Promise.all([store.listDepartments(), store.listServices()]);
  expect(deps.length).toBe(departments.length);
  expect(svcs.length).toBe(services.length);
  const original = services.find((s) => s.slug === 'renew-vehicle-licence')!;
  const read = svcs.find((s) => s.slug === 'renew-vehicle-licence')!;
  expect(read).toEqual({ ...original, keywords: original.keywords ?? [] });
});

test('an operator\u2019s edit survives the next start, and reload() shows it', async () => {
  const db = ctx.storage.db;
  const store = createCatalogueStore(db);
  const original = services.find((s) => s.slug === 'renew-driving-licence')!;
  await store.saveServiceByOperator({ ...original, name: ['Renew your driving licence (edited)', original.name[1], original.name[2]], summary: ['Edited by an operator.', original.summary[1], original.summary[2]] }, 'operator:test');
  const row = await db.selectFrom('portal_services').select(['source', 'updated_by']).where('slug', '=', 'renew-driving-licence').executeTakeFirstOrThrow();
  expect(row).toEqual({ source: 'operator', updated_by: 'operator:test' });
  const catalogue = await openCatalogue({ db });
  expect(catalogue.current().service('renew-driving-licence')!.name[0]).toBe('Renew your driving licence (edited)');
  expect(catalogue.current().search('edited')[0]!.slug).toBe('renew-driving-licence');

  await db.updateTable('portal_services').set({ text_en: JSON.stringify({ name: 'Renew it again', summary: 'Second edit.' }) }).where('slug', '=', 'renew-driving-licence').execute();
  expect(catalogue.current().service('renew-driving-licence')!.name[0]).toBe('Renew your driving licence (edited)');
  await catalogue.reload();
  expect(catalogue.current().service('renew-driving-licence')!.name[0]).toBe('Renew it again');
});
