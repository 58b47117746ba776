import crypto from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey as JoseKey } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approveRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { registerClient } from '../../src/oidc/client-registration.ts';
import { login, registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn } from '../support/user-agent.ts';

/**
 * A FAPI 2.0 service meets the platform the way a certified client would: openid-client
 * with PAR, PKCE, private_key_jwt and DPoP (answering the server's use_dpop_nonce itself).
 */
let p: Platform;
let wallet: WalletState;
const redirectUri = 'https://bank.example.hk/callback';

beforeAll(async () => {
  p = await startPlatform();
  wallet = await registeredWallet(p);
});
afterAll(() => p.close());

type Exchange = { url: string; status: number; error?: string; dpopNonce?: string | null };

/** A FAPI service: registered with its public keys; every call it makes is recorded. */
async function fapiService(alg: 'ES256' | 'PS256' | 'RS256' = 'ES256', opts: { fapi?: boolean } = {}) {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  const kid = `${alg.toLowerCase()}-1`;
  const { client_id } = await registerClient(p.app, {
    name: 'Harbour Bank',
    redirectUris: [redirectUri],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, use: 'sig' }] },
    scope: 'openid offline_access profile',
    fapi: opts.fapi ?? true,
  });
  const exchanges: Exchange[] = [];
  const config = await oidc.discovery(new URL(p.issuer), client_id, undefined, oidc.PrivateKeyJwt({ key: privateKey, kid }), { execute: [oidc.allowInsecureRequests] });
  config[oidc.customFetch] = async (url, init) => {
    const res = await fetch(url, init as RequestInit);
    const copy = res.clone();
    const body = (await copy.json().catch(() => ({}))) as { error?: string };
    exchanges.push({ url, status: res.status, error: body.error ?? (res.headers.get('www-authenticate')?.match(/error="([^"]+)"/)?.[1] ?? undefined), dpopNonce: res.headers.get('dpop-nonce') });
    return res;
  };
  return { clientId: client_id, config, exchanges };
}

/** The browser part of a sign-in: the page, the wallet's approval with the page's code, back to the service. */
async function signIn(authorizationUrl: string): Promise<string> {
  const ua = createUserAgent();
  const page = await ua.navigate(authorizationUrl);
  expect(page.url).toContain('/interaction/');
  wallet = (await approveRequest(wallet, walletLinkIn(page.body), 'all', verificationCodeIn(page.body))).state;
  const uid = new URL(page.url).pathname.split('/')[2]!;
  const hop = await ua.navigate(`${p.issuer}/interaction/${uid}/continue`, (u) => u.startsWith(redirectUri));
  expect(hop.location).toMatch(/^https:\/\/bank\.example\.hk\/callback\?/);
  return hop.location!;
}

async function authorize(config: oidc.Configuration, dpop?: oidc.DPoPHandle) {
  const verifier = oidc.randomPKCECodeVerifier();
  const checks = { pkceCodeVerifier: verifier, expectedState: oidc.randomState(), expectedNonce: oidc.randomNonce() };
  const url = await oidc.buildAuthorizationUrlWithPAR(
    config,
    { redirect_uri: redirectUri, scope: 'openid offline_access profile', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: checks.expectedState, nonce: checks.expectedNonce },
    dpop ? { DPoP: dpop } : undefined,
  );
  return { url: url.href, checks };
}

async function dpopProof(key: CryptoKeyPair, claims: { htm: string; htu: string; nonce?: string; ath?: string }) {
  return new SignJWT({ ...claims, jti: crypto.randomUUID() })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(key.publicKey as JoseKey) })
    .setIssuedAt()
    .sign(key.privateKey as JoseKey);
}

