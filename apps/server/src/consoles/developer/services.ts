import crypto from 'node:crypto';
import type Provider from 'oidc-provider';
import type { Audit } from '../../audit/audit.ts';
import { badRequest, conflict, notFound } from '../../errors.ts';
import type { Environment } from '../../identity/environments.ts';
import { newClientSecret, saveClient } from '../../oidc/client-registration.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { clientExtra, clientInput, configDiff, sameConfig, type ConfigChange, type Credentials, type ServiceConfig } from './config.ts';
import { actedBy, actorRef, type Actor, type Organisations } from './organisations.ts';

/**
 * A service has two clients at the provider. The sandbox client runs on the draft: a change is
 * live at once, for sandbox identities only. The production client exists after an operator
 * approves, and runs on the approved configuration (stored apart from the draft); a later
 * change waits in the queue while the approved one keeps working. Every change and its audit
 * event are one transaction.
 */
export type ServiceView = {
  id: string;
  organisationId: string;
  draft: ServiceConfig;
  approved: ServiceConfig | null;
  approvedAt: number | null;
  credentials: Credentials;
  sandboxClientId: string;
  productionClientId: string | null;
  /** sandbox: never approved; production: the draft is what was approved; changed: the draft differs from it. */
  stage: 'sandbox' | 'production' | 'changed';
  pending: { id: string; requestedAt: number; changes: ConfigChange[] } | null;
  lastDecision: { status: 'approved' | 'rejected'; reason: string | null; decidedAt: number } | null;
};

type Row = { id: string; organisation_id: string; draft: string; credentials: string; approved: string | null; approved_at: number | null; sandbox_client_id: string; production_client_id: string | null };

