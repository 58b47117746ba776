import { z } from 'zod';
import type { Audit } from '../../audit/audit.ts';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import { badRequest } from '../../errors.ts';
import { toCsv } from '../../http/csv.ts';
import { normalizeIdNumber } from '../../identity/id-number.ts';
import type { ResidentStore } from '../../identity/residents.ts';
import type { StaffMember } from '../../identity/staff.ts';
import type { Db } from '../../storage/db.ts';
import { acting } from './support.ts';

/**
 * The audit search: by resident (identity number → keyed hash → resident id), service, event
 * type, outcome and time, newest first, paged by event id (a cursor, so a page never shifts
 * as new events arrive), and as CSV. Each search is itself audited: who looked at whose events.
 */
export const PAGE_SIZE = 50;
export const CSV_MAX = 10_000;
export const outcomes = ['success', 'failure', 'declined'] as const;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2025-01-31');
export const auditFilters = z.object({
  idNumber: z.string().trim().max(20).optional().describe("the resident's identity card number (looked up by its keyed hash)"),
  service: z.string().trim().max(200).optional().describe('a client id'),
  type: z.string().trim().max(60).optional().describe('an event type, or a prefix ending in "." (e.g. "operator.")'),
  outcome: z.enum(outcomes).optional(),
  from: date.optional().describe('first day (Hong Kong time), inclusive'),
  to: date.optional().describe('last day (Hong Kong time), inclusive'),
  before: z.coerce.number().int().positive().optional().describe('the next page: events older than this id'),
});
export type AuditFilters = z.infer<typeof auditFilters>;

export type AuditRow = { id: number; at: number; type: string; outcome: string; residentId: string | null; clientId: string | null; fields: string[]; detail: Record<string, unknown> };

const HK_OFFSET = 8 * 3600_000;
const dayStart = (d: string) => Date.parse(`${d}T00:00:00Z`) - HK_OFFSET;

/** Empty fields (a form's blanks) are absent filters. */
export function cleanFilters(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k, v]) => k in auditFilters.shape && typeof v === 'string' && v.trim() !== ''));
}

export function createAuditSearch(deps: { db: Db; audit: Audit; crypto: FieldCrypto; residents: ResidentStore }) {
  const { db } = deps;

  async function query(f: AuditFilters, limit: number): Promise<{ rows: AuditRow[]; residentId: string | null }> {
    let residentId: string | null = null;
    if (f.idNumber) {
      const id = normalizeIdNumber(f.idNumber);
      if (!id) throw badRequest('invalid_id_number', 'This is not a valid identity card number. It looks like A123456(7).');
      residentId = (await deps.residents.findIdByRegistryRef(deps.crypto.lookupHash(id))) ?? null;
      // An identity number with no identity has no events: nothing, rather than everything.
      if (!residentId) return { rows: [], residentId: null };
    }
    const from = f.from ? dayStart(f.from) : undefined;
    const to = f.to ? dayStart(f.to) + 86_400_000 : undefined;
    if (from !== undefined && to !== undefined && from >= to) throw badRequest('bad_range', 'The first day must not be after the last day.');
    let q = db.selectFrom('audit_events').selectAll();
    if (residentId) q = q.where('resident_id', '=', residentId);
    if (f.service) q = q.where('client_id', '=', f.service);
    if (f.type) q = f.type.endsWith('.') ? q.where('type', 'like', `${f.type.replace(/[%_]/g, '')}%`) : q.where('type', '=', f.type);
    if (f.outcome) q = q.where('outcome', '=', f.outcome);
    if (from !== undefined) q = q.where('at', '>=', from);
    if (to !== undefined) q = q.where('at', '<', to);
    if (f.before) q = q.where('id', '<', f.before);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return {
      residentId,
      rows: rows.map((r) => ({ id: Number(r.id), at: Number(r.at), type: r.type, outcome: r.outcome, residentId: r.resident_id, clientId: r.client_id, fields: r.fields ? (JSON.parse(r.fields) as string[]) : [], detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {} })),
    };
  }

  async function record(staff: StaffMember, f: AuditFilters, residentId: string | null, exported: boolean) {
    const { idNumber: _id, ...filters } = f;
    await deps.audit.record(db, { type: 'operator.audit_searched', outcome: 'success', residentId, clientId: f.service ?? null, detail: { ...acting(staff), filters, exported } });
  }

  return {
    /** One page, and the cursor of the next (null on the last). */
    async search(staff: StaffMember, f: AuditFilters): Promise<{ events: AuditRow[]; next: number | null }> {
      const { rows, residentId } = await query(f, PAGE_SIZE + 1);
      await record(staff, f, residentId, false);
      const events = rows.slice(0, PAGE_SIZE);
      return { events, next: rows.length > PAGE_SIZE ? events[events.length - 1]!.id : null };
    },

    async csv(staff: StaffMember, f: AuditFilters): Promise<string> {
      const { rows, residentId } = await query(f, CSV_MAX);
      await record(staff, f, residentId, true);
      const columns = ['id', 'at', 'type', 'outcome', 'resident_id', 'client_id', 'fields', 'detail'];
      return toCsv(columns, rows.map((r) => [r.id, new Date(r.at).toISOString(), r.type, r.outcome, r.residentId, r.clientId, r.fields.join(' '), JSON.stringify(r.detail)]));
    },
  };
}

export type AuditSearch = ReturnType<typeof createAuditSearch>;
