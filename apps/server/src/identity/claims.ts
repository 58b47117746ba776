import { formatIdNumber } from './id-number.ts';
import type { RegistryRecord } from './registry.ts';

const genders = { M: 'male', F: 'female', X: 'other' } as const;

/**
 * Every claim the platform can release about a resident; consent decides which leave.
 * Values the registry does not hold (an empty string) are not claims at all.
 */
export function claimsFromProfile(p: RegistryRecord): Record<string, unknown> {
  const all: Record<string, unknown> = {
    name: `${p.nameEn.family} ${p.nameEn.given}`,
    family_name: p.nameEn.family,
    given_name: p.nameEn.given,
    'yat:name_zh': p.nameZh,
    birthdate: p.dob,
    gender: genders[p.gender],
    email: p.email,
    // The registry's email was never proven by us; the phone received the registration code.
    email_verified: false,
    phone_number: p.phone,
    phone_number_verified: true,
    address: { formatted: `${p.address.line}, ${p.address.district}`, street_address: p.address.line, locality: p.address.district, country: 'HK' },
    'yat:id_number': formatIdNumber(p.idNumber),
  };
  const absent = [!p.email && ['email', 'email_verified'], !p.phone && ['phone_number', 'phone_number_verified'], !p.nameZh && ['yat:name_zh'], !p.address.line && ['address']];
  for (const names of absent) for (const n of names || []) delete all[n];
  return all;
}