export function createServices(deps: { db: Db; audit: Audit; provider: Provider; clients: ClientStore; organisations: Organisations }) {
  const { db, audit, organisations } = deps;
  const unknownService = () => notFound('unknown_service', 'There is no such service, or it belongs to an organisation you are not a member of.');

  async function writeClient(trx: Db, row: Pick<Row, 'organisation_id'>, env: Environment, clientId: string, config: ServiceConfig, creds: Credentials, secret?: string) {
    const org = await trx.selectFrom('dev_organisations').select('name').where('id', '=', row.organisation_id).executeTakeFirstOrThrow();
    // A secret client keeps its secret across configuration changes.
    const kept = creds.method === 'client_secret_basic' ? (secret ?? String((await deps.clients.find(clientId, trx))?.client_secret ?? newClientSecret())) : undefined;
    await saveClient(deps, clientInput(config, creds, org.name), { clientId, secret: kept, extra: clientExtra(config, env), exec: trx });
  }

  async function view(row: Row): Promise<ServiceView> {
    const draft = JSON.parse(row.draft) as ServiceConfig;
    const approved = row.approved ? (JSON.parse(row.approved) as ServiceConfig) : null;
    const requests = await db.selectFrom('dev_approval_requests').selectAll().where('service_id', '=', row.id).orderBy('requested_at', 'desc').limit(10).execute();
    const pending = requests.find((r) => r.status === 'pending');
    const decided = requests.find((r) => r.status === 'approved' || r.status === 'rejected');
    return {
      id: row.id,
      organisationId: row.organisation_id,
      draft,
      approved,
      approvedAt: row.approved_at === null ? null : Number(row.approved_at),
      credentials: JSON.parse(row.credentials) as Credentials,
      sandboxClientId: row.sandbox_client_id,
      productionClientId: row.production_client_id,
      stage: !approved ? 'sandbox' : sameConfig(approved, draft) ? 'production' : 'changed',
      pending: pending ? { id: pending.id, requestedAt: Number(pending.requested_at), changes: configDiff(pending.previous ? (JSON.parse(pending.previous) as ServiceConfig) : null, JSON.parse(pending.config) as ServiceConfig) } : null,
      lastDecision: decided ? { status: decided.status as 'approved' | 'rejected', reason: decided.reason, decidedAt: Number(decided.decided_at) } : null,
    };
  }

  async function load(serviceId: string): Promise<Row> {
    const row = /^[0-9a-f-]{36}$/.test(serviceId) ? await db.selectFrom('dev_services').selectAll().where('id', '=', serviceId).executeTakeFirst() : undefined;
    if (!row) throw unknownService();
    return row;
  }

  /** The service, if `actor` is a member of its organisation (with `need`): else 404 (or 403 for an owner's work). */
  async function forMember(actor: Actor, serviceId: string, need?: 'owner') {
    const row = await load(serviceId);
    try {
      const member = await organisations.membership(actor, row.organisation_id, need);
      return { row, member };
    } catch (err) {
      if ((err as { code?: string }).code === 'unknown_organisation') throw unknownService();
      throw err;
    }
  }

  return {
    async register(actor: Actor, organisationId: string, config: ServiceConfig, creds: Credentials): Promise<{ id: string; sandboxClientId: string; secret?: string }> {
      await organisations.membership(actor, organisationId);
      const id = crypto.randomUUID();
      const sandboxClientId = deps.clients.newClientId();
      const secret = creds.method === 'client_secret_basic' ? newClientSecret() : undefined;
      const now = Date.now();
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('dev_services')
          .values({ id, organisation_id: organisationId, draft: JSON.stringify(config), credentials: JSON.stringify(creds), approved: null, approved_at: null, sandbox_client_id: sandboxClientId, production_client_id: null, created_by: actorRef(actor), created_at: now, updated_at: now })
          .execute();
        await writeClient(trx, { organisation_id: organisationId }, 'sandbox', sandboxClientId, config, creds, secret);
        await audit.record(trx, { type: 'service.registered', outcome: 'success', clientId: sandboxClientId, ...actedBy(actor, { serviceId: id, organisationId }) });
      });
      return { id, sandboxClientId, ...(secret ? { secret } : {}) };
    },

    async list(actor: Actor, organisationId: string): Promise<ServiceView[]> {
      await organisations.membership(actor, organisationId);
      const rows = await db.selectFrom('dev_services').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at').execute();
      return Promise.all(rows.map(view));
    },

    async get(actor: Actor, serviceId: string): Promise<ServiceView & { role: string; organisationName: string }> {
      const { row, member } = await forMember(actor, serviceId);
      return { ...(await view(row)), role: member.role, organisationName: member.name };
    },

    /** A new draft: live in the sandbox at once; production keeps the approved one. */
    async update(actor: Actor, serviceId: string, config: ServiceConfig): Promise<ServiceView> {
      const { row } = await forMember(actor, serviceId);
      await inTransaction(db, async (trx) => {
        await trx.updateTable('dev_services').set({ draft: JSON.stringify(config), updated_at: Date.now() }).where('id', '=', serviceId).execute();
        await writeClient(trx, row, 'sandbox', row.sandbox_client_id, config, JSON.parse(row.credentials) as Credentials);
        await audit.record(trx, { type: 'service.updated', outcome: 'success', clientId: row.sandbox_client_id, ...actedBy(actor, { serviceId, changes: configDiff(JSON.parse(row.draft) as ServiceConfig, config).map((c) => c.path) }) });
      });
      return view(await load(serviceId));
    },

    /**
     * New keys (a JWKS or jwks_uri) for both clients at once, or a new secret for one
     * environment's client, returned once. Production's secret is an owner's.
     */
    async rotate(actor: Actor, serviceId: string, input: { environment: Environment; credentials?: Credentials }): Promise<{ secret?: string }> {
      const { row } = await forMember(actor, serviceId, input.environment === 'production' ? 'owner' : undefined);
      const current = JSON.parse(row.credentials) as Credentials;
      if (input.credentials && input.credentials.method !== current.method) throw badRequest('method_change', 'A service keeps its way of authenticating: replace its keys, or make a new secret.');
      const creds = current.method === 'client_secret_basic' ? current : (input.credentials ?? current);
      const clientId = input.environment === 'production' ? row.production_client_id : row.sandbox_client_id;
      if (!clientId) throw conflict('not_in_production', 'This service has no production client yet: an operator approves it first.');
      const secret = creds.method === 'client_secret_basic' ? newClientSecret() : undefined;
      await inTransaction(db, async (trx) => {
        await trx.updateTable('dev_services').set({ credentials: JSON.stringify(creds), updated_at: Date.now() }).where('id', '=', serviceId).execute();
        // Keys belong to both clients; a secret to the one environment asked for.
        const targets: Array<[Environment, string | null]> = secret ? [[input.environment, clientId]] : [['sandbox', row.sandbox_client_id], ['production', row.production_client_id]];
        for (const [env, id] of targets) {
          const config = env === 'production' ? (JSON.parse(row.approved!) as ServiceConfig) : (JSON.parse(row.draft) as ServiceConfig);
          if (id) await writeClient(trx, row, env, id, config, creds, secret);
        }
        await audit.record(trx, { type: 'service.credentials_rotated', outcome: 'success', clientId, ...actedBy(actor, { serviceId, environment: input.environment, method: creds.method }) });
      });
      return secret ? { secret } : {};
    },

    /** Asks an operator to approve the draft exactly as it is now (owners only); an older pending request is superseded. */
    async requestProduction(actor: Actor, serviceId: string): Promise<{ requestId: string }> {
      const { row } = await forMember(actor, serviceId, 'owner');
      const draft = JSON.parse(row.draft) as ServiceConfig;
      const approved = row.approved ? (JSON.parse(row.approved) as ServiceConfig) : null;
      if (approved && sameConfig(approved, draft)) throw badRequest('nothing_to_approve', 'The configuration is the one already approved: there is nothing new to approve.');
      const id = crypto.randomUUID();
      await inTransaction(db, async (trx) => {
        await trx.updateTable('dev_approval_requests').set({ status: 'superseded' }).where('service_id', '=', serviceId).where('status', '=', 'pending').execute();
        await trx.insertInto('dev_approval_requests').values({ id, service_id: serviceId, config: row.draft, previous: row.approved, status: 'pending', requested_by: actorRef(actor), requested_at: Date.now(), decided_by: null, decided_at: null, reason: null }).execute();
        await audit.record(trx, { type: 'service.production_requested', outcome: 'success', clientId: row.sandbox_client_id, ...actedBy(actor, { serviceId, requestId: id }) });
      });
      return { requestId: id };
    },

    /**
     * The operator's approval takes effect (consoles/approvals): the production client is made,
     * or changed, to exactly the approved configuration, in the caller's transaction.
     */
    async publish(trx: Db, serviceId: string, config: ServiceConfig): Promise<string> {
      const row = await trx.selectFrom('dev_services').selectAll().where('id', '=', serviceId).executeTakeFirstOrThrow();
      const clientId = row.production_client_id ?? deps.clients.newClientId();
      await writeClient(trx, row, 'production', clientId, config, JSON.parse(row.credentials) as Credentials);
      await trx.updateTable('dev_services').set({ approved: JSON.stringify(config), approved_at: Date.now(), production_client_id: clientId }).where('id', '=', serviceId).execute();
      return clientId;
    },

    /** Deliveries of the service's signed webhooks (the portal's outbox), newest first. */
    async deliveries(actor: Actor, serviceId: string) {
      const { row } = await forMember(actor, serviceId);
      const ids = [row.sandbox_client_id, ...(row.production_client_id ? [row.production_client_id] : [])];
      const rows = await db.selectFrom('webhook_outbox').select(['id', 'department', 'attempts', 'delivered_at', 'last_error', 'created_at', 'next_attempt_at']).where('department', 'in', ids).orderBy('id', 'desc').limit(50).execute();
      return rows.map((r) => ({
        id: Number(r.id),
        environment: (r.department === row.sandbox_client_id ? 'sandbox' : 'production') as Environment,
        attempts: Number(r.attempts),
        deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
        lastError: r.last_error,
        createdAt: Number(r.created_at),
      }));
    },
  };
}

export type Services = ReturnType<typeof createServices>;
