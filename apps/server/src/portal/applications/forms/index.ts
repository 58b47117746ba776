import { applyPublicRentalHousing } from './apply-public-rental-housing.ts';
import { businessRegistration } from './business-registration.ts';
import { certifiedCopyBirthRecord } from './certified-copy-birth-record.ts';
import { registerAsVoter } from './register-as-voter.ts';
import { renewDrivingLicence } from './renew-driving-licence.ts';
import type { FormDefinition } from './schema.ts';

/** The hosted services: the catalogue's "Start now" for these goes to /apply/<slug>. */
export const hostedForms: readonly FormDefinition[] = [renewDrivingLicence, registerAsVoter, certifiedCopyBirthRecord, applyPublicRentalHousing, businessRegistration];

const bySlug = new Map(hostedForms.map((f) => [f.slug, f]));
export const formBySlug = (slug: string): FormDefinition | undefined => bySlug.get(slug);
