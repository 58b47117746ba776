import type { Audit } from '../../audit/audit.ts';
import { conflict, forbidden, notFound } from '../../errors.ts';
import type { StaffMember } from '../../identity/staff.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { acting, requireReason } from './support.ts';
import type { ServiceSuspensions } from './suspensions.ts';

/**
 * Suspending a service: from that moment the provider knows no such client (no sign-in, no
 * token, no client credentials) and every token it was issued before is invalid for good
 * (suspensions.ts); residents' wallets list it as suspended. Reinstating lets it sign residents
 * in again with new tokens. The platform's own clients (portal, consoles) cannot be suspended:
 * that would lock the operators out of the console that reinstates them.
 */
export type ServiceRow = { clientId: string; name: string; createdAt: number; suspended: boolean; reason: string | null; changedAt: number | null };

export function createServiceAdmin(deps: { db: Db; audit: Audit; clients: ClientStore; suspensions: ServiceSuspensions; ownClients: () => Promise<string[]> }) {
  const { db, audit, clients, suspensions } = deps;

  async function change(staff: StaffMember, clientId: string, suspend: boolean, reasonInput: unknown): Promise<void> {
    const reason = requireReason(reasonInput);
    if (!(await clients.find(clientId))) throw notFound('unknown_service', 'There is no such service.');
    if ((await deps.ownClients()).includes(clientId)) throw forbidden('own_client', "The platform's own portal and consoles cannot be suspended.");
    const state = await suspensions.state(clientId);
    if (suspend === (state?.suspended ?? false)) throw conflict(suspend ? 'already_suspended' : 'not_suspended', suspend ? 'This service is already suspended.' : 'This service is not suspended.');
    // Tokens carry their issue time in whole seconds: a reinstatement within the second of the
    // suspension waits for the next second, so a token issued after it is never taken for one from before.
    const wait = !suspend && state?.suspendedAt ? Math.floor(state.suspendedAt / 1000) * 1000 + 1000 - Date.now() : 0;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    try {
      await inTransaction(db, async (trx) => {
        await suspensions.set(trx, { clientId, suspended: suspend, reason, by: staff.resident.id });
        await audit.record(trx, { type: suspend ? 'service.suspended' : 'service.reinstated', outcome: 'success', clientId, detail: acting(staff, reason) });
      });
    } finally {
      // A look-up during the transaction may have cached the state before it.
      suspensions.forget();
    }
  }

  return {
    async list(): Promise<ServiceRow[]> {
      const own = new Set(await deps.ownClients());
      const rows = (await clients.list()).filter((c) => !own.has(c.clientId));
      return Promise.all(
        rows.map(async (c) => {
          const s = await suspensions.state(c.clientId);
          return { clientId: c.clientId, name: c.name, createdAt: c.createdAt, suspended: s?.suspended ?? false, reason: s?.reason ?? null, changedAt: s?.changedAt ?? null };
        }),
      );
    },
    suspend: (staff: StaffMember, clientId: string, reason: unknown) => change(staff, clientId, true, reason),
    reinstate: (staff: StaffMember, clientId: string, reason: unknown) => change(staff, clientId, false, reason),
  };
}

export type ServiceAdmin = ReturnType<typeof createServiceAdmin>;
