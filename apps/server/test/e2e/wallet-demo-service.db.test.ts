import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { startLibraryCard } from '../../../../examples/library-card/src/start.ts';
import { startDemoAgainst } from '../../../../examples/library-card/test/demo-against.ts';
import { translator, type MessageKey } from '../../../wallet/src/i18n/index.ts';
import { addPhoneAuthenticator, ensureWalletBuilt, registerInPwa } from '../../../wallet/test/support/pwa.ts';
import { expectAccessible, launchBrowser, newContext, phoneViewport } from '../support/browser.ts';
import { resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';

/**
 * The whole story in a real browser: the resident registers in the wallet PWA (a
 * phone with a platform authenticator); a desktop browser opens the demo library-card
 * service and sees the QR code; the phone approves with one optional field (email) switched
 * off; the desktop lands in the service signed in, its form pre-filled with exactly the
 * approved fields; the resident revokes the service in the wallet and the service's session
 * ends. The service's pages pass axe-core in all three languages.
 */
vi.setConfig({ testTimeout: 120_000 });
const t = translator('en');

let p: Platform;
let lib: Awaited<ReturnType<typeof startLibraryCard>>;
let demo: Awaited<ReturnType<typeof startDemoAgainst>>;
let browser: Browser;
let phone: BrowserContext;
let phonePage: Page;
let desktop: BrowserContext;
let desk: Page;

beforeAll(async () => {
  ensureWalletBuilt();
  [p, browser] = await Promise.all([startPlatform({}, { hostname: 'localhost' }), launchBrowser()]);
  demo = await startDemoAgainst(p);
  lib = demo.lib;
  phone = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', isMobile: true, hasTouch: true });
  phonePage = await phone.newPage();
  await addPhoneAuthenticator(phone, phonePage);
  desktop = await newContext(browser, { locale: 'en-GB' });
  desk = await desktop.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  await p?.close();
});

const field = (name: string) => desk.locator(`input[name="${name}"]`).inputValue();

describe('the wallet PWA with the demo library-card service', () => {
  test('register in the wallet; sign in on the desktop by QR with email switched off; the form holds exactly the approved fields; revoking ends the session', async () => {
    const r = resident(0);
    await registerInPwa(phonePage, p.issuer, r, (k, v) => t(k as MessageKey, v), 'Test phone');

    await desk.goto(`${lib.baseUrl}/`);
    await desk.locator('[data-login-with-yat]').click();
    await desk.waitForURL(/\/interaction\//);
    expect(await desk.locator('.qr img').isVisible()).toBe(true);
    const link = await desk.locator('[data-wallet-link]').getAttribute('href');
    const code = (await desk.locator('[data-verification-code]').textContent())!.trim();

    await phonePage.goto(link!);
    await phonePage.getByRole('heading', { level: 1, name: t('approve.title', { service: 'Library card application' }) }).waitFor();
    await phonePage.getByRole('switch', { name: t('field.email'), exact: true }).uncheck();
    await phonePage.locator('.code-choice', { hasText: code }).click();
    await phonePage.getByRole('button', { name: t('approve.approve') }).click();
    await phonePage.getByRole('heading', { level: 1, name: t('approve.approvedTitle') }).waitFor();

    await desk.waitForURL(`${lib.baseUrl}/apply`);
    expect(await field('nameEn')).toBe(`${r.nameEn.family} ${r.nameEn.given}`);
    expect(await field('birthdate')).toBe(r.dob);
    expect(await field('nameZh')).toBe(r.nameZh);
    expect(await field('phone')).toMatch(/\d{8}/);
    expect(await field('email')).toBe('');

    for (const lang of ['en', 'zh-Hant', 'zh-Hans']) {
      await desk.goto(`${lib.baseUrl}/apply?lang=${lang}`);
      await expectAccessible(desk, lang);
      await desk.goto(`${lib.baseUrl}/?lang=${lang}`);
      await expectAccessible(desk, lang);
    }
    await desk.goto(`${lib.baseUrl}/apply?lang=en`);
    expect(new URL(desk.url()).pathname).toBe('/apply');

    await phonePage.goto(`${p.issuer}/wallet/services`);
    await phonePage.getByRole('button', { name: t('services.revokeLabel', { service: 'Library card application' }) }).click();
    await phonePage.getByRole('button', { name: t('services.revokeYes') }).click();
    await phonePage.getByRole('status').filter({ hasText: t('services.revoked', { service: 'Library card application' }) }).waitFor();

    // The service was told (back-channel logout): its session is gone, the form is no longer
    // shown, and the resident is told why rather than silently finding themselves logged out.
    await desk.goto(`${lib.baseUrl}/apply`);
    expect(new URL(desk.url()).pathname).toBe('/ended');
    expect(await desk.getByRole('status').textContent()).toContain('access was revoked in the Yat wallet');
    expect(await desk.locator('[data-login-with-yat]').isVisible()).toBe(true);
    await expectAccessible(desk, 'en');
    // Said once: the next visit is an ordinary signed-out visit.
    await desk.goto(`${lib.baseUrl}/apply`);
    expect(new URL(desk.url()).pathname).toBe('/');
  });

  test('the service pages pass axe when signed out, in every language; the service and the platform have a favicon', async () => {
    const context = await newContext(browser, { viewport: phoneViewport });
    const page = await context.newPage();
    const missing: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) missing.push(`${res.status()} ${res.url()}`);
    });
    for (const base of [lib.baseUrl, p.issuer]) {
      const res = await page.request.get(`${base}/favicon.ico`);
      expect(res.status(), base).toBe(200);
      expect(res.headers()['content-type']).toBe('image/x-icon');
    }
    for (const lang of ['en', 'zh-Hant', 'zh-Hans']) {
      await page.goto(`${lib.baseUrl}/?lang=${lang}`);
      await expectAccessible(page, lang);
      await page.goto(`${lib.baseUrl}/logged-out?lang=${lang}`);
      await expectAccessible(page, lang);
      await page.goto(`${lib.baseUrl}/ended?lang=${lang}`);
      await expectAccessible(page, lang);
      await page.goto(`${p.issuer}/?lang=${lang}`);
    }
    // The browser asked each site for its favicon by itself: nothing it asked for was missing.
    await page.waitForTimeout(500);
    expect(missing).toEqual([]);
    await context.close();
  });
});
