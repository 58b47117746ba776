import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { idNumberFromIndex } from '../../src/identity/id-number.ts';
import { createCredential } from '../../../../packages/cli/src/wallet/authenticator.ts';
import { codeFromOutbox, registerWallet } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';

let p: Platform;
beforeAll(async () => {
  // Behind a (trusted) proxy each test can be its own client address, so the per-address
  // rate limit is exercised only where a test means to.
  p = await startPlatform({ TRUST_PROXY: 'true' });
});
let nextAddress = 1;
beforeEach(() => {
  nextAddress++;
});
afterAll(() => p.close());

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${p.issuer}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${nextAddress}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

describe('self-registration at the standard level', () => {
  test('details matched against the registry, code sent to the registry phone, device bound', async () => {
    const r = resident(1);
    const since = Date.now();
    const start = await post('/api/wallet/registrations', { idNumber: 'a234567 (9)', dob: r.dob });
    expect(start.status).toBe(201);
    expect(start.json.phoneHint).toBe(`•••• ${r.phone.slice(-4)}`);
    const outbox = await (await fetch(`${p.issuer}/dev/outbox.json?to=${encodeURIComponent(r.phone)}`)).json();
    expect(outbox.messages[0].recipient).toBe(r.phone);
    const code = await codeFromOutbox(p.issuer, since);
    const verify = await post(`/api/wallet/registrations/${start.json.registrationId}/verify`, { code });
    expect(verify.status).toBe(200);
    expect(verify.json.options.authenticatorSelection).toMatchObject({ authenticatorAttachment: 'platform', userVerification: 'required' });
    const created = createCredential({ rpId: verify.json.options.rp.id, origin: p.issuer, challenge: verify.json.options.challenge, userHandle: verify.json.options.user.id });
    const done = await post(`/api/wallet/registrations/${start.json.registrationId}/complete`, { credential: created.response, deviceName: 'My phone' });
    expect(done.status).toBe(201);
    const devices = await p.app.devices.listForResident(done.json.residentId);
    expect(devices.map((d) => d.name)).toEqual(['My phone']);
    const again = await post(`/api/wallet/registrations/${start.json.registrationId}/complete`, { credential: created.response, deviceName: 'x' });
    expect(again.status).toBe(409);
    const events = await p.app.audit.forResident(done.json.residentId);
    expect(events.map((e) => e.type)).toContain('registration.completed');
  });

  test('a second phone joins the same resident', async () => {
    const r = resident(2);
    const a = await registerWallet({ server: p.issuer, idNumber: r.idNumber, dob: r.dob, deviceName: 'Phone A' });
    const b = await registerWallet({ server: p.issuer, idNumber: r.idNumber, dob: r.dob, deviceName: 'Phone B' });
    expect(b.residentId).toBe(a.residentId);
    expect((await p.app.devices.listForResident(a.residentId)).length).toBe(2);
  });

  test('details that do not match the registry get one message, whatever was wrong', async () => {
    const wrongDob = await post('/api/wallet/registrations', { idNumber: resident(0).idNumber, dob: '1999-01-01' });
    const unknown = await post('/api/wallet/registrations', { idNumber: idNumberFromIndex(424242), dob: '1999-01-01' });
    expect(wrongDob.status).toBe(400);
    expect(wrongDob.json).toMatchObject({ error: 'details_mismatch' });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual(wrongDob.json);
  });

  test('a malformed identity number or date is named in the message', async () => {
    const bad = await post('/api/wallet/registrations', { idNumber: 'A1234560', dob: '1980-01-31' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: 'invalid_id_number' });
    const badDob = await post('/api/wallet/registrations', { idNumber: resident(0).idNumber, dob: '31/01/1980' });
    expect(badDob.json).toMatchObject({ error: 'invalid_dob' });
    const missing = await post('/api/wallet/registrations', { dob: '1980-01-31' });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('idNumber');
  });

  test('wrong codes count down, then the registration fails', async () => {
    const r = resident(3);
    const start = await post('/api/wallet/registrations', { idNumber: r.idNumber, dob: r.dob });
    const id = start.json.registrationId as string;
    for (let left = 4; left >= 1; left--) {
      const wrong = await post(`/api/wallet/registrations/${id}/verify`, { code: '000000' });
      expect(wrong.status).toBe(400);
      expect(wrong.json.message).toContain(`${left} attempt`);
    }
    const last = await post(`/api/wallet/registrations/${id}/verify`, { code: '000000' });
    expect(last.status).toBe(429);
    // Locked: even the right code no longer works for this identity number for a while.
    const again = await post('/api/wallet/registrations', { idNumber: r.idNumber, dob: r.dob });
    expect(again.status).toBe(429);
    expect(again.json).toMatchObject({ error: 'registration_locked' });
  });

  test('the steps cannot be skipped', async () => {
    const r = resident(4);
    const start = await post('/api/wallet/registrations', { idNumber: r.idNumber, dob: r.dob });
    const created = createCredential({ rpId: '127.0.0.1', origin: p.issuer, challenge: 'x', userHandle: 'y' });
    const skip = await post(`/api/wallet/registrations/${start.json.registrationId}/complete`, { credential: created.response, deviceName: 'x' });
    expect(skip.status).toBe(409);
    expect(skip.json).toMatchObject({ error: 'wrong_step' });
    const unknown = await post('/api/wallet/registrations/not-a-registration/verify', { code: '123456' });
    expect(unknown.status).toBe(404);
  });

  test('repeated mismatches lock the identity number', async () => {
    const r = resident(0);
    for (let i = 0; i < 5; i++) await post('/api/wallet/registrations', { idNumber: r.idNumber, dob: '2000-01-0' + (i + 1) });
    const locked = await post('/api/wallet/registrations', { idNumber: r.idNumber, dob: r.dob });
    expect(locked.status).toBe(429);
    expect(locked.json.message).toMatch(/Try again in \d+ minute/);
  });

  test('registration attempts are rate-limited per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await post('/api/wallet/registrations', { idNumber: idNumberFromIndex(1000 + i), dob: '1900-01-01' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.json).toMatchObject({ error: 'rate_limited' });
    }
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    // Another address is not affected.
    nextAddress++;
    expect((await post('/api/wallet/registrations', { idNumber: idNumberFromIndex(2000), dob: '1900-01-01' })).status).toBe(400);
  });
});