describe('a FAPI 2.0 service', () => {
  test('signs in with PAR + PKCE + private_key_jwt + DPoP; tokens are DPoP-bound; the server asks for nonces', async () => {
    const svc = await fapiService('ES256');
    const key = await oidc.randomDPoPKeyPair('ES256');
    const dpop = oidc.getDPoPHandle(svc.config, key);
    const { url, checks } = await authorize(svc.config, dpop);
    const callback = await signIn(url);
    expect(new URL(callback).searchParams.get('iss')).toBe(p.issuer);

    // A client without DPoP (Bearer only) is refused at the token endpoint; the code is still good for the DPoP request.
    await expect(oidc.authorizationCodeGrant(svc.config, new URL(callback), checks)).rejects.toMatchObject({ error: 'invalid_grant' });

    const tokens = await oidc.authorizationCodeGrant(svc.config, new URL(callback), checks, undefined, { DPoP: dpop });
    expect(tokens.token_type).toBe('dpop');
    // The first proof (at PAR) carried no nonce: the server answered use_dpop_nonce with one and
    // openid-client retried with it; later proofs carry the nonce the server keeps sending.
    const calls = (path: string) => svc.exchanges.filter((e) => new URL(e.url).pathname === path).map((e) => [e.status, e.error ?? null]);
    expect(calls('/oidc/par')).toEqual([[400, 'use_dpop_nonce'], [201, null]]);
    expect(svc.exchanges[0]!.dpopNonce).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(calls('/oidc/token')).toEqual([[400, 'invalid_grant'], [200, null]]);

    // The access token is bound to the DPoP key (cnf.jkt), as introspection tells.
    const claims = tokens.claims()!;
    const info = await oidc.fetchUserInfo(svc.config, tokens.access_token, claims.sub, { DPoP: dpop });
    expect(info.sub).toBe(claims.sub);
    const introspected = await oidc.tokenIntrospection(svc.config, tokens.access_token);
    expect(introspected).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt: await calculateJwkThumbprint(await exportJWK(key.publicKey as JoseKey)) } });

    const userinfo = `${p.issuer}/oidc/me`;
    // As a Bearer token it is refused.
    const asBearer = await fetch(userinfo, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(asBearer.status).toBe(401);
    // As a DPoP token without a proof it is refused.
    const noProof = await fetch(userinfo, { headers: { authorization: `DPoP ${tokens.access_token}` } });
    expect([400, 401]).toContain(noProof.status);
    // A proof without the server's nonce is refused with a nonce to use; with it, accepted once; replayed, refused.
    const ath = crypto.createHash('sha256').update(tokens.access_token).digest('base64url');
    const noNonce = await fetch(userinfo, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: await dpopProof(key, { htm: 'GET', htu: userinfo, ath }) } });
    expect(noNonce.status).toBe(401);
    expect(noNonce.headers.get('www-authenticate')).toContain('use_dpop_nonce');
    const nonce = noNonce.headers.get('dpop-nonce')!;
    const proof = await dpopProof(key, { htm: 'GET', htu: userinfo, ath, nonce });
    const first = await fetch(userinfo, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: proof } });
    expect(first.status).toBe(200);
    const replayed = await fetch(userinfo, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: proof } });
    expect(replayed.status).toBe(401);
    expect(replayed.headers.get('www-authenticate')).toMatch(/invalid_dpop_proof|invalid_token/);
    // A proof from another key does not fit the token.
    const other = await oidc.randomDPoPKeyPair('ES256');
    const wrongKey = await fetch(userinfo, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: await dpopProof(other, { htm: 'GET', htu: userinfo, ath, nonce }) } });
    expect(wrongKey.status).toBe(401);

    // The refresh token is bound to the same key and not rotated (FAPI 2.0 §5.3.2.1).
    const refreshed = await oidc.refreshTokenGrant(svc.config, tokens.refresh_token!, undefined, { DPoP: dpop });
    expect(refreshed.token_type).toBe('dpop');
    expect(refreshed.refresh_token ?? tokens.refresh_token).toBe(tokens.refresh_token);
    await expect(oidc.refreshTokenGrant(svc.config, tokens.refresh_token!, undefined, { DPoP: oidc.getDPoPHandle(svc.config, other) })).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.refreshTokenGrant(svc.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  test('an authorization request not pushed (PAR) is refused', async () => {
    const svc = await fapiService('ES256');
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(svc.config, { redirect_uri: redirectUri, scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 's', nonce: 'n' });
    const res = await fetch(url, { redirect: 'manual' });
    const where = new URL(res.headers.get('location') ?? url.href);
    expect(where.searchParams.get('error') ?? (await res.text())).toMatch(/invalid_request|pushed authorization request/);
  });

  test('a client assertion signed with RS256 is refused; PS256 is accepted', async () => {
    const rs = await fapiService('RS256');
    await expect(authorize(rs.config, oidc.getDPoPHandle(rs.config, await oidc.randomDPoPKeyPair('ES256')))).rejects.toMatchObject({ error: 'invalid_client' });
    const ps = await fapiService('PS256');
    const { url } = await authorize(ps.config, oidc.getDPoPHandle(ps.config, await oidc.randomDPoPKeyPair('ES256')));
    expect(url).toContain('request_uri=');
  });

  test('a client secret, or a FAPI registration with weaker metadata, is refused at registration', async () => {
    await expect(registerClient(p.app, { name: 'Weak bank', redirectUris: [redirectUri], secret: true, fapi: true })).rejects.toMatchObject({ code: 'invalid_client_metadata' });
    const { publicKey } = await generateKeyPair('ES256');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k', use: 'sig' }] };
    // oidc-provider's own validation (extraClientMetadata) refuses FAPI metadata that is not.
    await expect(p.app.provider.Client.validate({ client_id: 'x', redirect_uris: [redirectUri], token_endpoint_auth_method: 'client_secret_basic', client_secret: 'x'.repeat(43), yat_fapi: true } as never)).rejects.toThrow(/private_key_jwt/);
    await expect(
      p.app.provider.Client.validate({ client_id: 'x', redirect_uris: [redirectUri], jwks, token_endpoint_auth_method: 'private_key_jwt', require_pushed_authorization_requests: true, yat_fapi: true } as never),
    ).rejects.toThrow(/DPoP/);
    await expect(registerClient(p.app, { name: 'RS bank', redirectUris: [redirectUri], jwks, fapi: true, idTokenAlg: 'RS256' })).rejects.toMatchObject({ code: 'invalid_client_metadata' });
  });

  test('a service without the flag keeps Bearer tokens and today\'s flow', async () => {
    const rp = await createRelyingParty(p.app, p.issuer);
    const { tokens, wallet: next } = await login(p, rp, wallet);
    wallet = next;
    expect(tokens.token_type).toBe('bearer');
    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()!.sub);
    expect(info.sub).toBe(tokens.claims()!.sub);
  });
});

