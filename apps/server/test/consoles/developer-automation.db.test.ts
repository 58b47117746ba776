import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerClient } from '../../src/oidc/client-registration.ts';
import { registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { consoleUser, serviceKeys, twoFieldConfig, type ConsoleUser } from './developer-support.ts';

/**
 * A department's automation on the developer console's API: an owner makes an automation
 * client; the program gets a token with openid-client's client-credentials grant (private_key_jwt
 * or a client secret) and works as a developer of its one organisation: its own services yes,
 * another organisation's never (404), an owner's or a person's work never (403, audited), no
 * CSRF token since no cookie is involved. Every write it makes is audited with the client as
 * the actor. Other tokens are refused; the operator's API stays session-only.
 */
type Reply<T> = { status: number; json: T; headers: Headers };

let p: Platform;
let owner: ConsoleUser;
let developer: ConsoleUser;
let other: ConsoleUser;
let keys: Awaited<ReturnType<typeof serviceKeys>>;
let orgId: string;
let otherOrgId: string;
let otherServiceId: string;
let automationId: string;
let token: string;

const db = () => p.ctx.storage.db;

async function tokenFor(clientId: string, auth: { secret: string } | { privateKey: CryptoKey; kid: string }, scope = 'console:org'): Promise<string> {
  const clientAuth = 'secret' in auth ? oidc.ClientSecretBasic(auth.secret) : oidc.PrivateKeyJwt({ key: auth.privateKey, kid: auth.kid });
  const config = await oidc.discovery(new URL(p.issuer), clientId, undefined, clientAuth, { execute: [oidc.allowInsecureRequests] });
  return (await oidc.clientCredentialsGrant(config, { scope })).access_token;
}

async function bearer<T = Record<string, unknown>>(accessToken: string, method: string, path: string, body?: unknown): Promise<Reply<T>> {
  const res = await fetch(`${p.issuer}${path}`, {
    method,
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text || '{}') as T, headers: res.headers };
}

const eventsSince = async (id: number) => (await db().selectFrom('audit_events').selectAll().where('id', '>', id).orderBy('id').execute()).map((e) => ({ ...e, detail: JSON.parse(e.detail ?? '{}') as Record<string, unknown> }));
const lastId = async () => Number((await db().selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow()).id ?? 0);

beforeAll(async () => {
  p = await startPlatform();
  const wallets = [];
  for (const i of [0, 1, 2]) wallets.push(await registeredWallet(p, i));
  const users = await Promise.all(wallets.map((w) => consoleUser(p, w)));
  [owner, developer, other] = [users[0]!, users[1]!, users[2]!];
  keys = await serviceKeys();
  orgId = (await owner.api<{ id: string }>('POST', '/api/developer/organisations', { name: 'Public Libraries' })).json.id;
  otherOrgId = (await other.api<{ id: string }>('POST', '/api/developer/organisations', { name: 'Elsewhere Ltd' })).json.id;
  otherServiceId = (await other.api<{ id: string }>('POST', `/api/developer/organisations/${otherOrgId}/services`, { config: twoFieldConfig('https://elsewhere.example.com/cb', 'Elsewhere'), credentials: { method: 'client_secret_basic' } })).json.id;
  const made = await owner.api<{ clientId: string }>('POST', `/api/developer/organisations/${orgId}/automation-clients`, { name: 'Deployment pipeline', credentials: { method: 'private_key_jwt', jwks: keys.jwks } });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  automationId = made.json.clientId;
  token = await tokenFor(automationId, keys);
});

afterAll(async () => {
  await p?.close();
});

describe('an automation client', () => {
  test('is made by an owner only, with a secret shown once or a JWKS; members see the list', async () => {
    const invite = await owner.api<{ url: string }>('POST', `/api/developer/organisations/${orgId}/invitations`, { idNumber: 'A2345679', role: 'developer' });
    expect((await developer.api('POST', `/api/developer/invitations/${invite.json.url.split('/').pop()}/accept`, {})).status).toBe(200);
    expect((await developer.api('POST', `/api/developer/organisations/${orgId}/automation-clients`, { name: 'Mine', credentials: { method: 'client_secret_basic' } })).json).toMatchObject({ error: 'owner_only' });
    expect((await other.api('GET', `/api/developer/organisations/${orgId}/automation-clients`)).status).toBe(404);

    const secretClient = await owner.api<{ clientId: string; secret: string }>('POST', `/api/developer/organisations/${orgId}/automation-clients`, { name: 'Nightly report', credentials: { method: 'client_secret_basic' } });
    expect(secretClient.json.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const listed = await developer.api<{ clients: Array<{ clientId: string; name: string; method: string }> }>('GET', `/api/developer/organisations/${orgId}/automation-clients`);
    expect(listed.json.clients.map((c) => [c.name, c.method])).toEqual([['Deployment pipeline', 'private_key_jwt'], ['Nightly report', 'client_secret_basic']]);
    expect(JSON.stringify(listed.json)).not.toContain(secretClient.json.secret);
    // Registered at the provider for the client credentials grant only: no redirect URI, no sign-in.
    expect(await p.app.clients.find(secretClient.json.clientId)).toMatchObject({ grant_types: ['client_credentials'], response_types: [], scope: 'console:org' });

    // A secret client gets its token with client_secret_basic, and works as well.
    const secretToken = await tokenFor(secretClient.json.clientId, { secret: secretClient.json.secret });
    expect((await bearer(secretToken, 'GET', `/api/developer/organisations/${orgId}`)).status).toBe(200);
    // Deleted (an owner's work), its tokens stop at once.
    expect((await owner.api('DELETE', `/api/developer/organisations/${orgId}/automation-clients/${secretClient.json.clientId}`)).status).toBe(204);
    expect((await bearer(secretToken, 'GET', `/api/developer/organisations/${orgId}`)).json).toMatchObject({ error: 'not_automation_client' });
    await expect(tokenFor(secretClient.json.clientId, { secret: secretClient.json.secret })).rejects.toThrow();
    expect((await owner.api('DELETE', `/api/developer/organisations/${orgId}/automation-clients/${secretClient.json.clientId}`)).status).toBe(404);
  });

  test('lists, registers and changes its own organisation’s services with a bearer token, no CSRF token, audited as itself', async () => {
    const orgs = await bearer<{ organisations: Array<{ organisationId: string; role: string }> }>(token, 'GET', '/api/developer/organisations');
    expect(orgs.json.organisations).toEqual([{ organisationId: orgId, name: 'Public Libraries', role: 'developer' }]);

    const before = await lastId();
    const made = await bearer<{ id: string; sandboxClientId: string }>(token, 'POST', `/api/developer/organisations/${orgId}/services`, { config: twoFieldConfig('https://library.example.gov/callback'), credentials: { method: 'private_key_jwt', jwks: keys.jwks } });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const changed = twoFieldConfig('https://library.example.gov/callback', 'Library card, renamed');
    const updated = await bearer<{ draft: { names: { en: string } }; stage: string }>(token, 'PUT', `/api/developer/services/${made.json.id}/config`, changed);
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ stage: 'sandbox', draft: { names: { en: 'Library card, renamed' } } });
    const org = await bearer<{ services: Array<{ id: string }> }>(token, 'GET', `/api/developer/organisations/${orgId}`);
    expect(org.json.services.map((s) => s.id)).toContain(made.json.id);
    expect((await bearer(token, 'GET', `/api/developer/services/${made.json.id}`)).status).toBe(200);

    const events = await eventsSince(before);
    expect(events.map((e) => e.type)).toEqual(['service.registered', 'service.updated']);
    for (const e of events) {
      expect(e.resident_id).toBeNull();
      expect(e.detail.automationClientId).toBe(automationId);
    }
    // The session's members see what the automation did.
    expect((await owner.api<{ draft: { names: { en: string } } }>('GET', `/api/developer/services/${made.json.id}`)).json.draft.names.en).toBe('Library card, renamed');
  });

  test('never sees another organisation or its services (404)', async () => {
    expect((await bearer(token, 'GET', `/api/developer/services/${otherServiceId}`)).status).toBe(404);
    expect((await bearer(token, 'PUT', `/api/developer/services/${otherServiceId}/config`, twoFieldConfig('https://elsewhere.example.com/cb', 'Hijacked'))).status).toBe(404);
    expect((await bearer(token, 'GET', `/api/developer/organisations/${otherOrgId}`)).status).toBe(404);
    expect((await bearer(token, 'POST', `/api/developer/organisations/${otherOrgId}/services`, { config: twoFieldConfig('https://x.example.com/cb'), credentials: { method: 'client_secret_basic' } })).status).toBe(404);
    expect((await bearer(token, 'GET', `/api/developer/organisations/${otherOrgId}/sandbox-identities`)).status).toBe(404);
  });

  test('is refused an owner’s or a person’s work (403), and the refusal is audited with it as the actor', async () => {
    const service = (await bearer<{ services: Array<{ id: string }> }>(token, 'GET', `/api/developer/organisations/${orgId}`)).json.services[0]!.id;
    const refused: Array<[string, string, unknown, string]> = [
      ['POST', `/api/developer/organisations/${orgId}/invitations`, { idNumber: 'A3456784', role: 'owner' }, 'owner_only'],
      ['POST', `/api/developer/services/${service}/production`, {}, 'owner_only'],
      ['POST', `/api/developer/services/${service}/rotate`, { environment: 'production' }, 'owner_only'],
      ['POST', `/api/developer/organisations/${orgId}/automation-clients`, { name: 'Another', credentials: { method: 'client_secret_basic' } }, 'owner_only'],
      ['DELETE', `/api/developer/organisations/${orgId}/automation-clients/${automationId}`, undefined, 'owner_only'],
      ['POST', '/api/developer/organisations', { name: 'Its own organisation' }, 'person_only'],
      ['POST', '/api/developer/invitations/some-invitation-token/accept', {}, 'person_only'],
    ];
    for (const [method, path, body, code] of refused) {
      const before = await lastId();
      const res = await bearer(token, method, path, body);
      expect(res.status, path).toBe(403);
      expect(res.json, path).toMatchObject({ error: code });
      const events = await eventsSince(before);
      expect(events.map((e) => [e.type, e.detail.automationClientId]), path).toEqual([['developer.denied', automationId]]);
    }
  });

  test('other tokens are refused: none or a bad one (401 with a challenge), another client’s or another scope (403)', async () => {
    const path = `/api/developer/organisations/${orgId}`;
    const bad = await bearer(`${token}x`, 'GET', path);
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token", scope="console:org"');
    const basic = await fetch(`${p.issuer}${path}`, { headers: { authorization: 'Basic eDp5', accept: 'application/json' } });
    expect(basic.status).toBe(401);

    // A service with its own client-credentials access (notify) has no say here.
    const notifier = await registerClient(p.app, { name: 'A notifying service', redirectUris: ['https://notify.example.gov/cb'], secret: true, clientCredentials: true, scope: 'openid notify' });
    const notifyToken = await tokenFor(notifier.client_id, { secret: notifier.client_secret! }, 'notify');
    expect((await bearer(notifyToken, 'GET', path)).json).toMatchObject({ error: 'insufficient_scope' });
    // Nor does a client that holds the scope but is no organisation's automation client.
    const stray = await registerClient(p.app, { name: 'Stray', redirectUris: [], secret: true, clientCredentialsOnly: true, scope: 'console:org', sector: 'stray' });
    const strayToken = await tokenFor(stray.client_id, { secret: stray.client_secret! });
    const strayReply = await bearer(strayToken, 'GET', path);
    expect(strayReply.status).toBe(403);
    expect(strayReply.json).toMatchObject({ error: 'not_automation_client' });
    // An automation client cannot ask for any other scope.
    await expect(tokenFor(automationId, keys, 'notify')).rejects.toThrow();
  });

  test('the operator’s and the approval queue’s APIs stay session-only', async () => {
    for (const path of ['/api/console/operator/services', '/api/approvals']) expect((await bearer(token, 'GET', path)).status, path).toBe(401);
  });

  test('the OpenAPI document declares the bearer scheme on the routes that take it, the session alone on a person’s work', async () => {
    const doc = (await (await fetch(`${p.issuer}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { security?: unknown }>>; components: { securitySchemes: Record<string, { flows?: { clientCredentials?: { scopes: Record<string, string> } } }> } };
    const both = [{ consoleSession: [] }, { clientCredentials: ['console:org'] }];
    expect(doc.paths['/api/developer/services/{serviceId}/config']!.put!.security).toEqual(both);
    expect(doc.paths['/api/developer/organisations/{orgId}/services']!.post!.security).toEqual(both);
    expect(doc.paths['/api/developer/organisations/{orgId}/automation-clients']!.post!.security).toEqual(both);
    expect(doc.paths['/api/developer/organisations']!.post!.security).toEqual([{ consoleSession: [] }]);
    expect(doc.components.securitySchemes.clientCredentials!.flows!.clientCredentials!.scopes).toHaveProperty('console:org');
  });
});

describe('every write of the developer API, with a bearer token', () => {
  test('acts and is audited with the automation client as the actor, or is refused and the refusal audited', async () => {
    const writes = p.app.server.routeTable.filter((r) => r.url.startsWith('/api/developer/') && ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method));
    const service = (await bearer<{ services: Array<{ id: string }> }>(token, 'GET', `/api/developer/organisations/${orgId}`)).json.services[0]!.id;
    const org = `/api/developer/organisations/${orgId}`;
    /** Each write: its path and body, the status it answers, the audit event it writes. */
    const calls: Record<string, { path: string; body?: unknown; status: number; event: string }> = {
      'POST /api/developer/organisations': { path: '/api/developer/organisations', body: { name: 'Walk' }, status: 403, event: 'developer.denied' },
      'POST /api/developer/organisations/:orgId/invitations': { path: `${org}/invitations`, body: { idNumber: 'A3456784', role: 'developer' }, status: 403, event: 'developer.denied' },
      'POST /api/developer/invitations/:token/accept': { path: '/api/developer/invitations/walk/accept', body: {}, status: 403, event: 'developer.denied' },
      'POST /api/developer/organisations/:orgId/services': { path: `${org}/services`, body: { config: twoFieldConfig('https://walk.example.gov/cb', 'Walk'), credentials: { method: 'client_secret_basic' } }, status: 201, event: 'service.registered' },
      'PUT /api/developer/services/:serviceId/config': { path: `/api/developer/services/${service}/config`, body: twoFieldConfig('https://library.example.gov/callback', 'Library card, walked'), status: 200, event: 'service.updated' },
      'POST /api/developer/services/:serviceId/rotate': { path: `/api/developer/services/${service}/rotate`, body: { environment: 'sandbox', credentials: { method: 'private_key_jwt', jwks: keys.jwks } }, status: 200, event: 'service.credentials_rotated' },
      'POST /api/developer/services/:serviceId/production': { path: `/api/developer/services/${service}/production`, body: {}, status: 403, event: 'developer.denied' },
      'POST /api/developer/organisations/:orgId/sandbox-identities': { path: `${org}/sandbox-identities`, body: { family: 'Tester', given: 'Walk', dob: '1990-01-01', phone: '91230003' }, status: 201, event: 'sandbox.identity_created' },
      'POST /api/developer/organisations/:orgId/automation-clients': { path: `${org}/automation-clients`, body: { name: 'Walk', credentials: { method: 'client_secret_basic' } }, status: 403, event: 'developer.denied' },
      'DELETE /api/developer/organisations/:orgId/automation-clients/:clientId': { path: `${org}/automation-clients/${automationId}`, status: 403, event: 'developer.denied' },
    };
    expect(writes.map((r) => `${r.method} ${r.url}`).filter((k) => !calls[k])).toEqual([]);
    for (const [route, call] of Object.entries(calls)) {
      const before = await lastId();
      const res = await bearer(token, route.split(' ')[0]!, call.path, call.body);
      expect(res.status, `${route}: ${JSON.stringify(res.json)}`).toBe(call.status);
      const events = await eventsSince(before);
      expect(events.map((e) => e.type), route).toContain(call.event);
      expect(events.every((e) => e.detail.automationClientId === automationId && e.resident_id === null), route).toBe(true);
    }
  });
});
