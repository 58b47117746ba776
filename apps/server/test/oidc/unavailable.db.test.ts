import { afterAll, beforeAll, expect, test } from 'vitest';
import { login, registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty } from '../support/relying-party.ts';

/**
 * The chaos campaign saw the token endpoint answer 500 while PostgreSQL was shutting down. A
 * database out of reach for a moment is not a server error: OpenID endpoints answer 503 with
 * Retry-After and `temporarily_unavailable`, and serve again as soon as it is back.
 */
let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
});
afterAll(() => p.close());

test('userinfo while the database is shutting down: 503, Retry-After, temporarily_unavailable; then 200', async () => {
  const rp = await createRelyingParty(p.app, p.issuer);
  const { tokens } = await login(p, rp, await registeredWallet(p));
  const userinfo = () => fetch(`${p.issuer}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' } });

  const residents = p.app.residents;
  const original = residents.findById;
  // What pg raises when the server is restarting (SQLSTATE 57P03).
  residents.findById = async () => {
    throw Object.assign(new Error('the database system is shutting down'), { code: '57P03' });
  };
  try {
    const down = await userinfo();
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(await down.json()).toMatchObject({ error: 'temporarily_unavailable' });
  } finally {
    residents.findById = original;
  }
  const back = await userinfo();
  expect(back.status).toBe(200);
  expect(await back.json()).toHaveProperty('sub');
});
