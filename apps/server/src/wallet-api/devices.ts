import type { Db } from '../storage/db.ts';
import { prepared } from '../storage/prepared.ts';
import type { NewCredential, StoredCredential } from './webauthn.ts';

/** Device credentials: the wallet keys bound to a resident, one per phone. */
export type Device = StoredCredential & { residentId: string; name: string; createdAt: number; lastUsedAt: number | null };

const deviceById = prepared((db, arg) => db.selectFrom('device_credentials').selectAll().where('id', '=', arg(0)));

export function createDeviceStore(db: Db) {
  return {
    async add(residentId: string, c: NewCredential, name: string): Promise<void> {
      await db
        .insertInto('device_credentials')
        .values({ id: c.id, resident_id: residentId, public_key: c.publicKey, counter: c.counter, transports: JSON.stringify(c.transports), name, created_at: Date.now(), last_used_at: null })
        .execute();
    },

    async find(id: string): Promise<Device | undefined> {
      const r = (await deviceById(db, id)).rows[0];
      if (!r) return undefined;
      return {
        id: r.id,
        residentId: r.resident_id,
        publicKey: r.public_key,
        counter: Number(r.counter),
        transports: JSON.parse(r.transports) as string[],
        name: r.name,
        createdAt: Number(r.created_at),
        lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
      };
    },

    async touch(id: string, counter: number): Promise<void> {
      await db.updateTable('device_credentials').set({ counter, last_used_at: Date.now() }).where('id', '=', id).execute();
    },

    async listForResident(residentId: string) {
      return db.selectFrom('device_credentials').select(['id', 'name', 'created_at', 'last_used_at']).where('resident_id', '=', residentId).orderBy('created_at').execute();
    },
  };
}

export type DeviceStore = ReturnType<typeof createDeviceStore>;
