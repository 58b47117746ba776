import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { getAssertion } from '../../../../packages/cli/src/wallet/authenticator.ts';
import { openSession, registerWallet, walletCall, WalletError, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { login, registeredWallet, resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

let p: Platform;
let wallet: WalletState;
let cookie: string;

beforeAll(async () => {
  p = await startPlatform();
  wallet = await registeredWallet(p);
  ({ cookie, state: wallet } = await openSession(wallet));
});
afterAll(() => p.close());

const api = <T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, c = cookie) => walletCall<T>(wallet, c, method, path, body);
const raw = (method: string, path: string, init: { body?: unknown; cookie?: string } = {}) =>
  fetch(`${p.issuer}${path}`, {
    method,
    headers: { accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...(init.cookie ? { cookie: init.cookie } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });

describe('wallet session', () => {
  test('every resident endpoint answers 401 no_session without the cookie, or with a forged one', async () => {
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/api/wallet/me'],
      ['PATCH', '/api/wallet/me', { resident: {} }],
      ['GET', '/api/wallet/services'],
      ['DELETE', '/api/wallet/services/svc_x'],
      ['GET', '/api/wallet/activity'],
      ['GET', '/api/wallet/devices'],
      ['PATCH', '/api/wallet/devices/x', { name: 'n' }],
      ['DELETE', '/api/wallet/devices/x'],
    ];
    for (const [method, path, body] of calls) {
      for (const c of [undefined, 'yat_wallet=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
        const res = await raw(method, path, { body, cookie: c });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(await res.json()).toMatchObject({ error: 'no_session' });
      }
    }
  });

  test('the cookie is HttpOnly, SameSite=Strict, scoped to the wallet API; the token is stored only as a hash', async () => {
    const { challenge } = (await (await raw('POST', '/api/wallet/session/challenge', { body: {} })).json()) as { challenge: string; rpId: string };
    const signed = getAssertion({ rpId: wallet.rpId, origin: wallet.server, challenge, credential: wallet.credential });
    wallet = { ...wallet, credential: signed.credential };
    const res = await raw('POST', '/api/wallet/session', { body: { credential: signed.response } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ residentId: wallet.residentId });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('yat_wallet='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/api\/wallet/);
    const token = setCookie.split(';')[0]!.split('=')[1]!;
    const rows = await p.ctx.storage.db.selectFrom('wallet_sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);

    // The challenge is single-use.
    const again = getAssertion({ rpId: wallet.rpId, origin: wallet.server, challenge, credential: wallet.credential });
    wallet = { ...wallet, credential: again.credential };
    const replay = await raw('POST', '/api/wallet/session', { body: { credential: again.response } });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_challenge' });
  });

  test('an assertion over a challenge the server never issued is refused', async () => {
    const signed = getAssertion({ rpId: wallet.rpId, origin: wallet.server, challenge: 'x'.repeat(43), credential: wallet.credential });
    wallet = { ...wallet, credential: signed.credential };
    const res = await raw('POST', '/api/wallet/session', { body: { credential: signed.response } });
    expect(res.status).toBe(400);
  });

  test('a second resident signs in with their device; logout ends the session', async () => {
    const r = resident(1);
    const second = await registerWallet({ server: p.issuer, idNumber: r.idNumber, dob: r.dob });
    const s = await openSession(second);
    expect(await walletCall(second, s.cookie, 'GET', '/api/wallet/me')).toMatchObject({ assurance: 'standard' });
    const out = await raw('POST', '/api/wallet/session/logout', { body: {}, cookie: s.cookie });
    expect(out.status).toBe(204);
    await expect(walletCall(second, s.cookie, 'GET', '/api/wallet/me')).rejects.toMatchObject({ code: 'no_session' });
  });

  test('a session idle for more than 30 minutes ends, and the sweeper deletes it', async () => {
    const s = await openSession(wallet);
    wallet = s.state;
    expect(await walletCall(wallet, s.cookie, 'GET', '/api/wallet/devices')).toBeTruthy();
    const before = await p.ctx.storage.db.selectFrom('wallet_sessions').select('token_hash').execute();
    await p.ctx.storage.db.updateTable('wallet_sessions').set({ last_seen_at: Date.now() - 31 * 60_000 }).execute();
    await expect(walletCall(wallet, s.cookie, 'GET', '/api/wallet/me')).rejects.toMatchObject({ code: 'no_session' });
    await p.app.walletSessions.sweep();
    expect(await p.ctx.storage.db.selectFrom('wallet_sessions').select('token_hash').execute()).toHaveLength(0);
    expect(before.length).toBeGreaterThan(0);
    ({ cookie, state: wallet } = await openSession(wallet));
  });

  test('the complete step of registration sets the session cookie', async () => {
    const r = resident(2);
    let cookieFromComplete: string | undefined;
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const res = await realFetch(input, init);
      if (String(input).endsWith('/complete')) cookieFromComplete = res.headers.getSetCookie().find((c) => c.startsWith('yat_wallet='))?.split(';')[0];
      return res;
    };
    let state: WalletState;
    try {
      state = await registerWallet({ server: p.issuer, idNumber: r.idNumber, dob: r.dob });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(cookieFromComplete).toBeTruthy();
    expect(await walletCall(state, cookieFromComplete!, 'GET', '/api/wallet/me')).toMatchObject({ assurance: 'standard' });
  });
});

describe('my profile', () => {
  test('GET /me: registry fields read-only with the identity number masked; resident fields empty at first', async () => {
    const r = resident();
    const me = await api('GET', '/api/wallet/me');
    expect(me).toMatchObject({
      assurance: 'standard',
      registry: { name_en: `${r.nameEn.family} ${r.nameEn.given}`, name_zh: r.nameZh, birthdate: r.dob, id_number: 'A123***(3)', email: r.email, phone: r.phone },
      resident: { preferred_email: null, preferred_phone: null, postal_address: null, education_level: null, marital_status: null, title: null },
    });
  });

  test('PATCH /me updates resident fields, validates them and refuses unknown keys and registry fields', async () => {
    const me = await api<{ resident: Record<string, unknown> }>('PATCH', '/api/wallet/me', { resident: { preferred_email: 'me@example.org', education_level: 'bachelor', title: 'dr' } });
    expect(me.resident).toMatchObject({ preferred_email: 'me@example.org', education_level: 'bachelor', title: 'dr', marital_status: null });
    expect((await api<{ resident: Record<string, unknown> }>('GET', '/api/wallet/me')).resident.preferred_email).toBe('me@example.org');
    const cleared = await api<{ resident: Record<string, unknown> }>('PATCH', '/api/wallet/me', { resident: { title: null } });
    expect(cleared.resident).toMatchObject({ title: null, preferred_email: 'me@example.org' });
    for (const body of [{ resident: { preferred_email: 'not an email' } }, { resident: { education_level: 'wizard' } }, { resident: { birthdate: '2000-01-01' } }, { resident: {}, extra: 1 }]) {
      const res = await raw('PATCH', '/api/wallet/me', { body, cookie });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_request' });
    }
    // Stored encrypted: the clear value is nowhere in the row.
    const row = await p.ctx.storage.db.selectFrom('residents').select('resident_profile_enc').where('id', '=', wallet.residentId).executeTakeFirstOrThrow();
    expect(row.resident_profile_enc).not.toContain('example.org');
  });
});

describe('connected services and activity', () => {
  test('a login appears as a connected service with its fields, and in the activity; revoking removes it', async () => {
    const rp = await createRelyingParty(p.app, p.issuer, { scope: 'openid profile email' });
    const res = await login(p, rp, wallet, { scope: 'openid profile email', share: ['name_en', 'email'] });
    wallet = res.wallet;
    const { services } = await api<{ services: Array<Record<string, unknown>> }>('GET', '/api/wallet/services');
    expect(services).toEqual([expect.objectContaining({ clientId: rp.clientId, name: 'Library card service', department: 'Leisure and Cultural Services Department', fields: ['name_en', 'email'] })]);
    expect(Date.parse(String(services[0]!.grantedAt))).toBeGreaterThan(0);
    const { events } = await api<{ events: Array<Record<string, unknown>> }>('GET', '/api/wallet/activity?limit=10');
    expect(events[0]).toMatchObject({ type: 'login.approved', outcome: 'success', service: { clientId: rp.clientId, name: 'Library card service' }, fields: ['name_en', 'email'] });
    const bad = await raw('GET', '/api/wallet/activity?limit=9999', { cookie });
    expect(bad.status).toBe(400);

    await api('DELETE', `/api/wallet/services/${rp.clientId}`);
    expect((await api<{ services: unknown[] }>('GET', '/api/wallet/services')).services).toEqual([]);
    expect((await api<{ events: Array<{ type: string }> }>('GET', '/api/wallet/activity')).events[0]!.type).toBe('grant.revoked');
    await expect(api('DELETE', `/api/wallet/services/${rp.clientId}`)).rejects.toMatchObject({ code: 'unknown_service' });
  });
});

describe('devices', () => {
  test('list, rename, and removing the last device needs confirmation', async () => {
    const { devices } = await api<{ devices: Array<{ id: string; name: string; current: boolean }> }>('GET', '/api/wallet/devices');
    expect(devices).toEqual([expect.objectContaining({ id: wallet.credential.credentialId, name: 'Test phone', current: true })]);
    const renamed = await api('PATCH', `/api/wallet/devices/${devices[0]!.id}`, { name: 'My phone' });
    expect(renamed).toMatchObject({ name: 'My phone', current: true });
    const empty = await raw('PATCH', `/api/wallet/devices/${devices[0]!.id}`, { body: { name: '  ' }, cookie });
    expect(empty.status).toBe(400);
    await expect(api('PATCH', '/api/wallet/devices/someone-elses', { name: 'x' })).rejects.toMatchObject({ code: 'unknown_device' });

    const refused = await raw('DELETE', `/api/wallet/devices/${devices[0]!.id}`, { cookie });
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: string; message: string };
    expect(body.error).toBe('last_device');
    expect(body.message).toMatch(/register/i);
    expect((await api<{ devices: unknown[] }>('GET', '/api/wallet/devices')).devices).toHaveLength(1);

    const removed = await raw('DELETE', `/api/wallet/devices/${devices[0]!.id}?confirmLast=true`, { cookie });
    expect(removed.status).toBe(204);
    // The session belonged to the removed device: it ends with it.
    await expect(api('GET', '/api/wallet/devices')).rejects.toBeInstanceOf(WalletError);
  });
});
