import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import { prepared } from '../storage/prepared.ts';

/**
 * e-ME grants: per resident × service, exactly which fields the resident released and when.
 * Updated at every approval; the wallet lists them as "connected services". Each login also
 * creates a provider grant (oidc-provider's Grant, behind the tokens); those are linked here
 * with the session id the service knows, so revoking can end them all and tell the service.
 */
export type GrantedField = { name: string; at: number };
export type ConsentGrant = { residentId: string; clientId: string; fields: GrantedField[]; grantedAt: number; updatedAt: number; lastUsedAt: number };

type Row = { resident_id: string; client_id: string; fields: string; granted_at: number; updated_at: number; last_used_at: number };
const toGrant = (r: Row): ConsentGrant => ({
  residentId: r.resident_id,
  clientId: r.client_id,
  fields: JSON.parse(r.fields) as GrantedField[],
  grantedAt: Number(r.granted_at),
  updatedAt: Number(r.updated_at),
  lastUsedAt: Number(r.last_used_at),
});

const grantOf = prepared((db, arg) => db.selectFrom('consent_grants').selectAll().where('resident_id', '=', arg(0)).where('client_id', '=', arg(1)));

export function createGrantStore(db: Db) {
  return {
    async find(residentId: string, clientId: string): Promise<ConsentGrant | undefined> {
      const r = (await grantOf(db, residentId, clientId)).rows[0];
      return r ? toGrant(r) : undefined;
    },

    async listForResident(residentId: string): Promise<ConsentGrant[]> {
      const rows = await db.selectFrom('consent_grants').selectAll().where('resident_id', '=', residentId).orderBy('last_used_at', 'desc').execute();
      return rows.map(toGrant);
    },

    /**
     * Records one approval: fields shared now are granted (keeping when they were first
     * granted); fields asked for but not shared this time are no longer granted.
     */
    async recordApproval(residentId: string, clientId: string, asked: string[], shared: string[]): Promise<ConsentGrant> {
      const now = Date.now();
      const existing = await this.find(residentId, clientId);
      const kept = (existing?.fields ?? []).filter((f) => !asked.includes(f.name) || shared.includes(f.name));
      const next = [...kept, ...shared.filter((n) => !kept.some((f) => f.name === n)).map((name) => ({ name, at: now }))];
      const values = { fields: JSON.stringify(next), updated_at: now, last_used_at: now };
      await db
        .insertInto('consent_grants')
        .values({ resident_id: residentId, client_id: clientId, granted_at: now, ...values })
        .onConflict((oc) => oc.columns(['resident_id', 'client_id']).doUpdateSet(values))
        .execute();
      return (await this.find(residentId, clientId))!;
    },

    async linkProviderGrant(grantId: string, residentId: string, clientId: string): Promise<void> {
      await db.insertInto('consent_grant_links').values({ grant_id: grantId, resident_id: residentId, client_id: clientId, sid: null, created_at: Date.now() }).onConflict((oc) => oc.column('grant_id').doNothing()).execute();
    },

    /** The session id the service received for this provider grant (from its authorization code). */
    async setSid(grantId: string, sid: string): Promise<void> {
      await db.updateTable('consent_grant_links').set({ sid }).where('grant_id', '=', grantId).execute();
    },

    /** The provider grants (and the session ids the service knows) behind a resident's grant to a service. */
    async links(residentId: string, clientId: string): Promise<Array<{ grantId: string; sid: string | null }>> {
      const rows = await db.selectFrom('consent_grant_links').select(['grant_id', 'sid']).where('resident_id', '=', residentId).where('client_id', '=', clientId).execute();
      return rows.map((l) => ({ grantId: l.grant_id, sid: l.sid }));
    },

    /** Deletes the grant and returns the provider grants (and session ids) that were behind it. */
    async remove(residentId: string, clientId: string): Promise<{ removed: boolean; fields: string[]; links: Array<{ grantId: string; sid: string | null }> }> {
      return inTransaction(db, async (trx) => {
        const grant = await trx.selectFrom('consent_grants').select('fields').where('resident_id', '=', residentId).where('client_id', '=', clientId).executeTakeFirst();
        const links = await trx.selectFrom('consent_grant_links').select(['grant_id', 'sid']).where('resident_id', '=', residentId).where('client_id', '=', clientId).execute();
        await trx.deleteFrom('consent_grant_links').where('resident_id', '=', residentId).where('client_id', '=', clientId).execute();
        const res = await trx.deleteFrom('consent_grants').where('resident_id', '=', residentId).where('client_id', '=', clientId).executeTakeFirst();
        const fields = grant ? (JSON.parse(grant.fields) as GrantedField[]).map((f) => f.name) : [];
        return { removed: Number(res.numDeletedRows) > 0, fields, links: links.map((l) => ({ grantId: l.grant_id, sid: l.sid })) };
      });
    },
  };
}

export type GrantStore = ReturnType<typeof createGrantStore>;
