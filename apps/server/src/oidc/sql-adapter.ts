import { CompiledQuery } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../storage/db.ts';

type Lookup = 'id' | 'uid' | 'user_code';
type Row = { payload: string; expires_at: number | null; consumed_at: number | null };

/**
 * The statements a login runs most (about ten upserts and finds each) are built by Kysely
 * once per database and then only bound: building them every time showed in login profiles.
 * Parameters are bound in the order the builder placed them, checked when compiled.
 */
const prepared = new WeakMap<Db, { upsert: string; find: Record<Lookup, string> }>();

function statementsFor(db: Db) {
  let s = prepared.get(db);
  if (s) return s;
  const upsert = db
    .insertInto('oidc_payloads')
    .values({ model: '', id: '', payload: '', grant_id: null, uid: null, user_code: null, expires_at: null, consumed_at: null })
    .onConflict((oc) =>
      oc.columns(['model', 'id']).doUpdateSet((eb) => ({
        payload: eb.ref('excluded.payload'),
        grant_id: eb.ref('excluded.grant_id'),
        uid: eb.ref('excluded.uid'),
        user_code: eb.ref('excluded.user_code'),
        expires_at: eb.ref('excluded.expires_at'),
        consumed_at: eb.ref('excluded.consumed_at'),
      })),
    )
    .compile();
  if (upsert.parameters.length !== 8) throw new Error('unexpected upsert statement shape');
  const find = (column: Lookup) => db.selectFrom('oidc_payloads').select(['payload', 'expires_at', 'consumed_at']).where('model', '=', '').where(column, '=', '').compile().sql;
  s = { upsert: upsert.sql, find: { id: find('id'), uid: find('uid'), user_code: find('user_code') } };
  prepared.set(db, s);
  return s;
}

/**
 * oidc-provider's storage contract on our database: one table keyed by (model, id), with
 * indexed columns for the secondary lookups (grant, session uid, user code) so revocation
 * and session lookups never scan. Expired rows read as absent; `sweepExpired` deletes them.
 */
export function createSqlAdapter(db: Db, model: string): Adapter {
  return {
    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : null;
      const params = [model, id, JSON.stringify(payload), payload.grantId ?? null, payload.uid ?? null, payload.userCode ?? null, expiresAt, null];
      await db.executeQuery(CompiledQuery.raw(statementsFor(db).upsert, params));
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
  const { rows } = await db.executeQuery<Row>(CompiledQuery.raw(statementsFor(db).find[column], [model, value]));
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
