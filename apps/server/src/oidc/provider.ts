import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../config.ts';
import { scopeClaims, fieldScopes } from '../consent/fields.ts';
import { assertClaimsRegistered, withFieldRegistration } from '../consent/policy.ts';
import { claimsFromResidentProfile } from '../consent/resident-profile.ts';
import type { KeyMaterial } from '../crypto/keystore.ts';
import { claimsFromProfile } from '../identity/claims.ts';
import { acrValues, type ResidentStore } from '../identity/residents.ts';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';
import { clientMetadataProperties, createClientAdapter, type ClientStore } from './clients.ts';
import { logoutSource, postLogoutSuccessSource, renderError } from './pages.ts';
import { createRedisAdapter, redisModels } from './redis-adapter.ts';
import { createSqlAdapter } from './sql-adapter.ts';

export type ProviderDeps = {
  config: Config;
  keys: KeyMaterial;
  db: Db;
  redis: Redis | undefined;
  residents: ResidentStore;
  clients: ClientStore;
  log: Logger;
};

/** Paths of the protocol endpoints; discovery stays at the issuer's standard location. */
export const oidcRoutes = {
  authorization: '/oidc/auth',
  token: '/oidc/token',
  userinfo: '/oidc/me',
  jwks: '/oidc/jwks',
  pushed_authorization_request: '/oidc/par',
  end_session: '/oidc/session/end',
  introspection: '/oidc/token/introspection',
  revocation: '/oidc/token/revocation',
  registration: '/oidc/reg',
  backchannel_authentication: '/oidc/backchannel',
  code_verification: '/oidc/device',
  device_authorization: '/oidc/device/auth',
  challenge: '/oidc/challenge',
  credential: '/oidc/credential',
} as const;

export function pairwiseSubject(salt: string, sector: string, accountId: string): string {
  return crypto.createHmac('sha256', salt).update(`${sector}\n${accountId}`).digest('base64url');
}

const accountsByRequest = new WeakMap<object, Map<string, ReturnType<ResidentStore['findById']>>>();

export function createProvider(deps: ProviderDeps): Provider {
  const { config, keys, db, redis, residents, clients, log } = deps;
  const secure = config.issuer.startsWith('https://');
  const allowLoopbackFetch = config.env !== 'production';

  const policy = interactionPolicy.base();
  // Every sign-in is approved on the wallet: an earlier session at the provider is not
  // enough on its own, as with iAM Smart. The session still exists, for logout.
  policy.get('login')!.checks.push(
    new interactionPolicy.Check('yat_wallet_approval', 'every sign-in is approved on the wallet', 'login_required', (ctx) =>
      ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
    ),
  );

  const configuration: Configuration = {
    adapter: (model: string) => {
      if (model === 'Client') return createClientAdapter(clients);
      if (redis && redisModels.has(model)) return createRedisAdapter(redis, model);
      return createSqlAdapter(db, model);
    },
    jwks: { keys: keys.signing as never },
    cookies: {
      keys: keys.cookieKeys,
      long: { signed: true, secure, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, secure, httpOnly: true, sameSite: 'lax' },
    },
    routes: oidcRoutes,
    responseTypes: ['code'],
    // 'signing': services' client-credentials access to the signing API (signing/service-api.ts).
    scopes: ['openid', 'offline_access', 'signing', ...fieldScopes()],
    // The assurance level and how the resident authenticated travel in every ID token.
    claims: { sid: null, iss: null, openid: ['sub', 'acr', 'amr', 'auth_time'], ...scopeClaims() },
    acrValues,
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) => pairwiseSubject(keys.pairwiseSalt, String(client.yat_sector ?? client.sectorIdentifier), accountId),
    clientAuthMethods: ['private_key_jwt', 'client_secret_basic'],
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
      token_endpoint_auth_method: 'private_key_jwt',
      subject_type: 'pairwise',
    },
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
      introspectionSigningAlgValues: ['ES256'],
      authorizationSigningAlgValues: ['ES256'],
      clientAuthSigningAlgValues: ['ES256', 'ES384', 'PS256', 'RS256', 'EdDSA'],
      requestObjectSigningAlgValues: ['ES256', 'PS256', 'RS256', 'EdDSA'],
    },
    extraClientMetadata: withFieldRegistration(clientMetadataProperties),
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      claimsParameter: {
        enabled: true,
        // Keeps oidc-provider's own shape check, then refuses fields outside the registration.
        async assertClaimsParameter(_ctx, claims, client) {
          for (const container of ['userinfo', 'id_token'] as const) {
            for (const value of Object.values((claims as Record<string, Record<string, unknown> | undefined>)[container] ?? {})) {
              if (value !== null && (typeof value !== 'object' || Array.isArray(value))) throw new errors.InvalidRequest(`claims.${container} members must be null or objects`);
            }
          }
          assertClaimsRegistered(client as unknown as { scope?: string; yat_fields?: unknown }, claims);
        },
      },
      clientCredentials: { enabled: true },
      // A service may introspect or revoke only the tokens issued to it.
      introspection: { enabled: true, allowedPolicy: async (_ctx, client, token) => !token.clientId || token.clientId === client.clientId },
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      resourceIndicators: { enabled: false },
      userinfo: { enabled: true },
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      IdToken: 600,
      Interaction: 900,
      Session: 8 * 3600,
      Grant: 30 * 24 * 3600,
      RefreshToken: 30 * 24 * 3600,
    },
    interactions: { policy, url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(ctx, sub) {
      // oidc-provider asks several times within one request; the database is asked once.
      let memo = accountsByRequest.get(ctx);
      if (!memo) accountsByRequest.set(ctx, (memo = new Map()));
      let found = memo.get(sub);
      if (!found) memo.set(sub, (found = residents.findById(sub)));
      const resident = await found;
      if (!resident || resident.status !== 'active') return undefined;
      return {
        accountId: resident.id,
        // Consent (the grant's rejected claims) decides which of these leave.
        claims: async () => ({ sub: resident.id, ...claimsFromProfile(resident.profile), ...claimsFromResidentProfile(await residents.residentProfile(resident.id)) }),
      };
    },
    renderError,
    clientBasedCORS: () => false,
    // Outgoing calls (back-channel logout) keep oidc-provider's SSRF guard in production;
    // development and tests talk to services on this machine.
    fetch: (url, options) => {
      if (allowLoopbackFetch) delete (options as { dispatcher?: unknown }).dispatcher;
      return globalThis.fetch(url, options);
    },
    discovery: { ui_locales_supported: ['en', 'zh-Hant', 'zh-Hans'], service_documentation: `${config.issuer}/docs/integrate` },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = config.trustProxy;
  provider.on('server_error', (ctx: KoaContextWithOIDC, err: Error) => log.error({ err, path: ctx.path }, 'oidc server error'));
  provider.on('backchannel.error', (_ctx: unknown, err: Error, client: { clientId: string }) => log.warn({ err: err.message, clientId: client.clientId }, 'back-channel logout failed'));
  return provider;
}
