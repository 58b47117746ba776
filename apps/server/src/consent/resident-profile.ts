import { z } from 'zod';

/**
 * The resident-maintained part of the e-ME record: what the registry does not know and the
 * resident keeps up to date in the wallet. Values are codes (stable across languages); the
 * wallet shows them with its own labels. `null` clears a value.
 */
export const educationLevels = ['primary', 'secondary', 'post_secondary', 'bachelor', 'postgraduate'] as const;
export const maritalStatuses = ['single', 'married', 'divorced', 'widowed', 'separated'] as const;
export const titles = ['mr', 'mrs', 'ms', 'miss', 'dr', 'prof'] as const;

export type ResidentProfile = {
  preferred_email: string | null;
  preferred_phone: string | null;
  postal_address: string | null;
  education_level: (typeof educationLevels)[number] | null;
  marital_status: (typeof maritalStatuses)[number] | null;
  title: (typeof titles)[number] | null;
};

export const emptyResidentProfile = (): ResidentProfile => ({
  preferred_email: null,
  preferred_phone: null,
  postal_address: null,
  education_level: null,
  marital_status: null,
  title: null,
});

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** A partial update; unknown keys are refused so a typo is not silently dropped. */
export const residentProfilePatch = z.strictObject({
  preferred_email: z.preprocess(blankToNull, z.email('must be an email address').max(254).nullable()).optional(),
  preferred_phone: z.preprocess(blankToNull, z.string().trim().regex(/^\+?[0-9 -]{8,20}$/, 'must be a phone number such as +852 9123 4567').nullable()).optional(),
  postal_address: z.preprocess(blankToNull, z.string().trim().max(300).nullable()).optional(),
  education_level: z.enum(educationLevels).nullable().optional(),
  marital_status: z.enum(maritalStatuses).nullable().optional(),
  title: z.enum(titles).nullable().optional(),
});
export type ResidentProfilePatch = z.infer<typeof residentProfilePatch>;

/** The claims the resident-maintained fields release; unset values are not claims. */
export function claimsFromResidentProfile(p: ResidentProfile): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== null && v !== undefined) out[`yat:${k}`] = v;
  return out;
}
