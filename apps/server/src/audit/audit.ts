import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';
import { prepared } from '../storage/prepared.ts';

/**
 * Audit events: every login, registration and data release — who, which service, which
 * fields, when, outcome. An event is part of the action it records: `record` takes the
 * action's transaction, so both commit or neither does. Sinks (the transparency ledger's
 * outbox) are written in that same transaction.
 */
export type AuditEvent = {
  type: 'registration.started' | 'registration.code_resent' | 'registration.verified' | 'registration.completed' | 'registration.failed' | 'login.approved' | 'login.declined' | 'login.failed' | 'data.released' | 'token.issued' | 'grant.revoked' | 'logout' | 'profile.updated' | 'device.renamed' | 'device.removed'
    // Backchannel (CIBA) requests.
    | 'ciba.approved' | 'ciba.declined' | 'ciba.failed' | 'ciba.requested'
    // Digital signing.
    | 'signing.requested' | 'signing.approved' | 'signing.declined' | 'signing.failed' | 'certificate.revoked' | 'signing.authorized'
    // Staff, consoles and counters (staff actions name the staff member and the counter in `detail`).
    | 'staff.granted' | 'staff.signed_in' | 'staff.denied' | 'counter.upgrade.requested' | 'counter.record.viewed' | 'counter.upgrade.staff_confirmed' | 'counter.upgrade.completed' | 'counter.recovery.issued' | 'counter.recovery.completed'
    // Notifications (notify/): consent per service, personal sends, public alert publications.
    | 'notify.consent_granted' | 'notify.consent_withdrawn' | 'notification.sent' | 'notify.topic_published'
    // Operator console (consoles/operator/): each names the operator (`detail.staffId`) and the reason.
    | 'operator.resident_viewed' | 'operator.resident_locked' | 'operator.unlock_requested' | 'operator.unlock_approved' | 'operator.unlock_rejected' | 'operator.audit_searched' | 'service.suspended' | 'service.reinstated' | 'staff.removed' | 'staff.signed_out'
    // Developer console and the approval queue (consoles/developer, consoles/approvals).
    | 'developer.signed_in' | 'developer.denied' | 'organisation.created' | 'organisation.member_invited' | 'organisation.member_joined' | 'service.registered' | 'service.updated' | 'service.credentials_rotated' | 'service.production_requested' | 'service.approved' | 'service.rejected' | 'sandbox.identity_created'
    // An organisation's automation clients (consoles/developer/automation.ts).
    | 'automation.client_created' | 'automation.client_deleted';
  outcome: 'success' | 'failure' | 'declined';
  residentId?: string | null;
  clientId?: string | null;
  fields?: string[];
  detail?: Record<string, unknown>;
};

/** Something else written with every audit event, in the same transaction (e.g. the ledger outbox). */
export type AuditSink = (trx: Db, event: AuditEvent & { at: number; id: number }) => Promise<void>;

// Every action writes one: compiled once.
const insertEvent = prepared((db, arg) =>
  db
    .insertInto('audit_events')
    .values({ at: arg(0), type: arg(1), outcome: arg(2), resident_id: arg(3), client_id: arg(4), fields: arg(5), detail: arg(6) })
    .returning('id'),
);

export function createAudit(deps: { db: Db; log: Logger }) {
  const { db, log } = deps;
  const sinks: AuditSink[] = [];
  return {
    addSink(sink: AuditSink): void {
      sinks.push(sink);
    },

    /** Writes the event with `exec` — the action's transaction, or the database for a lone event. */
    async record(exec: Db, e: AuditEvent): Promise<void> {
      const at = Date.now();
      const write = async (trx: Db) => {
        const row = (await insertEvent(trx, at, e.type, e.outcome, e.residentId ?? null, e.clientId ?? null, e.fields ? JSON.stringify(e.fields) : null, e.detail ? JSON.stringify(e.detail) : null)).rows[0]!;
        for (const sink of sinks) await sink(trx, { ...e, at, id: Number(row.id) });
      };
      // Sinks must commit with the event: a lone event still gets its own transaction when it has sinks.
      if (sinks.length && !exec.isTransaction) await exec.transaction().execute(write);
      else await write(exec);
      log.info({ audit: { ...e, at } }, `audit ${e.type} ${e.outcome}`);
    },

    async forResident(residentId: string, limit = 50) {
      const rows = await db.selectFrom('audit_events').selectAll().where('resident_id', '=', residentId).orderBy('at', 'desc').limit(limit).execute();
      return rows.map((r) => ({ ...r, fields: r.fields ? (JSON.parse(r.fields) as string[]) : [], detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {} }));
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
