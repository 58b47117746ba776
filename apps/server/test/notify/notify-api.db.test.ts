import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { message, notifyingService, walletApi } from './support.ts';

/**
 * The notification API for services: consent given on the approval screen, refusals that do
 * not reveal who exists, links only to the service's own origins, idempotent sends, per-service
 * state another service cannot read, the resident's inbox, the daily quota and the rate limit.
 */
let p: Platform;
let wallet: WalletState;
let library: Awaited<ReturnType<typeof notifyingService>>;
let housing: Awaited<ReturnType<typeof notifyingService>>;

beforeAll(async () => {
  p = await startPlatform({ NOTIFY_DAILY_QUOTA: '12', NOTIFY_RATE_PER_MINUTE: '40' });
  wallet = await registeredWallet(p);
  library = await notifyingService(p, wallet, { name: 'Library card service', redirectUri: 'https://library.example.gov/callback', notifications: true });
  housing = await notifyingService(p, library.wallet, { name: 'Housing portal', redirectUri: 'https://housing.example.gov/callback', notifications: false });
  wallet = housing.wallet;
});
afterAll(async () => p?.close());

describe('consent', () => {
  test('without consent a send is refused with the same answer as for a resident who does not exist', async () => {
    const refused = await housing.call('POST', '/api/notifications', message({ sub: housing.sub }));
    const unknown = await housing.call('POST', '/api/notifications', message({ sub: 'no-such-resident-at-this-service' }));
    expect(refused.status).toBe(403);
    expect(refused.json.error).toBe('not_deliverable');
    expect(unknown).toEqual(refused);
  });

  test('the approval screen answer is recorded and listed under connected services; a revoked consent stops delivery', async () => {
    const w = await walletApi(wallet);
    wallet = w.state;
    const { services } = await w.call('GET', '/api/wallet/notifications/consents');
    expect(services).toEqual(expect.arrayContaining([expect.objectContaining({ clientId: library.clientId, allowed: true }), expect.objectContaining({ clientId: housing.clientId, allowed: false })]));

    await fetch(`${p.issuer}/api/wallet/notifications/consents/${library.clientId}`, { method: 'PUT', headers: { cookie: w.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ allowed: false }) });
    expect((await library.call('POST', '/api/notifications', message({ sub: library.sub }))).json.error).toBe('not_deliverable');
    await fetch(`${p.issuer}/api/wallet/notifications/consents/${library.clientId}`, { method: 'PUT', headers: { cookie: w.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ allowed: true }) });
    expect((await library.call('POST', '/api/notifications', message({ sub: library.sub }))).status).toBe(201);
    const audit = await p.app.audit.forResident(wallet.residentId, 50);
    const changes = audit.filter((e) => e.type.startsWith('notify.consent') && e.client_id === library.clientId).sort((a, b) => Number(a.id) - Number(b.id));
    expect(changes.map((e) => e.type)).toEqual(['notify.consent_granted', 'notify.consent_withdrawn', 'notify.consent_granted']);
  });
});

