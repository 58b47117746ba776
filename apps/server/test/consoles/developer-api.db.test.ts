import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { approveRequest, describeRequest, registerWallet, WalletError, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { login, registeredWallet, showSignInPage } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { relyingPartyFor } from '../support/relying-party.ts';
import { consoleUser, serviceKeys, twoFieldConfig, type ConsoleUser } from './developer-support.ts';

/**
 * The developer console's API with real sign-ins, a real database and openid-client logins:
 * sandbox and production never mix, organisations see only their own services, a developer
 * cannot do an owner's work, writes need the CSRF token, rejections need a reason, and every
 * action leaves its audit event.
 */
const redirectUri = 'https://library.example.gov/callback';
let p: Platform;
let owner: ConsoleUser;
let developer: ConsoleUser;
let stranger: ConsoleUser;
let operator: ConsoleUser;
let realResident: WalletState;
let keys: Awaited<ReturnType<typeof serviceKeys>>;
let orgId: string;
let serviceId: string;
let sandboxClientId: string;

beforeAll(async () => {
  p = await startPlatform();
  // One at a time: each registration reads its code from the development outbox.
  const wallets: WalletState[] = [];
  for (const i of [0, 1, 2, 3, 4]) wallets.push(await registeredWallet(p, i));
  const [w0, w1, w2, w3, w4] = wallets;

  realResident = w4!;
  await p.app.staff.grant({ residentId: w3!.residentId, role: 'operator', counterId: null, grantedBy: 'cli', bootstrap: true });
  [owner, developer, stranger, operator] = await Promise.all([consoleUser(p, w0!), consoleUser(p, w1!), consoleUser(p, w2!), consoleUser(p, w3!)]);
  keys = await serviceKeys();
  orgId = ((await owner.api<{ id: string }>('POST', '/api/developer/organisations', { name: 'Public Libraries' })).json).id;
});

afterAll(async () => {
  await p?.close();
});

describe('organisations and roles', () => {
  test('an owner invites a developer, who joins while signed in; a developer cannot do an owner’s work', async () => {
    const inv = await owner.api<{ url: string }>('POST', `/api/developer/organisations/${orgId}/invitations`, { idNumber: 'A2345679', role: 'developer' });
    expect(inv.status).toBe(201);
    const token = inv.json.url.split('/').pop()!;
    // The link is for resident 1 only.
    expect((await stranger.api('POST', `/api/developer/invitations/${token}/accept`, {})).json).toMatchObject({ error: 'not_invitee' });
    expect((await developer.api('POST', `/api/developer/invitations/${token}/accept`, {})).json).toEqual({ organisationId: orgId });
    expect((await developer.api('POST', `/api/developer/invitations/${token}/accept`, {})).status).toBe(409);

    const made = await developer.api<{ id: string; sandboxClientId: string }>('POST', `/api/developer/organisations/${orgId}/services`, { config: twoFieldConfig(redirectUri), credentials: { method: 'private_key_jwt', jwks: keys.jwks } });
    expect(made.status).toBe(201);
    serviceId = made.json.id;
    sandboxClientId = made.json.sandboxClientId;

    expect((await developer.api('POST', `/api/developer/organisations/${orgId}/invitations`, { idNumber: 'A3456784', role: 'owner' })).json).toMatchObject({ error: 'owner_only' });
    expect((await developer.api('POST', `/api/developer/services/${serviceId}/production`, {})).json).toMatchObject({ error: 'owner_only' });
  });

  test('a member of another organisation never sees the service', async () => {
    const theirs = await stranger.api<{ id: string }>('POST', '/api/developer/organisations', { name: 'Elsewhere Ltd' });
    expect((await stranger.api('GET', `/api/developer/services/${serviceId}`)).status).toBe(404);
    expect((await stranger.api('GET', `/api/developer/organisations/${orgId}`)).status).toBe(404);
    expect((await stranger.api('PUT', `/api/developer/services/${serviceId}/config`, twoFieldConfig(redirectUri, 'Hijacked'))).status).toBe(404);
    expect((await stranger.api('POST', `/api/developer/services/${serviceId}/rotate`, { environment: 'sandbox' })).status).toBe(404);
    expect((await stranger.api<{ organisations: Array<{ organisationId: string }> }>('GET', '/api/developer/organisations')).json.organisations.map((o) => o.organisationId)).toEqual([theirs.json.id]);
    // Its organisation page lists nothing of the other either.
    const page = await stranger.ua.navigate(`${p.issuer}/console/developer/services/${serviceId}`);
    expect(page.status).toBe(404);
    expect(page.body).not.toContain('Library card');
  });

  test('writes need the CSRF token', async () => {
    expect((await owner.api('POST', '/api/developer/organisations', { name: 'No token' }, { csrf: null })).json).toMatchObject({ error: 'csrf_failed' });
    expect((await owner.api('POST', '/api/developer/organisations', { name: 'Wrong token' }, { csrf: stranger.csrf })).status).toBe(403);
    const form = await owner.ua.request(`${p.issuer}/console/developer/organisations`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Forged' });
    expect(form.status).toBe(403);
    const names = (await owner.api<{ organisations: Array<{ name: string }> }>('GET', '/api/developer/organisations')).json.organisations.map((o) => o.name);
    expect(names).toEqual(['Public Libraries']);
  });
});

describe('sandbox and production', () => {
  test('a sandbox service logs in sandbox identities only, a production one real residents only; sandbox tokens say so', async () => {
    const made = await developer.api<{ idNumber: string; dob: string }>('POST', `/api/developer/organisations/${orgId}/sandbox-identities`, { family: 'Tester', given: 'Sandy', dob: '1990-05-05', phone: '91230001' });
    expect(made.status).toBe(201);
    expect(made.json.idNumber).toMatch(/^ZZ/);
    const sandboxWallet = await registerWallet({ server: p.issuer, idNumber: made.json.idNumber, dob: made.json.dob, deviceName: 'Sandbox phone' });

    const sandboxRp = await relyingPartyFor(p.issuer, sandboxClientId, keys, redirectUri);
    const first = await login(p, sandboxRp, sandboxWallet);
    expect(first.tokens.claims()).toMatchObject({ yat_env: 'sandbox' });

    // A real resident cannot sign in to the sandbox service: the wallet is told why.
    const shown = await showSignInPage(p, sandboxRp);
    // The wallet's view of the request carries each field's purpose, as the service gave it.
    const view = await describeRequest(realResident, shown.link);
    expect(view.fields.map((f) => [f.name, f.required, f.purpose])).toEqual(twoFieldConfig(redirectUri).fields.map((f) => [f.name, f.required, f.purpose]));
    await expect(approveRequest(realResident, shown.link, 'all', shown.code)).rejects.toMatchObject({ code: 'wrong_environment' });

    const asked = await owner.api<{ requestId: string }>('POST', `/api/developer/services/${serviceId}/production`, {});
    expect(asked.status).toBe(201);
    expect((await developer.api('POST', `/api/approvals/${asked.json.requestId}/approve`, { reason: '' })).status).toBe(403);
    expect((await operator.api('POST', `/api/approvals/${asked.json.requestId}/reject`, { reason: '  ' })).json).toMatchObject({ error: 'reason_required' });
    // Four eyes: an operator does not approve a service of an organisation they belong to.
    const ownOrg = (await operator.api<{ id: string }>('POST', '/api/developer/organisations', { name: 'An operator’s own office' })).json.id;
    const ownService = (await operator.api<{ id: string }>('POST', `/api/developer/organisations/${ownOrg}/services`, { config: twoFieldConfig('https://own.example.gov/cb', 'Own'), credentials: { method: 'private_key_jwt', jwks: keys.jwks } })).json.id;
    const ownAsk = await operator.api<{ requestId: string }>('POST', `/api/developer/services/${ownService}/production`, {});
    expect((await operator.api('POST', `/api/approvals/${ownAsk.json.requestId}/approve`, { reason: 'looks fine to me' })).json).toMatchObject({ error: 'own_organisation' });
    const approved = await operator.api<{ productionClientId: string }>('POST', `/api/approvals/${asked.json.requestId}/approve`, { reason: 'checked the redirect domain' });
    expect(approved.status).toBe(200);

    const productionRp = await relyingPartyFor(p.issuer, approved.json.productionClientId, keys, redirectUri);
    const real = await login(p, productionRp, realResident);
    expect(real.tokens.claims()?.yat_env).toBeUndefined();
    const again = await showSignInPage(p, productionRp);
    const refused = await approveRequest(first.wallet, again.link, 'all', again.code).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WalletError);
    expect((refused as WalletError).code).toBe('wrong_environment');
  });

  test('a change waits for approval while production keeps the approved configuration; a rejection’s reason reaches the developer', async () => {
    const changed = twoFieldConfig(redirectUri);
    changed.fields[1]!.required = true;
    const updated = await developer.api<{ stage: string; productionClientId: string }>('PUT', `/api/developer/services/${serviceId}/config`, changed);
    expect(updated.json.stage).toBe('changed');
    const production = await p.app.clients.find(updated.json.productionClientId);
    const sandbox = await p.app.clients.find(sandboxClientId);
    expect(production?.yat_fields).toEqual({ required: ['name_en'], optional: ['email'] });
    expect(sandbox?.yat_fields).toEqual({ required: ['name_en', 'email'], optional: [] });

    const asked = await owner.api<{ requestId: string }>('POST', `/api/developer/services/${serviceId}/production`, {});
    const queue = await operator.api<{ requests: Array<{ id: string; changes: Array<{ path: string; before: string; after: string }> }> }>('GET', '/api/approvals');
    expect(queue.status, JSON.stringify(queue.json)).toBe(200);
    expect(queue.json.requests.find((r) => r.id === asked.json.requestId)?.changes).toEqual([{ path: 'fields.email', before: 'optional', after: 'required' }]);
    expect((await operator.api('POST', `/api/approvals/${asked.json.requestId}/reject`, { reason: 'Email cannot be required for a library card.' })).status).toBe(200);
    const seen = await developer.api<{ lastDecision: { status: string; reason: string }; stage: string }>('GET', `/api/developer/services/${serviceId}`);
    expect(seen.json).toMatchObject({ stage: 'changed', lastDecision: { status: 'rejected', reason: 'Email cannot be required for a library card.' } });
    expect((await p.app.clients.find(updated.json.productionClientId))?.yat_fields).toEqual({ required: ['name_en'], optional: ['email'] });
  });

  test('a secret is shown once per rotation; the production secret is an owner’s', async () => {
    const made = await owner.api<{ id: string; secret: string; sandboxClientId: string }>('POST', `/api/developer/organisations/${orgId}/services`, { config: twoFieldConfig('https://simple.example.gov/cb', 'Simple'), credentials: { method: 'client_secret_basic' } });
    expect(made.json.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify((await owner.api('GET', `/api/developer/services/${made.json.id}`)).json)).not.toContain(made.json.secret);
    const rotated = await developer.api<{ secret: string }>('POST', `/api/developer/services/${made.json.id}/rotate`, { environment: 'sandbox' });
    expect(rotated.json.secret).not.toBe(made.json.secret);
    expect((await p.app.clients.find(made.json.sandboxClientId))?.client_secret).toBe(rotated.json.secret);
    expect((await developer.api('POST', `/api/developer/services/${made.json.id}/rotate`, { environment: 'production' })).json).toMatchObject({ error: 'owner_only' });
  });

  test('every action left its audit event', async () => {
    const types = (await p.ctx.storage.db.selectFrom('audit_events').select('type').execute()).map((r) => r.type);
    for (const t of ['developer.signed_in', 'organisation.created', 'organisation.member_invited', 'organisation.member_joined', 'service.registered', 'sandbox.identity_created', 'service.production_requested', 'service.approved', 'service.rejected', 'service.updated', 'service.credentials_rotated', 'developer.denied']) {
      expect(types, t).toContain(t);
    }
  });
});
