import crypto from 'node:crypto';
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Audit } from '../audit/audit.ts';
import { randomToken, sha256, type FieldCrypto } from '../crypto/field-crypto.ts';
import { badRequest, conflict, forbidden, gone, notFound } from '../errors.ts';
import { normalizeIdNumber } from '../identity/id-number.ts';
import { createResidentStore, type ResidentStore } from '../identity/residents.ts';
import type { SmsSender } from '../identity/sms.ts';
import type { StaffMember } from '../identity/staff.ts';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import { createDeviceStore, type DeviceStore } from '../wallet-api/devices.ts';
import { creationOptions, verifyAssertion, verifyCreation, type WebAuthnRp } from '../wallet-api/webauthn.ts';
import type { CounterStore } from './counters.ts';
import { newCounterCode, normalizeCounterCode, normalizeDocumentNumber, recordView, upgradeChallenge, type DocumentType, type RecordView } from './protocol.ts';

/**
 * Counter cases: an in-person upgrade or a recovery.
 *
 *   upgrade:  pending ──staff checks the document──▶ staff_confirmed ──resident confirms (UV)──▶ completed
 *   recovery: (staff checks the document, issues a code) staff_confirmed ──new device bound──▶ completed
 *
 * Codes are one-time and short-lived (10 minutes for an upgrade, 30 for recovery) and kept
 * only as keyed hashes. The document number is kept as a keyed hash plus an encrypted copy.
 * Every staff action is audited in the action's own transaction, naming the staff member,
 * the counter and the resident.
 */
export const UPGRADE_TTL_MS = 10 * 60_000;
export const RECOVERY_TTL_MS = 30 * 60_000;

export type CaseStatus = 'pending' | 'staff_confirmed' | 'completed' | 'cancelled' | 'expired';
export type DocumentInput = { documentType: DocumentType; documentNumber: string };

export type CounterCaseDeps = {
  db: Db;
  crypto: FieldCrypto;
  audit: Audit;
  residents: ResidentStore;
  devices: DeviceStore;
  counters: CounterStore;
  rp: WebAuthnRp;
  sms: SmsSender;
  issuer: string;
  log: Logger;
};

type CaseRow = { id: string; kind: string; resident_id: string; status: string; expires_at: number; challenge: string; staff_id: string | null; counter_id: string | null };

