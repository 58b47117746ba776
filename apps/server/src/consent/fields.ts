/**
 * The e-ME fields: what a service may ask for and a resident may share. Each field has a
 * stable name (used by the wallet and `--share`), the OpenID Connect scope that asks for it,
 * the claims it releases (standard OIDC claims where they exist, `yat:`-namespaced ones
 * where they do not), a label in the three languages, and where the value comes from.
 */
export type Lang = 'en' | 'zh-Hant' | 'zh-Hans';
export type FieldName = (typeof fields)[number]['name'];
export type Field = {
  name: string;
  scope: string;
  claims: readonly string[];
  source: 'registry' | 'resident';
  label: Record<Lang, string>;
};

export const fields = [
  { name: 'name_en', scope: 'profile', claims: ['name', 'family_name', 'given_name'], source: 'registry', label: { en: 'Name in English', 'zh-Hant': '英文姓名', 'zh-Hans': '英文姓名' } },
  { name: 'name_zh', scope: 'profile', claims: ['yat:name_zh'], source: 'registry', label: { en: 'Name in Chinese', 'zh-Hant': '中文姓名', 'zh-Hans': '中文姓名' } },
  { name: 'birthdate', scope: 'profile', claims: ['birthdate'], source: 'registry', label: { en: 'Date of birth', 'zh-Hant': '出生日期', 'zh-Hans': '出生日期' } },
  { name: 'gender', scope: 'profile', claims: ['gender'], source: 'registry', label: { en: 'Gender', 'zh-Hant': '性別', 'zh-Hans': '性别' } },
  { name: 'email', scope: 'email', claims: ['email', 'email_verified'], source: 'registry', label: { en: 'Email address', 'zh-Hant': '電郵地址', 'zh-Hans': '电邮地址' } },
  { name: 'phone', scope: 'phone', claims: ['phone_number', 'phone_number_verified'], source: 'registry', label: { en: 'Mobile phone number', 'zh-Hant': '手提電話號碼', 'zh-Hans': '手提电话号码' } },
  { name: 'address', scope: 'address', claims: ['address'], source: 'registry', label: { en: 'Residential address', 'zh-Hant': '住址', 'zh-Hans': '住址' } },
  { name: 'id_number', scope: 'yat:id_number', claims: ['yat:id_number'], source: 'registry', label: { en: 'Identity card number', 'zh-Hant': '身份證號碼', 'zh-Hans': '身份证号码' } },
  // Resident-maintained: the resident keeps these up to date in the wallet; each has its own scope.
  { name: 'preferred_email', scope: 'yat:preferred_email', claims: ['yat:preferred_email'], source: 'resident', label: { en: 'Preferred email address', 'zh-Hant': '首選電郵地址', 'zh-Hans': '首选电邮地址' } },
  { name: 'preferred_phone', scope: 'yat:preferred_phone', claims: ['yat:preferred_phone'], source: 'resident', label: { en: 'Preferred contact number', 'zh-Hant': '首選聯絡電話', 'zh-Hans': '首选联络电话' } },
  { name: 'postal_address', scope: 'yat:postal_address', claims: ['yat:postal_address'], source: 'resident', label: { en: 'Postal address', 'zh-Hant': '通訊地址', 'zh-Hans': '通讯地址' } },
  { name: 'education_level', scope: 'yat:education_level', claims: ['yat:education_level'], source: 'resident', label: { en: 'Education level', 'zh-Hant': '教育程度', 'zh-Hans': '教育程度' } },
  { name: 'marital_status', scope: 'yat:marital_status', claims: ['yat:marital_status'], source: 'resident', label: { en: 'Marital status', 'zh-Hant': '婚姻狀況', 'zh-Hans': '婚姻状况' } },
  { name: 'title', scope: 'yat:title', claims: ['yat:title'], source: 'resident', label: { en: 'Title', 'zh-Hant': '稱謂', 'zh-Hans': '称谓' } },
] as const satisfies readonly Field[];

const byName = new Map<string, Field>(fields.map((f) => [f.name, f]));
const byClaim = new Map<string, Field>(fields.flatMap((f) => f.claims.map((c) => [c, f] as const)));

export const fieldByName = (name: string): Field | undefined => byName.get(name);

/** Scopes and the claims each releases, in the shape oidc-provider's `claims` option takes. */
export function scopeClaims(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of fields) (out[f.scope] ??= []).push(...f.claims);
  return out;
}

export const fieldScopes = (): string[] => [...new Set(fields.map((f) => f.scope))];

/** The fields an authorization request asks for, from its scopes and its `claims` parameter. */
export function requestedFields(scope: string, claimNames: Iterable<string> = []): Field[] {
  const scopes = new Set(scope.split(' ').filter(Boolean));
  const wanted = new Set<Field>(fields.filter((f) => scopes.has(f.scope)));
  for (const c of claimNames) {
    const f = byClaim.get(c);
    if (f) wanted.add(f);
  }
  return fields.filter((f) => wanted.has(f));
}

export const claimsOf = (list: Iterable<Field>): string[] => [...list].flatMap((f) => f.claims);

export const fieldsByScope = (scope: string): Field[] => fields.filter((f) => f.scope === scope);
export const fieldByClaim = (claim: string): Field | undefined => byClaim.get(claim);
export const isFieldName = (name: string): name is FieldName => byName.has(name);
