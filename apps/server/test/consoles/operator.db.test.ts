import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { confirmAtCounter, upgradeCode } from '../../../../packages/cli/src/wallet/counter.ts';
import { openSession, registerWallet, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { asResident } from '../../src/consoles/developer/organisations.ts';
import { freshApproval, STEP_UP_MS } from '../../src/consoles/step-up.ts';
import { formatIdNumber, idNumberFromIndex } from '../../src/identity/id-number.ts';
import { demoResidents } from '../../src/identity/synthetic-registry.ts';
import { csrfIn, form, signInToConsole } from '../support/console.ts';
import { login, registeredWallet, resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';
import type { UserAgent } from '../support/user-agent.ts';
import { consoleUser, twoFieldConfig, type ConsoleUser } from './developer-support.ts';

/**
 * The operator console over real HTTP on a real database: two operators (four eyes), a counter
 * staff member, residents with real wallets and a real service. Every console form (the
 * counter, operator and developer consoles, the approval queue) is walked from the route table:
 * refused without its CSRF token, audited when it acts.
 */
let p: Platform;
let rp: RelyingParty;
let a: UserAgent; // operator A (resident 0, plus)
let b: UserAgent; // operator B (resident 1, plus)
let c: UserAgent; // counter staff (resident 2)
let subject: WalletState; // resident 3: logged in to the service
const ids: Record<string, string> = {};

const db = () => p.ctx.storage.db;
const auditCount = async () => Number((await db().selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const lastEvent = async (type: string) => {
  const row = await db().selectFrom('audit_events').selectAll().where('type', '=', type).orderBy('id', 'desc').executeTakeFirstOrThrow();
  return { ...row, detail: JSON.parse(row.detail ?? '{}') as Record<string, unknown> };
};
const status = async (id: string) => (await p.app.residents.findById(id))!.status;
const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
const api = (ua: UserAgent, path: string, body?: unknown) => ua.request(`${p.issuer}/api/console/operator${path}`, body === undefined ? { headers: { accept: 'application/json' } } : json(body));

const letter = (n: number) => String.fromCharCode(65 + (n % 26));

/** A resident with an identity but no wallet: enough to find, lock and unlock. */
async function plainResident(n: number): Promise<string> {
  const rec = { ...demoResidents[4]!, idNumber: idNumberFromIndex(5000 + n), nameEn: { family: 'TEST', given: `Person ${letter(n)}` } };
  await p.app.registry.add(rec);
  return p.app.residents.upsertFromRegistry(p.ctx.crypto.lookupHash(rec.idNumber), rec);
}

/** A resident with a registered (headless) wallet, beyond the five demo residents. */
async function walletFor(n: number): Promise<WalletState> {
  const rec = { ...demoResidents[0]!, idNumber: idNumberFromIndex(6000 + n), nameEn: { family: 'WALLET', given: `Person ${letter(n)}` } };
  await p.app.registry.add(rec);
  return registerWallet({ server: p.issuer, idNumber: rec.idNumber, dob: rec.dob, deviceName: 'Test phone' });
}

async function operator(i: number): Promise<UserAgent> {
  const wallet = await registeredWallet(p, i);
  await p.app.staff.grant({ residentId: wallet.residentId, role: 'operator', counterId: null, grantedBy: 'cli', bootstrap: true });
  await db().updateTable('residents').set({ assurance: 'plus' }).where('id', '=', wallet.residentId).execute();
  ids[`op${i}`] = wallet.residentId;
  return (await signInToConsole(p, wallet, '/console/operator')).ua;
}

beforeAll(async () => {
  p = await startPlatform();
  rp = await createRelyingParty(p.app, p.issuer, { clientCredentials: true, scope: 'openid profile email notify' });
  [a, b] = [await operator(0), await operator(1)];
  const counterWallet = await registeredWallet(p, 2);
  await p.app.staff.grant({ residentId: counterWallet.residentId, role: 'counter', counterId: 'gpo', grantedBy: 'cli', bootstrap: true });
  c = (await signInToConsole(p, counterWallet, '/console/counter')).ua;
  subject = (await login(p, rp, await registeredWallet(p, 3))).wallet;
});

afterAll(async () => {
  await p?.close();
});

describe('resident support', () => {
  test('finds a resident by identity number through its keyed hash and shows status, devices, services, activity', async () => {
    const found = await api(a, '/residents/find', { idNumber: formatIdNumber(resident(3).idNumber) });
    expect(found.status).toBe(200);
    const view = JSON.parse(found.body) as { id: string; status: string; idNumberMasked: string; devices: unknown[]; services: Array<{ clientId: string }>; activity: unknown[] };
    expect(view).toMatchObject({ id: subject.residentId, status: 'active', idNumberMasked: 'A456***(*)' });
    expect(view.devices).toHaveLength(1);
    expect(view.services.map((s) => s.clientId)).toEqual([rp.clientId]);
    expect(view.activity.length).toBeGreaterThan(0);
    expect((await lastEvent('operator.resident_viewed')).detail.staffId).toBe(ids.op0);
    // The page too: the number is posted, never in a URL.
    const page = await a.navigate(`${p.issuer}/console/operator/residents`);
    const shown = await a.navigate(`${p.issuer}/console/operator/residents/find`, undefined, form({ csrf: csrfIn(page.body), idNumber: resident(3).idNumber }));
    expect(shown.url).toBe(`${p.issuer}/console/operator/residents/${subject.residentId}?lang=en`);
    expect(shown.body).toContain('CHEUNG Wing Sze');
  });

  test('an operator action without a reason is refused, on the page and in the API; nothing changes', async () => {
    const id = await plainResident(1);
    const before = await auditCount();
    const page = await a.navigate(`${p.issuer}/console/operator/residents/${id}`);
    const refused = await a.request(`${p.issuer}/console/operator/residents/${id}/lock`, form({ csrf: csrfIn(page.body), reason: '  ' }));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('Give the reason for this action');
    const byApi = await api(a, `/residents/${id}/lock`, {});
    expect(byApi.status).toBe(400);
    expect(JSON.parse(byApi.body)).toMatchObject({ error: 'reason_required' });
    expect(await status(id)).toBe('active');
    // Only the page view was recorded; no lock.
    expect(await auditCount()).toBe(before + 2);
  });

  test('locking is immediate; unlocking needs a second operator (the same one is refused)', async () => {
    const id = await plainResident(2);
    expect((await api(a, `/residents/${id}/lock`, { reason: 'Helpline case 1001: phone stolen' })).status).toBe(204);
    expect(await status(id)).toBe('locked');
    expect(await lastEvent('operator.resident_locked')).toMatchObject({ resident_id: id, detail: { staffId: ids.op0, reason: 'Helpline case 1001: phone stolen' } });

    const asked = await api(a, `/residents/${id}/unlock-requests`, { reason: 'Resident verified by call-back' });
    expect(asked.status).toBe(201);
    const request = JSON.parse(asked.body) as { id: string; status: string };
    expect(request.status).toBe('pending');
    expect(await status(id)).toBe('locked');
    // A second request for the same identity waits behind the first.
    expect(JSON.parse((await api(b, `/residents/${id}/unlock-requests`, { reason: 'Another request' })).body)).toMatchObject({ error: 'unlock_pending' });

    const same = await api(a, `/requests/${request.id}/approve`, { reason: 'I checked it myself' });
    expect(same.status).toBe(403);
    expect(JSON.parse(same.body)).toMatchObject({ error: 'same_operator' });
    expect(await status(id)).toBe('locked');
    // On the page the requester is not offered the decision.
    expect((await a.navigate(`${p.issuer}/console/operator/requests`)).body).toContain('Your own request');

    const approved = await api(b, `/requests/${request.id}/approve`, { reason: 'Call-back confirmed' });
    expect(approved.status).toBe(200);
    expect(JSON.parse(approved.body)).toMatchObject({ status: 'approved', decidedBy: ids.op1 });
    expect(await status(id)).toBe('active');
    expect(await lastEvent('operator.unlock_approved')).toMatchObject({ resident_id: id, detail: { staffId: ids.op1, requestedBy: ids.op0, reason: 'Call-back confirmed' } });
    expect(JSON.parse((await api(b, `/requests/${request.id}/reject`, { reason: 'too late' })).body)).toMatchObject({ error: 'request_decided' });
  });

  test('a locked resident cannot sign in; operators cannot act on their own identity', async () => {
    const wallet = await registeredWallet(p, 4);
    expect((await api(a, `/residents/${wallet.residentId}/lock`, { reason: 'Suspected account takeover' })).status).toBe(204);
    await expect(login(p, rp, wallet)).rejects.toThrow();
    expect(JSON.parse((await api(a, `/residents/${ids.op0}/lock`, { reason: 'Testing myself' })).body)).toMatchObject({ error: 'own_case' });
  });
});

describe('services', () => {
  test('a suspended service cannot sign residents in and its tokens stop working; reinstated, old tokens stay dead', async () => {
    const before = await login(p, rp, subject);
    subject = before.wallet;
    const accessToken = before.tokens.access_token;
    const cc = await oidc.clientCredentialsGrant(rp.config, { scope: 'notify' });
    expect((await oidc.fetchUserInfo(rp.config, accessToken, oidc.skipSubjectCheck)).sub).toBeTruthy();

    expect((await api(a, `/services/${rp.clientId}/suspend`, { reason: 'Reported phishing redirect' })).status).toBe(204);
    expect(await lastEvent('service.suspended')).toMatchObject({ client_id: rp.clientId, detail: { staffId: ids.op0, reason: 'Reported phishing redirect' } });
    await expect(oidc.fetchUserInfo(rp.config, accessToken, oidc.skipSubjectCheck)).rejects.toThrow();
    await expect(oidc.refreshTokenGrant(rp.config, before.tokens.refresh_token ?? 'none')).rejects.toThrow();
    await expect(oidc.clientCredentialsGrant(rp.config, { scope: 'notify' })).rejects.toThrow();
    const notify = await fetch(`${p.issuer}/api/notifications`, { method: 'POST', headers: { authorization: `Bearer ${cc.access_token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(notify.status).toBe(401);
    await expect(rp.startLogin()).rejects.toThrow();
    // The resident's wallet says so.
    const session = await openSession(subject);
    subject = session.state;
    const services = (await (await fetch(`${p.issuer}/api/wallet/services`, { headers: { cookie: session.cookie } })).json()) as { services: Array<{ clientId: string; suspended: boolean }> };
    expect(services.services.find((s) => s.clientId === rp.clientId)?.suspended).toBe(true);
    expect((await api(b, '/services')).body).toContain('"suspended":true');

    expect((await api(b, `/services/${rp.clientId}/reinstate`, { reason: 'Redirect fixed and checked' })).status).toBe(204);
    await expect(oidc.fetchUserInfo(rp.config, accessToken, oidc.skipSubjectCheck)).rejects.toThrow();
    const after = await login(p, rp, subject);
    subject = after.wallet;
    expect((await oidc.fetchUserInfo(rp.config, after.tokens.access_token, oidc.skipSubjectCheck)).sub).toBeTruthy();
  });

  test("the platform's own clients cannot be suspended", async () => {
    const own = await api(a, `/services/${p.app.consoles.clientId}/suspend`, { reason: 'Locking everyone out' });
    expect(JSON.parse(own.body)).toMatchObject({ error: 'own_client' });
  });
});

describe('step-up', () => {
  test('risky actions need an approval at the plus level within 5 minutes', async () => {
    const now = Date.now();
    const token = (claims: Record<string, unknown>) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
    expect(freshApproval(token({ acr: 'urn:yat:loa:plus', auth_time: Math.floor(now / 1000) }), now)).toBe(true);
    expect(freshApproval(token({ acr: 'urn:yat:loa:plus', auth_time: Math.floor((now - STEP_UP_MS - 1000) / 1000) }), now)).toBe(false);
    expect(freshApproval(token({ acr: 'urn:yat:loa:standard', auth_time: Math.floor(now / 1000) }), now)).toBe(false);
    expect(freshApproval('not a token', now)).toBe(false);
  });

  test('an operator at the standard level is sent to approve again (max_age=0, acr_values plus); the API answers step_up_required', async () => {
    const wallet = await walletFor(1);
    await p.app.staff.grant({ residentId: wallet.residentId, role: 'operator', counterId: null, grantedBy: 'cli', bootstrap: true });
    const { ua } = await signInToConsole(p, wallet, '/console/operator');
    const id = await plainResident(3);
    const page = await ua.navigate(`${p.issuer}/console/operator/residents/${id}`);
    const sent = await ua.request(`${p.issuer}/console/operator/residents/${id}/lock`, form({ csrf: csrfIn(page.body), reason: 'Phone reported stolen' }));
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${p.issuer}/console/login?step_up=1&lang=en&return=${encodeURIComponent(`/console/operator/residents/${id}`)}`);
    const login = await ua.request(sent.location!);
    const par = new URL(login.location!);
    expect(par.pathname).toBe('/oidc/auth');
    const byApi = await api(ua, `/residents/${id}/lock`, { reason: 'Phone reported stolen' });
    expect(byApi.status).toBe(401);
    expect(JSON.parse(byApi.body)).toMatchObject({ error: 'step_up_required' });
    expect(await status(id)).toBe('active');
  });
});

describe('staff management', () => {
  test('roles are granted and removed with a reason, audited; an operator cannot remove their own operator role', async () => {
    const wallet = await walletFor(2);
    const idNumber = idNumberFromIndex(6002);
    const granted = await api(a, '/staff/grant', { idNumber, role: 'counter', counterId: 'gpo', reason: 'New counter staff at GPO' });
    expect(granted.status).toBe(201);
    expect(await lastEvent('staff.granted')).toMatchObject({ resident_id: wallet.residentId, detail: { staffId: ids.op0, role: 'counter', counterId: 'gpo', reason: 'New counter staff at GPO' } });
    expect((await p.app.staff.grantsOf(wallet.residentId)).map((g) => [g.role, g.bootstrap])).toEqual([['counter', false]]);
    expect(JSON.parse((await api(a, '/staff/grant', { idNumber, role: 'counter', reason: 'no counter' })).body)).toMatchObject({ error: 'invalid_counter' });
    expect(JSON.parse((await api(a, '/staff/remove', { residentId: wallet.residentId, role: 'counter' })).body)).toMatchObject({ error: 'reason_required' });
    expect((await api(a, '/staff/remove', { residentId: wallet.residentId, role: 'counter', reason: 'Moved to another department' })).status).toBe(204);
    expect(await lastEvent('staff.removed')).toMatchObject({ resident_id: wallet.residentId, detail: { staffId: ids.op0, role: 'counter' } });
    expect(await p.app.staff.grantsOf(wallet.residentId)).toEqual([]);
    const own = await api(a, '/staff/remove', { residentId: ids.op0, role: 'operator', reason: 'Leaving the team' });
    expect(own.status).toBe(403);
    expect(JSON.parse(own.body)).toMatchObject({ error: 'own_operator_role' });
    expect((await p.app.staff.grantsOf(ids.op0!)).map((g) => g.role)).toEqual(['operator']);
  });
});

describe('audit search', () => {
  test('by resident (identity number), service, type prefix and outcome, paged by cursor, and as CSV; searches are audited', async () => {
    const byResident = JSON.parse((await api(b, '/audit/search', { idNumber: resident(3).idNumber })).body) as { events: Array<{ residentId: string; type: string; id: number }>; next: number | null };
    expect(byResident.events.length).toBeGreaterThan(3);
    expect(new Set(byResident.events.map((e) => e.residentId))).toEqual(new Set([subject.residentId]));
    const searched = await lastEvent('operator.audit_searched');
    expect(searched).toMatchObject({ resident_id: subject.residentId, detail: { staffId: ids.op1, exported: false } });
    expect(JSON.stringify(searched)).not.toContain(resident(3).idNumber);

    const byService = JSON.parse((await api(b, '/audit/search', { service: rp.clientId, type: 'service.' })).body) as { events: Array<{ type: string }> };
    expect(byService.events.map((e) => e.type)).toEqual(['service.reinstated', 'service.suspended']);
    const failures = JSON.parse((await api(b, '/audit/search', { outcome: 'failure' })).body) as { events: Array<{ outcome: string }> };
    expect(failures.events.every((e) => e.outcome === 'failure')).toBe(true);

    // Paging: 50 a page, newest first; the cursor gives the next page with no overlap.
    const at = Date.now();
    await db().insertInto('audit_events').values(Array.from({ length: 60 }, (_, i) => ({ at: at - i, type: 'login.failed', outcome: 'failure', resident_id: null, client_id: rp.clientId, fields: null, detail: '{"reason":"wrong_code"}' }))).execute();
    const first = JSON.parse((await api(b, '/audit/search', {})).body) as { events: Array<{ id: number }>; next: number };
    expect(first.events).toHaveLength(50);
    const second = JSON.parse((await api(b, '/audit/search', { before: first.next })).body) as { events: Array<{ id: number }> };
    expect(second.events[0]!.id).toBeLessThan(first.events[49]!.id);

    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const csv = await api(b, '/audit/export', { type: 'operator.', from: today, to: today });
    expect(csv.contentType).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,at,type,outcome,resident_id,client_id,fields,detail');
    expect(lines.length).toBeGreaterThan(5);
    expect(JSON.parse((await api(b, '/audit/search', { from: today, to: '2000-01-01' })).body)).toMatchObject({ error: 'bad_range' });
    expect(JSON.parse((await api(b, '/audit/search', { idNumber: 'A123' })).body)).toMatchObject({ error: 'invalid_id_number' });
  });
});

describe('every console form', () => {
  /** A form's post: who sends it, where, with what; the status it answers and the audit event it writes. */
  type Call = { ua: UserAgent; path: string; fields: Record<string, string>; status: number; event: string };
  const consolePosts = () => p.app.server.routeTable.filter((r) => r.method === 'POST' && r.url.startsWith('/console/')).map((r) => r.url);
  /** Every console form (by route) with what it needs to act; a new form must be added here. */
  let calls: Record<string, () => Call>;
  let dev: ConsoleUser;
  const made: Record<string, string> = {};
  const reason = 'Audited walk of every form';

  /** The service form as a browser sends it: names, a redirect URI, a field asked for with its purposes, a secret. */
  const serviceForm = (name: string): Record<string, string> => ({
    'name.en': name,
    'name.zh-Hant': '巡查服務',
    'name.zh-Hans': '巡查服务',
    logoUri: '',
    redirectUris: 'https://walk.example.gov/callback',
    postLogoutRedirectUris: '',
    backchannelLogoutUri: '',
    'field.name_en': 'required',
    'purpose.name_en.en': 'To address you by name',
    'purpose.name_en.zh-Hant': '用於稱呼你',
    'purpose.name_en.zh-Hans': '用于称呼你',
    'field.email': 'no',
    auth: 'secret',
  });

  beforeAll(async () => {
    // What each form needs to act: real residents, a real device and grant, requests by the other operator.
    const target = await walletFor(3);
    const withGrant = (await login(p, rp, target)).wallet;
    const device = (await db().selectFrom('device_credentials').select('id').where('resident_id', '=', withGrant.residentId).executeTakeFirstOrThrow()).id;
    [made.lockMe, made.approveMe, made.rejectMe] = [await plainResident(10), await plainResident(11), await plainResident(12)];
    const requestBy = async (id: string) => {
      await api(b, `/residents/${id}/lock`, { reason: 'Locked for the walk' });
      return (JSON.parse((await api(b, `/residents/${id}/unlock-requests`, { reason: 'Unlock for the walk' })).body) as { id: string }).id;
    };
    const [approveId, rejectId] = [await requestBy(made.approveMe), await requestBy(made.rejectMe)];
    const upgradee = await walletFor(4);
    const shown = await upgradeCode(upgradee);
    const confirmCode = (await upgradeCode(await walletFor(5))).result.code;
    void confirmAtCounter;
    const recoveree = idNumberFromIndex(6005);
    const recovereeId = (await p.app.residents.findIdByRegistryRef(p.ctx.crypto.lookupHash(recoveree)))!;
    const doc = { documentType: 'hkid', checked: 'yes' };

    // The developer console's: a resident with no staff role owns an organisation with two
    // services, one waiting for an operator's approval; the counter staff member is invited.
    dev = await consoleUser(p, await walletFor(6));
    const devPost = async <T>(path: string, body: unknown) => {
      const res = await dev.api<T>('POST', `/api/developer${path}`, body);
      expect(res.status, `${path}: ${JSON.stringify(res.json)}`).toBe(201);
      return res.json;
    };
    made.orgId = (await devPost<{ id: string }>('/organisations', { name: 'Walk Department' })).id;
    const service = async (name: string) => (await devPost<{ id: string }>(`/organisations/${made.orgId}/services`, { config: twoFieldConfig('https://walk.example.gov/callback', name), credentials: { method: 'client_secret_basic' } })).id;
    [made.approved, made.asking] = [await service('Walk approved'), await service('Walk asking')];
    const approvalId = (await devPost<{ requestId: string }>(`/services/${made.approved}/production`, {})).requestId;
    made.automation = (await devPost<{ clientId: string }>(`/organisations/${made.orgId}/automation-clients`, { name: 'Walk pipeline', credentials: { method: 'client_secret_basic' } })).clientId;
    const invitation = (await devPost<{ url: string }>(`/organisations/${made.orgId}/invitations`, { idNumber: resident(2).idNumber, role: 'developer' })).url.split('/').pop()!;
    const org = `/console/developer/organisations/${made.orgId}`;

    calls = {
      '/console/counter/upgrade/lookup': () => ({ ua: c, path: '/console/counter/upgrade/lookup', fields: { code: shown.result.code }, status: 200, event: 'counter.record.viewed' }),
      '/console/counter/upgrade/confirm': () => ({ ua: c, path: '/console/counter/upgrade/confirm', fields: { code: confirmCode, ...doc, documentNumber: formatIdNumber(recoveree) }, status: 200, event: 'counter.upgrade.staff_confirmed' }),
      '/console/counter/recovery/lookup': () => ({ ua: c, path: '/console/counter/recovery/lookup', fields: { idNumber: recoveree }, status: 200, event: 'counter.record.viewed' }),
      '/console/counter/recovery/issue': () => ({ ua: c, path: '/console/counter/recovery/issue', fields: { residentId: recovereeId, ...doc, documentNumber: recoveree }, status: 200, event: 'counter.recovery.issued' }),
      '/console/operator/residents/find': () => ({ ua: a, path: '/console/operator/residents/find', fields: { idNumber: resident(3).idNumber }, status: 303, event: 'operator.resident_viewed' }),
      '/console/operator/residents/:residentId/lock': () => ({ ua: a, path: `/console/operator/residents/${made.lockMe}/lock`, fields: { reason }, status: 303, event: 'operator.resident_locked' }),
      '/console/operator/residents/:residentId/unlock': () => ({ ua: a, path: `/console/operator/residents/${made.lockMe}/unlock`, fields: { reason }, status: 303, event: 'operator.unlock_requested' }),
      '/console/operator/residents/:residentId/devices/:deviceId/revoke': () => ({ ua: a, path: `/console/operator/residents/${withGrant.residentId}/devices/${encodeURIComponent(device)}/revoke`, fields: { reason }, status: 303, event: 'device.removed' }),
      '/console/operator/residents/:residentId/services/:clientId/revoke': () => ({ ua: a, path: `/console/operator/residents/${withGrant.residentId}/services/${rp.clientId}/revoke`, fields: { reason }, status: 303, event: 'grant.revoked' }),
      '/console/operator/requests/:requestId/approve': () => ({ ua: a, path: `/console/operator/requests/${approveId}/approve`, fields: { reason }, status: 303, event: 'operator.unlock_approved' }),
      '/console/operator/requests/:requestId/reject': () => ({ ua: a, path: `/console/operator/requests/${rejectId}/reject`, fields: { reason }, status: 303, event: 'operator.unlock_rejected' }),
      '/console/operator/services/:clientId/suspend': () => ({ ua: a, path: `/console/operator/services/${rp.clientId}/suspend`, fields: { reason }, status: 303, event: 'service.suspended' }),
      '/console/operator/services/:clientId/reinstate': () => ({ ua: a, path: `/console/operator/services/${rp.clientId}/reinstate`, fields: { reason }, status: 303, event: 'service.reinstated' }),
      '/console/operator/audit': () => ({ ua: a, path: '/console/operator/audit', fields: { type: 'operator.' }, status: 200, event: 'operator.audit_searched' }),
      '/console/operator/audit.csv': () => ({ ua: a, path: '/console/operator/audit.csv', fields: { type: 'staff.' }, status: 200, event: 'operator.audit_searched' }),
      '/console/operator/staff/grant': () => ({ ua: a, path: '/console/operator/staff/grant', fields: { idNumber: idNumberFromIndex(6004), role: 'operator', reason }, status: 303, event: 'staff.granted' }),
      '/console/operator/staff/remove': () => ({ ua: a, path: '/console/operator/staff/remove', fields: { residentId: upgradee.residentId, role: 'operator', reason }, status: 303, event: 'staff.removed' }),
      '/console/operator/approvals/:requestId': () => ({ ua: a, path: `/console/operator/approvals/${approvalId}`, fields: { decision: 'approve', reason }, status: 200, event: 'service.approved' }),
      '/console/developer/organisations': () => ({ ua: dev.ua, path: '/console/developer/organisations', fields: { name: 'Walk Second Department' }, status: 303, event: 'organisation.created' }),
      '/console/developer/organisations/:orgId/invitations': () => ({ ua: dev.ua, path: `${org}/invitations`, fields: { idNumber: formatIdNumber(idNumberFromIndex(6004)), role: 'owner' }, status: 200, event: 'organisation.member_invited' }),
      '/console/developer/organisations/:orgId/sandbox-identities': () => ({ ua: dev.ua, path: `${org}/sandbox-identities`, fields: { family: 'TESTER', given: 'Walk', dob: '1990-01-01', phone: '91230002' }, status: 200, event: 'sandbox.identity_created' }),
      '/console/developer/organisations/:orgId/services': () => ({ ua: dev.ua, path: `${org}/services`, fields: serviceForm('Walk registered'), status: 201, event: 'service.registered' }),
      '/console/developer/services/:serviceId/edit': () => ({ ua: dev.ua, path: `/console/developer/services/${made.asking}/edit`, fields: serviceForm('Walk asking, renamed'), status: 303, event: 'service.updated' }),
      '/console/developer/services/:serviceId/production': () => ({ ua: dev.ua, path: `/console/developer/services/${made.asking}/production`, fields: {}, status: 200, event: 'service.production_requested' }),
      '/console/developer/services/:serviceId/rotate': () => ({ ua: dev.ua, path: `/console/developer/services/${made.asking}/rotate`, fields: { environment: 'sandbox' }, status: 200, event: 'service.credentials_rotated' }),
      '/console/developer/organisations/:orgId/automation': () => ({ ua: dev.ua, path: `${org}/automation`, fields: { name: 'Walk automation', auth: 'secret' }, status: 201, event: 'automation.client_created' }),
      '/console/developer/organisations/:orgId/automation/:clientId/delete': () => ({ ua: dev.ua, path: `${org}/automation/${made.automation}/delete`, fields: {}, status: 200, event: 'automation.client_deleted' }),
      // The counter staff member, signed in, joins the organisation (before signing out below).
      '/console/developer/invitations/:token': () => ({ ua: c, path: `/console/developer/invitations/${invitation}`, fields: {}, status: 303, event: 'organisation.member_joined' }),
      '/console/logout': () => ({ ua: c, path: '/console/logout', fields: {}, status: 303, event: 'staff.signed_out' }),
    };
  });

  /** Where a form's page is, to take the session's CSRF token from (one token per session, on every console page). */
  const pageOf = (call: Call) => (call.path.startsWith('/console/developer/') ? '/console/developer' : call.ua === c ? '/console/counter' : '/console/operator');

  test('is refused without its CSRF token (403), before it does anything', async () => {
    const routes = consolePosts();
    expect(routes.length).toBeGreaterThanOrEqual(29);
    expect(routes.filter((url) => !calls[url])).toEqual([]);
    // A real token of another session is refused too.
    const [tokenA, tokenB] = [csrfIn((await a.navigate(`${p.issuer}/console/operator`)).body), csrfIn((await b.navigate(`${p.issuer}/console/operator`)).body)];
    for (const url of routes) {
      // The form's real fields, on its real target: only the token is wrong.
      const call = calls[url]!();
      const before = await auditCount();
      for (const csrf of [undefined, 'forged-token', call.ua === a ? tokenB : tokenA]) {
        const res = await call.ua.request(`${p.issuer}${call.path}`, form({ ...(csrf ? { csrf } : {}), ...call.fields }));
        expect(res.status, url).toBe(403);
        expect(res.body, url).toContain('csrf_failed');
      }
      expect(await auditCount(), url).toBe(before);
    }
    // The JSON API takes only JSON, which a form on another site cannot send.
    const formPost = await a.request(`${p.issuer}/api/console/operator/residents/${subject.residentId}/lock`, form({ reason: 'Cross-site attempt' }));
    expect(formPost.status).toBe(415);
  });

  test('writes an audit event when it acts (the counter, operator and developer consoles, the approval queue, sign-out)', async () => {
    expect(consolePosts().filter((url) => !calls[url])).toEqual([]);
    for (const url of Object.keys(calls)) {
      const call = calls[url]!();
      const csrf = csrfIn((await call.ua.navigate(`${p.issuer}${pageOf(call)}`)).body);
      const before = await auditCount();
      const res = await call.ua.request(`${p.issuer}${call.path}`, form({ csrf, ...call.fields }));
      expect(res.status, `${url}: ${res.body.slice(0, 300)}`).toBe(call.status);
      const written = (await auditCount()) - before;
      expect(written, url).toBeGreaterThan(0);
      expect((await db().selectFrom('audit_events').select('type').orderBy('id', 'desc').limit(written).execute()).map((r) => r.type), url).toContain(call.event);
    }
    expect(await status(made.approveMe!)).toBe('active');
    expect(await status(made.rejectMe!)).toBe('locked');
    expect(await status(made.lockMe!)).toBe('locked');
    const { organisations, services } = p.app.developer;
    expect((await organisations.listFor(asResident(dev.wallet.residentId))).map((o) => o.name)).toEqual(['Walk Department', 'Walk Second Department']);
    expect((await organisations.members(made.orgId!)).map((m) => m.role)).toEqual(['owner', 'developer']);
    expect(await services.get(asResident(dev.wallet.residentId), made.approved!)).toMatchObject({ stage: 'production', productionClientId: expect.any(String) });
    expect(await services.get(asResident(dev.wallet.residentId), made.asking!)).toMatchObject({ stage: 'sandbox', draft: { names: { en: 'Walk asking, renamed' } }, pending: { changes: expect.any(Array) } });
  });
});
