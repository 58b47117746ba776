import { fields as allFields } from '../../../../consent/fields.ts';
import { badRequest } from '../../../../errors.ts';
import { parseInput } from '../../../../http/validate.ts';
import { langs } from '../../../../i18n/index.ts';
import { credentials, serviceConfig, type Credentials, type ServiceConfig } from '../../config.ts';

/**
 * The service form's fields ↔ a configuration. Lists (redirect URIs) are one per line; each
 * e-ME field has a choice (not asked, required, optional) and a purpose per language.
 */
export type FormBody = Record<string, string | undefined>;
const lines = (v: string | undefined): string[] => String(v ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
const opt = (v: string | undefined): string | undefined => (String(v ?? '').trim() ? String(v).trim() : undefined);

export function configFromForm(b: FormBody): ServiceConfig {
  const fields = allFields
    .filter((f) => b[`field.${f.name}`] === 'required' || b[`field.${f.name}`] === 'optional')
    .map((f) => ({ name: f.name, required: b[`field.${f.name}`] === 'required', purpose: Object.fromEntries(langs.map((l) => [l, String(b[`purpose.${f.name}.${l}`] ?? '')])) }));
  return parseInput(
    serviceConfig,
    {
      names: Object.fromEntries(langs.map((l) => [l, String(b[`name.${l}`] ?? '')])),
      logoUri: opt(b.logoUri),
      redirectUris: lines(b.redirectUris),
      postLogoutRedirectUris: lines(b.postLogoutRedirectUris),
      backchannelLogoutUri: opt(b.backchannelLogoutUri),
      fields,
    },
    'service form',
  );
}

export function credentialsFromForm(b: FormBody): Credentials {
  if (b.auth === 'secret') return { method: 'client_secret_basic' };
  if (b.auth === 'jwks_uri') return parseInput(credentials, { method: 'private_key_jwt', jwksUri: opt(b.jwksUri) }, 'jwks_uri');
  let jwks: unknown;
  try {
    jwks = JSON.parse(String(b.jwks ?? ''));
  } catch {
    throw badRequest('invalid_jwks', 'The JWKS is not valid JSON. Paste your public keys as {"keys": [ … ]}.');
  }
  return parseInput(credentials, { method: 'private_key_jwt', jwks }, 'JWKS');
}

/** The form's values from a configuration (editing starts from the draft). */
export function formFromConfig(c: ServiceConfig): FormBody {
  const out: FormBody = { logoUri: c.logoUri, redirectUris: c.redirectUris.join('\n'), postLogoutRedirectUris: c.postLogoutRedirectUris.join('\n'), backchannelLogoutUri: c.backchannelLogoutUri };
  for (const l of langs) out[`name.${l}`] = c.names[l];
  for (const f of c.fields) {
    out[`field.${f.name}`] = f.required ? 'required' : 'optional';
    for (const l of langs) out[`purpose.${f.name}.${l}`] = f.purpose[l];
  }
  return out;
}
