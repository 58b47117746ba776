import crypto from 'node:crypto';
import type { PublicKeyCredentialCreationOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { Audit } from '../audit/audit.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import { badRequest, conflict, gone, notFound, tooMany } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import { inTransaction } from '../storage/transaction.ts';
import { createDeviceStore } from '../wallet-api/devices.ts';
import { creationOptions, verifyCreation, type WebAuthnRp } from '../wallet-api/webauthn.ts';
import { normalizeIdNumber } from './id-number.ts';
import type { Lockout } from './lockout.ts';
import type { Registry, RegistryRecord } from './registry.ts';
import { createResidentStore } from './residents.ts';
import type { SmsSender } from './sms.ts';

/**
 * Self-registration at the standard assurance level, as a state machine a client cannot
 * skip through: details matched against the civil registry → one-time code to the phone
 * number the registry holds → a device credential bound to the resident.
 *   code_sent → verified → completed   (or → failed after too many wrong codes)
 */
export const CODE_TTL_MS = 10 * 60_000;
export const MAX_CODE_ATTEMPTS = 5;

export type RegistrationDeps = {
  db: Db;
  crypto: FieldCrypto;
  registry: Registry;
  sms: SmsSender;
  lockout: Lockout;
  audit: Audit;
  rp: WebAuthnRp;
};

const mismatch = () => badRequest('details_mismatch', 'These details do not match the civil registry. Check the identity card number and date of birth.');

export function createRegistration(deps: RegistrationDeps) {
  const { db, crypto: fc, registry, sms, lockout, audit, rp } = deps;
  const otpHash = (id: string, code: string) => fc.lookupHash(`otp\n${id}\n${code}`);

  async function load(id: string) {
    const row = /^[0-9a-f-]{36}$/.test(id) ? await db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (!row) throw notFound('unknown_registration', 'This registration does not exist. Start again.');
    if (Number(row.expires_at) <= Date.now() && row.status !== 'completed') throw gone('registration_expired', 'This registration has expired. Start again.');
    return row;
  }

  async function assertNotLocked(key: string) {
    const until = await lockout.lockedUntil(key);
    if (until) {
      const minutes = Math.ceil((until - Date.now()) / 60_000);
      throw tooMany('registration_locked', `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    }
  }

  return {
    async start(input: { idNumber: string; dob: string }): Promise<{ registrationId: string; phoneHint: string; expiresAt: number }> {
      const idNumber = normalizeIdNumber(input.idNumber);
      if (!idNumber) throw badRequest('invalid_id_number', 'The identity card number is not valid. It looks like A123456(7).');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dob)) throw badRequest('invalid_dob', 'The date of birth must be written as YYYY-MM-DD.');
      const idHash = fc.lookupHash(idNumber);
      const lockKey = `registration:${idHash}`;
      await assertNotLocked(lockKey);
      const record = await registry.find(idNumber);
      if (!record || record.dob !== input.dob) {
        await inTransaction(db, async (trx) => {
          await lockout.fail(lockKey, Date.now(), trx);
          await audit.record(trx, { type: 'registration.failed', outcome: 'failure', detail: { reason: 'details_mismatch' } });
        });
        throw mismatch();
      }
      const id = crypto.randomUUID();
      const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
      const now = Date.now();
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('registrations')
          .values({ id, id_hash: idHash, otp_hash: otpHash(id, code), attempts: 0, status: 'code_sent', challenge: fc.encryptJson(record, id), expires_at: now + CODE_TTL_MS, created_at: now })
          .execute();
        await audit.record(trx, { type: 'registration.started', outcome: 'success' });
      });
      await sms.send(record.phone, `Yat: your registration code is ${code}. It expires in 10 minutes. Never share it with anyone.`);
      return { registrationId: id, phoneHint: `•••• ${record.phone.slice(-4)}`, expiresAt: now + CODE_TTL_MS };
    },

    async verify(id: string, code: string): Promise<{ options: PublicKeyCredentialCreationOptionsJSON }> {
      const row = await load(id);
      const lockKey = `registration:${row.id_hash}`;
      await assertNotLocked(lockKey);
      if (row.status !== 'code_sent') throw conflict('wrong_step', 'This registration is not waiting for a code.');
      // An attempt is claimed before the code is compared, in one statement: however many
      // guesses arrive at once, no more than MAX_CODE_ATTEMPTS are ever compared.
      const claim = await db
        .updateTable('registrations')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('status', '=', 'code_sent')
        .where('attempts', '<', MAX_CODE_ATTEMPTS)
        .returning('attempts')
        .executeTakeFirst();
      if (!claim) throw tooMany('too_many_attempts', 'Too many wrong codes. Start the registration again.');
      const attempts = Number(claim.attempts);
      const given = Buffer.from(otpHash(id, String(code)));
      const expected = Buffer.from(row.otp_hash);
      if (!/^\d{6}$/.test(String(code)) || !crypto.timingSafeEqual(given, expected)) {
        const failed = attempts >= MAX_CODE_ATTEMPTS;
        await inTransaction(db, async (trx) => {
          if (failed) await trx.updateTable('registrations').set({ status: 'failed' }).where('id', '=', id).where('status', '=', 'code_sent').execute();
          await lockout.fail(lockKey, Date.now(), trx);
          await audit.record(trx, { type: 'registration.failed', outcome: 'failure', detail: { reason: 'invalid_code', attempts } });
        });
        if (failed) throw tooMany('too_many_attempts', 'Too many wrong codes. Start the registration again.');
        throw badRequest('invalid_code', `The code is not correct. ${MAX_CODE_ATTEMPTS - attempts} attempt${MAX_CODE_ATTEMPTS - attempts === 1 ? '' : 's'} left.`);
      }
      const record = fc.decryptJson<RegistryRecord>(row.challenge!, id);
      const options = await creationOptions(rp, {
        handle: Buffer.from(id.replaceAll('-', ''), 'hex'),
        name: record.nameEn.given ? `${record.nameEn.family} ${record.nameEn.given}` : record.nameEn.family,
        displayName: record.nameZh || record.nameEn.family,
      });
      // The verified registry record rides along, encrypted, until the credential is bound.
      await inTransaction(db, async (trx) => {
        const res = await trx
          .updateTable('registrations')
          .set({ status: 'verified', challenge: fc.encryptJson({ record, challenge: options.challenge }, id) })
          .where('id', '=', id)
          .where('status', '=', 'code_sent')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw conflict('wrong_step', 'This registration is not waiting for a code.');
        await lockout.clear(lockKey, trx);
        await audit.record(trx, { type: 'registration.verified', outcome: 'success' });
      });
      return { options };
    },

    async complete(id: string, input: { credential: RegistrationResponseJSON; deviceName: string }): Promise<{ residentId: string; credentialId: string }> {
      const row = await load(id);
      if (row.status !== 'verified') throw conflict('wrong_step', 'Verify the one-time code first.');
      const { record, challenge } = fc.decryptJson<{ record: RegistryRecord; challenge: string }>(row.challenge!, id);
      const credential = await verifyCreation(rp, input.credential, challenge);
      // One transaction: a crash leaves either no resident and an open registration, or the resident, device and audit event.
      const residentId = await inTransaction(db, async (trx) => {
        const claimed = await trx.updateTable('registrations').set({ status: 'completed' }).where('id', '=', id).where('status', '=', 'verified').executeTakeFirst();
        if (Number(claimed.numUpdatedRows) !== 1) throw conflict('wrong_step', 'This registration is already complete.');
        const rid = await createResidentStore({ db: trx, crypto: fc }).upsertFromRegistry(row.id_hash, record);
        if (await createDeviceStore(trx).find(credential.id)) throw conflict('device_exists', 'This device credential is already registered.');
        await createDeviceStore(trx).add(rid, credential, input.deviceName);
        await audit.record(trx, { type: 'registration.completed', outcome: 'success', residentId: rid, detail: { device: input.deviceName } });
        return rid;
      });
      return { residentId, credentialId: credential.id };
    },
  };
}

export type Registration = ReturnType<typeof createRegistration>;
