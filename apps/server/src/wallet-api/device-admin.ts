import type { Audit } from '../audit/audit.ts';
import { conflict, notFound } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';

/**
 * The resident manages their own devices from the wallet: list, rename, remove. Removing
 * the last one leaves the identity with no way to sign in, so it needs an explicit
 * confirmation (and the resident registers again afterwards). Each change is written with
 * its audit event in one transaction.
 */
export type DeviceView = { id: string; name: string; createdAt: string; lastUsedAt: string | null; current: boolean };

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function createDeviceAdmin(deps: { db: Db; audit: Audit }) {
  const { db, audit } = deps;
  async function owned(residentId: string, id: string, exec: Db = db) {
    const row = await exec.selectFrom('device_credentials').select(['id', 'name', 'created_at', 'last_used_at']).where('id', '=', id).where('resident_id', '=', residentId).executeTakeFirst();
    if (!row) throw notFound('unknown_device', 'This device is not one of yours.');
    return row;
  }
  const view = (r: { id: string; name: string; created_at: number; last_used_at: number | null }, currentId: string): DeviceView => ({
    id: r.id,
    name: r.name,
    createdAt: iso(r.created_at)!,
    lastUsedAt: iso(r.last_used_at),
    current: r.id === currentId,
  });

  return {
    async list(residentId: string, currentId: string): Promise<DeviceView[]> {
      const rows = await db.selectFrom('device_credentials').select(['id', 'name', 'created_at', 'last_used_at']).where('resident_id', '=', residentId).orderBy('created_at').execute();
      return rows.map((r) => view(r, currentId));
    },

    async rename(residentId: string, id: string, name: string, currentId: string): Promise<DeviceView> {
      return inTransaction(db, async (trx) => {
        const row = await owned(residentId, id, trx);
        await trx.updateTable('device_credentials').set({ name }).where('id', '=', id).execute();
        await audit.record(trx, { type: 'device.renamed', outcome: 'success', residentId, detail: { device: name } });
        return view({ ...row, name }, currentId);
      });
    },

    /**
     * Removes the device and ends the wallet sessions it holds, with the audit event. `by`: an
     * operator removing it for the resident (consoles/operator/), named in the same event.
     */
    async remove(residentId: string, id: string, confirmLast: boolean, by?: Record<string, unknown>): Promise<{ wasLast: boolean }> {
      return inTransaction(db, async (trx) => {
        const row = await owned(residentId, id, trx);
        const count = await trx.selectFrom('device_credentials').select((eb) => eb.fn.countAll<number>().as('n')).where('resident_id', '=', residentId).executeTakeFirstOrThrow();
        const wasLast = Number(count.n) <= 1;
        if (wasLast && !confirmLast) {
          throw conflict('last_device', 'This is your only device. Removing it means you can no longer sign in anywhere until you register your identity again. Confirm to remove it anyway.');
        }
        await trx.deleteFrom('wallet_sessions').where('device_id', '=', id).execute();
        await trx.deleteFrom('device_credentials').where('id', '=', id).where('resident_id', '=', residentId).execute();
        await audit.record(trx, { type: 'device.removed', outcome: 'success', residentId, detail: { device: row.name, wasLast, ...by } });
        return { wasLast };
      });
    },
  };
}

export type DeviceAdmin = ReturnType<typeof createDeviceAdmin>;
