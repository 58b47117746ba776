import crypto from 'node:crypto';
import type Provider from 'oidc-provider';
import type { ClientMetadata } from 'oidc-provider';
import { fieldsByScope } from '../consent/fields.ts';
import { parseFieldRegistration, registeredFields, scopeForFields, type FieldRegistration } from '../consent/policy.ts';
import { badRequest } from '../errors.ts';
import { nameTags, type ClientStore } from './clients.ts';

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
};

export async function registerClient(deps: { provider: Provider; clients: ClientStore }, input: NewClient): Promise<{ client_id: string; client_secret?: string }> {
  if (!input.jwks === !input.secret) throw badRequest('invalid_client_metadata', 'Give exactly one of a JWKS (private_key_jwt) or --secret (client_secret_basic).');
  const hosts = input.redirectUris.map((u) => URL.parse(u)?.hostname);
  if (!hosts.length || hosts.some((h) => !h)) throw badRequest('invalid_client_metadata', 'redirect_uris must be absolute URLs, e.g. https://service.example.gov/callback');
  const fieldRegistration = fieldsAndScope(input);
  const clientId = deps.clients.newClientId();
  const secret = input.secret ? crypto.randomBytes(32).toString('base64url') : undefined;
  const metadata: ClientMetadata = {
    client_id: clientId,
    client_name: input.name,
    redirect_uris: input.redirectUris,
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token', ...(input.clientCredentials ? ['client_credentials'] : [])],
    token_endpoint_auth_method: input.jwks ? 'private_key_jwt' : 'client_secret_basic',
    ...(input.jwks ? { jwks: input.jwks as ClientMetadata['jwks'], token_endpoint_auth_signing_alg: undefined } : { client_secret: secret }),
    id_token_signed_response_alg: 'ES256',
    subject_type: 'pairwise',
    scope: fieldRegistration.scope,
    yat_fields: fieldRegistration.fields,
    post_logout_redirect_uris: input.postLogoutRedirectUris ?? [],
    ...(input.backchannelLogoutUri ? { backchannel_logout_uri: input.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    ...(input.logoUri ? { logo_uri: input.logoUri } : {}),
    ...(input.requirePar ? { require_pushed_authorization_requests: true } : {}),
    yat_sector: input.sector ?? hosts[0],
    ...(input.department ? { yat_department: input.department } : {}),
    yat_verified: true,
    ...Object.fromEntries(nameTags.flatMap((tag) => [
      ...(input.names?.[tag] ? [[`client_name#${tag}`, input.names[tag]]] : []),
      ...(input.department && input.departmentNames?.[tag] ? [[`yat_department#${tag}`, input.departmentNames[tag]]] : []),
    ])),
  };
  if (metadata.token_endpoint_auth_signing_alg === undefined) delete metadata.token_endpoint_auth_signing_alg;
  try {
    await deps.provider.Client.validate(metadata);
  } catch (err) {
    const e = err as { error_description?: string; message: string };
    throw badRequest('invalid_client_metadata', e.error_description ?? e.message);
  }
  await deps.clients.save(metadata);
  return { client_id: clientId, ...(secret ? { client_secret: secret } : {}) };
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