describe('sending', () => {
  test('a notification reaches the inbox in the resident\'s language, is marked read there, and the service sees it read; another service gets 404', async () => {
    const sent = await library.call('POST', '/api/notifications', message({ sub: library.sub, title: { en: 'Card ready', 'zh-Hant': '借書證已備妥' }, body: { en: 'Collect it.', 'zh-Hant': '請領取。' } }));
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ id: expect.stringMatching(/^ntf_/), category: 'status', languages: ['en', 'zh-Hant'], read: false, delivery: { inbox: 'delivered', sms: 'not_applicable' } });
    await p.app.notify.notifications.idle();
    expect((await library.call('GET', `/api/notifications/${sent.json.id}`)).json.delivery.push).toBe('no_subscription');

    const w = await walletApi(wallet);
    wallet = w.state;
    const before = await w.call('GET', '/api/wallet/notifications/unread');
    const zh = await w.call('GET', `/api/wallet/notifications/${sent.json.id}?lang=zh-Hant`);
    expect(zh).toMatchObject({ title: '借書證已備妥', fallback: false, lang: 'zh-Hant', from: { id: library.clientId } });
    const hans = await w.call('GET', `/api/wallet/notifications/${sent.json.id}?lang=zh-Hans`);
    expect(hans).toMatchObject({ title: 'Card ready', fallback: true, lang: 'en' });
    await w.call('PATCH', `/api/wallet/notifications/${sent.json.id}`, { read: true });
    expect((await w.call('GET', '/api/wallet/notifications/unread')).unread).toBe(before.unread - 1);

    const state = await library.call('GET', `/api/notifications/${sent.json.id}`);
    expect(state.json).toMatchObject({ id: sent.json.id, read: true });
    expect(state.json).not.toHaveProperty('title');
    expect((await housing.call('GET', `/api/notifications/${sent.json.id}`)).status).toBe(404);

    await w.call('DELETE', `/api/wallet/notifications/${sent.json.id}`);
    expect((await w.call('GET', '/api/wallet/notifications')).items.map((i: { id: string }) => i.id)).not.toContain(sent.json.id);
  });

  test('the same Idempotency-Key delivers once', async () => {
    const key = { 'idempotency-key': `card-ready-${Date.now()}` };
    const first = await library.call('POST', '/api/notifications', message({ sub: library.sub }), key);
    const again = await library.call('POST', '/api/notifications', message({ sub: library.sub }), key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: first.json.id, replayed: true });
    const rows = await p.ctx.storage.db.selectFrom('notifications').select('id').where('idempotency_key', '=', key['idempotency-key']).execute();
    expect(rows).toHaveLength(1);
  });

  test('a link must be on one of the service\'s registered origins; the inbox shows where it goes', async () => {
    const bad = await library.call('POST', '/api/notifications', message({ sub: library.sub, link: 'https://evil.example.com/phish' }));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('link_not_allowed');
    const good = await library.call('POST', '/api/notifications', message({ sub: library.sub, link: 'https://library.example.gov/cards/123' }));
    expect(good.status).toBe(201);
    const w = await walletApi(wallet);
    wallet = w.state;
    expect(await w.call('GET', `/api/wallet/notifications/${good.json.id}`)).toMatchObject({ link: 'https://library.example.gov/cards/123', linkOrigin: 'https://library.example.gov' });
  });

  test('bad input is a clear 400; a token without the notify scope is refused; content is encrypted at rest', async () => {
    expect((await library.call('POST', '/api/notifications', message({ sub: library.sub, category: 'spam' }))).status).toBe(400);
    expect((await library.call('POST', '/api/notifications', message({ sub: library.sub, title: { en: 'x' }, body: { 'zh-Hant': 'y' } }))).json.error).toBe('invalid_request');
    const noToken = await fetch(`${p.issuer}/api/notifications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noToken.status).toBe(401);
    const rows = await p.ctx.storage.db.selectFrom('notifications').select('content_enc').execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.content_enc).not.toMatch(/library|card|Collect/i);
  });
});

describe('limits', () => {
  test('the daily quota answers 429 quota_exceeded; the per-service rate limit answers 429 rate_limited', async () => {
    let status = 0;
    let body: any;
    for (let i = 0; i < 13 && status !== 429; i++) ({ status, json: body } = await library.call('POST', '/api/notifications', message({ sub: library.sub })));
    expect(status).toBe(429);
    expect(body.error).toBe('quota_exceeded');
    const answers = [];
    for (let i = 0; i < 45; i++) answers.push((await housing.call('GET', '/api/notifications/ntf_aaaaaaaaaaaaaaaaaaaa')).status);
    expect(answers).toContain(429);
    expect(answers.filter((s) => s !== 404 && s !== 429)).toEqual([]);
  });
});