describe('discovery', () => {
  test('tells how clients authenticate at introspection and revocation, and offers RS256 ID tokens', async () => {
    const d = (await (await fetch(`${p.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(d.introspection_endpoint_auth_methods_supported).toEqual(['private_key_jwt', 'client_secret_basic']);
    expect(d.revocation_endpoint_auth_methods_supported).toEqual(['private_key_jwt', 'client_secret_basic']);
    expect(d.id_token_signing_alg_values_supported).toEqual(expect.arrayContaining(['ES256', 'RS256', 'PS256']));
    expect(d.dpop_signing_alg_values_supported).toEqual(expect.arrayContaining(['ES256']));
    expect(d.id_token_encryption_alg_values_supported).toContain('ECDH-ES');
    expect(d.id_token_encryption_enc_values_supported).toContain('A256GCM');
    expect(d.backchannel_token_delivery_modes_supported).toEqual(['poll', 'ping']);
  });

  test('a service registered for RS256 receives RS256 ID tokens that openid-client verifies', async () => {
    const rp = await createRelyingParty(p.app, p.issuer, { idTokenAlg: 'RS256' });
    const { tokens, wallet: next } = await login(p, rp, wallet);
    wallet = next;
    expect(JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'RS256' });
    expect(tokens.claims()!.aud).toBe(rp.clientId);
  });
});
