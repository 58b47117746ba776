import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { sha256 } from '@yat/server/crypto/field-crypto.ts';
import type { Acked } from './traffic.ts';

/**
 * After the faults: is every acknowledged write in the database and in the audit trail?
 * - registration: the resident, the device credential, the `registration.completed` event;
 * - approval: the sign-in request approved (or since used) by that resident, and at least as
 *   many `login.approved` events for the resident as approvals acknowledged to it;
 * - grant: the refresh token the service received, the provider grant behind it, its link to
 *   the resident's e-ME grant, and that e-ME grant.
 * Written against plain SQL so the same checks read PostgreSQL and the SQLite file.
 */
export type Query = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;
export type Verification = { checked: number; lost: number; byKind: Record<'registrations' | 'approvals' | 'grants', { checked: number; lost: number }>; examples: string[] };

export function postgresQuery(client: pg.Client): Query {
  return async (sql, params) => {
    let n = 0;
    const r = await client.query(sql.replace(/\?/g, () => `$${++n}`), params);
    return r.rows as Array<Record<string, unknown>>;
  };
}

export function sqliteQuery(db: DatabaseSync): Query {
  return async (sql, params) => db.prepare(sql).all(...(params as Array<string | number | null>)) as Array<Record<string, unknown>>;
}

export async function verifyAcked(q: Query, acked: Acked): Promise<Verification> {
  const v: Verification = { checked: 0, lost: 0, byKind: { registrations: { checked: 0, lost: 0 }, approvals: { checked: 0, lost: 0 }, grants: { checked: 0, lost: 0 } }, examples: [] };
  const result = (kind: keyof Verification['byKind'], ok: boolean, what: string) => {
    v.checked++;
    v.byKind[kind].checked++;
    if (ok) return;
    v.lost++;
    v.byKind[kind].lost++;
    if (v.examples.length < 10) v.examples.push(what);
  };
  const one = async (sql: string, params: unknown[]) => (await q(sql, params))[0];

  for (const r of acked.registrations) {
    const resident = await one('select id from residents where id = ?', [r.residentId]);
    const device = await one('select id from device_credentials where id = ? and resident_id = ?', [r.credentialId, r.residentId]);
    const event = await one("select id from audit_events where type = 'registration.completed' and resident_id = ?", [r.residentId]);
    result('registrations', !!resident && !!device && !!event, `registration of ${r.residentId}: resident ${!!resident}, device ${!!device}, audit ${!!event}`);
  }

  const approvalsPerResident = new Map<string, number>();
  for (const a of acked.approvals) {
    approvalsPerResident.set(a.residentId, (approvalsPerResident.get(a.residentId) ?? 0) + 1);
    const row = await one("select status from login_requests where token_hash = ? and resident_id = ? and client_id = ? and status in ('approved', 'used')", [sha256(a.token), a.residentId, a.clientId]);
    result('approvals', !!row, `approval by ${a.residentId}: sign-in request not approved`);
  }
  for (const [residentId, count] of approvalsPerResident) {
    const row = await one("select count(*) as n from audit_events where type = 'login.approved' and resident_id = ?", [residentId]);
    const n = Number(row?.n ?? 0);
    if (n < count) {
      // Each approval missing from the audit trail counts as lost.
      for (let i = n; i < count; i++) result('approvals', false, `audit trail of ${residentId}: ${n} login.approved events for ${count} acknowledged approvals`);
    }
  }

  for (const g of acked.grants) {
    const token = await one("select grant_id, payload from oidc_payloads where model = 'RefreshToken' and id = ?", [g.refreshToken]);
    const grantId = token?.grant_id as string | undefined;
    const accountId = token ? (JSON.parse(String(token.payload)) as { accountId?: string }).accountId : undefined;
    const grant = grantId ? await one("select id from oidc_payloads where model = 'Grant' and id = ?", [grantId]) : undefined;
    const link = grantId ? await one('select grant_id from consent_grant_links where grant_id = ? and resident_id = ? and client_id = ?', [grantId, g.residentId, g.clientId]) : undefined;
    const consent = await one('select resident_id from consent_grants where resident_id = ? and client_id = ?', [g.residentId, g.clientId]);
    result('grants', !!token && accountId === g.residentId && !!grant && !!link && !!consent, `grant to ${g.residentId}: refresh token ${!!token}, account ${accountId === g.residentId}, provider grant ${!!grant}, link ${!!link}, e-ME grant ${!!consent}`);
  }
  return v;
}
