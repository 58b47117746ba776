import type { Audit } from '../../audit/audit.ts';
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { configDiff, type ConfigChange, type ServiceConfig } from '../developer/config.ts';

/**
 * The operator's approval queue: each request is the exact configuration a service's owner
 * asked to run in production, shown as what changes from the approved one. Approving publishes
 * that configuration (not whatever the draft is by then); rejecting needs a reason, which the
 * developer sees. Each decision and its audit event are one transaction.
 */
export type ApprovalRequest = {
  id: string;
  serviceId: string;
  organisation: string;
  serviceName: string;
  status: 'pending' | 'approved' | 'rejected' | 'superseded';
  requestedAt: number;
  changes: ConfigChange[];
  config: ServiceConfig;
  firstApproval: boolean;
  reason: string | null;
};

/** Publishes an approved configuration to the service's production client, in the decision's transaction. */
export type Publish = (trx: Db, serviceId: string, config: ServiceConfig) => Promise<string>;

export function createApprovalQueue(deps: { db: Db; audit: Audit; publish: Publish }) {
  const { db, audit } = deps;

  const base = () =>
    db
      .selectFrom('dev_approval_requests as r')
      .innerJoin('dev_services as s', 's.id', 'r.service_id')
      .innerJoin('dev_organisations as o', 'o.id', 's.organisation_id')
      .select(['r.id', 'r.service_id', 'r.config', 'r.previous', 'r.status', 'r.requested_at', 'r.reason', 'o.name as organisation']);

  const toRequest = (r: { id: string; service_id: string; config: string; previous: string | null; status: string; requested_at: number; reason: string | null; organisation: string }): ApprovalRequest => {
    const config = JSON.parse(r.config) as ServiceConfig;
    return {
      id: r.id,
      serviceId: r.service_id,
      organisation: r.organisation,
      serviceName: config.names.en,
      status: r.status as ApprovalRequest['status'],
      requestedAt: Number(r.requested_at),
      changes: configDiff(r.previous ? (JSON.parse(r.previous) as ServiceConfig) : null, config),
      config,
      firstApproval: r.previous === null,
      reason: r.reason,
    };
  };

  async function decide(operatorId: string, id: string, verdict: 'approved' | 'rejected', reason: string): Promise<{ productionClientId?: string }> {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound('unknown_request', 'There is no such approval request.');
    return inTransaction(db, async (trx) => {
      const row = await trx.selectFrom('dev_approval_requests').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('unknown_request', 'There is no such approval request.');
      // Four eyes: an operator who is a member of the organisation behind the service does not approve it.
      if (verdict === 'approved') {
        const member = await trx.selectFrom('dev_members').innerJoin('dev_services', 'dev_services.organisation_id', 'dev_members.organisation_id').select('dev_members.role').where('dev_services.id', '=', row.service_id).where('dev_members.resident_id', '=', operatorId).executeTakeFirst();
        if (member) throw forbidden('own_organisation', 'You are a member of the organisation behind this service: another operator must approve it.');
      }
      const done = await trx.updateTable('dev_approval_requests').set({ status: verdict, decided_by: operatorId, decided_at: Date.now(), reason: reason || null }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw conflict('already_decided', 'This request has already been decided or was replaced by a newer one.');
      const productionClientId = verdict === 'approved' ? await deps.publish(trx, row.service_id, JSON.parse(row.config) as ServiceConfig) : undefined;
      await audit.record(trx, {
        type: verdict === 'approved' ? 'service.approved' : 'service.rejected',
        outcome: 'success',
        residentId: operatorId,
        clientId: productionClientId ?? null,
        detail: { staffId: operatorId, serviceId: row.service_id, requestId: id, reason: reason || null },
      });
      return productionClientId ? { productionClientId } : {};
    });
  }

  return {
    async pending(): Promise<ApprovalRequest[]> {
      return (await base().where('r.status', '=', 'pending').orderBy('r.requested_at').execute()).map(toRequest);
    },

    async get(id: string): Promise<ApprovalRequest> {
      const row = /^[0-9a-f-]{36}$/.test(id) ? await base().where('r.id', '=', id).executeTakeFirst() : undefined;
      if (!row) throw notFound('unknown_request', 'There is no such approval request.');
      return toRequest(row);
    },

    approve: (operatorId: string, id: string, reason: string) => decide(operatorId, id, 'approved', reason.trim()),

    async reject(operatorId: string, id: string, reason: string) {
      if (!reason.trim()) throw badRequest('reason_required', 'Say why the request is rejected: the developer reads it.');
      return decide(operatorId, id, 'rejected', reason.trim());
    },
  };
}

export type ApprovalQueue = ReturnType<typeof createApprovalQueue>;
