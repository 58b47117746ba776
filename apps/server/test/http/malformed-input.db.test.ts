import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registeredWallet, showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * Whatever a client sends, the answer is a 4xx with a message that says what was wrong —
 * never a 5xx, never a stack trace. One table of bad requests, one for every endpoint.
 */
let p: Platform;
let rp: RelyingParty;
beforeAll(async () => {
  p = await startPlatform();
  rp = await createRelyingParty(p.app, p.issuer);
  await registeredWallet(p);
});
afterAll(() => p.close());

type Case = { name: string; method?: string; path: string | (() => Promise<string>); body?: string; type?: string; headers?: Record<string, string>; status: number; says: RegExp };

let pageCode = '';
const json = 'application/json';
const form = 'application/x-www-form-urlencoded';
const cases: Case[] = [
  { name: 'token: no client authentication', method: 'POST', path: '/oidc/token', body: 'grant_type=authorization_code&code=x', type: form, status: 400, says: /client|authentication/i },
  { name: 'token: an unknown client', method: 'POST', path: '/oidc/token', body: 'grant_type=password&username=a&password=b&client_id=x', type: form, status: 401, says: /invalid_client/ },
  { name: 'token: not a form body', method: 'POST', path: '/oidc/token', body: '{"grant_type":"x"}', type: json, status: 400, says: /.+/ },
  { name: 'PAR: no client authentication', method: 'POST', path: '/oidc/par', body: 'response_type=code', type: form, status: 400, says: /client/i },
  { name: 'authorize: unknown client', path: '/oidc/auth?client_id=nope&response_type=code&scope=openid&redirect_uri=https://x.example/cb', status: 400, says: /client/i },
  { name: 'authorize: no parameters', path: '/oidc/auth', status: 400, says: /client_id|missing/i },
  { name: 'userinfo: no access token', path: '/oidc/me', status: 401, says: /token/i },
  { name: 'userinfo: a made-up access token', path: '/oidc/me', headers: { authorization: 'Bearer abc' }, status: 401, says: /token/i },
  { name: 'introspection: no client authentication', method: 'POST', path: '/oidc/token/introspection', body: 'token=abc', type: form, status: 400, says: /client/i },
  { name: 'revocation: no client authentication', method: 'POST', path: '/oidc/token/revocation', body: 'token=abc', type: form, status: 400, says: /client/i },
  { name: 'end session: bad id_token_hint', path: '/oidc/session/end?id_token_hint=garbage', status: 400, says: /id_token_hint|invalid/i },
  { name: 'registration: a form body', method: 'POST', path: '/api/wallet/registrations', body: 'idNumber=A1234563', type: form, status: 415, says: /Content-Type: application\/json/ },
  { name: 'registration: broken JSON', method: 'POST', path: '/api/wallet/registrations', body: '{"idNumber":', type: json, status: 400, says: /JSON/i },
  { name: 'registration: wrong types', method: 'POST', path: '/api/wallet/registrations', body: '{"idNumber":42,"dob":[]}', type: json, status: 400, says: /idNumber/ },
  { name: 'registration: an unsupported media type', method: 'POST', path: '/api/wallet/registrations', body: '<x/>', type: 'application/xml', status: 415, says: /media type|content-type/i },
  { name: 'registration: a body too large', method: 'POST', path: '/api/wallet/registrations', body: JSON.stringify({ idNumber: 'x'.repeat(300_000) }), type: json, status: 413, says: /large/i },
  { name: 'verify: unknown registration', method: 'POST', path: '/api/wallet/registrations/00000000-0000-0000-0000-000000000000/verify', body: '{"code":"123456"}', type: json, status: 404, says: /does not exist/ },
  { name: 'login request: unknown token', path: '/api/wallet/login-requests/' + 'a'.repeat(43), status: 404, says: /does not exist/ },
  { name: 'login request: a URL that does not decode', path: '/api/wallet/login-requests/%ff%fe', status: 400, says: /.+/ },
  { name: 'login request: a token of the wrong shape', path: '/api/wallet/login-requests/short', status: 404, says: /does not exist/ },
  { name: 'approve: no credential', method: 'POST', path: '/api/wallet/login-requests/' + 'a'.repeat(43) + '/approve', body: '{"share":[]}', type: json, status: 400, says: /credential/ },
  {
    name: 'approve: an unknown device',
    method: 'POST',
    path: async () => {
      const s = await showSignInPage(p, rp);
      pageCode = s.code;
      return `/api/wallet/login-requests/${s.link.split('#')[1]}/approve`;
    },
    // The right code (read off the page when the path is made), so the device is what is wrong.
    get body() {
      return JSON.stringify({ share: [], code: pageCode, credential: { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' } } });
    },
    type: json,
    status: 400,
    says: /not registered/,
  },
  { name: 'interaction: a made-up uid', path: '/interaction/AAAAAAAAAAAAAAAAAAAAA', headers: { accept: 'text/html' }, status: 400, says: /another browser/ },
  { name: 'interaction status: no browser binding', path: '/interaction/AAAAAAAAAAAAAAAAAAAAA/status', status: 403, says: /another browser/ },
  { name: 'interaction abort: no CSRF token', method: 'POST', path: '/interaction/AAAAAAAAAAAAAAAAAAAAA/abort', body: '', type: form, headers: { accept: 'text/html' }, status: 400, says: /another browser/ },
  { name: 'an unknown page', path: '/no/such/page', headers: { accept: 'text/html' }, status: 404, says: /could not find/ },
  { name: 'an unknown API path', path: '/api/nothing', status: 404, says: /could not find/ },
];

describe('bad requests get a clear 4xx', () => {
  test.each(cases)('$name → $status', async (c) => {
    const path = typeof c.path === 'function' ? await c.path() : c.path;
    const res = await fetch(`${p.issuer}${path}`, {
      method: c.method ?? 'GET',
      headers: { accept: 'application/json', ...(c.type ? { 'content-type': c.type } : {}), ...c.headers },
      body: c.body,
      redirect: 'manual',
    });
    const text = await res.text();
    expect(res.status).toBe(c.status);
    expect(text).toMatch(c.says);
    expect(text).not.toMatch(/at .+\.(ts|js):\d+|stack/i);
  });
});
