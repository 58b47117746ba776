import type { Audit } from '../audit/audit.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';

/**
 * A resident's answer, per service, to "may this service send you notifications?". Asked on
 * the approval screen when the service registered the `notify` permission, changed under
 * Connected services. No row means never asked: nothing is delivered. Each change is audited
 * (and so appears in the resident's transparency log) in the change's transaction.
 */
export function createConsentStore(deps: { db: Db; audit: Audit }) {
  const { db, audit } = deps;
  return {
    async allowed(residentId: string, clientId: string, exec: Db = db): Promise<boolean> {
      const row = await exec.selectFrom('notify_consents').select('allowed').where('resident_id', '=', residentId).where('client_id', '=', clientId).executeTakeFirst();
      return row?.allowed === 1;
    },

    /** The answers the resident gave, by service. */
    async forResident(residentId: string): Promise<Map<string, boolean>> {
      const rows = await db.selectFrom('notify_consents').select(['client_id', 'allowed']).where('resident_id', '=', residentId).execute();
      return new Map(rows.map((r) => [r.client_id, r.allowed === 1]));
    },

    /** Records the answer; nothing is written (or audited) when it changes nothing. */
    async set(residentId: string, clientId: string, allowed: boolean, exec: Db = db): Promise<void> {
      await inTransaction(exec, async (trx) => {
        const known = await trx.selectFrom('notify_consents').select('allowed').where('resident_id', '=', residentId).where('client_id', '=', clientId).executeTakeFirst();
        if (known && (known.allowed === 1) === allowed) return;
        const values = { allowed: allowed ? 1 : 0, updated_at: Date.now() };
        await trx
          .insertInto('notify_consents')
          .values({ resident_id: residentId, client_id: clientId, ...values })
          .onConflict((oc) => oc.columns(['resident_id', 'client_id']).doUpdateSet(values))
          .execute();
        await audit.record(trx, { type: allowed ? 'notify.consent_granted' : 'notify.consent_withdrawn', outcome: 'success', residentId, clientId });
      });
    },
  };
}

export type ConsentStore = ReturnType<typeof createConsentStore>;
