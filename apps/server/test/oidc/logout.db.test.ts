import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { login, registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/** RP-initiated logout at the platform, and the service told through back-channel logout. */
let p: Platform;
let receiver: http.Server;
const logoutTokens: string[] = [];

beforeAll(async () => {
  p = await startPlatform();
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  receiver.close();
  await p.close();
});

test('signing out at the platform ends the session and the service receives a valid logout token', async () => {
  const backchannel = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/backchannel`;
  const rp = await createRelyingParty(p.app, p.issuer, { backchannelLogoutUri: backchannel, postLogoutRedirectUris: ['https://service.example.gov/signed-out'] });
  const wallet = await registeredWallet(p);
  const { tokens, ua } = await login(p, rp, wallet);
  const idClaims = tokens.claims()!;
  expect(idClaims.sid).toBeTruthy();

  const endSession = oidc.buildEndSessionUrl(rp.config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'https://service.example.gov/signed-out', state: 'bye' });
  const confirm = await ua.navigate(endSession.href);
  expect(confirm.status).toBe(200);
  expect(confirm.body).toContain('Do you want to sign out of Yat?');
  const action = confirm.body.match(/<form[^>]*action="([^"]+)"/)![1]!;
  const xsrf = confirm.body.match(/name="xsrf" value="([^"]+)"/)![1]!;
  const done = await ua.navigate(new URL(action, p.issuer).href, (u) => u.startsWith('https://service.example.gov/'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
  });
  expect(done.location).toBe('https://service.example.gov/signed-out?state=bye');

  expect(logoutTokens).toHaveLength(1);
  const { payload, protectedHeader } = await jwtVerify(logoutTokens[0]!, createRemoteJWKSet(new URL(`${p.issuer}/oidc/jwks`)), { issuer: p.issuer, audience: rp.clientId });
  expect(protectedHeader.alg).toBe('ES256');
  expect(payload).toMatchObject({ sub: idClaims.sub, sid: idClaims.sid, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });
  expect(payload.nonce).toBeUndefined();
  const events = await p.app.audit.forResident(wallet.residentId);
  expect(events.some((e) => e.type === 'login.approved')).toBe(true);
});

test('a logout request without the confirmation token is refused', async () => {
  const res = await fetch(`${p.issuer}/oidc/session/end/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'logout=yes&xsrf=forged' });
  expect(res.status).toBe(400);
  expect(await res.json()).toMatchObject({ error: 'invalid_request', error_description: 'could not find logout details' });
});
