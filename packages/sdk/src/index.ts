import { importJWK, type JWK } from 'jose';
import * as oidc from 'openid-client';
import { claimsRequestFor, fieldsFromClaims, isFieldName, type FieldName } from './fields.ts';
import { createNotificationsApi } from './notifications.ts';
import { createSigningApi } from './signing.ts';
import { createLogoutTokenVerifier, type LogoutToken } from './logout-token.ts';

/**
 * Log in with Yat, for a service (relying party), in a few calls. Everything protocol-
 * related is openid-client's (discovery, PAR, PKCE S256, private_key_jwt, ID token checks);
 * this adds the platform's conventions: e-ME fields by name, and back-channel logout.
 *
 *   const yat = await createYatClient({ issuer, clientId, privateKey, redirectUri });
 *   const { url, cookieState } = await yat.startLogin({ fields: ['name_en', 'email'] });
 *   // …keep cookieState in an HttpOnly cookie, redirect the browser to url…
 *   const { claims, fields } = await yat.finishLogin(callbackUrl, cookieState);
 */
export { fieldClaims, fieldNames, claimsRequestFor, fieldsFromClaims, type FieldName } from './fields.ts';
export { LogoutTokenError, type LogoutToken } from './logout-token.ts';
export { SigningApiError, type SigningRequestCreated, type SigningRequestStatus } from './signing.ts';
export { ServiceApiError } from './service-api.ts';
export type { NotificationInput, NotificationState } from './notifications.ts';

export type YatClientOptions = {
  /** The platform, e.g. https://id.gov.example (discovery is read from it). */
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** The service's private key (JWK with `d`, or a CryptoKey) for private_key_jwt: recommended. */
  privateKey?: JWK | CryptoKey;
  /** The `kid` of that key as registered in the service's JWKS. */
  keyId?: string;
  /** For services registered with --secret (client_secret_basic) instead of a key. */
  clientSecret?: string;
  postLogoutRedirectUri?: string;
};

export type StartLogin = {
  /** e-ME fields to ask for (each must be in the service's registration). */
  fields?: FieldName[];
  /** Also ask for offline access (the platform issues refresh tokens to services allowed the refresh_token grant). */
  offlineAccess?: boolean;
  /** e.g. "urn:yat:loa:plus" to require the in-person assurance level. */
  acrValues?: string;
  uiLocales?: string;
};

export type LoginResult = {
  tokens: { idToken: string; accessToken: string; refreshToken: string | undefined; expiresIn: number | undefined };
  /** The ID token's claims (verified): sub (pairwise), acr, amr, sid, and the fields released in it. */
  claims: oidc.IDToken;
  userinfo: oidc.UserInfoResponse;
  /** The released e-ME fields by name; declined ones are absent. */
  fields: Partial<Record<FieldName, string>>;
};

type CookieState = { v: string; s: string; n: string };

const isJwk = (k: JWK | CryptoKey): k is JWK => typeof (k as JWK).kty === 'string';

export async function createYatClient(opts: YatClientOptions) {
  if (!opts.privateKey === !opts.clientSecret) throw new TypeError('give exactly one of privateKey (private_key_jwt) or clientSecret');
  const issuer = new URL(opts.issuer);
  // Plain http is for a developer's machine only (the platform's own quick start).
  const insecure = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  const execute = insecure ? [oidc.allowInsecureRequests] : [];
  let auth: oidc.ClientAuth;
  if (opts.privateKey) {
    const pk = opts.privateKey;
    const key = isJwk(pk) ? ((await importJWK(pk, pk.alg ?? 'ES256')) as CryptoKey) : pk;
    auth = oidc.PrivateKeyJwt({ key, kid: opts.keyId ?? (isJwk(pk) ? pk.kid : undefined) });
  } else {
    auth = oidc.ClientSecretBasic(opts.clientSecret!);
  }
  const config = await oidc.discovery(issuer, opts.clientId, undefined, auth, { execute });
  const meta = config.serverMetadata();
  const verifyLogout = createLogoutTokenVerifier({ issuer: meta.issuer, clientId: opts.clientId, jwksUri: meta.jwks_uri! });

  return {
    config,

    /** The signing API (needs the client credentials grant and scope "signing" in the registration). */
    signing: createSigningApi(config, issuer),

    /** The notification API (needs the client credentials grant and scope "notify" in the registration). */
    notifications: createNotificationsApi(config, issuer),

    /** Pushes the authorization request (PAR) and returns where to send the browser, and what to keep until it returns. */
    async startLogin(params: StartLogin = {}): Promise<{ url: string; cookieState: string }> {
      const fields = params.fields ?? [];
      const unknown = fields.filter((f) => !isFieldName(f));
      if (unknown.length) throw new TypeError(`unknown e-ME fields: ${unknown.join(', ')}`);
      const state: CookieState = { v: oidc.randomPKCECodeVerifier(), s: oidc.randomState(), n: oidc.randomNonce() };
      const url = await oidc.buildAuthorizationUrlWithPAR(config, {
        redirect_uri: opts.redirectUri,
        scope: ['openid', ...(params.offlineAccess ? ['offline_access'] : [])].join(' '),
        code_challenge: await oidc.calculatePKCECodeChallenge(state.v),
        code_challenge_method: 'S256',
        state: state.s,
        nonce: state.n,
        ...(fields.length ? { claims: JSON.stringify(claimsRequestFor(fields)) } : {}),
        ...(params.acrValues ? { acr_values: params.acrValues } : {}),
        ...(params.uiLocales ? { ui_locales: params.uiLocales } : {}),
      });
      return { url: url.href, cookieState: Buffer.from(JSON.stringify(state)).toString('base64url') };
    },

    /** Checks the callback (state, PKCE, ID token), redeems the code and reads userinfo. */
    async finishLogin(callbackUrl: string | URL, cookieState: string): Promise<LoginResult> {
      let st: CookieState;
      try {
        st = JSON.parse(Buffer.from(cookieState, 'base64url').toString('utf8')) as CookieState;
      } catch {
        throw new TypeError('cookieState is missing or damaged; start the login again');
      }
      const tokens = await oidc.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: st.v, expectedState: st.s, expectedNonce: st.n });
      const claims = tokens.claims()!;
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      return {
        tokens: { idToken: tokens.id_token!, accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresIn: tokens.expiresIn() },
        claims,
        userinfo,
        fields: fieldsFromClaims({ ...claims, ...userinfo }),
      };
    },

    /** A new access token (and rotated refresh token); fails once the resident revoked the service. */
    refresh: (refreshToken: string) => oidc.refreshTokenGrant(config, refreshToken),

    /** Where to send the browser to end the resident's session at the platform too (RP-initiated logout). */
    logoutUrl(idToken: string, params: { postLogoutRedirectUri?: string; state?: string } = {}): string {
      const redirect = params.postLogoutRedirectUri ?? opts.postLogoutRedirectUri;
      return oidc.buildEndSessionUrl(config, { id_token_hint: idToken, ...(redirect ? { post_logout_redirect_uri: redirect } : {}), ...(params.state ? { state: params.state } : {}) }).href;
    },

    /** Verifies a back-channel logout request's body (form-encoded `logout_token=…`); says whose session ended. */
    verifyLogoutToken: (body: string | URLSearchParams | { logout_token?: unknown }): Promise<LogoutToken> => verifyLogout(body),
  };
}

export type YatClient = Awaited<ReturnType<typeof createYatClient>>;
