import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approveRequest, declineRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { continueToService, login, registeredWallet, resident, showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';
import { createUserAgent } from '../support/user-agent.ts';

let p: Platform;
let rp: RelyingParty;
let wallet: WalletState;

beforeAll(async () => {
  p = await startPlatform();
  rp = await createRelyingParty(p.app, p.issuer, { scope: 'openid offline_access profile email phone address yat:id_number' });
  wallet = await registeredWallet(p);
});
afterAll(() => p.close());

describe('a resident signs in to a service with the wallet', () => {
  test('PAR + PKCE + private_key_jwt: ES256 ID token with the assurance level, userinfo with the shared fields', async () => {
    const r = resident();
    const { tokens, wallet: next } = await login(p, rp, wallet, { scope: 'openid profile email yat:id_number' });
    wallet = next;
    const header = JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString()) as { alg: string };
    expect(header.alg).toBe('ES256');
    const claims = tokens.claims()!;
    expect(claims.acr).toBe('urn:yat:loa:standard');
    expect(claims.amr).toEqual(['hwk', 'user']);
    expect(claims.sub).not.toContain(wallet.residentId);
    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, claims.sub);
    expect(info).toMatchObject({ name: `${r.nameEn.family} ${r.nameEn.given}`, 'yat:name_zh': r.nameZh, birthdate: r.dob, email: r.email, 'yat:id_number': 'A123456(3)' });
    expect(info.phone_number).toBeUndefined();
    const events = await p.app.audit.forResident(wallet.residentId);
    expect(events.find((e) => e.type === 'login.approved')).toMatchObject({ client_id: rp.clientId, outcome: 'success', fields: ['name_en', 'name_zh', 'birthdate', 'gender', 'email', 'id_number'] });
  });

  test('a field the resident declines is released neither in the ID token nor by userinfo', async () => {
    const { tokens, wallet: next } = await login(p, rp, wallet, {
      scope: 'openid profile email',
      share: ['name_en'],
      claims: { id_token: { email: null, name: null } },
    });
    wallet = next;
    const claims = tokens.claims()!;
    expect(claims.name).toBeDefined();
    expect(claims.email).toBeUndefined();
    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, claims.sub);
    expect(info.name).toBe(`${resident().nameEn.family} ${resident().nameEn.given}`);
    for (const c of ['email', 'email_verified', 'birthdate', 'gender', 'yat:name_zh']) expect(info[c]).toBeUndefined();
  });

  test('an authorization code works once: a replay is refused', async () => {
    const s = await showSignInPage(p, rp);
    wallet = (await approveRequest(wallet, s.link, 'all', s.code)).state;
    const callback = (await continueToService(p, rp, s.ua, s.uid))!;
    await rp.finishLogin(callback, s.checks);
    await expect(rp.finishLogin(callback, s.checks)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  test('two services in different sectors get different subjects; the same sector gets the same', async () => {
    const other = await createRelyingParty(p.app, p.issuer, { name: 'Tax return', redirectUri: 'https://tax.example.gov/cb' });
    const sibling = await createRelyingParty(p.app, p.issuer, { name: 'Library renewals', redirectUri: 'https://service.example.gov/renew' });
    const subs: string[] = [];
    for (const service of [rp, other, sibling]) {
      const res = await login(p, service, wallet);
      wallet = res.wallet;
      subs.push(res.tokens.claims()!.sub);
    }
    expect(subs[0]).not.toBe(subs[1]);
    expect(subs[0]).toBe(subs[2]);
  });
});

describe('the login link is bound to the browser that showed it', () => {
  test('a QR code approved for another browser session does not log this one in', async () => {
    const victim = await showSignInPage(p, rp);
    const attacker = await showSignInPage(p, rp);
    wallet = (await approveRequest(wallet, victim.link, 'all', victim.code)).state;

    // The attacker's own request stays pending: continuing just shows its page again.
    expect(await continueToService(p, rp, attacker.ua, attacker.uid)).toBeUndefined();
    // Nor can the attacker's browser use the victim's interaction or read its status.
    const status = await attacker.ua.request(`${p.issuer}/interaction/${victim.uid}/status`, { headers: { accept: 'application/json' } });
    expect(status.status).toBe(403);
    expect(JSON.parse(status.body)).toMatchObject({ error: 'not_your_request' });
    const hijack = await attacker.ua.navigate(`${p.issuer}/interaction/${victim.uid}/continue`, (u) => u.startsWith(rp.redirectUri));
    expect(hijack.location ?? '').not.toContain(rp.redirectUri);
    expect(hijack.status).toBe(400);
    expect(hijack.body).toContain('started in another browser');
    // A second approval of the same link is refused: the link is single-use.
    await expect(approveRequest(wallet, victim.link, 'all', victim.code)).rejects.toMatchObject({ code: 'request_used' });

    // The browser that showed the code moves on.
    expect(await continueToService(p, rp, victim.ua, victim.uid)).toMatch(/[?&]code=/);
  });

  test('a declined request tells the browser, which returns to the service with access_denied', async () => {
    const s = await showSignInPage(p, rp);
    await declineRequest(wallet, s.link);
    const status = await s.ua.request(`${p.issuer}/interaction/${s.uid}/status`, { headers: { accept: 'application/json' } });
    expect(JSON.parse(status.body)).toEqual({ status: 'declined' });
    const again = await s.ua.navigate(`${p.issuer}/interaction/${s.uid}`);
    expect(again.body).toContain('You declined the request on your phone');
    const callback = (await continueToService(p, rp, s.ua, s.uid))!;
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    await expect(rp.finishLogin(callback, s.checks)).rejects.toMatchObject({ error: 'access_denied' });
  });

  test('an expired request cannot be approved and the page offers a new code', async () => {
    const s = await showSignInPage(p, rp);
    await p.ctx.storage.db.updateTable('login_requests').set({ expires_at: Date.now() - 1 }).where('interaction_uid', '=', s.uid).execute();
    await expect(approveRequest(wallet, s.link, 'all', s.code)).rejects.toMatchObject({ code: 'request_expired' });
    const status = await s.ua.request(`${p.issuer}/interaction/${s.uid}/status`, { headers: { accept: 'application/json' } });
    expect(JSON.parse(status.body)).toEqual({ status: 'expired' });
    const fresh = await s.ua.navigate(`${p.issuer}/interaction/${s.uid}`);
    expect(fresh.body).toContain('data-wallet-link');
    expect(fresh.body).not.toContain(s.link);
  });

  test('a tampered approval signature is refused and audited', async () => {
    const s = await showSignInPage(p, rp);
    // Signing a different share list than the one sent breaks the challenge binding.
    const res = await fetch(`${p.issuer}/api/wallet/login-requests/${s.link.split('#')[1]}`);
    const view = (await res.json()) as { nonce: string };
    const { getAssertion } = await import('../../../../packages/cli/src/wallet/authenticator.ts');
    const { approvalChallenge } = await import('../../src/wallet-api/protocol.ts');
    const signed = getAssertion({ rpId: wallet.rpId, origin: wallet.server, challenge: approvalChallenge(view.nonce, [], s.code), credential: wallet.credential });
    wallet = { ...wallet, credential: signed.credential };
    const approve = await fetch(`${p.issuer}/api/wallet/login-requests/${s.link.split('#')[1]}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential: signed.response, share: ['name_en'], code: s.code }),
    });
    expect(approve.status).toBe(400);
    expect(await approve.json()).toMatchObject({ error: 'invalid_assertion' });
    expect(await continueToService(p, rp, s.ua, s.uid)).toBeUndefined();
  });
});

describe('tokens', () => {
  test('refresh tokens rotate; reusing an old one revokes the whole grant', async () => {
    const { tokens, wallet: next } = await login(p, rp, wallet, { scope: 'openid offline_access profile' });
    wallet = next;
    expect(tokens.refresh_token).toBeTruthy();
    const second = await oidc.refreshTokenGrant(rp.config, tokens.refresh_token!);
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(tokens.refresh_token);
    await expect(oidc.refreshTokenGrant(rp.config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The reuse looked like theft: the rotated token and its access token die with the grant.
    await expect(oidc.refreshTokenGrant(rp.config, second.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const intro = await oidc.tokenIntrospection(rp.config, second.access_token);
    expect(intro.active).toBe(false);
  });

  test('introspection reports an active token; revocation ends it', async () => {
    const { tokens, wallet: next } = await login(p, rp, wallet);
    wallet = next;
    expect((await oidc.tokenIntrospection(rp.config, tokens.access_token)).active).toBe(true);
    await oidc.tokenRevocation(rp.config, tokens.access_token);
    expect((await oidc.tokenIntrospection(rp.config, tokens.access_token)).active).toBe(false);
    await expect(oidc.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()!.sub)).rejects.toBeTruthy();
  });

  test('keys are published in the JWKS with the ID token key id', async () => {
    const { tokens, wallet: next } = await login(p, rp, wallet);
    wallet = next;
    const kid = JSON.parse(Buffer.from(tokens.id_token!.split('.')[0]!, 'base64url').toString()).kid as string;
    const jwks = (await (await fetch(`${p.issuer}/oidc/jwks`)).json()) as { keys: Array<{ kid: string; d?: string }> };
    expect(jwks.keys.map((k) => k.kid)).toContain(kid);
    expect(jwks.keys.every((k) => k.d === undefined)).toBe(true);
  });
});

test('a browser without the sign-in cookie gets a clear page, not a stack trace', async () => {
  const ua = createUserAgent();
  const page = await ua.navigate(`${p.issuer}/interaction/abcdefghijklmnop`);
  expect(page.status).toBe(400);
  expect(page.body).toContain('<html lang="en"');
  expect(page.body).toContain('started in another browser');
});
