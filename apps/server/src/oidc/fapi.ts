import crypto from 'node:crypto';
import Provider, { errors, type Adapter, type AdapterPayload, type ClientMetadata, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

/**
 * The FAPI 2.0 Security Profile, per service (https://openid.net/specs/fapi-security-profile-2_0-final.html).
 * A service registered with `yat_fapi: true` gets oidc-provider's own FAPI 2.0 behaviour
 * (`features.fapi.profile` answers '2.0' for it: PKCE, `aud` = issuer in client assertions,
 * `redirect_uri` required in PAR) plus what the profile asks of the server and oidc-provider
 * leaves to configuration:
 *
 * - PAR only (`require_pushed_authorization_requests`), confidential client with
 *   `private_key_jwt` only, assertions signed with PS256, ES256 or EdDSA (§5.4.1: RS256 is
 *   not allowed);
 * - sender-constrained tokens: `dpop_bound_access_tokens`, so the token endpoint refuses a
 *   request without a DPoP proof, the access token is `token_type: DPoP`, and the refresh
 *   token is bound to the same key (§5.3.2.1: refresh tokens sender-constrained or bound);
 * - DPoP nonces from the server (RFC 9449 §8) at the token endpoint for these services;
 * - no refresh-token rotation (§5.3.2.1 item 11: rotation only in extraordinary cases; the
 *   token is bound instead), an authorization code that lives 30 seconds (≤ 60 s, §5.3.2.1);
 * - ID tokens signed with PS256 or ES256 only.
 *
 * Other services keep the platform's ordinary behaviour.
 */
export const FAPI_ASSERTION_ALGS = ['PS256', 'ES256', 'EdDSA'] as const;
export const FAPI_ID_TOKEN_ALGS = ['PS256', 'ES256'] as const;
export const FAPI_CODE_TTL_SECONDS = 30;

type WithFapi = { yat_fapi?: unknown } | undefined | null;
export const isFapiClient = (client: WithFapi): boolean => (client as Record<string, unknown> | undefined | null)?.['yat_fapi'] === true;

/** The registration metadata a FAPI service must have; `registerClient` sets it, the validator enforces it. */
export function fapiMetadata(): Partial<ClientMetadata> {
  return {
    require_pushed_authorization_requests: true,
    dpop_bound_access_tokens: true,
    token_endpoint_auth_method: 'private_key_jwt',
    response_types: ['code'],
  };
}

/** Why this metadata is not a FAPI 2.0 client, or undefined when it is one. */
export function fapiMetadataProblem(m: Record<string, unknown>): string | undefined {
  if (m.token_endpoint_auth_method !== 'private_key_jwt') return 'a FAPI 2.0 service authenticates with private_key_jwt only (no client secret)';
  if (m.token_endpoint_auth_signing_alg !== undefined && !(FAPI_ASSERTION_ALGS as readonly unknown[]).includes(m.token_endpoint_auth_signing_alg)) {
    return `a FAPI 2.0 service signs its client assertions with ${FAPI_ASSERTION_ALGS.join(', ')}`;
  }
  if (m.require_pushed_authorization_requests !== true) return 'a FAPI 2.0 service must use pushed authorization requests only';
  if (m.dpop_bound_access_tokens !== true) return 'a FAPI 2.0 service must use DPoP-bound access tokens';
  if (m.id_token_signed_response_alg !== undefined && !(FAPI_ID_TOKEN_ALGS as readonly unknown[]).includes(m.id_token_signed_response_alg)) {
    return `a FAPI 2.0 service receives ID tokens signed with ${FAPI_ID_TOKEN_ALGS.join(' or ')}`;
  }
  const types = m.response_types as unknown[] | undefined;
  if (types && (types.length !== 1 || types[0] !== 'code')) return 'a FAPI 2.0 service uses the authorization code flow only';
  return undefined;
}

/** The provider configuration the profile needs; merged into the platform's configuration. */
export function fapiConfiguration(nonceKey: string): Pick<Configuration, 'assertJwtClientAuthClaimsAndHeader' | 'rotateRefreshToken'> & { features: Pick<NonNullable<Configuration['features']>, 'fapi' | 'dPoP'> } {
  return {
    features: {
      fapi: { enabled: true, profile: (_ctx, client) => (isFapiClient(client as WithFapi) ? '2.0' : undefined) as '2.0' },
      dPoP: {
        enabled: true,
        // One secret on every instance (derived from the key file), so a nonce one instance gave is good at another.
        nonceSecret: Buffer.from(crypto.hkdfSync('sha256', nonceKey, 'yat', 'dpop-nonce', 32)),
        // Nonces at the token endpoint for FAPI services; at userinfo for every DPoP proof (the
        // client is not known until the token is read, and RFC 9449 clients answer use_dpop_nonce).
        requireNonce: (ctx) => ctx.oidc.route === 'userinfo' || isFapiClient(ctx.oidc.client as WithFapi),
        allowReplay: false,
      },
    },
    async assertJwtClientAuthClaimsAndHeader(ctx, claims, header, client) {
      if (!isFapiClient(client as WithFapi)) return;
      // oidc-provider's default for FAPI 2.0 (replaced by this function, so kept here).
      if (claims.aud !== ctx.oidc.issuer) throw new errors.InvalidClientAuth('audience (aud) must equal the issuer identifier url');
      if (!(FAPI_ASSERTION_ALGS as readonly unknown[]).includes(header.alg)) throw new errors.InvalidClientAuth(`FAPI 2.0: the client assertion must be signed with ${FAPI_ASSERTION_ALGS.join(', ')}, not ${String(header.alg)}`);
    },
    rotateRefreshToken: (ctx) => !isFapiClient(ctx.oidc.client as WithFapi),
  };
}

/** The authorization code's lifetime: short for FAPI services, a minute otherwise. */
export const authorizationCodeTtl = (_ctx: KoaContextWithOIDC, _code: unknown, client: unknown): number => (isFapiClient(client as WithFapi) ? FAPI_CODE_TTL_SECONDS : 60);

/**
 * oidc-provider binds a confidential client's refresh token to its client authentication
 * only; for a FAPI service it is bound to the DPoP key as well. The refresh token is
 * written right after its access token in the same request, so the adapter copies that
 * token's key thumbprint (`jkt`) into it; the refresh grant then refuses a proof from any
 * other key ("failed jkt verification").
 */
export function bindRefreshTokensToDpop(adapter: Adapter): Adapter {
  return {
    ...adapter,
    upsert(id: string, payload: AdapterPayload, expiresIn: number) {
      const ctx = Provider.ctx;
      const accessToken = ctx?.oidc?.entities?.AccessToken as { jkt?: string } | undefined;
      if (!payload.jkt && accessToken?.jkt && isFapiClient(ctx?.oidc?.client as WithFapi)) payload = { ...payload, jkt: accessToken.jkt };
      return adapter.upsert(id, payload, expiresIn);
    },
  };
}
