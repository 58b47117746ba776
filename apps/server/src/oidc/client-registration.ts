import crypto from 'node:crypto';
import type Provider from 'oidc-provider';
import type { ClientMetadata } from 'oidc-provider';
import { fieldsByScope } from '../consent/fields.ts';
import { parseFieldRegistration, registeredFields, scopeForFields, type FieldRegistration } from '../consent/policy.ts';
import { badRequest } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import { nameTags, type ClientStore } from './clients.ts';
import { fapiMetadata } from './fapi.ts';

/**
 * Registering a service (relying party). The metadata is checked by oidc-provider's own
 * validation before it is stored, so a client that would fail at login time is refused now.
 */
export type NewClient = {
  name: string;
  /** The name (and department) in Traditional and Simplified Chinese; residents see the one in their language. */
  names?: Partial<Record<(typeof nameTags)[number], string>>;
  departmentNames?: Partial<Record<(typeof nameTags)[number], string>>;
  redirectUris: string[];
  jwks?: { keys: unknown[] };
  /** The service's keys at a URL instead (required for a CIBA client: its sector is that URL's host unless `sector` says). */
  jwksUri?: string;
  secret?: boolean;
  scope?: string;
  /** The e-ME fields the service may ask for; the allowed scopes follow from them. */
  fields?: FieldRegistration;
  sector?: string;
  department?: string;
  logoUri?: string;
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string;
  requirePar?: boolean;
  clientCredentials?: boolean;
  /** A program's client: the client credentials grant only, no redirect URIs, no resident ever signs in to it. */
  clientCredentialsOnly?: boolean;
  /** The FAPI 2.0 Security Profile (docs/fapi.md): PAR, private_key_jwt, DPoP-bound tokens with nonces. */
  fapi?: boolean;
  /** ID token signing algorithm: ES256 (default), PS256 or RS256 (not for FAPI services). */
  idTokenAlg?: 'ES256' | 'PS256' | 'RS256';
  /** Encrypt ID tokens (and signed userinfo) to the service's key: 'ECDH-ES' (with A256GCM) and friends. */
  encryption?: { alg: 'ECDH-ES' | 'ECDH-ES+A256KW' | 'RSA-OAEP-256'; enc?: 'A256GCM' | 'A128GCM'; userinfo?: boolean };
  /**
   * Backchannel authentication (CIBA): 'poll', or 'ping' with the service's https notification
   * endpoint. A CIBA client has no redirect URIs (CIBA Core §4 with pairwise subjects): a
   * service registers it beside its sign-in client, in the same `sector`, so both see the same `sub`.
   */
  ciba?: { mode: 'poll' } | { mode: 'ping'; notificationEndpoint: string };
};

export async function registerClient(deps: { provider: Provider; clients: ClientStore }, input: NewClient): Promise<{ client_id: string; client_secret?: string }> {
  const clientId = deps.clients.newClientId();
  const secret = input.secret ? crypto.randomBytes(32).toString('base64url') : undefined;
  await saveClient(deps, input, { clientId, secret });
  return { client_id: clientId, ...(secret ? { client_secret: secret } : {}) };
}

/** A new client secret: 256 random bits. */
export const newClientSecret = (): string => crypto.randomBytes(32).toString('base64url');

/**
 * Checks, builds and stores (creates or replaces) a client's metadata under a known id: the
 * developer console keeps a service's sandbox and production clients this way. `extra` is
 * metadata beyond `NewClient` (its environment, the fields' purposes), validated like the rest.
 */
