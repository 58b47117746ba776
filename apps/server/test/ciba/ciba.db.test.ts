import http from 'node:http';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getAssertion } from '../../../../packages/cli/src/wallet/authenticator.ts';
import { approveCibaRequest, declineCibaRequest, openSession, pendingCibaRequests, walletCall, WalletError, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { cibaChallenge } from '../../src/wallet-api/protocol.ts';
import { exportJWK, generateKeyPair } from 'jose';
import { registerClient, type NewClient } from '../../src/oidc/client-registration.ts';
import { login, registeredWallet } from '../support/login.ts';
import { freePort, startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * CIBA end to end: a service that knows a resident by the pairwise `sub` it was given asks
 * for authentication with a binding message; the resident's wallet lists the request and
 * answers it; the service polls (or is pinged) and gets tokens or the standard error.
 */
const CIBA = 'urn:openid:params:grant-type:ciba';
let p: Platform;
let wallet: WalletState;
let rp: RelyingParty;
let sub: string;

const servers: http.Server[] = [];

/** A CIBA client of a service: its keys on its own web server (jwks_uri), in the sector of its sign-in client. */
async function cibaService(name: string, sector: string, ciba: NewClient['ciba'] = { mode: 'poll' }) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'ciba-1', use: 'sig', alg: 'ES256' }] });
  const port = await freePort();
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  servers.push(server);
  const { client_id } = await registerClient(p.app, { name, redirectUris: [], jwksUri: `http://127.0.0.1:${port}/jwks.json`, sector, ciba });
  return { clientId: client_id, config: await oidc.discovery(new URL(p.issuer), client_id, undefined, oidc.PrivateKeyJwt({ key: privateKey, kid: 'ciba-1' }), { execute: [oidc.allowInsecureRequests] }) };
}

let bank: Awaited<ReturnType<typeof cibaService>>;

beforeAll(async () => {
  p = await startPlatform();
  wallet = await registeredWallet(p);
  rp = await createRelyingParty(p.app, p.issuer, { name: 'Harbour Bank' });
  // The service learns the resident's pairwise sub from an ordinary sign-in first.
  const first = await login(p, rp, wallet);
  wallet = first.wallet;
  sub = first.tokens.claims()!.sub;
  bank = await cibaService('Harbour Bank call centre', 'service.example.gov');
});
afterAll(async () => {
  for (const s of servers) s.close();
  await p.close();
});

/** What the wallet lists now (the headless wallet's counter moves on with every session). */
async function pending() {
  const r = await pendingCibaRequests(wallet);
  wallet = r.state;
  return r.requests;
}

const poll = (config: oidc.Configuration, authReqId: string) => oidc.genericGrantRequest(config, CIBA, { auth_req_id: authReqId });
const ask = (params: Record<string, string> = {}) => oidc.initiateBackchannelAuthentication(bank.config, { scope: 'openid', login_hint: sub, binding_message: 'Call 2041', ...params });

describe('CIBA poll mode', () => {
  test('the wallet lists the request; approved, the service gets tokens for the same sub; polling too fast gives slow_down', async () => {
    const started = await ask();
    expect(started).toMatchObject({ auth_req_id: expect.any(String), expires_in: expect.any(Number), interval: 5 });

    await expect(poll(bank.config, started.auth_req_id)).rejects.toMatchObject({ error: 'authorization_pending' });
    await expect(poll(bank.config, started.auth_req_id)).rejects.toMatchObject({ error: 'slow_down' });

    const listed = await pending();
    expect(listed).toHaveLength(1);
    const req = listed[0]!;
    expect(req).toMatchObject({ bindingMessage: 'Call 2041', satisfiable: true, service: { name: 'Harbour Bank call centre', clientId: bank.clientId, verified: true } });

    const approved = await approveCibaRequest(wallet, req.id);
    wallet = approved.state;
    expect(approved.result).toEqual({ status: 'approved', service: 'Harbour Bank call centre' });

    const tokens = await poll(bank.config, started.auth_req_id);
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(sub);
    expect(claims.acr).toBe('urn:yat:loa:standard');
    expect(claims.amr).toEqual(['hwk', 'user']);
    expect((await pending())).toHaveLength(0);
    // Used once: the same auth_req_id gives nothing more.
    await expect(poll(bank.config, started.auth_req_id)).rejects.toMatchObject({ error: 'invalid_grant' });

    const events = await p.app.audit.forResident(wallet.residentId, 20);
    expect(events.find((e) => e.type === 'ciba.approved')).toMatchObject({ client_id: bank.clientId, outcome: 'success', detail: { bindingMessage: 'Call 2041' } });
  });

  test('declined in the wallet: access_denied', async () => {
    const started = await ask({ binding_message: 'Counter 7' });
    const req = (await pending()).find((r) => r.bindingMessage === 'Counter 7')!;
    wallet = (await declineCibaRequest(wallet, req.id)).state;
    await expect(poll(bank.config, started.auth_req_id)).rejects.toMatchObject({ error: 'access_denied' });
    const events = await p.app.audit.forResident(wallet.residentId, 20);
    expect(events.find((e) => e.type === 'ciba.declined')).toMatchObject({ client_id: bank.clientId, outcome: 'declined' });
  });

  test('not answered in time: expired_token, and the wallet no longer lists it', async () => {
    const started = await ask({ binding_message: 'Short one', requested_expiry: '1' });
    expect(started.expires_in).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    await expect(poll(bank.config, started.auth_req_id)).rejects.toMatchObject({ error: 'expired_token' });
    expect((await pending()).find((r) => r.bindingMessage === 'Short one')).toBeUndefined();
  });

  test('a login_hint the platform never gave this service, or no binding message, is refused', async () => {
    await expect(ask({ login_hint: 'not-a-sub-we-gave' })).rejects.toMatchObject({ error: 'unknown_user_id' });
    // The resident's sub at another sector does not work here either.
    const other = await cibaService('Other service', 'other.example.gov');
    await expect(oidc.initiateBackchannelAuthentication(other.config, { scope: 'openid', login_hint: sub, binding_message: 'x' })).rejects.toMatchObject({ error: 'unknown_user_id' });
    await expect(oidc.initiateBackchannelAuthentication(bank.config, { scope: 'openid', login_hint: sub })).rejects.toMatchObject({ error: 'invalid_binding_message' });
  });
});

