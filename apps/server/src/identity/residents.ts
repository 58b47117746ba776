import crypto from 'node:crypto';
import { emptyResidentProfile, type ResidentProfile, type ResidentProfilePatch } from '../consent/resident-profile.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Db } from '../storage/db.ts';
import { prepared } from '../storage/prepared.ts';
import type { Environment } from './environments.ts';
import type { RegistryRecord } from './registry.ts';

export type Assurance = 'standard' | 'plus';
export type ResidentStatus = 'active' | 'locked';
export type Resident = {
  id: string;
  assurance: Assurance;
  status: ResidentStatus;
  profile: RegistryRecord;
  createdAt: number;
  /** A sandbox identity (made in the developer console) or a real resident: environments.ts. */
  environment: Environment;
};

export const acrFor = (a: Assurance): string => `urn:yat:loa:${a}`;
export const acrValues = [acrFor('standard'), acrFor('plus')];

/**
 * Residents are the people who have registered a digital identity. The registry record
 * verified at registration is kept encrypted with the resident's id as associated data;
 * the only clear-text link to the registry is the keyed hash of the identity number.
 */
// The lookup a login makes most (the provider's account, the wallet's checks): compiled once.
const residentById = prepared((db, arg) =>
  db
    .selectFrom('residents')
    .leftJoin('sandbox_identities', 'sandbox_identities.id_hash', 'residents.registry_ref')
    .select(['residents.id', 'residents.assurance', 'residents.status', 'residents.profile_enc', 'residents.created_at', 'residents.resident_profile_enc', 'sandbox_identities.id_hash as sandbox'])
    .where('residents.id', '=', arg(0)),
);

export function createResidentStore(deps: { db: Db; crypto: FieldCrypto }) {
  const { db, crypto: fc } = deps;
  // The sealed e-ME fields read with a resident, opened only if asked for (a token's claims).
  const sealedProfiles = new WeakMap<Resident, string | null>();
  const toResident = (row: { id: string; assurance: string; status: string; profile_enc: string; created_at: number; sandbox: string | null; resident_profile_enc: string | null }): Resident => {
    const resident: Resident = {
      id: row.id,
      assurance: row.assurance as Assurance,
      status: row.status as ResidentStatus,
      profile: fc.decryptJson<RegistryRecord>(row.profile_enc, row.id),
      createdAt: Number(row.created_at),
      environment: row.sandbox === null ? 'production' : 'sandbox',
    };
    sealedProfiles.set(resident, row.resident_profile_enc);
    return resident;
  };
  const openResidentProfile = (id: string, sealed: string | null | undefined): ResidentProfile => {
    const stored = sealed ? fc.decryptJson<Partial<ResidentProfile>>(sealed, `${id}\nresident-profile`) : {};
    return { ...emptyResidentProfile(), ...stored };
  };

  return {
    /** One query for what a sign-in needs to know of the resident, their environment included. */
    async findById(id: string): Promise<Resident | undefined> {
      const row = (await residentById(db, id)).rows[0];
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
      return openResidentProfile(id, row?.resident_profile_enc);
    },

    /** The e-ME fields as they were when `resident` was read (no second query). */
    residentProfileOf(resident: Resident): ResidentProfile {
      return openResidentProfile(resident.id, sealedProfiles.get(resident));
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