export async function saveClient(deps: { provider: Provider; clients: ClientStore }, input: NewClient, opts: { clientId: string; secret: string | undefined; extra?: Record<string, unknown>; exec?: Db }): Promise<void> {
  const { clientId, secret } = opts;
  if ([input.jwks, input.jwksUri, input.secret].filter(Boolean).length !== 1) throw badRequest('invalid_client_metadata', 'Give exactly one of a JWKS (private_key_jwt) or --secret (client_secret_basic).');
  const hosts = input.redirectUris.map((u) => URL.parse(u)?.hostname);
  if (input.ciba) {
    if (hosts.length) throw badRequest('invalid_client_metadata', 'A CIBA client has no redirect URIs: register it beside the sign-in client, with the same --sector.');
    if (!input.jwksUri) throw badRequest('invalid_client_metadata', 'A CIBA client publishes its keys at a jwks_uri (CIBA Core §4, pairwise subjects).');
  } else if (input.clientCredentialsOnly) {
    if (hosts.length) throw badRequest('invalid_client_metadata', 'A client-credentials client has no redirect URIs: no resident signs in to it.');
  } else if (!hosts.length || hosts.some((h) => !h)) throw badRequest('invalid_client_metadata', 'redirect_uris must be absolute URLs, e.g. https://service.example.gov/callback');
  if (input.jwksUri && !URL.parse(input.jwksUri)?.hostname) throw badRequest('invalid_client_metadata', 'jwks_uri must be an absolute URL');
  if (input.fapi && !input.jwks && !input.jwksUri) throw badRequest('invalid_client_metadata', 'A FAPI 2.0 service authenticates with private_key_jwt: give its public keys (JWKS), not --secret.');
  // Keys at a jwks_uri are read when needed; inline keys are checked now.
  if (input.encryption && !input.jwksUri) assertEncryptionKey(input.jwks, input.encryption.alg);
  if (input.secret && !secret) throw badRequest('invalid_client_metadata', 'A client_secret_basic client needs its secret.');
  const fieldRegistration = fieldsAndScope(input);
  const metadata: ClientMetadata = {
    client_id: clientId,
    client_name: input.name,
    redirect_uris: input.redirectUris,
    response_types: input.ciba || input.clientCredentialsOnly ? [] : ['code'],
    grant_types: input.ciba
      ? ['urn:openid:params:grant-type:ciba', 'refresh_token']
      : input.clientCredentialsOnly
        ? ['client_credentials']
        : ['authorization_code', 'refresh_token', ...(input.clientCredentials ? ['client_credentials'] : [])],
    token_endpoint_auth_method: input.secret ? 'client_secret_basic' : 'private_key_jwt',
    ...(input.jwks ? { jwks: input.jwks as ClientMetadata['jwks'], token_endpoint_auth_signing_alg: undefined } : input.jwksUri ? { jwks_uri: input.jwksUri } : { client_secret: secret }),
    id_token_signed_response_alg: input.idTokenAlg ?? 'ES256',
    subject_type: 'pairwise',
    ...(input.encryption
      ? {
          id_token_encrypted_response_alg: input.encryption.alg,
          id_token_encrypted_response_enc: input.encryption.enc ?? 'A256GCM',
          ...(input.encryption.userinfo
            ? { userinfo_signed_response_alg: input.idTokenAlg ?? 'ES256', userinfo_encrypted_response_alg: input.encryption.alg, userinfo_encrypted_response_enc: input.encryption.enc ?? 'A256GCM' }
            : {}),
        }
      : {}),
    ...(input.ciba
      ? {
          backchannel_token_delivery_mode: input.ciba.mode,
          ...(input.ciba.mode === 'ping' ? { backchannel_client_notification_endpoint: input.ciba.notificationEndpoint } : {}),
        }
      : {}),
    scope: fieldRegistration.scope,
    yat_fields: fieldRegistration.fields,
    post_logout_redirect_uris: input.postLogoutRedirectUris ?? [],
    ...(input.backchannelLogoutUri ? { backchannel_logout_uri: input.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    ...(input.logoUri ? { logo_uri: input.logoUri } : {}),
    ...(input.requirePar ? { require_pushed_authorization_requests: true } : {}),
    yat_sector: input.sector ?? hosts[0] ?? URL.parse(input.jwksUri ?? '')?.hostname,
    ...(input.department ? { yat_department: input.department } : {}),
    yat_verified: true,
    ...Object.fromEntries(nameTags.flatMap((tag) => [
      ...(input.names?.[tag] ? [[`client_name#${tag}`, input.names[tag]]] : []),
      ...(input.department && input.departmentNames?.[tag] ? [[`yat_department#${tag}`, input.departmentNames[tag]]] : []),
    ])),
    ...(input.fapi ? { ...fapiMetadata(), yat_fapi: true } : {}),
    ...opts.extra,
  };
  if (metadata.token_endpoint_auth_signing_alg === undefined) delete metadata.token_endpoint_auth_signing_alg;
  try {
    await deps.provider.Client.validate(metadata);
  } catch (err) {
    const e = err as { error_description?: string; message: string };
    throw badRequest('invalid_client_metadata', e.error_description ?? e.message);
  }
  await deps.clients.save(metadata, opts.exec);
}

/**
 * A service asking for encrypted tokens must have registered a public key the platform can
 * encrypt to: an EC (P-256/384/521) or X25519 key for ECDH-ES, an RSA key for RSA-OAEP-256,
 * not marked for signatures only. Refused now rather than at its first login.
 */
function assertEncryptionKey(jwks: NewClient['jwks'], alg: string): void {
  const keys = (jwks?.keys ?? []) as Array<Record<string, unknown>>;
  const fits = keys.some((k) => {
    if (k.use !== undefined && k.use !== 'enc') return false;
    if (k.alg !== undefined && k.alg !== alg) return false;
    if (alg.startsWith('ECDH-ES')) return (k.kty === 'EC' && ['P-256', 'P-384', 'P-521'].includes(String(k.crv))) || (k.kty === 'OKP' && k.crv === 'X25519');
    return k.kty === 'RSA';
  });
  if (!fits) {
    throw badRequest('invalid_client_metadata', `Encrypted ID tokens need an encryption key in the service's JWKS: a public key with "use": "enc" (or no "use") for ${alg}${alg.startsWith('ECDH-ES') ? ' (EC P-256 or X25519)' : ' (RSA)'}.`);
  }
}

/**
 * Without a field list, a service may ask for every field its scopes cover (all optional).
 * With one, its scopes are exactly those the fields need, so the provider refuses any other.
 */
function fieldsAndScope(input: Pick<NewClient, 'fields' | 'scope'>): { fields: FieldRegistration; scope: string } {
  if (!input.fields) {
    const scope = input.scope ?? 'openid offline_access profile email phone address';
    return { scope, fields: registeredFields({ scope }) };
  }
  let fields: FieldRegistration;
  try {
    fields = parseFieldRegistration(input.fields);
  } catch (err) {
    throw badRequest('invalid_client_metadata', (err as Error).message);
  }
  const derived = scopeForFields(fields, true);
  if (input.scope) {
    const listed = [...fields.required, ...fields.optional];
    const uncovered = input.scope.split(' ').filter((sc) => fieldsByScope(sc).length && !fieldsByScope(sc).some((f) => listed.includes(f.name)));
    if (uncovered.length) throw badRequest('invalid_client_metadata', `The scope ${uncovered.join(', ')} covers no registered field; register the fields instead of the scope.`);
  }
  const extra = (input.scope ?? '').split(' ').filter((sc) => sc && !fieldsByScope(sc).length);
  return { fields, scope: [...new Set([...derived.split(' '), ...extra])].join(' ') };
}

/** The platform side of a service's self-registration: what examples/library-card needs. */
export function registrarFor(deps: { provider: Provider; clients: ClientStore }) {
  return {
    register: async (input: NewClient) => (await registerClient(deps, input)).client_id,
    exists: async (clientId: string) => (await deps.clients.find(clientId)) !== undefined,
  };
}
