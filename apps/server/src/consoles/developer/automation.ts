import type Provider from 'oidc-provider';
import type { Audit } from '../../audit/audit.ts';
import { notFound } from '../../errors.ts';
import { newClientSecret, saveClient } from '../../oidc/client-registration.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { Credentials } from './config.ts';
import { actedBy, actorRef, type Actor, type Organisations } from './organisations.ts';

/**
 * A department's own automation: an owner makes a client-credentials client for the
 * organisation (a pasted JWKS for private_key_jwt, or a secret shown once). Its tokens, with
 * the `console:org` scope, act on the developer console's API as a developer of that one
 * organisation (api-auth.ts): never an owner's work, never another organisation's services.
 */
export const AUTOMATION_SCOPE = 'console:org';

export type AutomationClient = { clientId: string; name: string; method: Credentials['method']; createdAt: number };

export function createAutomationClients(deps: { db: Db; audit: Audit; provider: Provider; clients: ClientStore; organisations: Organisations }) {
  const { db, audit, organisations } = deps;
  const unknownClient = () => notFound('unknown_automation_client', 'There is no such automation client in this organisation.');

  return {
    /** Owners only; the secret, if any, is returned once. */
    async create(actor: Actor, organisationId: string, input: { name: string; credentials: Credentials }): Promise<{ clientId: string; secret?: string }> {
      const org = await organisations.membership(actor, organisationId, 'owner');
      const clientId = deps.clients.newClientId();
      const creds = input.credentials;
      const secret = creds.method === 'client_secret_basic' ? newClientSecret() : undefined;
      const keys = creds.method === 'client_secret_basic' ? { secret: true } : creds.jwksUri ? { jwksUri: creds.jwksUri } : { jwks: creds.jwks };
      await inTransaction(db, async (trx) => {
        await saveClient(deps, { name: input.name, department: org.name, redirectUris: [], scope: AUTOMATION_SCOPE, clientCredentialsOnly: true, sector: 'console-automation', ...keys }, { clientId, secret, exec: trx });
        await trx.insertInto('dev_automation_clients').values({ client_id: clientId, organisation_id: organisationId, name: input.name, method: creds.method, created_by: actorRef(actor), created_at: Date.now() }).execute();
        await audit.record(trx, { type: 'automation.client_created', outcome: 'success', clientId, ...actedBy(actor, { organisationId, method: creds.method }) });
      });
      return { clientId, ...(secret ? { secret } : {}) };
    },

    async list(actor: Actor, organisationId: string): Promise<AutomationClient[]> {
      await organisations.membership(actor, organisationId);
      const rows = await db.selectFrom('dev_automation_clients').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at').execute();
      return rows.map((r) => ({ clientId: r.client_id, name: r.name, method: r.method as Credentials['method'], createdAt: Number(r.created_at) }));
    },

    /** Owners only: the client is gone from the provider, and its live tokens stop working with it. */
    async remove(actor: Actor, organisationId: string, clientId: string): Promise<void> {
      await organisations.membership(actor, organisationId, 'owner');
      await inTransaction(db, async (trx) => {
        const res = await trx.deleteFrom('dev_automation_clients').where('client_id', '=', clientId).where('organisation_id', '=', organisationId).executeTakeFirst();
        if (Number(res.numDeletedRows) !== 1) throw unknownClient();
        await deps.clients.remove(clientId, trx);
        await audit.record(trx, { type: 'automation.client_deleted', outcome: 'success', clientId, ...actedBy(actor, { organisationId }) });
      });
    },

    /** The automation client acting, bound to its organisation; undefined for any other client. */
    async actorFor(clientId: string): Promise<Actor | undefined> {
      const row = await db.selectFrom('dev_automation_clients').select('organisation_id').where('client_id', '=', clientId).executeTakeFirst();
      return row ? { kind: 'automation', clientId, organisationId: row.organisation_id } : undefined;
    },
  };
}

export type AutomationClients = ReturnType<typeof createAutomationClients>;
