import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { resident, showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

let p: Platform;
let sms: http.Server;
const texts: Array<{ to: string; body: string; auth: string | undefined }> = [];

beforeAll(async () => {
  sms = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      texts.push({ ...(JSON.parse(body) as { to: string; body: string }), auth: req.headers.authorization });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => sms.listen(0, '127.0.0.1', r));
  p = await startPlatform({ SMS_GATEWAY_URL: `http://127.0.0.1:${(sms.address() as AddressInfo).port}/send`, SMS_GATEWAY_TOKEN: 'gateway-token' });
});
afterAll(async () => {
  sms.close();
  await p.close();
});

test('pages carry a strict CSP and the other security headers', async () => {
  const res = await fetch(`${p.issuer}/`, { headers: { accept: 'text/html' } });
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  // The old header says what CSP says: no framing at all (SAMEORIGIN would contradict frame-ancestors 'none').
  expect(res.headers.get('x-frame-options')).toBe('DENY');
});

test('a binding cookie the server did not issue for this interaction is never taken', async () => {
  const rp = await createRelyingParty(p.app, p.issuer);
  const s = await showSignInPage(p, rp);
  const jar = await s.ua.jar.getCookies(`${p.issuer}/interaction/${s.uid}`);
  const issued = jar.find((c) => c.key === 'yat_lb')!.value;
  // The provider's own interaction cookies, as the browser holds them, with the binding replaced.
  const withBinding = (value: string) => [...jar.filter((c) => c.key !== 'yat_lb').map((c) => `${c.key}=${c.value}`), `yat_lb=${value}`].join('; ');
  // Planted from a sibling subdomain: well-formed, but chosen by the attacker.
  const planted = 'A'.repeat(43);
  for (const value of [planted, `${s.uid}.${planted}.${'B'.repeat(43)}`]) {
    const status = await fetch(`${p.issuer}/interaction/${s.uid}/status`, { headers: { cookie: withBinding(value) } });
    expect(status.status).toBe(403);
    const page = await fetch(`${p.issuer}/interaction/${s.uid}`, { headers: { cookie: withBinding(value), accept: 'text/html' } });
    expect(page.status).toBe(200);
    const fresh = page.headers.getSetCookie().find((c) => c.startsWith('yat_lb='));
    expect(fresh, 'the page issues its own binding instead').toBeDefined();
    expect(fresh).not.toContain(planted);
  }
  // One issued for another interaction does not fit this one either.
  const other = await showSignInPage(p, rp);
  const status = await fetch(`${p.issuer}/interaction/${other.uid}/status`, { headers: { cookie: `yat_lb=${issued}` } });
  expect(status.status).toBe(403);
  // The browser's own cookie still works.
  expect((await s.ua.request(`${p.issuer}/interaction/${s.uid}/status`)).status).toBe(200);
});

test('JSON APIs take writes only as application/json: forms, text/plain and a body-less POST without it get 415', async () => {
  const url = `${p.issuer}/api/wallet/session/challenge`;
  for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, {} as Record<string, string>]) {
    const res = await fetch(url, { method: 'POST', headers, body: headers['content-type'] ? 'x=1' : undefined });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: string }).error).toBe('unsupported_media_type');
  }
  const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(ok.status).toBe(200);
});

test('the provider endpoints carry a CSP too', async () => {
  const res = await fetch(`${p.issuer}/.well-known/openid-configuration`);
  expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
});

test('the sign-in page sets its browser binding as an HttpOnly, SameSite cookie scoped to the interaction', async () => {
  const rp = await createRelyingParty(p.app, p.issuer);
  const s = await showSignInPage(p, rp);
  const cookies = await s.ua.jar.getCookies(`${p.issuer}/interaction/${s.uid}`);
  const binding = cookies.find((c) => c.key === 'yat_lb')!;
  expect(binding.httpOnly).toBe(true);
  expect(binding.sameSite).toBe('lax');
  expect(binding.path).toBe(`/interaction/${s.uid}`);
  expect(s.page.body).toMatch(/name="csrf" value="[A-Za-z0-9_-]{43}"/);
});

test('with an SMS gateway configured, codes go to the gateway and not to the outbox', async () => {
  const r = resident(1);
  const res = await fetch(`${p.issuer}/api/wallet/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idNumber: r.idNumber, dob: r.dob }) });
  expect(res.status).toBe(201);
  expect(texts).toHaveLength(1);
  expect(texts[0]).toMatchObject({ to: r.phone, auth: 'Bearer gateway-token' });
  expect(texts[0]!.body).toMatch(/registration code is \d{6}/);
  const outbox = await p.ctx.storage.db.selectFrom('sms_outbox').selectAll().execute();
  expect(outbox).toHaveLength(0);
});

test('an SMS gateway outage is a clear 503, not a crash', async () => {
  sms.close();
  const r = resident(2);
  const res = await fetch(`${p.issuer}/api/wallet/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ idNumber: r.idNumber, dob: r.dob }) });
  expect(res.status).toBe(503);
  expect(await res.json()).toMatchObject({ error: 'sms_unavailable', message: expect.stringContaining('try again') });
});
