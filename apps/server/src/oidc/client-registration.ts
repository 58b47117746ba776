import crypto from 'node:crypto';
import type Provider from 'oidc-provider';
import type { ClientMetadata } from 'oidc-provider';
import { badRequest } from '../errors.ts';
import type { ClientStore } from './clients.ts';

/**
 * Registering a service (relying party). The metadata is checked by oidc-provider's own
 * validation before it is stored, so a client that would fail at login time is refused now.
 */
export type NewClient = {
  name: string;
  redirectUris: string[];
  jwks?: { keys: unknown[] };
  secret?: boolean;
  scope?: string;
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
    scope: input.scope ?? 'openid offline_access profile email phone address',
    post_logout_redirect_uris: input.postLogoutRedirectUris ?? [],
    ...(input.backchannelLogoutUri ? { backchannel_logout_uri: input.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
    ...(input.logoUri ? { logo_uri: input.logoUri } : {}),
    ...(input.requirePar ? { require_pushed_authorization_requests: true } : {}),
    yat_sector: input.sector ?? new URL(input.redirectUris[0] ?? 'https://invalid').hostname,
    ...(input.department ? { yat_department: input.department } : {}),
    yat_verified: true,
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
