import { z } from 'zod';
import { fields as allFields, type FieldName } from '../../consent/fields.ts';
import type { NewClient } from '../../oidc/client-registration.ts';
import type { Environment } from '../../identity/environments.ts';

/**
 * A service's configuration, as the developer registers it and an operator approves it: what
 * residents see (names, logo, the fields asked for and why) and where tokens go (redirect and
 * logout URIs). Credentials (keys, secrets) are kept apart: replacing a key is not a change an
 * operator approves, and must take effect at once when a key leaks.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
export const inThreeLanguages = (max: number) => z.object({ en: text(max), 'zh-Hant': text(max), 'zh-Hans': text(max) });
const fieldNames = allFields.map((f) => f.name) as [FieldName, ...FieldName[]];
const webUrl = z.url({ protocol: /^https?$/ }).max(500);

export const serviceField = z.object({ name: z.enum(fieldNames), required: z.boolean(), purpose: inThreeLanguages(300).describe('why the service needs it; the wallet shows it') });

export const serviceConfig = z
  .object({
    names: inThreeLanguages(100),
    logoUri: webUrl.optional(),
    redirectUris: z.array(webUrl).min(1).max(10),
    postLogoutRedirectUris: z.array(webUrl).max(10).default([]),
    backchannelLogoutUri: webUrl.optional(),
    fields: z.array(serviceField).max(allFields.length).default([]),
  })
  .refine((c) => new Set(c.fields.map((f) => f.name)).size === c.fields.length, { message: 'a field is listed twice', path: ['fields'] });
export type ServiceConfig = z.infer<typeof serviceConfig>;

export const credentials = z.discriminatedUnion('method', [
  z.object({ method: z.literal('private_key_jwt'), jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(10) }).optional(), jwksUri: webUrl.optional() }),
  z.object({ method: z.literal('client_secret_basic') }),
]);
export type Credentials = z.infer<typeof credentials>;

/** What the provider stores for one environment's client of the service. */
export function clientInput(config: ServiceConfig, creds: Credentials, organisation: string): NewClient {
  return {
    name: config.names.en,
    names: { 'zh-Hant': config.names['zh-Hant'], 'zh-Hans': config.names['zh-Hans'] },
    department: organisation,
    redirectUris: config.redirectUris,
    postLogoutRedirectUris: config.postLogoutRedirectUris,
    ...(config.backchannelLogoutUri ? { backchannelLogoutUri: config.backchannelLogoutUri } : {}),
    ...(config.logoUri ? { logoUri: config.logoUri } : {}),
    ...(creds.method === 'client_secret_basic' ? { secret: true } : creds.jwksUri ? { jwksUri: creds.jwksUri } : { jwks: creds.jwks }),
    fields: { required: config.fields.filter((f) => f.required).map((f) => f.name), optional: config.fields.filter((f) => !f.required).map((f) => f.name) },
  };
}

export const clientExtra = (config: ServiceConfig, env: Environment) => ({
  yat_env: env,
  // The wallet shows a sandbox service as unverified: no operator has looked at it.
  yat_verified: env === 'production',
  yat_field_purposes: Object.fromEntries(config.fields.map((f) => [f.name, f.purpose])),
});

/** One line per difference between two configurations: what the operator reviews. */
export type ConfigChange = { path: string; before: string | null; after: string | null };

export function configDiff(before: ServiceConfig | null, after: ServiceConfig): ConfigChange[] {
  const flat = (c: ServiceConfig | null): Map<string, string> => {
    const out = new Map<string, string>();
    if (!c) return out;
    for (const [lang, v] of Object.entries(c.names)) out.set(`names.${lang}`, v);
    if (c.logoUri) out.set('logoUri', c.logoUri);
    c.redirectUris.forEach((u) => out.set(`redirectUris: ${u}`, u));
    c.postLogoutRedirectUris.forEach((u) => out.set(`postLogoutRedirectUris: ${u}`, u));
    if (c.backchannelLogoutUri) out.set('backchannelLogoutUri', c.backchannelLogoutUri);
    for (const f of c.fields) {
      out.set(`fields.${f.name}`, f.required ? 'required' : 'optional');
      for (const [lang, v] of Object.entries(f.purpose)) out.set(`fields.${f.name}.purpose.${lang}`, v);
    }
    return out;
  };
  const a = flat(before);
  const b = flat(after);
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => ({ path: k, before: a.get(k) ?? null, after: b.get(k) ?? null }));
}

export const sameConfig = (a: ServiceConfig | null, b: ServiceConfig): boolean => configDiff(a, b).length === 0;
