import crypto from 'node:crypto';
import type { Audit } from '../../audit/audit.ts';
import type { GrantStore } from '../../consent/grants.ts';
import type { Revocation } from '../../consent/revocation.ts';
import { maskIdNumber } from '../../counter/protocol.ts';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import { badRequest, conflict, forbidden, notFound } from '../../errors.ts';
import { normalizeIdNumber } from '../../identity/id-number.ts';
import type { Assurance, ResidentStatus, ResidentStore } from '../../identity/residents.ts';
import type { StaffMember } from '../../identity/staff.ts';
import type { ClientStore } from '../../oidc/clients.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../../storage/transaction.ts';
import type { DeviceAdmin } from '../../wallet-api/device-admin.ts';
import type { ServiceSuspensions } from './suspensions.ts';

/**
 * Resident support: an operator finds a resident by identity number (through its keyed hash,
 * never a scan), sees where the identity stands, and acts. Every action takes a reason and is
 * audited in its own transaction with the operator's identity. Locking is immediate (it
 * protects); unlocking is four eyes: one operator asks, a different operator approves.
 */
export const REASON_MIN = 5;
export const REASON_MAX = 500;

export type ResidentSupportView = {
  id: string;
  status: ResidentStatus;
  assurance: Assurance;
  createdAt: number;
  nameEn: string;
  nameZh: string | null;
  idNumberMasked: string;
  devices: Array<{ id: string; name: string; createdAt: number; lastUsedAt: number | null }>;
  services: Array<{ clientId: string; name: string; fields: string[]; lastUsedAt: number; suspended: boolean }>;
  activity: Array<{ id: number; at: number; type: string; outcome: string; clientId: string | null }>;
  pendingUnlock: UnlockRequest | null;
};

export type UnlockRequest = { id: string; residentId: string; reason: string; requestedBy: string; requestedAt: number; status: string; decidedBy: string | null; decidedAt: number | null };

type Deps = { db: Db; crypto: FieldCrypto; audit: Audit; residents: ResidentStore; grants: GrantStore; revocation: Revocation; deviceAdmin: DeviceAdmin; clients: ClientStore; suspensions: ServiceSuspensions };

/** A reason is required for every operator action: trimmed, 5 to 500 characters. */
export function requireReason(value: unknown): string {
  const reason = typeof value === 'string' ? value.trim() : '';
  if (reason.length < REASON_MIN || reason.length > REASON_MAX) throw badRequest('reason_required', `Give the reason for this action (${REASON_MIN} to ${REASON_MAX} characters); it is kept in the audit log.`);
  return reason;
}

/** What every operator audit event carries: who acted and why. */
export const acting = (staff: StaffMember, reason?: string) => ({ staffId: staff.resident.id, ...(reason ? { reason } : {}) });

const toRequest = (r: { id: string; resident_id: string; reason: string; requested_by: string; requested_at: number; status: string; decided_by: string | null; decided_at: number | null }): UnlockRequest => ({
  id: r.id,
  residentId: r.resident_id,
  reason: r.reason,
  requestedBy: r.requested_by,
  requestedAt: Number(r.requested_at),
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at === null ? null : Number(r.decided_at),
});

