import { createRequire } from 'node:module';
import * as oidc from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { langs, translator, type MessageKey } from '../../../wallet/src/i18n/index.ts';
import { pushText } from '../../../wallet/src/i18n/push.ts';
import { addPhoneAuthenticator, ensureWalletBuilt, registerInPwa } from '../../../wallet/test/support/pwa.ts';
import { axeViolations, launchBrowser, newContext, phoneViewport, startServiceSite, type ServiceSite } from '../support/browser.ts';
import { continueToService, resident, showSignInPage } from '../support/login.ts';
import { freePort, startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * Notifications in the wallet PWA, in Chromium at a phone's width: the approval screen's
 * switch gives consent; a service sends through the API; the inbox shows it with the unread
 * badge; opening it marks it read (the service sees that); its link's origin is shown before
 * the link can be followed; axe finds nothing in three languages. Then Web Push: the resident
 * turns alerts on, the platform encrypts a push to a subscription on a local push service
 * (`web-push-testing`, which checks VAPID and decrypts), and the decrypted payload, delivered
 * to the wallet's service worker, becomes a lock-screen alert naming only the service.
 */
vi.setConfig({ testTimeout: 90_000 });
const en = translator('en');
const words = (key: string, vars?: Record<string, string>) => en(key as MessageKey, vars);
const require = createRequire(import.meta.url);
const PushServer = require('web-push-testing/src/server.js') as new (model: unknown, port: number) => { startServer(): void; _server: { close(): void } };
const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as { PushApiModel: new () => unknown };

let p: Platform;
let site: ServiceSite;
let rp: RelyingParty;
let browser: Browser;
let phone: BrowserContext;
let page: Page;
let send: (body: unknown) => Promise<{ status: number; json: any }>;
let sub: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureWalletBuilt();
  [p, browser, site] = await Promise.all([startPlatform({}, { hostname: 'localhost' }), launchBrowser(), startServiceSite()]);
  rp = await createRelyingParty(p.app, p.issuer, { name: 'Library card service', redirectUri: site.redirectUri, scope: 'openid profile notify', clientCredentials: true });
  phone = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', isMobile: true, hasTouch: true });
  await phone.grantPermissions(['notifications'], { origin: p.issuer });
  page = await phone.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await addPhoneAuthenticator(phone, page);
  await registerInPwa(page, p.issuer, resident(0), words, 'Test phone');
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await p?.close();
});

async function service(method: string, path: string, body?: unknown) {
  const { access_token } = await oidc.clientCredentialsGrant(rp.config, { scope: 'notify' });
  const res = await fetch(`${p.issuer}${path}`, { method, headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as any };
}

async function expectClean(lang: string, heading: string) {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor().catch((err: Error) => {
    throw new Error(`${err.message}; script errors: ${pageErrors.join('; ')}`);
  });
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  expect(await axeViolations(page), `axe on ${page.url()} (${lang})`).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phoneViewport.width);
}

