import type { Context } from '../context.ts';
import { formatIdNumber } from '../identity/id-number.ts';
import type { Registry } from '../identity/registry.ts';
import { demoResidents, seedRegistry } from '../identity/synthetic-registry.ts';

/**
 * First start in development: a synthetic civil registry to register against. Runs only on
 * an empty registry, so restarts and real data are never touched.
 */
export async function seedDemoData(ctx: Context, registry: Registry): Promise<{ seeded: boolean }> {
  if ((await registry.count()) > 0) return { seeded: false };
  for (const r of demoResidents) await registry.add(r);
  const { inserted, seconds } = await seedRegistry({ db: ctx.storage.db, dialect: ctx.storage.dialect, crypto: ctx.crypto }, { count: 1000 });
  ctx.log.info({ inserted, seconds }, 'seeded the synthetic civil registry');
  return { seeded: true };
}

export const demoIdentities = (): string[] => demoResidents.map((r) => `${formatIdNumber(r.idNumber)}  born ${r.dob}  ${r.nameEn.family} ${r.nameEn.given}`);
