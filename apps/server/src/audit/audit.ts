import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';

/**
 * Audit events: every login, registration and data release — who, which service, which
 * fields, when, outcome. Written to the database (the resident's activity and the operator's
 * audit read from it) and to the log.
 */
export type AuditEvent = {
  type: 'registration.started' | 'registration.verified' | 'registration.completed' | 'registration.failed' | 'login.approved' | 'login.declined' | 'login.failed' | 'data.released' | 'token.issued' | 'grant.revoked' | 'logout';
  outcome: 'success' | 'failure' | 'declined';
  residentId?: string | null;
  clientId?: string | null;
  fields?: string[];
  detail?: Record<string, unknown>;
};

export function createAudit(deps: { db: Db; log: Logger }) {
  const { db, log } = deps;
  return {
    async record(e: AuditEvent): Promise<void> {
      const at = Date.now();
      await db
        .insertInto('audit_events')
        .values({
          at,
          type: e.type,
          outcome: e.outcome,
          resident_id: e.residentId ?? null,
          client_id: e.clientId ?? null,
          fields: e.fields ? JSON.stringify(e.fields) : null,
          detail: e.detail ? JSON.stringify(e.detail) : null,
        })
        .execute();
      log.info({ audit: { ...e, at } }, `audit ${e.type} ${e.outcome}`);
    },

    async forResident(residentId: string, limit = 50) {
      const rows = await db.selectFrom('audit_events').selectAll().where('resident_id', '=', residentId).orderBy('at', 'desc').limit(limit).execute();
      return rows.map((r) => ({ ...r, fields: r.fields ? (JSON.parse(r.fields) as string[]) : [], detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {} }));
    },
  };
}

export type Audit = ReturnType<typeof createAudit>;
