import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approveRequest, describeRequestSignedIn, openSession, walletCall, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createUserAgent, verificationCodeIn, walletLinkIn } from '../support/user-agent.ts';
import { logoutReceiver, registerService, showPage, signIn, type Service } from './service.ts';

let p: Platform;
let wallet: WalletState;
let cookie: string;
let svc: Service;

beforeAll(async () => {
  p = await startPlatform();
  wallet = await registeredWallet(p);
  ({ cookie, state: wallet } = await openSession(wallet));
  await walletCall(wallet, cookie, 'PATCH', '/api/wallet/me', { resident: { postal_address: 'PO Box 1234, Central', education_level: 'bachelor' } });
  svc = await registerService(p, { fields: { required: ['name_en'], optional: ['email', 'postal_address'] } });
});
afterAll(() => p.close());

const pkce = async () => ({ code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()), code_challenge_method: 'S256', state: oidc.randomState() });

describe('a service obtains only the fields it registered for', () => {
  test('a scope outside the registration is refused at the pushed authorization request (invalid_scope)', async () => {
    const err = await oidc.buildAuthorizationUrlWithPAR(svc.yat.config, { redirect_uri: svc.redirectUri, scope: 'openid phone', ...(await pkce()) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ error: 'invalid_scope' });
  });

  test('a claims-parameter request for an unregistered field is refused before any sign-in page', async () => {
    await expect(svc.yat.startLogin({ fields: ['name_en', 'birthdate'] })).rejects.toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('birthdate') });
    // The same without PAR: the browser goes straight back to the service with the error, never to a QR code.
    const url = oidc.buildAuthorizationUrl(svc.yat.config, { redirect_uri: svc.redirectUri, scope: 'openid', claims: JSON.stringify({ userinfo: { 'yat:id_number': null } }), ...(await pkce()) });
    const hop = await createUserAgent().navigate(url.href, (u) => u.startsWith(svc.redirectUri));
    const back = new URL(hop.location!);
    expect(back.href.startsWith(svc.redirectUri)).toBe(true);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toContain('id_number');
  });

  test('a broad scope asks only for the registered fields it covers, and releases nothing else', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const checks = { state: oidc.randomState(), nonce: oidc.randomNonce() };
    const url = await oidc.buildAuthorizationUrlWithPAR(svc.yat.config, {
      redirect_uri: svc.redirectUri,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      ...checks,
    });
    const ua = createUserAgent();
    const page = await ua.navigate(url.href);
    const uid = new URL(page.url).pathname.split('/')[2]!;
    const link = walletLinkIn(page.body);
    const view = await describeRequestSignedIn(wallet, cookie, link);
    expect(view.fields.map((f) => f.name)).toEqual(['name_en']);
    wallet = (await approveRequest(wallet, link, 'all', verificationCodeIn(page.body))).state;
    const hop = await ua.navigate(`${p.issuer}/interaction/${uid}/continue`, (u) => u.startsWith(svc.redirectUri));
    const tokens = await oidc.authorizationCodeGrant(svc.yat.config, new URL(hop.location!), { pkceCodeVerifier: verifier, expectedState: checks.state, expectedNonce: checks.nonce });
    const claims = tokens.claims()!;
    const info = await oidc.fetchUserInfo(svc.yat.config, tokens.access_token, claims.sub);
    expect(info.name).toBeTruthy();
    for (const c of ['birthdate', 'gender', 'yat:name_zh', 'yat:id_number', 'phone_number']) {
      expect(claims[c]).toBeUndefined();
      expect(info[c]).toBeUndefined();
    }
  });

  test('a required field cannot be withheld: the approval is refused', async () => {
    const { link, code } = await showPage(svc, { fields: ['name_en', 'email'] });
    const view = await describeRequestSignedIn(wallet, cookie, link);
    expect(view.fields.map((f) => [f.name, f.required])).toEqual([['name_en', true], ['email', false]]);
    await expect(approveRequest(wallet, link, 'none', code)).rejects.toMatchObject({ code: 'required_field' });
    wallet = (await approveRequest(wallet, link, 'required', code)).state;
  });
});

