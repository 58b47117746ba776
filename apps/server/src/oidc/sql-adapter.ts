import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../storage/db.ts';
import { prepared } from '../storage/prepared.ts';

type Lookup = 'id' | 'uid' | 'user_code';
type Row = { payload: string; expires_at: number | null; consumed_at: number | null };

// The statements a login runs most (upserts and finds), compiled once (storage/prepared.ts).
const upsertPayload = prepared((db, arg) =>
  db
    .insertInto('oidc_payloads')
    .values({ model: arg(0), id: arg(1), payload: arg(2), grant_id: arg(3), uid: arg(4), user_code: arg(5), expires_at: arg(6), consumed_at: null })
    .onConflict((oc) =>
      oc.columns(['model', 'id']).doUpdateSet((eb) => ({
        payload: eb.ref('excluded.payload'),
        grant_id: eb.ref('excluded.grant_id'),
        uid: eb.ref('excluded.uid'),
        user_code: eb.ref('excluded.user_code'),
        expires_at: eb.ref('excluded.expires_at'),
        consumed_at: eb.ref('excluded.consumed_at'),
      })),
    ),
);
const findPayload = (column: Lookup) => prepared<Row>((db, arg) => db.selectFrom('oidc_payloads').select(['payload', 'expires_at', 'consumed_at']).where('model', '=', arg(0)).where(column, '=', arg(1)));
const finders: Record<Lookup, ReturnType<typeof findPayload>> = { id: findPayload('id'), uid: findPayload('uid'), user_code: findPayload('user_code') };

/**
 * oidc-provider's storage contract on our database: one table keyed by (model, id), with
 * indexed columns for the secondary lookups (grant, session uid, user code) so revocation
 * and session lookups never scan. Expired rows read as absent; `sweepExpired` deletes them.
 */
export function createSqlAdapter(db: Db, model: string): Adapter {
  return {
    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : null;
      await upsertPayload(db, model, id, JSON.stringify(payload), payload.grantId ?? null, payload.uid ?? null, payload.userCode ?? null, expiresAt);
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

async function findBy(db: Db, model: string, column: Lookup, value: string): Promise<AdapterPayload | undefined> {
  const { rows } = await finders[column](db, model, value);
  const row = rows[0];
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
