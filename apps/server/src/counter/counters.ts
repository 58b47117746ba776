import type { Db } from '../storage/db.ts';
import { places, type CounterKind, type CounterService, type Place, type Text3 } from './places.ts';

/**
 * The counters as a table: seeded from places.ts at start-up (rows the data module no
 * longer lists are kept, since staff and cases may name them), read by the consoles and
 * published by open data.
 */
export function createCounterStore(db: Db) {
  const toPlace = (r: { id: string; kind: string; district: string; name: string; address: string; lat: number; lon: number; opening_hours: string; services: string; phone: string }): Place => ({
    id: r.id,
    kind: r.kind as CounterKind,
    district: r.district,
    name: JSON.parse(r.name) as Text3,
    address: JSON.parse(r.address) as Text3,
    lat: Number(r.lat),
    lon: Number(r.lon),
    openingHours: r.opening_hours,
    services: JSON.parse(r.services) as CounterService[],
    phone: r.phone,
  });

  return {
    /** Writes every place of the data module (insert or update). */
    async seed(list: Place[] = places): Promise<void> {
      const now = Date.now();
      for (const p of list) {
        const row = { kind: p.kind, district: p.district, name: JSON.stringify(p.name), address: JSON.stringify(p.address), lat: p.lat, lon: p.lon, opening_hours: p.openingHours, services: JSON.stringify(p.services), phone: p.phone, updated_at: now };
        await db.insertInto('counters').values({ id: p.id, ...row }).onConflict((oc) => oc.column('id').doUpdateSet(row)).execute();
      }
    },

    async list(): Promise<Place[]> {
      return (await db.selectFrom('counters').selectAll().orderBy('district').orderBy('id').execute()).map(toPlace);
    },

    async find(id: string): Promise<Place | undefined> {
      const r = await db.selectFrom('counters').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toPlace(r) : undefined;
    },
  };
}

export type CounterStore = ReturnType<typeof createCounterStore>;