export function createCounterCases(deps: CounterCaseDeps) {
  const { db, crypto: fc, audit, residents, devices, counters, rp } = deps;
  const codeHash = (code: string) => fc.lookupHash(`counter-code\n${code}`);
  const effective = (r: { status: string; expires_at: number }): CaseStatus =>
    (r.status === 'pending' || r.status === 'staff_confirmed') && Number(r.expires_at) <= Date.now() ? 'expired' : (r.status as CaseStatus);
  const staffDetail = (staff: StaffMember, extra: Record<string, unknown> = {}) => ({ staffId: staff.resident.id, counterId: staff.grant.counterId, ...extra });

  async function byCode(code: string, kind: 'upgrade' | 'recovery'): Promise<CaseRow> {
    const norm = normalizeCounterCode(code);
    const row = norm ? await db.selectFrom('counter_cases').selectAll().where('code_hash', '=', codeHash(norm)).executeTakeFirst() : undefined;
    if (!row || row.kind !== kind) throw notFound('unknown_code', 'There is no such code. Check it with the resident, or ask them to show a new one.');
    return row;
  }

  async function byToken(token: string): Promise<CaseRow> {
    const row = /^[A-Za-z0-9_-]{43}$/.test(token) ? await db.selectFrom('counter_cases').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst() : undefined;
    if (!row) throw notFound('unknown_upgrade', 'This upgrade request does not exist. Open "Upgrade at a counter" in the wallet again.');
    return row;
  }

  function assertStatus(row: CaseRow, wanted: CaseStatus) {
    const s = effective(row);
    if (s === 'expired') throw gone('code_expired', 'This code has expired. Ask the resident to show a new one.');
    if (s !== wanted) throw conflict('code_used', 'This code has already been used.');
  }

  /** A hkid is the identity card itself: its number must be the resident's identity number. */
  function checkDocument(input: DocumentInput, registryRef: string): string {
    const number = normalizeDocumentNumber(input.documentNumber);
    if (number.length < 5 || number.length > 20 || !/^[A-Z0-9]+$/.test(number)) throw badRequest('invalid_document_number', 'The document number is not valid: 5 to 20 letters and digits.');
    if (input.documentType === 'hkid') {
      const id = normalizeIdNumber(number);
      if (!id) throw badRequest('invalid_document_number', 'This is not a valid identity card number. It looks like A123456(7).');
      if (fc.lookupHash(id) !== registryRef) throw badRequest('document_mismatch', 'The identity card number on the document does not match this resident.');
    }
    return number;
  }

  const documentColumns = (caseId: string, input: DocumentInput, number: string) => ({
    document_type: input.documentType,
    document_hash: fc.lookupHash(`document\n${input.documentType}\n${number}`),
    document_enc: fc.encrypt(number, `counter-case\n${caseId}\ndocument`),
  });

  async function residentRecord(residentId: string): Promise<{ registryRef: string; view: RecordView; phone: string }> {
    const r = await db.selectFrom('residents').select('registry_ref').where('id', '=', residentId).executeTakeFirst();
    const resident = await residents.findById(residentId);
    if (!r || !resident) throw notFound('unknown_resident', 'This resident no longer exists.');
    return { registryRef: r.registry_ref, view: recordView(resident.profile), phone: resident.profile.phone };
  }

  async function newCase(trx: Db, kind: 'upgrade' | 'recovery', residentId: string, ttl: number, extra: Partial<{ token_hash: string; status: CaseStatus; staff_id: string; counter_id: string | null; staff_confirmed_at: number }>) {
    const id = crypto.randomUUID();
    const code = newCounterCode();
    const now = Date.now();
    // Only one open case of a kind per resident: a new code replaces the last one.
    await trx.updateTable('counter_cases').set({ status: 'cancelled' }).where('resident_id', '=', residentId).where('kind', '=', kind).where('status', 'in', ['pending', 'staff_confirmed']).execute();
    await trx
      .insertInto('counter_cases')
      .values({
        id,
        kind,
        resident_id: residentId,
        code_hash: codeHash(normalizeCounterCode(code)!),
        token_hash: extra.token_hash ?? null,
        challenge: randomToken(),
        status: extra.status ?? 'pending',
        staff_id: extra.staff_id ?? null,
        counter_id: extra.counter_id ?? null,
        document_type: null,
        document_hash: null,
        document_enc: null,
        expires_at: now + ttl,
        created_at: now,
        staff_confirmed_at: extra.staff_confirmed_at ?? null,
        completed_at: null,
      })
      .execute();
    return { id, code, expiresAt: now + ttl };
  }

  return {
    /** The wallet's "Upgrade at a counter": a code for staff and a link for the resident's own confirmation. */
    async openUpgrade(residentId: string): Promise<{ code: string; url: string; expiresAt: number }> {
      const resident = await residents.findById(residentId);
      if (!resident || resident.status !== 'active') throw forbidden('resident_locked', 'This digital identity is locked. Contact the helpline.');
      if (resident.assurance === 'plus') throw conflict('already_plus', 'Your identity is already at the plus level.');
      const token = randomToken();
      const opened = await inTransaction(db, async (trx) => {
        const c = await newCase(trx, 'upgrade', residentId, UPGRADE_TTL_MS, { token_hash: sha256(token) });
        await audit.record(trx, { type: 'counter.upgrade.requested', outcome: 'success', residentId });
        return c;
      });
      return { code: opened.code, url: `${deps.issuer}/wallet/upgrade#${token}`, expiresAt: opened.expiresAt };
    },

    /** Staff type or scan the resident's code and see the registry record to compare. */
    async viewUpgrade(staff: StaffMember, code: string): Promise<{ caseId: string; record: RecordView; expiresAt: number }> {
      const row = await byCode(code, 'upgrade');
      assertStatus(row, 'pending');
      if (row.resident_id === staff.resident.id) throw forbidden('own_case', 'Staff cannot check their own identity. Ask a colleague.');
      const { view } = await residentRecord(row.resident_id);
      await audit.record(db, { type: 'counter.record.viewed', outcome: 'success', residentId: row.resident_id, detail: staffDetail(staff, { caseId: row.id, kind: 'upgrade' }) });
      return { caseId: row.id, record: view, expiresAt: Number(row.expires_at) };
    },

    /** The staff member's half: the document was checked in person; its type and number are recorded. */
    async confirmUpgrade(staff: StaffMember, code: string, doc: DocumentInput): Promise<{ caseId: string; residentId: string; expiresAt: number }> {
      const row = await byCode(code, 'upgrade');
      assertStatus(row, 'pending');
      if (row.resident_id === staff.resident.id) throw forbidden('own_case', 'Staff cannot check their own identity. Ask a colleague.');
      const { registryRef } = await residentRecord(row.resident_id);
      const number = checkDocument(doc, registryRef);
      await inTransaction(db, async (trx) => {
        const now = Date.now();
        const res = await trx
          .updateTable('counter_cases')
          .set({ status: 'staff_confirmed', staff_id: staff.resident.id, counter_id: staff.grant.counterId, staff_confirmed_at: now, ...documentColumns(row.id, doc, number) })
          .where('id', '=', row.id)
          .where('status', '=', 'pending')
          .where('expires_at', '>', now)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('code_used', 'This code has already been used.');
        await audit.record(trx, { type: 'counter.upgrade.staff_confirmed', outcome: 'success', residentId: row.resident_id, detail: staffDetail(staff, { caseId: row.id, documentType: doc.documentType }) });
      });
      return { caseId: row.id, residentId: row.resident_id, expiresAt: Number(row.expires_at) };
    },

    /** What the wallet shows for its upgrade link: where it stands, and the nonce to sign. */
    async describeUpgrade(token: string) {
      const row = await byToken(token);
      const counter = row.counter_id ? await counters.find(row.counter_id) : undefined;
      return { status: effective(row), nonce: row.challenge, rpId: rp.rpId, expiresAt: Number(row.expires_at), counter: counter ? { id: counter.id, name: counter.name } : null };
    },

    /** The resident's half, after the staff member's: with both, the resident is at the plus level. */
    async approveUpgrade(token: string, credential: AuthenticationResponseJSON): Promise<{ assurance: 'plus' }> {
      const row = await byToken(token);
      const s = effective(row);
      if (s === 'pending') throw conflict('awaiting_staff', 'The counter staff have not confirmed your document yet. Show them your code first.');
      assertStatus(row, 'staff_confirmed');
      const device = await devices.find(credential.id);
      if (!device || device.residentId !== row.resident_id) throw forbidden('wrong_device', 'Confirm on a phone registered to the identity being upgraded.');
      const counter = await verifyAssertion(rp, credential, upgradeChallenge(row.challenge), device);
      await inTransaction(db, async (trx) => {
        const now = Date.now();
        const res = await trx.updateTable('counter_cases').set({ status: 'completed', completed_at: now }).where('id', '=', row.id).where('status', '=', 'staff_confirmed').where('expires_at', '>', now).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('code_used', 'This upgrade has already been completed.');
        await trx.updateTable('residents').set({ assurance: 'plus' }).where('id', '=', row.resident_id).where('status', '=', 'active').execute();
        await createDeviceStore(trx).touch(device.id, counter);
        await audit.record(trx, { type: 'counter.upgrade.completed', outcome: 'success', residentId: row.resident_id, detail: { staffId: row.staff_id, counterId: row.counter_id, caseId: row.id } });
      });
      return { assurance: 'plus' };
    },

    /** Recovery, first step: staff find the resident by the identity number on the document (its keyed hash). */
    async findForRecovery(staff: StaffMember, idNumber: string): Promise<{ residentId: string; record: RecordView; devices: number }> {
      const id = normalizeIdNumber(idNumber);
      if (!id) throw badRequest('invalid_id_number', 'This is not a valid identity card number. It looks like A123456(7).');
      const residentId = await residents.findIdByRegistryRef(fc.lookupHash(id));
      if (!residentId) throw notFound('unknown_resident', 'No digital identity is registered for this identity card number.');
      if (residentId === staff.resident.id) throw forbidden('own_case', 'Staff cannot recover their own identity. Ask a colleague.');
      const { view } = await residentRecord(residentId);
      const count = (await devices.listForResident(residentId)).length;
      await audit.record(db, { type: 'counter.record.viewed', outcome: 'success', residentId, detail: staffDetail(staff, { kind: 'recovery' }) });
      return { residentId, record: view, devices: count };
    },

    /** Recovery, second step: the document checked and recorded, a one-time code for a new device. */
    async issueRecovery(staff: StaffMember, residentId: string, doc: DocumentInput): Promise<{ code: string; expiresAt: number }> {
      if (residentId === staff.resident.id) throw forbidden('own_case', 'Staff cannot recover their own identity. Ask a colleague.');
      const { registryRef } = await residentRecord(residentId);
      const number = checkDocument(doc, registryRef);
      return inTransaction(db, async (trx) => {
        const c = await newCase(trx, 'recovery', residentId, RECOVERY_TTL_MS, { status: 'staff_confirmed', staff_id: staff.resident.id, counter_id: staff.grant.counterId, staff_confirmed_at: Date.now() });
        await trx.updateTable('counter_cases').set(documentColumns(c.id, doc, number)).where('id', '=', c.id).execute();
        await audit.record(trx, { type: 'counter.recovery.issued', outcome: 'success', residentId, detail: staffDetail(staff, { caseId: c.id, documentType: doc.documentType }) });
        return { code: c.code, expiresAt: c.expiresAt };
      });
    },

    /** The new phone enters the recovery code: options to create its device key. */
    async startRecovery(code: string): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; expiresAt: number }> {
      const row = await byCode(code, 'recovery');
      assertStatus(row, 'staff_confirmed');
      const resident = await residents.findById(row.resident_id);
      if (!resident) throw notFound('unknown_resident', 'This resident no longer exists.');
      const r = resident.profile;
      const options = await creationOptions(rp, {
        handle: Buffer.from(resident.id.replaceAll('-', ''), 'hex'),
        name: [r.nameEn.family, r.nameEn.given].filter(Boolean).join(' '),
        displayName: r.nameZh || r.nameEn.family,
      });
      await db.updateTable('counter_cases').set({ challenge: options.challenge }).where('id', '=', row.id).execute();
      return { options, expiresAt: Number(row.expires_at) };
    },

    /** Binds the new device; every older device of the resident is revoked; the resident is told. */
    async completeRecovery(code: string, input: { credential: RegistrationResponseJSON; deviceName: string }): Promise<{ residentId: string; credentialId: string }> {
      const row = await byCode(code, 'recovery');
      assertStatus(row, 'staff_confirmed');
      const credential = await verifyCreation(rp, input.credential, row.challenge);
      const revoked = await inTransaction(db, async (trx) => {
        const now = Date.now();
        const res = await trx.updateTable('counter_cases').set({ status: 'completed', completed_at: now }).where('id', '=', row.id).where('status', '=', 'staff_confirmed').where('expires_at', '>', now).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('code_used', 'This recovery code has already been used.');
        const old = await trx.selectFrom('device_credentials').select('id').where('resident_id', '=', row.resident_id).execute();
        await trx.deleteFrom('wallet_sessions').where('resident_id', '=', row.resident_id).execute();
        await trx.deleteFrom('device_credentials').where('resident_id', '=', row.resident_id).execute();
        if (await createDeviceStore(trx).find(credential.id)) throw conflict('device_exists', 'This device credential is already registered.');
        await createDeviceStore(trx).add(row.resident_id, credential, input.deviceName);
        await audit.record(trx, { type: 'counter.recovery.completed', outcome: 'success', residentId: row.resident_id, detail: { staffId: row.staff_id, counterId: row.counter_id, caseId: row.id, devicesRevoked: old.length } });
        return old.length;
      });
      await notifyRecovered(row.resident_id, revoked);
      return { residentId: row.resident_id, credentialId: credential.id };
    },
  };

  /** Told on every channel the resident has: a text message to the registry's number (the only channel today). */
  async function notifyRecovered(residentId: string, revoked: number): Promise<void> {
    const resident = await createResidentStore({ db, crypto: fc }).findById(residentId);
    if (!resident?.profile.phone) return;
    try {
      await deps.sms.send(resident.profile.phone, `Yat: your digital identity was moved to a new phone at a registration counter. ${revoked} old device(s) can no longer be used. If this was not you, call 1823 at once.`);
    } catch (err) {
      // The recovery stands; the message is best effort and its failure is logged for the operators.
      deps.log.error({ err: (err as Error).message, residentId }, 'recovery notice could not be sent');
    }
  }
}

export type CounterCases = ReturnType<typeof createCounterCases>;
