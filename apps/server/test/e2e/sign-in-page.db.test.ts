import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { approveRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { translator as walletTranslator, type MessageKey } from '../../../wallet/src/i18n/index.ts';
import { addPhoneAuthenticator, ensureWalletBuilt, registerInPwa } from '../../../wallet/test/support/pwa.ts';
import { translator } from '../../src/i18n/index.ts';
import { expectAccessible, launchBrowser, newContext, openSignInPage, phoneViewport, startServiceSite, type ServiceSite } from '../support/browser.ts';
import { registeredWallet, resident } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * The sign-in page as residents meet it (issue 17): on a phone the same-device button comes
 * first; the requested fields carry the wallet's marks (required, optional, already shared);
 * the expiry time is Hong Kong time in one format per language; and a cross-device login
 * leaves no failed request (the 403 of the wallet's same-browser check) in either console.
 */
vi.setConfig({ testTimeout: 150_000 });

const names = { 'zh-Hant': '圖書證服務', 'zh-Hans': '图书证服务' };
let p: Platform;
let rp: RelyingParty;
let wallet: WalletState;
let browser: Browser;
let site: ServiceSite;

beforeAll(async () => {
  ensureWalletBuilt();
  site = await startServiceSite();
  [p, browser] = await Promise.all([startPlatform({}, { hostname: 'localhost' }), launchBrowser()]);
  rp = await createRelyingParty(p.app, p.issuer, { redirectUri: site.redirectUri, names, fields: { required: ['name_en'], optional: ['email'] } });
  wallet = await registeredWallet(p);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await p?.close();
});

const atService = (url: URL) => url.href.startsWith(rp.redirectUri);
const box = async (page: Page, selector: string) => (await page.locator(selector).boundingBox())!;

describe('the sign-in page', () => {
  test('on a phone, the same-device button is on the first screen, above the QR code; on a desktop the QR code leads', async () => {
    const phone = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    await openSignInPage(page, (await rp.startLogin({ scope: 'openid profile email' })).url);
    const button = await box(page, '[data-wallet-link]');
    const qr = await box(page, '.qr img');
    expect(button.y + button.height).toBeLessThanOrEqual(phoneViewport.height);
    expect(button.y).toBeLessThan(qr.y);
    for (const lang of ['en', 'zh-Hant', 'zh-Hans'] as const) {
      await page.goto(`${page.url().split('?')[0]}?lang=${lang}`);
      await expectAccessible(page, lang);
    }
    await phone.close();

    const desktop = await newContext(browser, { locale: 'en-GB' });
    const desk = await desktop.newPage();
    await openSignInPage(desk, (await rp.startLogin({ scope: 'openid profile email' })).url);
    expect((await box(desk, '.qr img')).y).toBeLessThan((await box(desk, '[data-wallet-link]')).y);
    await expectAccessible(desk, 'en');
    await desktop.close();
  });

  test('the requested fields are marked required or optional, and already shared once this browser has signed in', async () => {
    const context = await newContext(browser, { locale: 'zh-HK' });
    const page = await context.newPage();
    const zh = translator('zh-Hant');
    const first = await rp.startLogin({ scope: 'openid profile email' });
    const { link } = await openSignInPage(page, first.url);
    await page.goto(`${page.url().split('?')[0]}?lang=zh-Hant`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(zh('login.title', { service: names['zh-Hant'] }));
    const items = page.locator('ul.fields li');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain(zh('login.required'));
    expect(await items.nth(1).textContent()).toContain(zh('login.optional'));
    expect(await page.locator('ul.fields').textContent()).not.toContain(zh('login.alreadyShared'));
    // The expiry is Hong Kong time, 24-hour, labelled; the same format in both Chinese scripts.
    expect(await page.locator('.scan').textContent()).toMatch(/\d{2}:\d{2}（香港時間）/);
    await expectAccessible(page, 'zh-Hant');
    await page.goto(`${page.url().split('?')[0]}?lang=zh-Hans`);
    expect(await page.locator('.scan').textContent()).toMatch(/\d{2}:\d{2}（香港时间）/);
    await page.goto(`${page.url().split('?')[0]}?lang=en`);
    expect(await page.locator('.scan').textContent()).toMatch(/expires at \d{2}:\d{2} Hong Kong time\./);

    wallet = (await approveRequest(wallet, link, 'all', (await page.locator('[data-verification-code]').textContent())!.trim())).state;
    await page.waitForURL(atService);

    const en = translator('en');
    await openSignInPage(page, (await rp.startLogin({ scope: 'openid profile email' })).url);
    await page.goto(`${page.url().split('?')[0]}?lang=en`);
    const again = page.locator('ul.fields li');
    expect(await again.nth(0).textContent()).toContain(en('login.alreadyShared'));
    expect(await again.nth(1).textContent()).toContain(en('login.alreadyShared'));
    await expectAccessible(page, 'en');
    await context.close();
  });

  test('a cross-device login with the wallet app: no request fails in either browser (no 403 from the status check)', async () => {
    const wt = walletTranslator('en');
    const phone = await newContext(browser, { viewport: phoneViewport, locale: 'en-GB', isMobile: true, hasTouch: true });
    const phonePage = await phone.newPage();
    await addPhoneAuthenticator(phone, phonePage);
    await registerInPwa(phonePage, p.issuer, resident(1), (k, v) => wt(k as MessageKey, v), 'Test phone');

    const desktop = await newContext(browser, { locale: 'en-GB' });
    const desk = await desktop.newPage();
    const failed: string[] = [];
    for (const pg of [phonePage, desk]) {
      pg.on('response', (res) => {
        if (res.status() >= 400) failed.push(`${res.status()} ${new URL(res.url()).pathname}`);
      });
      pg.on('console', (m) => {
        if (m.type() === 'error') failed.push(`console: ${m.text()}`);
      });
    }
    const { link, code } = await openSignInPage(desk, (await rp.startLogin({ scope: 'openid profile email' })).url);
    await phonePage.goto(link);
    await phonePage.locator('.code-choice', { hasText: code }).click();
    await phonePage.getByRole('button', { name: wt('approve.approve') }).click();
    await phonePage.getByRole('heading', { level: 1, name: wt('approve.approvedTitle') }).waitFor();
    // Cross-device: the phone tells the resident to return to the computer (it did not try to continue itself).
    expect(await phonePage.locator('main').textContent()).toContain(wt('approve.returnToComputer', { service: 'Library card service' }));
    await desk.waitForURL(atService);
    expect(failed).toEqual([]);
    await phone.close();
    await desktop.close();
  });

  test('the development SMS outbox says its times are Hong Kong time', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${p.issuer}/dev/outbox?lang=zh-Hans`);
    const cell = (await page.locator('tbody tr td').first().textContent())!;
    expect(cell).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}（香港时间）$/);
    await page.goto(`${p.issuer}/dev/outbox?lang=en`);
    expect(await page.locator('tbody tr td').first().textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} Hong Kong time$/);
    await expectAccessible(page, 'en');
    await context.close();
  });
});
