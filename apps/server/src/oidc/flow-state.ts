import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import { createSqlAdapter } from './sql-adapter.ts';

/**
 * A login in progress on the embedded database (one process): its pushed request, its
 * interaction and its authorization code live in this process's memory, not in six durable
 * rows. They are steps, not outcomes: what a login produces (the grant, the session, the
 * tokens, the audit and ledger records) is still written to the database before it is
 * acknowledged. With Redis they live in Redis (redis-adapter.ts) for the same reason.
 *
 * A graceful stop saves them to the database and the next start takes them back, so a
 * rollout breaks no login in progress; a crash loses them, and the residents caught in a
 * login start it again. PostgreSQL without Redis keeps them in the database, since its
 * instances share no memory.
 */
export const flowModels = new Set(['Interaction', 'PushedAuthorizationRequest', 'AuthorizationCode']);

type Entry = { payload: AdapterPayload; expiresAt: number; consumed?: number };

// A bound on memory, within the heap `npm start` allows (224 MB): ~2 KB an entry, so at most
// ~60 MB. At 300 logins a second about 30,000 steps are alive (a login's interaction for the
// half-minute a resident takes, its code for a minute). Beyond the bound the oldest step is
// dropped (that login fails and is started again) rather than the process growing without limit.
const maxEntries = 30_000;

export type FlowState = {
  adapter(model: string): Adapter;
  /** Loads the steps a graceful stop saved, and removes them from the database. */
  restore(): Promise<number>;
  /** Saves the live steps to the database (on a graceful stop). */
  save(): Promise<number>;
  close(): void;
};

export function createFlowState(db: Db, now: () => number = Date.now): FlowState {
  const entries = new Map<string, Entry>();
  const byGrant = new Map<string, Set<string>>();
  // Secondary lookups, as the database's indexes: `model\nuid` and `model\nuser code` → key.
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const key = (model: string, id: string) => `${model}\n${id}`;

  const live = (k: string): Entry | undefined => {
    const e = entries.get(k);
    if (e && e.expiresAt <= now()) {
      remove(k);
      return undefined;
    }
    return e;
  };
  const remove = (k: string) => {
    const e = entries.get(k);
    if (!e) return;
    entries.delete(k);
    const model = k.slice(0, k.indexOf('\n'));
    if (e.payload.uid) byUid.delete(key(model, e.payload.uid));
    if (e.payload.userCode) byUserCode.delete(key(model, e.payload.userCode));
    const grantId = e.payload.grantId;
    if (grantId) byGrant.get(grantId)?.delete(k);
    if (grantId && byGrant.get(grantId)?.size === 0) byGrant.delete(grantId);
  };
  const put = (k: string, entry: Entry) => {
    remove(k);
    while (entries.size >= maxEntries) remove(entries.keys().next().value!);
    entries.set(k, entry);
    const model = k.slice(0, k.indexOf('\n'));
    if (entry.payload.uid) byUid.set(key(model, entry.payload.uid), k);
    if (entry.payload.userCode) byUserCode.set(key(model, entry.payload.userCode), k);
    const grantId = entry.payload.grantId;
    if (grantId) {
      let set = byGrant.get(grantId);
      if (!set) byGrant.set(grantId, (set = new Set()));
      set.add(k);
    }
  };
  const sweeper = setInterval(() => {
    for (const k of [...entries.keys()]) live(k);
  }, 30_000);
  sweeper.unref();

  // Copies in and out, as a database would: the provider's later changes to an object it
  // holds never reach the stored step unless it saves it.
  const read = (e: Entry | undefined): AdapterPayload | undefined => (e ? { ...structuredClone(e.payload), ...(e.consumed !== undefined ? { consumed: e.consumed } : {}) } : undefined);

  const adapter = (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      // Every flow model has a lifetime; none is kept for ever in memory.
      put(key(model, id), { payload: structuredClone(payload), expiresAt: now() + (expiresIn || 3600) * 1000 });
    },
    async find(id) {
      return read(live(key(model, id)));
    },
    async findByUid(uid) {
      const k = byUid.get(key(model, uid));
      return k ? read(live(k)) : undefined;
    },
    async findByUserCode(userCode) {
      const k = byUserCode.get(key(model, userCode));
      return k ? read(live(k)) : undefined;
    },
    async consume(id) {
      const e = live(key(model, id));
      if (e) e.consumed = Math.floor(now() / 1000);
    },
    async destroy(id) {
      remove(key(model, id));
    },
    async revokeByGrantId(grantId) {
      for (const k of [...(byGrant.get(grantId) ?? [])]) if (k.startsWith(`${model}\n`)) remove(k);
    },
  });

  return {
    adapter,
    async restore() {
      const rows = await db.selectFrom('oidc_payloads').select(['model', 'id', 'payload', 'expires_at', 'consumed_at']).where('model', 'in', [...flowModels]).execute();
      let restored = 0;
      for (const { model, id, ...row } of rows) {
        if (row.expires_at !== null && Number(row.expires_at) > now()) {
          put(key(model, id), { payload: JSON.parse(row.payload) as AdapterPayload, expiresAt: Number(row.expires_at), ...(row.consumed_at !== null ? { consumed: Math.floor(Number(row.consumed_at) / 1000) } : {}) });
          restored++;
        }
      }
      await db.deleteFrom('oidc_payloads').where('model', 'in', [...flowModels]).execute();
      return restored;
    },
    async save() {
      let saved = 0;
      await inTransaction(db, async (trx) => {
        for (const [k, e] of entries) {
          if (e.expiresAt <= now()) continue;
          const [model, id] = k.split('\n') as [string, string];
          const sql = createSqlAdapter(trx, model);
          await sql.upsert(id, e.payload, Math.ceil((e.expiresAt - now()) / 1000));
          if (e.consumed !== undefined) await sql.consume(id);
          saved++;
        }
      });
      return saved;
    },
    close() {
      clearInterval(sweeper);
    },
  };
}