describe('the wallet inbox', () => {
  let id: string;
  const link = () => `${new URL(site.redirectUri).origin}/card/ready`;

  test('consent on the approval screen; a sent message shows with the badge, is marked read when opened, and its link shows its origin first', async () => {
    const s = await showSignInPage(p, rp, { scope: 'openid profile' });
    await page.goto(s.link);
    const allow = page.getByRole('switch', { name: en('approve.notifications', { service: 'Library card service' }) });
    expect(await allow.isChecked()).toBe(false);
    await allow.check();
    await page.locator('.code-choice', { hasText: s.code }).click();
    await page.getByRole('button', { name: en('approve.approve') }).click();
    await page.getByRole('heading', { level: 1, name: en('approve.approvedTitle') }).waitFor();
    const tokens = await rp.finishLogin((await continueToService(p, rp, s.ua, s.uid))!, s.checks);
    sub = tokens.claims()!.sub;

    const sent = await service('POST', '/api/notifications', { sub, category: 'action_needed', title: { en: 'Your library card is ready', 'zh-Hant': '你的圖書證已準備好' }, body: { en: 'Collect it at any branch.', 'zh-Hant': '請到任何分館領取。' }, link: link() });
    expect(sent.status).toBe(201);
    id = sent.json.id;

    await page.goto(`${p.issuer}/wallet/`);
    const inboxTab = page.getByRole('navigation', { name: en('app.menu') }).getByRole('link', { name: en('nav.inbox') });
    await inboxTab.locator('[data-unread="1"]').waitFor();
    expect(await inboxTab.textContent()).toContain(en('inbox.unreadCount', { count: 1 }));
    await inboxTab.click();
    const row = page.getByRole('link', { name: /Your library card is ready/ });
    expect(await row.textContent()).toContain(en('inbox.unread'));
    await row.click();
    await page.getByRole('heading', { level: 1, name: 'Your library card is ready' }).waitFor();
    expect(await page.locator('.message-body').textContent()).toBe('Collect it at any branch.');
    await inboxTab.locator('[data-unread]').waitFor({ state: 'detached' });
    expect((await service('GET', `/api/notifications/${id}`)).json).toMatchObject({ read: true, delivery: { inbox: 'delivered' } });

    // No link to follow until the resident has seen where it goes.
    expect(await page.locator('[data-message-link]').count()).toBe(0);
    await page.getByRole('button', { name: en('inbox.linkShow') }).click();
    expect(await page.locator('[data-link-origin]').textContent()).toBe(en('inbox.linkOrigin', { origin: new URL(link()).origin }));
    const go = page.getByRole('link', { name: en('inbox.linkGo', { origin: new URL(link()).origin }) });
    expect(await go.getAttribute('href')).toBe(link());
    const [opened] = await Promise.all([phone.waitForEvent('page'), go.click()]);
    await opened.waitForURL(link());
    await opened.close();
  });

  test('under Services the resident turns the service\'s notifications off (sends are refused) and on again', async () => {
    await page.goto(`${p.issuer}/wallet/services?lang=en`);
    const allowed = page.getByRole('switch', { name: en('services.notifications', { service: 'Library card service' }) });
    expect(await allowed.isChecked()).toBe(true);
    await allowed.uncheck();
    await page.getByRole('status').getByText(en('services.notificationsOff', { service: 'Library card service' })).waitFor();
    const refused = await service('POST', '/api/notifications', { sub, category: 'status', title: { en: 'Hello' }, body: { en: 'Hello' } });
    expect(refused).toMatchObject({ status: 403, json: { error: 'not_deliverable' } });
    await allowed.check();
    await page.getByRole('status').getByText(en('services.notificationsOn', { service: 'Library card service' })).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  test.each(langs)('the inbox and a message in %s: axe finds nothing; a language the service did not write is marked', async (lang) => {
    const t = translator(lang);
    await page.goto(`${p.issuer}/wallet/inbox?lang=${lang}`);
    await expectClean(lang, t('inbox.title'));
    await page.goto(`${p.issuer}/wallet/inbox/${id}?lang=${lang}`);
    // Written in English and Traditional Chinese: a Simplified reader gets the first of the others (English), marked.
    const title = lang === 'zh-Hant' ? '你的圖書證已準備好' : 'Your library card is ready';
    await expectClean(lang, title);
    expect(await page.locator('h1').getAttribute('lang')).toBe(lang === 'zh-Hant' ? 'zh-Hant' : 'en');
    expect(await page.locator('[data-fallback]').count()).toBe(lang === 'zh-Hans' ? 1 : 0);
    await page.getByRole('button', { name: t('inbox.linkShow') }).click();
    await page.locator('[data-link-origin]').waitFor();
    await expectClean(lang, title);
    await page.goto(`${p.issuer}/wallet/notification-settings?lang=${lang}`);
    await expectClean(lang, t('alerts.title'));
  });

  test('deleting a message asks first, then the inbox is empty', async () => {
    await page.goto(`${p.issuer}/wallet/inbox/${id}?lang=en`);
    await page.getByRole('button', { name: en('inbox.delete') }).click();
    await page.getByRole('button', { name: en('inbox.deleteYes') }).click();
    await page.getByRole('status').getByText(en('inbox.deleted')).waitFor();
    // The list is fetched again after the delete; the empty inbox is what it then shows.
    await page.getByText(en('inbox.empty')).waitFor();
    expect(await page.getByText(en('inbox.empty')).count()).toBe(1);
  });
});

describe('alerts on this phone (Web Push)', () => {
  test('a push the platform encrypted, once decrypted, becomes an alert in the resident\'s language naming only the service', async () => {
    await page.goto(`${p.issuer}/wallet/notification-settings?lang=zh-Hant`);
    const pushSwitch = page.getByRole('switch', { name: translator('zh-Hant')('alerts.pushSwitch') });
    await pushSwitch.click();
    // Debian's headless Chromium has no route to (or keys for) its vendor's push service, so subscribing
    // fails there: the wallet says so, registers nothing and leaves the switch off. A browser that can subscribe registers one.
    await page.getByRole('alert').or(page.getByRole('status').getByText(translator('zh-Hant')('alerts.pushOn'))).first().waitFor();
    const subscribed = (await p.ctx.storage.db.selectFrom('push_subscriptions').selectAll().execute()).length;
    if (subscribed === 0) {
      expect(await page.getByRole('alert').textContent()).toContain(translator('zh-Hant')('alerts.pushFailed'));
      expect(await pushSwitch.isChecked()).toBe(false);
    } else {
      expect(subscribed).toBe(1);
      expect(await pushSwitch.isChecked()).toBe(true);
    }

    // The platform's side against a real push service: subscribe there the way the browser would (VAPID key).
    const port = await freePort();
    const pushServer = new PushServer(new PushApiModel(), port);
    const log = console.log;
    console.log = () => undefined; // the push service announces its port once it listens
    pushServer.startServer();
    try {
      const pushCall = async (path: string, body: unknown) => (await (await fetch(`http://localhost:${port}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as any;
      const { publicKey } = (await (await page.request.get(`${p.issuer}/api/wallet/push/key`)).json()) as { publicKey: string };
      const made = (await pushCall('/subscribe', { userVisibleOnly: 'true', applicationServerKey: publicKey })).data;
      console.log = log;
      expect((await page.request.post(`${p.issuer}/api/wallet/push/subscriptions`, { data: { subscription: { endpoint: made.endpoint, keys: made.keys } } })).status()).toBe(201);
      const sent = await service('POST', '/api/notifications', { sub, category: 'reminder', title: { en: 'Return your books' }, body: { en: 'Due on Friday.' } });
      await p.app.notify.notifications.idle();
      expect((await service('GET', `/api/notifications/${sent.json.id}`)).json.delivery.push).toBe('sent');
      const [decrypted] = (await pushCall('/get-notifications', { clientHash: made.clientHash })).data.messages as string[];

      // The decrypted bytes go to the wallet's service worker as its push event.
      const cdp = await phone.newCDPSession(page);
      const registered = new Promise<string>((resolve) => cdp.on('ServiceWorker.workerRegistrationUpdated', (e) => e.registrations.forEach((r) => r.scopeURL === `${p.issuer}/wallet/` && resolve(r.registrationId))));
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: p.issuer, registrationId: await registered, data: decrypted! });
      const alert = await page.evaluate(async () => {
        const reg = await navigator.serviceWorker.ready;
        for (let i = 0; i < 100; i++) {
          const [n] = await reg.getNotifications({ tag: 'yat-inbox' });
          if (n) return { title: n.title, body: n.body, lang: n.lang };
          await new Promise((r) => setTimeout(r, 50));
        }
        return undefined;
      });
      expect(alert).toEqual({ title: 'Library card service', body: pushText['zh-Hant'].reminder, lang: 'zh-Hant' });
    } finally {
      console.log = log;
      pushServer._server.close();
    }
  });
});