describe('step-up with acr_values', () => {
  test('a standard resident cannot satisfy "plus"; once plus, the approval carries acr plus', async () => {
    const started = await ask({ binding_message: 'Transfer 50000', acr_values: 'urn:yat:loa:plus' });
    const req = (await pending()).find((r) => r.bindingMessage === 'Transfer 50000')!;
    expect(req).toMatchObject({ acrValues: ['urn:yat:loa:plus'], satisfiable: false });
    const refused = await approveCibaRequest(wallet, req.id).catch((err: WalletError) => err);
    expect(refused).toMatchObject({ code: 'assurance_too_low' });
    wallet = (refused as WalletError).state!;
    await expect(poll(bank.config, started.auth_req_id)).rejects.toMatchObject({ error: 'authorization_pending' });

    // Issue 9 upgrades residents at a counter; here the column is set directly.
    await p.ctx.storage.db.updateTable('residents').set({ assurance: 'plus' }).where('id', '=', wallet.residentId).execute();
    expect((await pending()).find((r) => r.id === req.id)).toMatchObject({ satisfiable: true });
    wallet = (await approveCibaRequest(wallet, req.id)).state;
    const tokens = await poll(bank.config, started.auth_req_id);
    expect(tokens.claims()!.acr).toBe('urn:yat:loa:plus');
    await p.ctx.storage.db.updateTable('residents').set({ assurance: 'standard' }).where('id', '=', wallet.residentId).execute();
  });
});

describe('CIBA registration', () => {
  test('a CIBA client has no redirect URIs and keys at a jwks_uri; ping needs an https endpoint', async () => {
    await expect(registerClient(p.app, { name: 'x', redirectUris: ['https://x.example/cb'], jwksUri: 'https://x.example/jwks', ciba: { mode: 'poll' } })).rejects.toMatchObject({ code: 'invalid_client_metadata' });
    await expect(registerClient(p.app, { name: 'x', redirectUris: [], secret: true, ciba: { mode: 'poll' } })).rejects.toMatchObject({ code: 'invalid_client_metadata', message: expect.stringMatching(/jwks_uri/) });
    await expect(registerClient(p.app, { name: 'x', redirectUris: [], jwksUri: 'https://x.example/jwks', sector: 'x.example', ciba: { mode: 'ping', notificationEndpoint: 'http://x.example/ciba' } })).rejects.toMatchObject({ code: 'invalid_client_metadata', message: expect.stringMatching(/https/) });
    const ping = await registerClient(p.app, { name: 'x', redirectUris: [], jwksUri: 'https://x.example/jwks', sector: 'x.example', ciba: { mode: 'ping', notificationEndpoint: 'https://x.example/ciba' } });
    expect(await p.app.clients.find(ping.client_id)).toMatchObject({ backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: 'https://x.example/ciba', grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'] });
  });
});

describe('the wallet API for CIBA', () => {
  test('needs the wallet session and a well-formed id; another resident cannot answer', async () => {
    const noSession = await fetch(`${p.issuer}/api/wallet/ciba-requests`);
    expect(noSession.status).toBe(401);
    expect(await noSession.json()).toMatchObject({ error: 'no_session' });
    await ask({ binding_message: 'Not yours' });
    const mine = (await pending()).find((r) => r.bindingMessage === 'Not yours')!;
    const other = await openSession(await registeredWallet(p, 1));
    const signed = getAssertion({ rpId: other.state.rpId, origin: other.state.server, challenge: cibaChallenge(mine.nonce, mine.id, mine.bindingMessage), credential: other.state.credential });
    await expect(walletCall(other.state, other.cookie, 'POST', `/api/wallet/ciba-requests/${mine.id}/approve`, { credential: signed.response })).rejects.toMatchObject({ code: 'unknown_request' });
    await expect(walletCall(other.state, other.cookie, 'POST', `/api/wallet/ciba-requests/${mine.id}/decline`, {})).rejects.toMatchObject({ code: 'unknown_request' });
    await expect(walletCall(other.state, other.cookie, 'POST', '/api/wallet/ciba-requests/not-an-id/decline', {})).rejects.toMatchObject({ code: 'invalid_request' });
    // Still pending for its resident.
    expect((await pending()).some((r) => r.id === mine.id)).toBe(true);
  });
});
