import crypto from 'node:crypto';
import { emptyResidentProfile, type ResidentProfile, type ResidentProfilePatch } from '../consent/resident-profile.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Db } from '../storage/db.ts';
import type { RegistryRecord } from './registry.ts';

export type Assurance = 'standard' | 'plus';
export type ResidentStatus = 'active' | 'locked';
export type Resident = {
  id: string;
  assurance: Assurance;
  status: ResidentStatus;
  profile: RegistryRecord;
  createdAt: number;
};

export const acrFor = (a: Assurance): string => `urn:yat:loa:${a}`;
export const acrValues = [acrFor('standard'), acrFor('plus')];

/**
 * Residents are the people who have registered a digital identity. The registry record
 * verified at registration is kept encrypted with the resident's id as associated data;
 * the only clear-text link to the registry is the keyed hash of the identity number.
 */
export function createResidentStore(deps: { db: Db; crypto: FieldCrypto }) {
  const { db, crypto: fc } = deps;
  const toResident = (row: { id: string; assurance: string; status: string; profile_enc: string; created_at: number }): Resident => ({
    id: row.id,
    assurance: row.assurance as Assurance,
    status: row.status as ResidentStatus,
    profile: fc.decryptJson<RegistryRecord>(row.profile_enc, row.id),
    createdAt: Number(row.created_at),
  });

  return {
    async findById(id: string): Promise<Resident | undefined> {
      const row = await db.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toResident(row) : undefined;
    },

    async findIdByRegistryRef(registryRef: string): Promise<string | undefined> {
      const row = await db.selectFrom('residents').select('id').where('registry_ref', '=', registryRef).executeTakeFirst();
      return row?.id;
    },

    /** Creates the resident, or refreshes the verified profile of an existing one. */
    async upsertFromRegistry(registryRef: string, profile: RegistryRecord, assurance: Assurance = 'standard'): Promise<string> {
      const existing = await this.findIdByRegistryRef(registryRef);
      const id = existing ?? crypto.randomUUID();
      const profile_enc = fc.encryptJson(profile, id);
      if (existing) {
        await db.updateTable('residents').set({ profile_enc }).where('id', '=', id).execute();
      } else {
        await db
          .insertInto('residents')
          .values({ id, registry_ref: registryRef, profile_enc, assurance, status: 'active', created_at: Date.now() })
          .execute();
      }
      return id;
    },

    /** The resident-maintained e-ME fields (encrypted under a context of their own). */
    async residentProfile(id: string, exec: Db = db): Promise<ResidentProfile> {
      const row = await exec.selectFrom('residents').select('resident_profile_enc').where('id', '=', id).executeTakeFirst();
      const stored = row?.resident_profile_enc ? fc.decryptJson<Partial<ResidentProfile>>(row.resident_profile_enc, `${id}\nresident-profile`) : {};
      return { ...emptyResidentProfile(), ...stored };
    },

    /** `exec`: the caller's transaction, when the edit is written with its audit event. */
    async updateResidentProfile(id: string, patch: ResidentProfilePatch, exec: Db = db): Promise<ResidentProfile> {
      const next = { ...(await this.residentProfile(id, exec)), ...patch } as ResidentProfile;
      const resident_profile_enc = fc.encryptJson(next, `${id}\nresident-profile`);
      await exec.updateTable('residents').set({ resident_profile_enc }).where('id', '=', id).execute();
      return next;
    },

    async setStatus(id: string, status: ResidentStatus): Promise<void> {
      await db.updateTable('residents').set({ status }).where('id', '=', id).execute();
    },
  };
}

export type ResidentStore = ReturnType<typeof createResidentStore>;