export function createResidentSupport(deps: Deps) {
  const { db, audit, residents } = deps;

  async function existing(residentId: string) {
    const r = /^[0-9a-f-]{36}$/.test(residentId) ? await residents.findById(residentId) : undefined;
    if (!r) throw notFound('unknown_resident', 'No digital identity has this reference.');
    return r;
  }

  async function pendingUnlock(residentId: string, exec: Db = db): Promise<UnlockRequest | null> {
    const row = await exec.selectFrom('operator_requests').selectAll().where('resident_id', '=', residentId).where('kind', '=', 'unlock').where('status', '=', 'pending').executeTakeFirst();
    return row ? toRequest(row) : null;
  }

  return {
    /** By the identity number's keyed hash; the look-up itself is audited. */
    async find(staff: StaffMember, idNumber: string): Promise<string> {
      const id = normalizeIdNumber(idNumber);
      if (!id) throw badRequest('invalid_id_number', 'This is not a valid identity card number. It looks like A123456(7).');
      const residentId = await residents.findIdByRegistryRef(deps.crypto.lookupHash(id));
      if (!residentId) throw notFound('unknown_resident', 'No digital identity is registered for this identity card number.');
      await audit.record(db, { type: 'operator.resident_viewed', outcome: 'success', residentId, detail: acting(staff) });
      return residentId;
    },

    /** Every look at a resident's page is an audit event: who looked, when. */
    async viewed(staff: StaffMember, residentId: string): Promise<void> {
      await audit.record(db, { type: 'operator.resident_viewed', outcome: 'success', residentId, detail: acting(staff) });
    },

    async view(residentId: string): Promise<ResidentSupportView> {
      const r = await existing(residentId);
      const devices = await db.selectFrom('device_credentials').select(['id', 'name', 'created_at', 'last_used_at']).where('resident_id', '=', residentId).orderBy('created_at').execute();
      const grants = await deps.grants.listForResident(residentId);
      const services = await Promise.all(
        grants.map(async (g) => ({ clientId: g.clientId, name: (await deps.clients.info(g.clientId))?.name ?? g.clientId, fields: g.fields.map((f) => f.name), lastUsedAt: g.lastUsedAt, suspended: await deps.suspensions.isSuspended(g.clientId) })),
      );
      const activity = (await audit.forResident(residentId, 20)).map((e) => ({ id: Number(e.id), at: Number(e.at), type: e.type, outcome: e.outcome, clientId: e.client_id }));
      return {
        id: r.id,
        status: r.status,
        assurance: r.assurance,
        createdAt: r.createdAt,
        nameEn: [r.profile.nameEn.family, r.profile.nameEn.given].filter(Boolean).join(' '),
        nameZh: r.profile.nameZh ?? null,
        idNumberMasked: maskIdNumber(r.profile.idNumber),
        devices: devices.map((d) => ({ id: d.id, name: d.name, createdAt: Number(d.created_at), lastUsedAt: d.last_used_at === null ? null : Number(d.last_used_at) })),
        services,
        activity,
        pendingUnlock: await pendingUnlock(residentId),
      };
    },

    /** Locks at once (it protects the resident): wallet sessions end; sign-ins and tokens stop (the provider finds no account). */
    async lock(staff: StaffMember, residentId: string, reasonInput: unknown): Promise<void> {
      const reason = requireReason(reasonInput);
      const r = await existing(residentId);
      if (r.id === staff.resident.id) throw forbidden('own_case', 'Staff cannot act on their own identity. Ask a colleague.');
      await inTransaction(db, async (trx) => {
        const res = await trx.updateTable('residents').set({ status: 'locked' }).where('id', '=', residentId).where('status', '=', 'active').executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('already_locked', 'This identity is already locked.');
        await trx.deleteFrom('wallet_sessions').where('resident_id', '=', residentId).execute();
        await audit.record(trx, { type: 'operator.resident_locked', outcome: 'success', residentId, detail: acting(staff, reason) });
      });
    },

    /** The first operator's half of an unlock: it waits for a different operator. */
    async requestUnlock(staff: StaffMember, residentId: string, reasonInput: unknown): Promise<UnlockRequest> {
      const reason = requireReason(reasonInput);
      const r = await existing(residentId);
      if (r.id === staff.resident.id) throw forbidden('own_case', 'Staff cannot act on their own identity. Ask a colleague.');
      if (r.status !== 'locked') throw conflict('not_locked', 'This identity is not locked.');
      return inTransaction(db, async (trx) => {
        if (await pendingUnlock(residentId, trx)) throw conflict('unlock_pending', 'An unlock of this identity is already waiting for a second operator.');
        const row = { id: crypto.randomUUID(), kind: 'unlock', resident_id: residentId, reason, requested_by: staff.resident.id, requested_at: Date.now(), status: 'pending', decided_by: null, decided_at: null, decision_reason: null };
        await trx.insertInto('operator_requests').values(row).execute();
        await audit.record(trx, { type: 'operator.unlock_requested', outcome: 'success', residentId, detail: { ...acting(staff, reason), requestId: row.id } });
        return toRequest(row);
      });
    },

    /** The second operator's half: a different operator approves, and the identity is unlocked in the same transaction. */
    async decideUnlock(staff: StaffMember, requestId: string, approve: boolean, reasonInput: unknown): Promise<UnlockRequest> {
      const reason = requireReason(reasonInput);
      const row = /^[0-9a-f-]{36}$/.test(requestId) ? await db.selectFrom('operator_requests').selectAll().where('id', '=', requestId).executeTakeFirst() : undefined;
      if (!row) throw notFound('unknown_request', 'There is no such request.');
      if (row.status !== 'pending') throw conflict('request_decided', 'This request has already been decided.');
      if (row.requested_by === staff.resident.id) throw forbidden('same_operator', 'A different operator must approve this: four eyes.');
      if (row.resident_id === staff.resident.id) throw forbidden('own_case', 'Staff cannot act on their own identity. Ask a colleague.');
      return inTransaction(db, async (trx) => {
        const now = Date.now();
        const res = await trx
          .updateTable('operator_requests')
          .set({ status: approve ? 'approved' : 'rejected', decided_by: staff.resident.id, decided_at: now, decision_reason: reason })
          .where('id', '=', requestId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('request_decided', 'This request has already been decided.');
        if (approve) await trx.updateTable('residents').set({ status: 'active' }).where('id', '=', row.resident_id).execute();
        const detail = { ...acting(staff, reason), requestId, requestedBy: row.requested_by, requestReason: row.reason };
        await audit.record(trx, { type: approve ? 'operator.unlock_approved' : 'operator.unlock_rejected', outcome: 'success', residentId: row.resident_id, detail });
        return toRequest({ ...row, status: approve ? 'approved' : 'rejected', decided_by: staff.resident.id, decided_at: now });
      });
    },

    async pendingRequests(): Promise<UnlockRequest[]> {
      const rows = await db.selectFrom('operator_requests').selectAll().where('status', '=', 'pending').orderBy('requested_at').limit(200).execute();
      return rows.map(toRequest);
    },

    /** A lost or stolen phone: removed as the resident would (their signing certificates are revoked with it). */
    async revokeDevice(staff: StaffMember, residentId: string, deviceId: string, reasonInput: unknown): Promise<void> {
      const reason = requireReason(reasonInput);
      await existing(residentId);
      await deps.deviceAdmin.remove(residentId, deviceId, true, acting(staff, reason));
    },

    /** A service's grant ended for the resident: its tokens, sessions (told by back-channel logout) and e-ME grant. */
    async revokeGrant(staff: StaffMember, residentId: string, clientId: string, reasonInput: unknown): Promise<void> {
      const reason = requireReason(reasonInput);
      await existing(residentId);
      await deps.revocation.revoke(residentId, clientId, acting(staff, reason));
    },
  };
}

export type ResidentSupport = ReturnType<typeof createResidentSupport>;
