import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approveRequest, type WalletState } from '../../../packages/cli/src/wallet/headless-wallet.ts';
import { registerClient } from '../../../apps/server/src/oidc/client-registration.ts';
import { registeredWallet } from '../../../apps/server/test/support/login.ts';
import { startPlatform, type Platform } from '../../../apps/server/test/support/platform.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn } from '../../../apps/server/test/support/user-agent.ts';
import { createYatClient, type YatClient } from '../src/index.ts';

let p: Platform;
let wallet: WalletState;
let yat: YatClient;
const redirectUri = 'https://housing.example.gov/callback';

beforeAll(async () => {
  p = await startPlatform();
  wallet = await registeredWallet(p);
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const { client_id } = await registerClient(p.app, {
    name: 'Housing application',
    redirectUris: [redirectUri],
    postLogoutRedirectUris: ['https://housing.example.gov/bye'],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'h1', alg: 'ES256' }] },
    fields: { required: ['name_en'], optional: ['birthdate'] },
  });
  yat = await createYatClient({ issuer: p.issuer, clientId: client_id, redirectUri, privateKey: { ...(await exportJWK(privateKey)), kid: 'h1', alg: 'ES256' } });
});
afterAll(() => p.close());

describe('createYatClient', () => {
  test('startLogin → wallet approves → finishLogin gives tokens, verified claims, userinfo and fields by name', async () => {
    const ua = createUserAgent();
    const { url, cookieState } = await yat.startLogin({ fields: ['name_en', 'birthdate'], offlineAccess: true });
    expect(new URL(url).searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    const page = await ua.navigate(url);
    const uid = new URL(page.url).pathname.split('/')[2]!;
    wallet = (await approveRequest(wallet, walletLinkIn(page.body), ['name_en'], verificationCodeIn(page.body))).state;
    const hop = await ua.navigate(`${p.issuer}/interaction/${uid}/continue`, (u) => u.startsWith(redirectUri));
    const result = await yat.finishLogin(hop.location!, cookieState);
    expect(result.claims.acr).toBe('urn:yat:loa:standard');
    expect(Object.keys(result.fields)).toEqual(['name_en']);
    expect(result.userinfo.sub).toBe(result.claims.sub);
    expect(result.tokens.refreshToken).toBeTruthy();
    const refreshed = await yat.refresh(result.tokens.refreshToken!);
    expect(refreshed.access_token).toBeTruthy();

    const logout = new URL(yat.logoutUrl(result.tokens.idToken, { postLogoutRedirectUri: 'https://housing.example.gov/bye', state: 'abc' }));
    expect(`${logout.origin}${logout.pathname}`).toBe(`${p.issuer}/oidc/session/end`);
    expect(logout.searchParams.get('id_token_hint')).toBe(result.tokens.idToken);

    // The callback is checked against the state kept in the cookie: another login's state fails.
    const other = await yat.startLogin({ fields: ['name_en'] });
    await expect(yat.finishLogin(hop.location!, other.cookieState)).rejects.toBeTruthy();
    await expect(yat.finishLogin(hop.location!, 'garbage')).rejects.toBeInstanceOf(TypeError);
  });

  test('asking for an unknown field or without credentials is a programming error, reported at once', async () => {
    await expect(yat.startLogin({ fields: ['shoe_size' as never] })).rejects.toBeInstanceOf(TypeError);
    await expect(createYatClient({ issuer: p.issuer, clientId: 'x', redirectUri })).rejects.toBeInstanceOf(TypeError);
  });
});
