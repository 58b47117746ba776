import crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import Provider, { errors, interactionPolicy, type Adapter, type AdapterPayload, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { isUnavailable } from '../errors.ts';
import type { Config } from '../config.ts';
import { scopeClaims, fieldScopes } from '../consent/fields.ts';
import { assertClaimsRegistered, withFieldRegistration } from '../consent/policy.ts';
import { claimsFromResidentProfile } from '../consent/resident-profile.ts';
import type { KeyMaterial } from '../crypto/keystore.ts';
import { claimsFromProfile } from '../identity/claims.ts';
import { clientEnvironment } from '../identity/environments.ts';
import { acrValues, type ResidentStore } from '../identity/residents.ts';
import type { Logger } from '../logger.ts';
import type { Db } from '../storage/db.ts';
import { clientMetadataProperties, createClientAdapter, type ClientStore } from './clients.ts';
import { logoutSource, postLogoutSuccessSource, renderError } from './pages.ts';
import { createRedisAdapter, redisModels } from './redis-adapter.ts';
import { createSqlAdapter } from './sql-adapter.ts';
import { flowModels, type FlowState } from './flow-state.ts';
import { CIBA_DEFAULT_TTL_SECONDS, CIBA_INTERVAL_SECONDS, CIBA_MAX_TTL_SECONDS, type CibaRequests } from '../ciba/requests.ts';
import type { SubjectIndex } from '../ciba/subjects.ts';
import { authorizationCodeTtl, bindRefreshTokensToDpop, fapiConfiguration } from './fapi.ts';
import { resourceServerClientDefaults, resourceServerFeatures, resourceServerScopes, type ResourceServer } from './resource-servers.ts';

export type ProviderDeps = {
  config: Config;
  keys: KeyMaterial;
  db: Db;
  redis: Redis | undefined;
  /** Logins in progress kept in memory (SQLite without Redis: flow-state.ts). */
  flowState?: FlowState;
  residents: ResidentStore;
  clients: ClientStore;
  subjects: SubjectIndex;
  ciba: CibaRequests;
  log: Logger;
  /** APIs of other capabilities that take this provider's access tokens (signing's CSC API). */
  resourceServers?: readonly ResourceServer[];
  /** Services an operator suspended (consoles/operator/): their client is unknown, their tokens invalid. */
  gate?: ProviderGate;
};

export type ProviderGate = { clientAllowed(clientId: string): Promise<boolean>; artefactAllowed(payload: AdapterPayload): Promise<boolean> };

/** Every lookup passes the gate: what it refuses reads as absent, as an unknown client or token does. */
function gated(adapter: Adapter, allowed: (payload: AdapterPayload) => Promise<boolean>): Adapter {
  const check = async (found: Promise<AdapterPayload | undefined | void>) => {
    const payload = await found;
    return payload && (await allowed(payload)) ? payload : undefined;
  };
  return { ...adapter, find: (id) => check(adapter.find(id)), findByUid: (uid) => check(adapter.findByUid(uid)), findByUserCode: (code) => check(adapter.findByUserCode(code)) };
}

/** Client authentication is the same at the token, introspection and revocation endpoints. */
const clientAuthMethods: Array<'private_key_jwt' | 'client_secret_basic'> = ['private_key_jwt', 'client_secret_basic'];
const clientAuthSigningAlgs: Array<'ES256' | 'ES384' | 'PS256' | 'RS256' | 'EdDSA'> = ['ES256', 'ES384', 'PS256', 'RS256', 'EdDSA'];
const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';

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
  const { config, keys, db, redis, residents, clients, subjects, ciba, log, flowState } = deps;
  const fapi = fapiConfiguration(keys.lookupKey);
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
      const gate = deps.gate;
      if (model === 'Client') return gate ? gated(createClientAdapter(clients), (m) => gate.clientAllowed(String(m.client_id))) : createClientAdapter(clients);
      const stored = redis && redisModels.has(model) ? createRedisAdapter(redis, model) : flowState && flowModels.has(model) ? flowState.adapter(model) : createSqlAdapter(db, model);
      const adapter = gate ? gated(stored, (p) => gate.artefactAllowed(p)) : stored;
      if (model === 'RefreshToken') return bindRefreshTokensToDpop(adapter);
      // An expired CIBA request is kept a while, so its poll gets expired_token rather than invalid_grant.
      if (model === 'BackchannelAuthenticationRequest') return { ...adapter, upsert: (id, payload, expiresIn) => adapter.upsert(id, payload, (expiresIn ?? 0) + CIBA_MAX_TTL_SECONDS) };
      return adapter;
    },
    jwks: { keys: keys.signing as never },
    cookies: {
      keys: keys.cookieKeys,
      long: { signed: true, secure, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, secure, httpOnly: true, sameSite: 'lax' },
    },
    routes: oidcRoutes,
    responseTypes: ['code'],
    // 'signing': services' client-credentials access to the signing API (signing/service-api.ts); 'notify': to the notification API (notify/);
    // 'console:org': an organisation's automation client's access to the developer console's API (consoles/developer/automation.ts).
    scopes: ['openid', 'offline_access', 'signing', 'notify', 'console:org', ...fieldScopes(), ...resourceServerScopes(deps.resourceServers ?? [])],
    // The assurance level and how the resident authenticated travel in every ID token.
    // `yat_env` is "sandbox" in a sandbox identity's tokens (identity/environments.ts).
    claims: { sid: null, iss: null, openid: ['sub', 'acr', 'amr', 'auth_time', 'yat_env'], ...scopeClaims() },
    acrValues,
    subjectTypes: ['pairwise'],
    async pairwiseIdentifier(_ctx, accountId, client) {
      const sector = String(client.yat_sector ?? client.sectorIdentifier);
      const sub = pairwiseSubject(keys.pairwiseSalt, sector, accountId);
      // Remembered so a service can name the resident by this sub later (CIBA login_hint).
      await subjects.remember(sector, sub, accountId);
      return sub;
    },
    clientAuthMethods,
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'ES256',
      token_endpoint_auth_method: 'private_key_jwt',
      subject_type: 'pairwise',
      ...resourceServerClientDefaults(deps.resourceServers ?? []),
    },
    enabledJWA: {
      // ES256 by default; RS256 because OpenID Connect Discovery requires it, PS256 for FAPI services that want RSA.
      idTokenSigningAlgValues: ['ES256', 'PS256', 'RS256'],
      userinfoSigningAlgValues: ['ES256', 'PS256', 'RS256'],
      introspectionSigningAlgValues: ['ES256'],
      authorizationSigningAlgValues: ['ES256'],
      clientAuthSigningAlgValues: clientAuthSigningAlgs,
      requestObjectSigningAlgValues: ['ES256', 'PS256', 'RS256', 'EdDSA'],
      dPoPSigningAlgValues: ['ES256', 'PS256', 'EdDSA'],
      // Encrypted ID tokens and userinfo with the service's own key (ECDH-ES with A256GCM as Singpass does).
      idTokenEncryptionAlgValues: ['ECDH-ES', 'ECDH-ES+A256KW', 'RSA-OAEP-256'],
      idTokenEncryptionEncValues: ['A256GCM', 'A128GCM'],
      userinfoEncryptionAlgValues: ['ECDH-ES', 'ECDH-ES+A256KW', 'RSA-OAEP-256'],
      userinfoEncryptionEncValues: ['A256GCM', 'A128GCM'],
    },
    extraClientMetadata: withFieldRegistration(clientMetadataProperties),
    pkce: { required: () => true },
    assertJwtClientAuthClaimsAndHeader: fapi.assertJwtClientAuthClaimsAndHeader,
    features: {
      ...fapi.features,
      encryption: { enabled: true },
      jwtUserinfo: { enabled: true },
      ciba: { enabled: true, deliveryModes: ['poll', 'ping'], ...ciba.providerHooks() } as never,
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
      ...resourceServerFeatures(deps.resourceServers ?? []),
      userinfo: { enabled: true },
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: fapi.rotateRefreshToken,
    ttl: {
      AccessToken: 600,
      AuthorizationCode: authorizationCodeTtl,
      BackchannelAuthenticationRequest: (ctx) => {
        const asked = Number((ctx?.oidc?.params as { requested_expiry?: string } | undefined)?.requested_expiry);
        return Number.isSafeInteger(asked) && asked > 0 ? Math.min(asked, CIBA_MAX_TTL_SECONDS) : CIBA_DEFAULT_TTL_SECONDS;
      },
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
      // Sandbox and production never mix: not at the wallet (login-requests.ts), nor here, for codes and refresh tokens.
      const env = resident.environment;
      if (ctx.oidc?.client && clientEnvironment(ctx.oidc.client) !== env) return undefined;
      return {
        accountId: resident.id,
        // Consent (the grant's rejected claims) decides which of these leave.
        claims: async () => ({ sub: resident.id, ...(env === 'sandbox' ? { yat_env: 'sandbox' } : {}), ...claimsFromProfile(resident.profile), ...claimsFromResidentProfile(residents.residentProfileOf(resident)) }),
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
    discovery: {
      ui_locales_supported: ['en', 'zh-Hant', 'zh-Hans'],
      service_documentation: `${config.issuer}/docs/integrate`,
      // oidc-provider authenticates clients at these endpoints exactly as at the token endpoint;
      // without these members strict clients assume client_secret_basic only (RFC 8414 §2).
      introspection_endpoint_auth_methods_supported: clientAuthMethods,
      introspection_endpoint_auth_signing_alg_values_supported: clientAuthSigningAlgs,
      revocation_endpoint_auth_methods_supported: clientAuthMethods,
      revocation_endpoint_auth_signing_alg_values_supported: clientAuthSigningAlgs,
    },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = config.trustProxy;
  provider.use(async (ctx, next) => {
    await next();
    const route = (ctx as KoaContextWithOIDC).oidc?.route;
    // CIBA Core §7.3: the polling interval is announced; a poll sooner than it gets slow_down (§11).
    if (route === 'backchannel_authentication' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') (ctx.body as Record<string, unknown>).interval = CIBA_INTERVAL_SECONDS;
    if (route === 'token' && (ctx.body as { error?: string } | undefined)?.error === 'authorization_pending') {
      const params = (ctx as KoaContextWithOIDC).oidc.params as { grant_type?: string; auth_req_id?: string };
      if (params.grant_type === CIBA_GRANT && params.auth_req_id && (await ciba.pollTooSoon(params.auth_req_id))) {
        ctx.body = { error: 'slow_down', error_description: `poll no more often than every ${CIBA_INTERVAL_SECONDS} seconds` };
      }
    }
  });
  provider.on('server_error', (ctx: KoaContextWithOIDC, err: Error) => {
    if (!isUnavailable(err)) return log.error({ err, path: ctx.path }, 'oidc server error');
    // A backing service out of reach for a moment (a database restart or failover): the client may
    // retry, so the answer says so (503, Retry-After) instead of a server error.
    log.warn({ err: { message: err.message, code: (err as { code?: unknown }).code }, path: ctx.path }, 'a backing service is unavailable');
    ctx.status = 503;
    ctx.set('retry-after', '5');
    if (ctx.body && typeof ctx.body === 'object') ctx.body = { error: 'temporarily_unavailable', error_description: 'The service is briefly unavailable. Please try again in a few seconds.' };
  });
  provider.on('backchannel.error', (_ctx: unknown, err: Error, client: { clientId: string }) => log.warn({ err: err.message, clientId: client.clientId }, 'back-channel logout failed'));
  return provider;
}
