import crypto from 'node:crypto';
import type { Audit } from '../../audit/audit.ts';
import type { FieldCrypto } from '../../crypto/field-crypto.ts';
import { conflict } from '../../errors.ts';
import { GENERATED_ID_CAPACITY, idNumberFromIndex } from '../../identity/id-number.ts';
import { parseRegistryRecord, sealRecord, type RegistryRecord } from '../../identity/registry.ts';
import type { Db } from '../../storage/db.ts';
import { inTransaction } from '../../storage/transaction.ts';
import { actedBy, actorRef, type Actor, type Organisations } from './organisations.ts';

/**
 * Sandbox identities: synthetic residents a developer makes to try a sandbox service. Each is
 * a record in the embedded registry (so `yat wallet register` and the wallet app register it as
 * any resident) with a number from the last block of generated numbers (prefix ZZ, which
 * `yat registry seed` reaches only after 70 million records), listed in `sandbox_identities`:
 * that row is what makes it a sandbox identity (identity/environments.ts). The one-time code
 * goes to the phone number the developer gives, theirs.
 */
const SANDBOX_FIRST = GENERATED_ID_CAPACITY - 1_000_000;

export type SandboxInput = { family: string; given: string; nameZh?: string; dob: string; phone: string; email?: string };

export function createSandbox(deps: { db: Db; crypto: FieldCrypto; audit: Audit; organisations: Organisations }) {
  const { db, audit } = deps;
  const context = (idHash: string) => `sandbox-identity\n${idHash}`;

  return {
    async create(actor: Actor, organisationId: string, input: SandboxInput): Promise<RegistryRecord> {
      await deps.organisations.membership(actor, organisationId);
      for (let attempt = 0; attempt < 5; attempt++) {
        const idNumber = idNumberFromIndex(SANDBOX_FIRST + crypto.randomInt(0, 1_000_000));
        const record = parseRegistryRecord({ idNumber, nameEn: { family: input.family, given: input.given }, nameZh: input.nameZh ?? '', dob: input.dob, gender: 'X', address: { line: '', district: '' }, phone: input.phone, email: input.email ?? '' });
        const sealed = sealRecord(deps.crypto, record);
        const taken = await db.selectFrom('registry_records').select('id_hash').where('id_hash', '=', sealed.id_hash).executeTakeFirst();
        if (taken) continue;
        await inTransaction(db, async (trx) => {
          await trx.insertInto('registry_records').values(sealed).execute();
          await trx.insertInto('sandbox_identities').values({ id_hash: sealed.id_hash, organisation_id: organisationId, record_enc: deps.crypto.encryptJson(record, context(sealed.id_hash)), created_by: actorRef(actor), created_at: Date.now() }).execute();
          await audit.record(trx, { type: 'sandbox.identity_created', outcome: 'success', ...actedBy(actor, { organisationId }) });
        });
        return record;
      }
      throw conflict('try_again', 'No free sandbox identity number was found. Try again.');
    },

    async list(actor: Actor, organisationId: string): Promise<Array<RegistryRecord & { createdAt: number }>> {
      await deps.organisations.membership(actor, organisationId);
      const rows = await db.selectFrom('sandbox_identities').selectAll().where('organisation_id', '=', organisationId).orderBy('created_at').execute();
      return rows.map((r) => ({ ...deps.crypto.decryptJson<RegistryRecord>(r.record_enc, context(r.id_hash)), createdAt: Number(r.created_at) }));
    },
  };
}

export type Sandbox = ReturnType<typeof createSandbox>;
