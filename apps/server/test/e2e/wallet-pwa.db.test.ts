import * as oidc from 'openid-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { translator as walletTranslator, type MessageKey } from '../../../wallet/src/i18n/index.ts';
import { addPhoneAuthenticator, ensureWalletBuilt, registerInPwa } from '../../../wallet/test/support/pwa.ts';
import { expectAccessible, launchBrowser, newContext, openSignInPage, phoneViewport, startServiceSite, type ServiceSite } from '../support/browser.ts';
import { resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * The wallet PWA end to end, in Debian's Chromium with a virtual platform authenticator as
 * the phone's: the resident registers in the app; a desktop browser shows a service's QR
 * code; the phone approves with one optional field switched off; the desktop lands at the
 * service signed in with exactly the approved fields; then the resident revokes the service
 * in the app and the service's tokens stop working. Also the same-device flow.
 */
vi.setConfig({ testTimeout: 120_000 });

const t = walletTranslator('en');
const words = (key: string, vars?: Record<string, string>) => t(key as MessageKey, vars);

let p: Platform;
let rp: RelyingParty;
let browser: Browser;
let site: ServiceSite;
let phone: BrowserContext;
let phonePage: Page;

beforeAll(async () => {
  ensureWalletBuilt();
  // WebAuthn refuses an IP address as RP ID: the platform runs as http://localhost:<port>.
  [p, browser, site] = await Promise.all([startPlatform({}, { hostname: 'localhost' }), launchBrowser(), startServiceSite()]);
  rp = await createRelyingParty(p.app, p.issuer, { redirectUri: site.redirectUri, fields: { required: ['name_en'], optional: ['email', 'phone'] } });
  // Purposes as the developer console stores them: email's is given, phone's is not.
  const client = (await p.app.clients.find(rp.clientId))!;
  await p.app.clients.save({ ...client, yat_field_purposes: { email: emailPurpose } });
  phone = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', hasTouch: true, isMobile: true });
  phonePage = await phone.newPage();
  await addPhoneAuthenticator(phone, phonePage);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await p?.close();
});

const atService = (url: URL) => url.href.startsWith(site.redirectUri);
const emailPurpose = { en: 'To remind you of due dates', 'zh-Hant': '提醒你還書日期', 'zh-Hans': '提醒你还书日期' };

describe('the wallet app on a phone', () => {
  test('registers the resident: identity details, one-time code, device key, device name', async () => {
    await registerInPwa(phonePage, p.issuer, resident(0), words, 'Test phone');
    expect(new URL(phonePage.url()).pathname).toBe('/wallet/');
    expect(await phonePage.locator('.record').textContent()).toContain(resident(0).dob);
    const stored = await phonePage.evaluate(() => localStorage.getItem('yat.wallet.credential'));
    expect(JSON.parse(stored!).credentialId).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  test('approves a desktop sign-in with one optional field off; the service gets exactly the approved fields; revoking ends its access', async () => {
    const desktop = await newContext(browser, { locale: 'en-GB' });
    const desk = await desktop.newPage();
    const checks = await rp.startLogin({ scope: 'openid profile email phone' });
    const { link, code } = await openSignInPage(desk, checks.url);
    expect(link).toMatch(/^http:\/\/localhost:\d+\/wallet\/login#[A-Za-z0-9_-]{43}$/);
    expect(code).toMatch(/^\d{2}$/);

    // The phone opens the QR code's link (the camera's job) and lands on the approval screen.
    await phonePage.goto(link);
    await phonePage.getByRole('heading', { level: 1, name: t('approve.title', { service: 'Library card service' }) }).waitFor();
    expect(await phonePage.getByText(t('approve.required')).count()).toBe(1);
    // The service's purpose is read before deciding, under the field it explains (none for phone: it gave none).
    const emailSwitch = phonePage.getByRole('switch', { name: t('field.email') });
    await expect(emailSwitch.isVisible()).resolves.toBe(true);
    await expect(phonePage.locator('label[for="share-email"] .purpose').textContent()).resolves.toBe(t('approve.purpose', { purpose: emailPurpose.en }));
    expect(await phonePage.getByText(t('approve.purpose', { purpose: emailPurpose.en })).isVisible()).toBe(true);
    expect(await phonePage.locator('label[for="share-phone"] .purpose').count()).toBe(0);
    const phoneSwitch = phonePage.getByRole('switch', { name: t('field.phone') });
    expect(await phoneSwitch.isChecked()).toBe(true);
    await phoneSwitch.uncheck();
    // Approving without picking the code is not possible; then the resident picks the page's code.
    await phonePage.getByRole('button', { name: t('approve.approve') }).click();
    expect(await phonePage.getByRole('alert').textContent()).toContain(t('approve.codeMissing'));
    expect(await phonePage.getByRole('radio').count()).toBe(3);
    await phonePage.locator('.code-choice', { hasText: code }).click();
    expect(await phonePage.getByRole('radio', { name: code }).isChecked()).toBe(true);
    await phonePage.getByRole('button', { name: t('approve.approve') }).click();
    await phonePage.getByRole('heading', { level: 1, name: t('approve.approvedTitle') }).waitFor();
    expect(await phonePage.locator('main').textContent()).toContain(t('approve.returnToComputer', { service: 'Library card service' }));

    // The desktop moves on by itself and the service signs the resident in.
    await desk.waitForURL(atService);
    expect(await desk.locator('h1').textContent()).toBe('Signed in');
    const tokens = await rp.finishLogin(desk.url(), checks);
    const sub = tokens.claims()!.sub;
    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, sub);
    expect(info.name).toMatch(/\S/);
    expect(info.email).toMatch(/@/);
    expect(info).not.toHaveProperty('phone_number');
    await desktop.close();

    // The app lists the service and what it holds; revoking it ends the service's access.
    await phonePage.goto(`${p.issuer}/wallet/`);
    await phonePage.getByRole('link', { name: t('nav.services') }).click();
    const card = phonePage.locator('.card', { hasText: 'Library card service' });
    await card.waitFor();
    expect(await card.locator('.chips').textContent()).toContain(t('field.email'));
    expect(await card.locator('.chips').textContent()).not.toContain(t('field.phone'));
    await phonePage.getByRole('button', { name: t('services.revokeLabel', { service: 'Library card service' }) }).click();
    await phonePage.getByRole('button', { name: t('services.revokeYes') }).click();
    await phonePage.getByRole('status').filter({ hasText: t('services.revoked', { service: 'Library card service' }) }).waitFor();
    await expect(oidc.fetchUserInfo(rp.config, tokens.access_token, sub)).rejects.toThrow();

    // The activity lists the sign-in and what it released.
    await phonePage.goto(`${p.issuer}/wallet/activity`);
    await phonePage.getByRole('heading', { level: 1, name: t('activity.title') }).waitFor();
    expect(await phonePage.locator('.timeline').textContent()).toContain(t('activity.type.login.approved'));
  });

  test('a wrong code picked in the wallet fails, and the desktop never moves on', async () => {
    const desktop = await newContext(browser, { locale: 'en-GB' });
    const desk = await desktop.newPage();
    const checks = await rp.startLogin({ scope: 'openid profile' });
    const { link, code, uid } = await openSignInPage(desk, checks.url);
    await phonePage.goto(link);
    await phonePage.getByRole('heading', { level: 1, name: t('approve.title', { service: 'Library card service' }) }).waitFor();
    const choices = await phonePage.locator('.code-choice').allTextContents();
    expect(choices.map((c) => c.trim())).toContain(code);
    const wrong = choices.map((c) => c.trim()).find((c) => c !== code)!;
    await phonePage.locator('.code-choice', { hasText: wrong }).click();
    await phonePage.getByRole('button', { name: t('approve.approve') }).click();
    await phonePage.getByRole('alert').filter({ hasText: 'not the one on the sign-in page' }).waitFor();
    // Nothing left to approve on the phone.
    expect(await phonePage.getByRole('button', { name: t('approve.approve') }).count()).toBe(0);
    // The desktop says the code expired and offers a new one; it stays at the platform.
    await desk.locator('[data-login-status][data-state="expired"]').waitFor();
    expect(new URL(desk.url()).pathname).toBe(`/interaction/${uid}`);
    await desk.goto(`${p.issuer}/interaction/${uid}/continue`);
    expect(atService(new URL(desk.url()))).toBe(false);
    await desktop.close();
  });

  test('same device: the sign-in page\'s link opens the wallet, which approves and returns the resident to the service', async () => {
    const checks = await rp.startLogin({ scope: 'openid profile email phone' });
    const { code } = await openSignInPage(phonePage, checks.url);
    await phonePage.locator('[data-wallet-link]').click();
    await phonePage.locator('.code-choice', { hasText: code }).click();
    await phonePage.getByRole('button', { name: t('approve.approve') }).click();
    await phonePage.waitForURL(atService);
    expect(await phonePage.locator('h1').textContent()).toBe('Signed in');
    const tokens = await rp.finishLogin(phonePage.url(), checks);
    const info = await oidc.fetchUserInfo(rp.config, tokens.access_token, tokens.claims()!.sub);
    expect(info.phone_number).toMatch(/\d/);
  });

  test('a service an operator suspended is marked so in the services list, in words', async () => {
    const suspend = (suspended: boolean) => p.app.operator.suspensions.set(p.ctx.storage.db, { clientId: rp.clientId, suspended, reason: 'Phishing reports under review', by: 'test' });
    await suspend(true);
    try {
      for (const lang of ['en', 'zh-Hant', 'zh-Hans'] as const) {
        await phonePage.goto(`${p.issuer}/wallet/services?lang=${lang}`);
        const card = phonePage.locator('.card', { hasText: 'Library card service' });
        await card.waitFor();
        await expect(card.locator('.suspended .badge').textContent()).resolves.toBe(walletTranslator(lang)('services.suspended'));
        await expectAccessible(phonePage, lang);
      }
    } finally {
      await suspend(false);
      await phonePage.goto(`${p.issuer}/wallet/services?lang=en`);
    }
    const card = phonePage.locator('.card', { hasText: 'Library card service' });
    await card.waitFor();
    expect(await card.locator('.suspended').count()).toBe(0);
  });

  test('profile: registry fields are read-only, the resident\'s own fields are saved', async () => {
    await phonePage.goto(`${p.issuer}/wallet/`);
    await phonePage.getByRole('heading', { level: 1, name: t('profile.title') }).waitFor();
    expect(await phonePage.locator('.record input').count()).toBe(0);
    await phonePage.getByLabel(t('field.preferred_email')).fill('chan.home@example.com');
    await phonePage.getByLabel(t('field.title')).selectOption('mr');
    await phonePage.getByRole('button', { name: t('app.save') }).click();
    await phonePage.getByRole('status').filter({ hasText: t('profile.saved') }).waitFor();
    await phonePage.reload();
    expect(await phonePage.getByLabel(t('field.preferred_email')).inputValue()).toBe('chan.home@example.com');
    expect(await phonePage.getByLabel(t('field.title')).inputValue()).toBe('mr');
    // A value the platform refuses comes back as its message, in place.
    await phonePage.getByLabel(t('field.preferred_email')).fill('not an email');
    await phonePage.getByRole('button', { name: t('app.save') }).click();
    await phonePage.getByRole('alert').waitFor();
    expect(await phonePage.getByRole('alert').textContent()).toContain('email');
  });

  test('offline: the service worker keeps the app shell, and the app says it is offline', async () => {
    await phonePage.goto(`${p.issuer}/wallet/`);
    await phonePage.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await phone.setOffline(true);
    try {
      await phonePage.reload();
      await phonePage.getByText(t('app.offline')).waitFor();
      expect(await phonePage.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await phone.setOffline(false);
    }
  });

  test('devices: the phone is listed as this device; removing the only device asks for a stronger confirmation', async () => {
    await phonePage.goto(`${p.issuer}/wallet/devices`);
    const card = phonePage.locator('.card', { hasText: 'Test phone' });
    await card.waitFor();
    expect(await card.textContent()).toContain(t('devices.current'));
    await phonePage.getByRole('button', { name: t('devices.renameLabel', { device: 'Test phone' }) }).click();
    await phonePage.getByLabel(t('devices.newName', { device: 'Test phone' })).fill('Work phone');
    await phonePage.getByRole('button', { name: t('app.save') }).click();
    await phonePage.getByRole('status').filter({ hasText: t('devices.renamed', { device: 'Work phone' }) }).waitFor();
    await phonePage.getByRole('button', { name: t('devices.removeLabel', { device: 'Work phone' }) }).click();
    expect(await phonePage.locator('.confirm').textContent()).toContain(t('devices.confirmLast', { device: 'Work phone' }));
    await phonePage.getByRole('button', { name: t('app.cancel') }).click();
    expect(await phonePage.locator('.confirm').count()).toBe(0);
  });
});
