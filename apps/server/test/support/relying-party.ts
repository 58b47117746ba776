import { exportJWK, generateKeyPair } from 'jose';
import * as oidc from 'openid-client';
import type { App } from '../../src/app.ts';
import { registerClient, type NewClient } from '../../src/oidc/client-registration.ts';

/**
 * A service integrating the way a department would: registered with its public key,
 * talking to the platform only through openid-client (discovery, PAR, PKCE,
 * private_key_jwt). The redirect URI need not be served: tests read the code from it.
 */
export type RelyingParty = Awaited<ReturnType<typeof createRelyingParty>>;

/** `extraKeys`: more public keys for the service's JWKS (an encryption key, say). */
export async function createRelyingParty(app: App, issuer: string, opts: Partial<NewClient> & { redirectUri?: string; extraKeys?: object[] } = {}) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = 'rp-key-1';
  const redirectUri = opts.redirectUri ?? 'https://service.example.gov/callback';
  const { client_id } = await registerClient(app, {
    name: opts.name ?? 'Library card service',
    names: opts.names,
    department: opts.department ?? 'Leisure and Cultural Services Department',
    departmentNames: opts.departmentNames,
    redirectUris: [redirectUri],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }, ...(opts.extraKeys ?? [])] },
    scope: opts.scope,
    sector: opts.sector,
    postLogoutRedirectUris: opts.postLogoutRedirectUris,
    backchannelLogoutUri: opts.backchannelLogoutUri,
    clientCredentials: opts.clientCredentials,
    fields: opts.fields,
    idTokenAlg: opts.idTokenAlg,
    encryption: opts.encryption,
    ciba: opts.ciba,
  });
  return relyingPartyFor(issuer, client_id, { privateKey, kid }, redirectUri);
}

/** The service's side of a client already registered (by `yat client add`, the developer console…). */
export async function relyingPartyFor(issuer: string, clientId: string, key: { privateKey: CryptoKey; kid: string }, redirectUri: string) {
  const config = await oidc.discovery(new URL(issuer), clientId, undefined, oidc.PrivateKeyJwt({ key: key.privateKey, kid: key.kid }), { execute: [oidc.allowInsecureRequests] });

  return {
    clientId,
    config,
    redirectUri,
    /** Pushes the authorization request (PAR) and returns the URL to send the browser to. */
    async startLogin(params: { scope?: string; claims?: unknown; acr_values?: string } = {}) {
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = await oidc.buildAuthorizationUrlWithPAR(config, {
        redirect_uri: redirectUri,
        scope: params.scope ?? 'openid profile email',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(params.claims ? { claims: JSON.stringify(params.claims) } : {}),
        ...(params.acr_values ? { acr_values: params.acr_values } : {}),
      });
      return { url: url.href, verifier, state, nonce };
    },
    async finishLogin(callbackUrl: string, checks: { verifier: string; state: string; nonce: string }) {
      return oidc.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce });
    },
  };
}
