import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { createEmbeddedRegistry, parseRegistryRecord, type Registry, type RegistryRecord } from '../../src/identity/registry.ts';
import { demoResidents, seedRegistry, syntheticResident } from '../../src/identity/synthetic-registry.ts';
import { openTestContext, type TestContext } from '../support/context.ts';

let ctx: TestContext;
let registry: Registry;
beforeAll(async () => {
  ctx = await openTestContext();
  registry = createEmbeddedRegistry({ db: ctx.storage.db, crypto: ctx.crypto });
});
afterAll(() => ctx.close());

const chan = demoResidents[0]!;
const target = () => ({ db: ctx.storage.db, dialect: ctx.storage.dialect, crypto: ctx.crypto });

async function expectAppError(promise: Promise<unknown>, field: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(err).toMatchObject({ status: 400, code: 'invalid_registry_record' });
  expect((err as AppError).message).toContain(`${field}:`);
}

describe('embedded registry', () => {
  test('add then find round-trips, whatever spelling of the number is used', async () => {
    await registry.add({ ...chan, idNumber: 'a123456(3)' });
    expect(await registry.find('A123456(3)')).toEqual(chan);
    expect(await registry.find('a1234563')).toEqual(chan);
  });

  test('add replaces an existing record', async () => {
    const moved = { ...chan, address: { line: 'Flat H, 3/F, 1 Tat Wan Road', district: 'Tai Po' } };
    await registry.add(moved);
    expect(await registry.find('A1234563')).toEqual(moved);
    await registry.add(chan);
  });

  test('unknown or malformed numbers are simply not found', async () => {
    expect(await registry.find('A234567(9)')).toBeUndefined();
    expect(await registry.find('not a number')).toBeUndefined();
  });

  test('the stored row reveals neither the identity number nor the name', async () => {
    const rows = await ctx.storage.db.selectFrom('registry_records').selectAll().execute();
    const dump = JSON.stringify(rows);
    for (const secret of ['A1234563', 'A123456', 'CHAN', 'Tai Man', '陳大文', '1980-01-31', '91234567']) expect(dump).not.toContain(secret);
    expect(rows.map((r) => r.id_hash)).toContain(ctx.crypto.lookupHash('A1234563'));
  });

  test('bad input is refused with AppError 400 naming the field', async () => {
    await expectAppError(registry.add({ ...chan, idNumber: 'A123456(4)' }), 'idNumber');
    await expectAppError(registry.add({ ...chan, idNumber: 'A12345' }), 'idNumber');
    await expectAppError(registry.add({ ...chan, dob: '1980-02-30' }), 'dob');
    await expectAppError(registry.add({ ...chan, dob: '31/01/1980' }), 'dob');
    await expectAppError(registry.add({ ...chan, gender: 'Q' as RegistryRecord['gender'] }), 'gender');
    await expectAppError(registry.add({ ...chan, phone: '12' }), 'phone');
    await expectAppError(registry.add({ ...chan, email: 'nobody' }), 'email');
    await expectAppError(registry.add({ ...chan, nameEn: { family: '', given: 'Tai Man' } }), 'nameEn.family');
    await expectAppError(registry.add({ ...chan, nameZh: 'Chan' }), 'nameZh');
    expect(await registry.find('A1234563')).toEqual(chan);
  });

  test('input is normalised: family name in capitals, local phone numbers get +852', () => {
    const r = parseRegistryRecord({ ...chan, nameEn: { family: ' chan ', given: 'Tai  Man' }, phone: '9123-4567', email: 'TM@Example.com' });
    expect(r).toMatchObject({ nameEn: { family: 'CHAN', given: 'Tai Man' }, phone: '+85291234567', email: 'tm@example.com' });
  });
});

describe('synthetic registry', () => {
  test('demo residents and synthetic residents are valid, canonical records', () => {
    for (const r of demoResidents) expect(parseRegistryRecord(r)).toEqual(r);
    for (let i = 0; i < 2000; i += 7) {
      const r = syntheticResident(i, 42);
      expect(parseRegistryRecord(r)).toEqual(r);
      expect(r.phone).toMatch(/^\+852[569]\d{7}$/);
      expect(r.dob >= '1930-01-01' && r.dob <= '2008-12-31').toBe(true);
    }
  });

  test('generation is deterministic per (seed, index)', () => {
    expect(syntheticResident(123, 7)).toEqual(syntheticResident(123, 7));
    expect(syntheticResident(123, 7)).not.toEqual(syntheticResident(123, 8));
  });

  test('seeding 5,000 records, then again: nothing new; then the next range', async () => {
    const before = await registry.count();
    const progress: number[] = [];
    const first = await seedRegistry(target(), { count: 5000, onProgress: (done, total) => progress.push(done / total) });
    expect(first.inserted).toBe(5000);
    expect(first.seconds).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    expect(await registry.count()).toBe(before + 5000);

    expect((await seedRegistry(target(), { count: 5000 })).inserted).toBe(0);
    expect((await seedRegistry(target(), { count: 2500, start: 4000 })).inserted).toBe(1500);
    expect(await registry.count()).toBe(before + 6500);
  });

  test('seeded records can be found and did not touch the demo resident', async () => {
    const r = syntheticResident(4321);
    expect(await registry.find(r.idNumber)).toEqual(r);
    expect(await registry.find('A1234563')).toEqual(chan);
  });

  test('seeding refuses nonsense counts', async () => {
    await expect(seedRegistry(target(), { count: -1 })).rejects.toThrow(RangeError);
    await expect(seedRegistry(target(), { count: 1.5 })).rejects.toThrow(RangeError);
  });
});
