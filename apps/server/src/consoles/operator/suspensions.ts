import type { Db } from '../../storage/db.ts';

/**
 * Which services are suspended, read by the OpenID provider on every client and token lookup
 * (oidc/provider.ts `gate`): a suspended client does not exist for it (no sign-in, no token,
 * no client credentials), and a token issued before the service's last suspension never works
 * again, whether it lives in SQL or Redis and even after the service is reinstated.
 *
 * The table is small (one row per service ever suspended), so the whole of it is cached for a
 * moment; a change made here clears this instance's copy at once, other instances within
 * `CACHE_MS`.
 */
export const CACHE_MS = 2_000;

export type ServiceState = { clientId: string; suspended: boolean; suspendedAt: number | null; reason: string; changedBy: string; changedAt: number };

type Row = { client_id: string; suspended: number; suspended_at: number | null; reason: string; changed_by: string; changed_at: number };
const toState = (r: Row): ServiceState => ({ clientId: r.client_id, suspended: Number(r.suspended) === 1, suspendedAt: r.suspended_at === null ? null : Number(r.suspended_at), reason: r.reason, changedBy: r.changed_by, changedAt: Number(r.changed_at) });

export function createServiceSuspensions(db: Db) {
  let cache: { at: number; states: Promise<Map<string, ServiceState>> } | undefined;
  const states = (): Promise<Map<string, ServiceState>> => {
    if (!cache || Date.now() - cache.at > CACHE_MS) {
      const loading = db.selectFrom('service_status').selectAll().execute().then((rows) => new Map(rows.map((r) => [r.client_id, toState(r)])));
      cache = { at: Date.now(), states: loading };
      loading.catch(() => (cache = undefined));
    }
    return cache.states;
  };

  return {
    async state(clientId: string): Promise<ServiceState | undefined> {
      return (await states()).get(clientId);
    },

    async isSuspended(clientId: string): Promise<boolean> {
      return (await states()).get(clientId)?.suspended === true;
    },

    /** The provider's gate: whether it may use this client at all. */
    async clientAllowed(clientId: string): Promise<boolean> {
      return !(await this.isSuspended(clientId));
    },

    /** The provider's gate for stored artefacts (tokens, codes, grants): a suspended service's, or older than its last suspension, are gone. */
    async artefactAllowed(payload: { clientId?: unknown; iat?: unknown }): Promise<boolean> {
      if (typeof payload.clientId !== 'string') return true;
      const s = (await states()).get(payload.clientId);
      if (!s) return true;
      if (s.suspended) return false;
      return !(s.suspendedAt !== null && typeof payload.iat === 'number' && payload.iat * 1000 <= s.suspendedAt);
    },

    /** Written in the caller's transaction, with its audit event. */
    async set(trx: Db, input: { clientId: string; suspended: boolean; reason: string; by: string }): Promise<void> {
      const now = Date.now();
      const row = { suspended: input.suspended ? 1 : 0, reason: input.reason, changed_by: input.by, changed_at: now, ...(input.suspended ? { suspended_at: now } : {}) };
      await trx
        .insertInto('service_status')
        .values({ client_id: input.clientId, suspended_at: input.suspended ? now : null, ...row })
        .onConflict((oc) => oc.column('client_id').doUpdateSet(row))
        .execute();
      cache = undefined;
    },

    /** Forgets the cached copy (after a transaction that changed it commits or rolls back). */
    forget(): void {
      cache = undefined;
    },
  };
}

export type ServiceSuspensions = ReturnType<typeof createServiceSuspensions>;
