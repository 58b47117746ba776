import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { approveRequest, declineRequest, type WalletState } from '../../../../packages/cli/src/wallet/headless-wallet.ts';
import { translator } from '../../src/i18n/index.ts';
import { launchBrowser, newContext, openSignInPage, startServiceSite, type ServiceSite } from '../support/browser.ts';
import { registeredWallet } from '../support/login.ts';
import { startPlatform, type Platform } from '../support/platform.ts';
import { createRelyingParty, type RelyingParty } from '../support/relying-party.ts';

/**
 * The cross-device login as a resident sees it: a real Chromium shows the sign-in page with
 * the QR code, the (headless) wallet approves, and the page moves on to the service by
 * itself with JavaScript (long-poll); without it, one link continues once approved.
 */
const t = translator('en');

// Each wait may take up to 30 s on a busy machine; a test must outlast its waits to report them.
vi.setConfig({ testTimeout: 90_000 });

let p: Platform;
let rp: RelyingParty;
let wallet: WalletState;
let browser: Browser;
let site: ServiceSite;

beforeAll(async () => {
  site = await startServiceSite();
  [p, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  rp = await createRelyingParty(p.app, p.issuer, { redirectUri: site.redirectUri, scope: 'openid profile email' });
  wallet = await registeredWallet(p);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await p?.close();
});

const atService = (url: URL) => url.href.startsWith(rp.redirectUri);

describe('signing in to a service from a desktop browser', () => {
  test('the page shows the QR code; after the wallet approves, the browser reaches the service by itself', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    const checks = await rp.startLogin();
    const { link, code } = await openSignInPage(page, checks.url);

    expect(await page.getByRole('img', { name: t('login.qrAlt') }).isVisible()).toBe(true);
    expect(await page.getByRole('status').textContent()).toBe(t('login.waiting'));
    expect(await page.locator('[data-wallet-link]').isVisible()).toBe(true);
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wallet\/login#/);

    wallet = (await approveRequest(wallet, link, 'all', code)).state;
    await page.waitForURL(atService);
    expect(await page.locator('h1').textContent()).toBe('Signed in');

    const tokens = await rp.finishLogin(page.url(), checks);
    const claims = tokens.claims()!;
    expect(claims.aud).toBe(rp.clientId);
    expect(claims.acr).toBe('urn:yat:loa:standard');
    expect(claims.sub).toMatch(/\S/);
    expect(claims.sub).not.toContain(wallet.residentId);
    await context.close();
  });

  test('a declined request shows the declined message in the status region without a reload', async () => {
    const context = await newContext(browser, { locale: 'en-GB' });
    const page = await context.newPage();
    const checks = await rp.startLogin();
    const { link, code } = await openSignInPage(page, checks.url);
    // A reload would start a fresh document and lose this mark.
    await page.evaluate(() => Object.assign(window, { yatTestMark: 'same document' }));

    await declineRequest(wallet, link);
    await page.getByRole('status').filter({ hasText: t('login.declined') }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { yatTestMark?: string }).yatTestMark)).toBe('same document');

    // The page now offers the way back, and the service learns that the resident said no.
    await page.getByRole('link', { name: t('login.backToService') }).click();
    await page.waitForURL(atService);
    expect(new URL(page.url()).searchParams.get('error')).toBe('access_denied');
    await expect(rp.finishLogin(page.url(), checks)).rejects.toMatchObject({ error: 'access_denied' });
    await context.close();
  });

  test('without JavaScript, the continue link reaches the service once approved, and not before', async () => {
    const context = await newContext(browser, { locale: 'en-GB', javaScriptEnabled: false });
    const page = await context.newPage();
    const checks = await rp.startLogin();
    const { link, code } = await openSignInPage(page, checks.url);

    expect(await page.getByRole('img', { name: t('login.qrAlt') }).isVisible()).toBe(true);
    // Playwright's text matching skips <noscript>, so the rendered paragraph is found by CSS.
    const notice = page.locator('main noscript p').first();
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.innerText()).toBe(t('login.noscript'));

    const continueLink = page.locator('main noscript a');
    expect(await continueLink.innerText()).toBe(t('login.checkAgain'));
    // Before approval the link just shows the same page again.
    await continueLink.click();
    expect(page.url()).toContain('/interaction/');
    expect(await page.getByRole('img', { name: t('login.qrAlt') }).isVisible()).toBe(true);

    wallet = (await approveRequest(wallet, link, 'all', code)).state;
    await page.locator('main noscript a').click();
    await page.waitForURL(atService);
    expect(await page.locator('h1').textContent()).toBe('Signed in');
    const tokens = await rp.finishLogin(page.url(), checks);
    expect(tokens.claims()!.aud).toBe(rp.clientId);
    await context.close();
  });
});
