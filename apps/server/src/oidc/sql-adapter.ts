import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../storage/db.ts';

/**
 * oidc-provider's storage contract on our database: one table keyed by (model, id), with
 * indexed columns for the secondary lookups (grant, session uid, user code) so revocation
 * and session lookups never scan. Expired rows read as absent; `sweepExpired` deletes them.
 */
export function createSqlAdapter(db: Db, model: string): Adapter {
  return {
    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        user_code: payload.userCode ?? null,
        expires_at: expiresIn ? Date.now() + expiresIn * 1000 : null,
        consumed_at: null,
      };
      await db
        .insertInto('oidc_payloads')
        .values({ model, id, ...row })
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(row))
        .execute();
    },

    find: (id: string) => findBy(db, model, 'id', id),
    findByUid: (uid: string) => findBy(db, model, 'uid', uid),
    findByUserCode: (userCode: string) => findBy(db, model, 'user_code', userCode),

    async consume(id: string): Promise<void> {
      await db.updateTable('oidc_payloads').set({ consumed_at: Date.now() }).where('model', '=', model).where('id', '=', id).execute();
    },

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidc_payloads').where('model', '=', model).where('id', '=', id).execute();
    },

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidc_payloads').where('grant_id', '=', grantId).where('model', '=', model).execute();
    },
  };
}

async function findBy(db: Db, model: string, column: 'id' | 'uid' | 'user_code', value: string): Promise<AdapterPayload | undefined> {
  const row = await db
    .selectFrom('oidc_payloads')
    .select(['payload', 'expires_at', 'consumed_at'])
    .where('model', '=', model)
    .where(column, '=', value)
    .executeTakeFirst();
  if (!row || (row.expires_at !== null && Number(row.expires_at) <= Date.now())) return undefined;
  const payload = JSON.parse(row.payload) as AdapterPayload;
  if (row.consumed_at !== null) payload.consumed = Math.floor(Number(row.consumed_at) / 1000);
  return payload;
}

/** Deletes expired artefacts in small batches so a sweep never holds a long lock. */
export async function sweepExpired(db: Db, now = Date.now(), batch = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await db
      .selectFrom('oidc_payloads')
      .select(['model', 'id'])
      .where('expires_at', '<=', now)
      .limit(batch)
      .execute();
    if (!ids.length) return total;
    for (const { model, id } of ids) {
      await db.deleteFrom('oidc_payloads').where('model', '=', model).where('id', '=', id).execute();
    }
    total += ids.length;
    if (ids.length < batch) return total;
  }
}