describe('consent', () => {
  test('a declined field is released neither in the ID token nor by userinfo; resident-maintained fields are', async () => {
    const { result, wallet: next } = await signIn(p, svc, wallet, { fields: ['name_en', 'email', 'postal_address'] }, ['name_en', 'postal_address']);
    wallet = next;
    expect(result.claims['yat:postal_address']).toBe('PO Box 1234, Central');
    expect(result.userinfo['yat:postal_address']).toBe('PO Box 1234, Central');
    expect(result.claims.name).toBeTruthy();
    for (const c of ['email', 'email_verified', 'yat:education_level']) {
      expect(result.claims[c]).toBeUndefined();
      expect(result.userinfo[c]).toBeUndefined();
    }
    expect(result.fields).toEqual({ name_en: result.claims.name, postal_address: 'PO Box 1234, Central' });
  });

  test('the wallet asks again only for fields not yet granted', async () => {
    const first = await showPage(svc, { fields: ['name_en', 'email', 'postal_address'] });
    const asked = async (link: string) => Object.fromEntries((await describeRequestSignedIn(wallet, cookie, link)).fields.map((f) => [f.name, f.alreadyGranted]));
    // name_en and postal_address were shared before, email was declined.
    expect(await asked(first.link)).toEqual({ name_en: true, email: false, postal_address: true });
    wallet = (await signIn(p, svc, wallet, { fields: ['name_en', 'email', 'postal_address'] }, 'all')).wallet;
    const second = await showPage(svc, { fields: ['name_en', 'email', 'postal_address'] });
    expect(await asked(second.link)).toEqual({ name_en: true, email: true, postal_address: true });
    // A wallet that is not signed in is not told what was granted.
    const anonymous = await fetch(`${p.issuer}/api/wallet/login-requests/${second.link.split('#')[1]}`);
    expect(((await anonymous.json()) as { fields: Array<{ alreadyGranted: boolean }> }).fields.every((f) => !f.alreadyGranted)).toBe(true);
    const { services } = await walletCall<{ services: Array<{ clientId: string; fields: string[] }> }>(wallet, cookie, 'GET', '/api/wallet/services');
    expect(services.find((s) => s.clientId === svc.clientId)?.fields.sort()).toEqual(['email', 'name_en', 'postal_address']);
  });
});

describe('revocation', () => {
  test('revoking in the wallet ends refresh and access tokens and tells the service by back-channel logout', async () => {
    const receiver = await logoutReceiver();
    try {
      const bc = await registerService(p, { name: 'Sports centre booking', redirectUris: ['https://sports.example.gov/cb'], fields: { required: ['name_en'], optional: [] }, backchannelLogoutUri: receiver.url });
      const { result, wallet: next } = await signIn(p, bc, wallet, { fields: ['name_en'], offlineAccess: true }, 'all');
      wallet = next;
      expect(result.tokens.refreshToken).toBeTruthy();
      expect(result.claims.sid).toBeTruthy();
      const refreshed = await bc.yat.refresh(result.tokens.refreshToken!);

      const res = await fetch(`${p.issuer}/api/wallet/services/${bc.clientId}`, { method: 'DELETE', headers: { cookie } });
      expect(res.status).toBe(204);

      await expect(bc.yat.refresh(refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      expect((await oidc.tokenIntrospection(bc.yat.config, refreshed.access_token)).active).toBe(false);
      await expect(oidc.fetchUserInfo(bc.yat.config, refreshed.access_token, result.claims.sub)).rejects.toBeTruthy();

      expect(receiver.bodies).toHaveLength(1);
      const logout = await bc.yat.verifyLogoutToken(receiver.bodies[0]!);
      expect(logout.sub).toBe(result.claims.sub);
      expect(logout.sid).toBe(result.claims.sid);
      const events = await p.app.audit.forResident(wallet.residentId);
      expect(events[0]).toMatchObject({ type: 'grant.revoked', client_id: bc.clientId });
    } finally {
      await receiver.close();
    }
  });

  test('a forged logout token is rejected by the service SDK', async () => {
    await expect(svc.yat.verifyLogoutToken('logout_token=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')).rejects.toMatchObject({ name: 'LogoutTokenError' });
    await expect(svc.yat.verifyLogoutToken('')).rejects.toMatchObject({ name: 'LogoutTokenError' });
  });
});
