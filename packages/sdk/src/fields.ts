/**
 * The e-ME fields a service can ask for, and the claims each one arrives as. The platform
 * publishes the same table (docs/integrate.md); a service asks by field name and reads
 * the answer back by field name.
 */
export const fieldClaims = {
  name_en: ['name', 'family_name', 'given_name'],
  name_zh: ['yat:name_zh'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
  id_number: ['yat:id_number'],
  preferred_email: ['yat:preferred_email'],
  preferred_phone: ['yat:preferred_phone'],
  postal_address: ['yat:postal_address'],
  education_level: ['yat:education_level'],
  marital_status: ['yat:marital_status'],
  title: ['yat:title'],
} as const satisfies Record<string, readonly string[]>;

export type FieldName = keyof typeof fieldClaims;
export const fieldNames = Object.keys(fieldClaims) as FieldName[];

export const isFieldName = (name: string): name is FieldName => Object.hasOwn(fieldClaims, name);

/** The OIDC `claims` parameter asking for exactly these fields (in the ID token and from userinfo). */
export function claimsRequestFor(fields: readonly FieldName[]): { id_token: Record<string, null>; userinfo: Record<string, null> } {
  const wanted = Object.fromEntries(fields.flatMap((f) => fieldClaims[f].map((c) => [c, null] as const)));
  return { id_token: { ...wanted }, userinfo: { ...wanted } };
}

/**
 * The released fields as plain values, by field name. A field the resident declined is
 * absent (never an empty string), so a form can leave it for the resident to fill in.
 */
export function fieldsFromClaims(claims: Record<string, unknown>): Partial<Record<FieldName, string>> {
  const out: Partial<Record<FieldName, string>> = {};
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const set = (k: FieldName, v: string | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('name_en', str(claims.name));
  set('name_zh', str(claims['yat:name_zh']));
  set('birthdate', str(claims.birthdate));
  set('gender', str(claims.gender));
  set('email', str(claims.email));
  set('phone', str(claims.phone_number));
  set('address', str((claims.address as { formatted?: unknown } | undefined)?.formatted));
  set('id_number', str(claims['yat:id_number']));
  for (const k of ['preferred_email', 'preferred_phone', 'postal_address', 'education_level', 'marital_status', 'title'] as const) set(k, str(claims[`yat:${k}`]));
  return out;
}
