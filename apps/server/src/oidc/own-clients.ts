import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import * as oidc from 'openid-client';
import type { FieldRegistration } from '../consent/policy.ts';
import type { FieldCrypto } from '../crypto/field-crypto.ts';
import type { Db } from '../storage/db.ts';
import { registerClient } from './client-registration.ts';
import type { ClientStore } from './clients.ts';

/**
 * The platform's own web applications (the portal, the consoles) sign people in exactly as
 * any other service does: each is a registered client of the platform's own OpenID provider
 * and talks to it over HTTP with openid-client — a relying party, not a side door.
 *
 * They authenticate with private_key_jwt rather than a client secret: the provider then holds
 * only a public key (a leaked client table gives nothing away), it is what the platform asks
 * of every department, and the private key never travels — it signs a short-lived assertion.
 * The private key is kept in the database encrypted with the platform's data key (a row of
 * `portal_settings`), so every instance shares one client.
 */
export type OwnClient = { clientId: string; privateJwk: JWK; kid: string };

export type OwnClientSpec = {
  /** The settings row that keeps this client (e.g. "portal_client"). */
  setting: string;
  name: string;
  /** The name in Chinese, shown by the wallet and in Activity (services carry three names). */
  names: { 'zh-Hant': string; 'zh-Hans': string };
  redirectPath: string;
  postLogoutPath: string;
  scope?: string;
  fields?: FieldRegistration;
};

type Deps = { db: Db; crypto: FieldCrypto; provider: Provider; clients: ClientStore; issuer: string };

export async function ensureOwnClient(deps: Deps, spec: OwnClientSpec): Promise<OwnClient> {
  const existing = await readSetting(deps, spec.setting);
  const redirectUri = `${deps.issuer}${spec.redirectPath}`;
  // A changed ISSUER (another host name) needs a client registered for the new callback.
  const metadata = existing ? await deps.clients.find(existing.clientId) : undefined;
  // So does one registered before services carried their names in Chinese.
  if (existing && metadata?.redirect_uris?.includes(redirectUri) && metadata['client_name#zh-Hant']) return existing;
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `${spec.setting.replace(/_client$/, '')}-${Date.now().toString(36)}`;
  const { client_id } = await registerClient(deps, {
    name: spec.name,
    names: spec.names,
    department: 'Yat digital government platform',
    departmentNames: { 'zh-Hant': '壹 數碼政府平台', 'zh-Hans': '壹 数码政府平台' },
    redirectUris: [redirectUri],
    postLogoutRedirectUris: [`${deps.issuer}${spec.postLogoutPath}`],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    ...(spec.scope ? { scope: spec.scope } : {}),
    ...(spec.fields ? { fields: spec.fields } : {}),
    requirePar: true,
  });
  const stored: OwnClient = { clientId: client_id, privateJwk: await exportJWK(privateKey), kid };
  const row = { value_enc: deps.crypto.encryptJson(stored, spec.setting), created_at: Date.now() };
  if (existing) await deps.db.updateTable('portal_settings').set(row).where('key', '=', spec.setting).execute();
  // Two instances starting at once: the first row wins and the other's client stays unused.
  else await deps.db.insertInto('portal_settings').values({ key: spec.setting, ...row }).onConflict((oc) => oc.column('key').doNothing()).execute();
  return (await readSetting(deps, spec.setting))!;
}

async function readSetting(deps: { db: Db; crypto: FieldCrypto }, key: string): Promise<OwnClient | undefined> {
  const row = await deps.db.selectFrom('portal_settings').select('value_enc').where('key', '=', key).executeTakeFirst();
  return row ? deps.crypto.decryptJson<OwnClient>(row.value_enc, key) : undefined;
}

/**
 * The openid-client configuration, discovered lazily: at start-up the HTTP server is not yet
 * listening, so the first sign-in does the discovery (and a failed one is retried next time).
 */
export function ownRelyingParty(issuer: string, redirectPath: string, client: () => Promise<OwnClient>) {
  let config: Promise<oidc.Configuration> | undefined;
  return {
    redirectUri: `${issuer}${redirectPath}`,
    async config(): Promise<oidc.Configuration> {
      config ??= (async () => {
        const c = await client();
        const key = (await importJWK(c.privateJwk, 'ES256')) as CryptoKey;
        const insecure = issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [];
        return oidc.discovery(new URL(issuer), c.clientId, undefined, oidc.PrivateKeyJwt({ key, kid: c.kid }), { execute: insecure });
      })();
      return config.catch((err: unknown) => {
        config = undefined;
        throw err;
      });
    },
  };
}

export type OwnRelyingParty = ReturnType<typeof ownRelyingParty>;

/** The checks a sign-in carries from the redirect to the callback (kept in a signed cookie). */
export type SignInChecks = { verifier: string; state: string; nonce: string; returnTo: string; lang: string };

/** The PKCE verifier, state and nonce kept in a signed cookie while the browser is at the provider. */
export function readSignInChecks(req: FastifyRequest, cookie: string): SignInChecks | undefined {
  const raw = req.cookies[cookie];
  const unsigned = raw ? req.unsignCookie(raw) : undefined;
  if (!unsigned?.valid || !unsigned.value) return undefined;
  try {
    return JSON.parse(unsigned.value) as SignInChecks;
  } catch {
    return undefined;
  }
}

/** Starts an authorization code flow with PAR and PKCE; the caller keeps `checks` for the callback. */
export async function beginSignIn(rp: OwnRelyingParty, input: { scope: string; returnTo: string; lang: string; extra?: Record<string, string> }): Promise<{ url: URL; checks: SignInChecks }> {
  const config = await rp.config();
  const checks: SignInChecks = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce(), returnTo: input.returnTo, lang: input.lang };
  const url = await oidc.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: rp.redirectUri,
    scope: input.scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
    ui_locales: input.lang,
    // A re-authentication (the consoles' step-up) adds max_age and acr_values.
    ...input.extra,
  });
  return { url, checks };
}

/** Redeems the code at the callback (all checks by openid-client) and reads the released claims. */
export async function completeSignIn(rp: OwnRelyingParty, callbackUrl: URL, checks: SignInChecks): Promise<{ sub: string; acr: string | undefined; claims: Record<string, unknown>; idToken: string }> {
  const config = await rp.config();
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce });
  const idClaims = tokens.claims()!;
  const { sub: _sub, ...claims } = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return { sub: idClaims.sub, acr: typeof idClaims.acr === 'string' ? idClaims.acr : undefined, claims, idToken: tokens.id_token ?? '' };
}

/** Where the provider ends the session after the app's own sign-out. */
export async function endSessionUrl(rp: OwnRelyingParty, idToken: string, postLogoutRedirectUri: string): Promise<URL> {
  return oidc.buildEndSessionUrl(await rp.config(), { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri });
}
