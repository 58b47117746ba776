import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { registeredWallet, resident } from '../support/login.ts';
import { freePort, startPlatform, type Platform } from '../support/platform.ts';
import { message, notifyingService, walletApi } from './support.ts';

/**
 * Web Push against a local push service written by others (the `web-push-testing` package,
 * started here): it checks the VAPID signature and decrypts the aes128gcm payload with the
 * subscription's keys, as a browser's push service and service worker would. The subscription
 * is created against it the way the wallet's service worker does (applicationServerKey = the
 * platform's VAPID key) and registered through the wallet API.
 */
const require = createRequire(import.meta.url);
const PushServer = require('web-push-testing/src/server.js') as new (model: unknown, port: number) => { startServer(): void; _server: { close(): void } };
const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as { PushApiModel: new () => unknown };

let p: Platform;
let wallet: WalletState;
let pushUrl: string;
let pushServer: { startServer(): void; _server: { close(): void } };
let library: Awaited<ReturnType<typeof notifyingService>>;

const pushCall = async (path: string, body: unknown) => {
  const res = await fetch(`${pushUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as any };
};

beforeAll(async () => {
  const port = await freePort();
  pushServer = new PushServer(new PushApiModel(), port);
  const log = console.log;
  console.log = () => undefined; // the push service announces its port on stdout
  pushServer.startServer();
  console.log = log;
  pushUrl = `http://localhost:${port}`;
  p = await startPlatform();
  wallet = await registeredWallet(p);
  library = await notifyingService(p, wallet, { name: 'Library card service', redirectUri: 'https://library.example.gov/callback', notifications: true });
  wallet = library.wallet;
});
afterAll(async () => {
  pushServer?._server.close();
  await p?.close();
});

describe('Web Push', () => {
  let clientHash: string;

  test('a subscription made with the platform\'s VAPID key receives an encrypted push carrying only the category and the service name', async () => {
    const w = await walletApi(wallet);
    wallet = w.state;
    const { publicKey } = await w.call('GET', '/api/wallet/push/key');
    const sub = await pushCall('/subscribe', { userVisibleOnly: 'true', applicationServerKey: publicKey });
    expect(sub.status).toBe(200);
    clientHash = sub.json.data.clientHash;
    await w.call('POST', '/api/wallet/push/subscriptions', { subscription: { endpoint: sub.json.data.endpoint, keys: sub.json.data.keys } });

    const sent = await library.call('POST', '/api/notifications', message({ sub: library.sub, category: 'action_needed', title: { en: 'Renew your card' }, body: { en: 'It expires on 1 March.' } }));
    expect(sent.status).toBe(201);
    await p.app.notify.notifications.idle();
    expect((await library.call('GET', `/api/notifications/${sent.json.id}`)).json.delivery).toMatchObject({ inbox: 'delivered', push: 'sent' });

    const got = await pushCall('/get-notifications', { clientHash });
    expect(got.json.data.messages.map((m: string) => JSON.parse(m))).toEqual([{ category: 'action_needed', service: { en: 'Library card service', 'zh-Hant': 'Library card service', 'zh-Hans': 'Library card service' } }]);
    const items = (await w.call('GET', '/api/wallet/notifications')).items;
    expect(items[0]).toMatchObject({ id: sent.json.id, title: 'Renew your card', read: false });

    const vapid = await p.ctx.storage.db.selectFrom('notify_vapid').selectAll().executeTakeFirstOrThrow();
    expect(vapid.public_key).toBe(publicKey);
    expect(() => p.ctx.crypto.decrypt(vapid.private_enc, 'vapid')).not.toThrow();
  });

  test('a subscription the push service reports gone is removed; a security message then falls back to SMS', async () => {
    expect((await pushCall(`/expire-subscription/${clientHash}`, {})).status).toBe(200);
    const sent = await library.call('POST', '/api/notifications', message({ sub: library.sub, category: 'security', title: { en: 'New device added' }, body: { en: 'A new phone was added to your identity.' } }));
    await p.app.notify.notifications.idle();
    expect((await library.call('GET', `/api/notifications/${sent.json.id}`)).json.delivery).toMatchObject({ push: 'failed', sms: 'sent' });
    expect(await p.ctx.storage.db.selectFrom('push_subscriptions').selectAll().where('resident_id', '=', wallet.residentId).execute()).toEqual([]);
    const sms = await p.ctx.storage.db.selectFrom('sms_outbox').selectAll().where('recipient', '=', resident(0).phone!).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(sms.body).toContain('New device added');

    const status = await library.call('POST', '/api/notifications', message({ sub: library.sub }));
    await p.app.notify.notifications.idle();
    expect((await library.call('GET', `/api/notifications/${status.json.id}`)).json.delivery).toMatchObject({ push: 'no_subscription', sms: 'not_applicable' });
  });
});
